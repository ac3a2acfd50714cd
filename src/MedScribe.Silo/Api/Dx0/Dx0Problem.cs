using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Api.Dx0;

/// <summary>A Dx0 API error: the HTTP status and the seed's <c>{"detail": "…"}</c> body.</summary>
public sealed class Dx0Problem(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Detail { get; } = detail;

    /// <summary>Seconds to wait, for 429.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static Dx0Problem Unauthorized(string detail) => new(401, detail);

    public static Dx0Problem Invalid(string detail) => new(422, detail);

    public static IResult Result(int status, string detail) =>
        Results.Text(new JsonObject { ["detail"] = detail }.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>Reads a small JSON object body: not JSON is 400; the fields are checked by the caller (422).</summary>
    public static async Task<JsonObject> ReadBodyAsync(HttpRequest request, int maxBytes = 1 << 20)
    {
        var body = await RequestBody.ReadAsync(request, maxBytes)
            ?? throw new Dx0Problem(413, $"The request body is larger than {maxBytes} bytes.");
        var (node, problem) = StrictJson.Parse(body);
        return problem is not null
            ? throw new Dx0Problem(400, $"The request body is {problem.Reason}.")
            : node as JsonObject ?? throw new Dx0Problem(400, "The request body must be a JSON object.");
    }

    /// <summary>A required string field; 422 naming it when missing or not a string.</summary>
    public static string RequiredString(JsonObject body, string field)
    {
        if (body[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
        {
            return text;
        }

        throw Invalid($"body.{field}: field required (a non-empty string)");
    }
}

/// <summary>Turns a <see cref="Dx0Problem"/> from any Dx0 endpoint into its status and <c>{"detail"}</c>.</summary>
public sealed class Dx0ProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (Dx0Problem problem)
        {
            if (problem.Status == 401)
            {
                invocation.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            }

            if (problem.RetryAfterSeconds is { } seconds)
            {
                invocation.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Dx0Problem.Result(problem.Status, problem.Detail);
        }
    }
}
