using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Abstractions;

namespace MedScribe.Silo.Api.Msa;

/// <summary>The protocol's error envelope, <c>{"error":{"code","message","details"}}</c>, written in one place.</summary>
public static class MsaErrors
{
    public static JsonObject Envelope(string code, string message, JsonNode? details = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (details is not null)
        {
            error["details"] = details;
        }

        return new JsonObject { ["error"] = error };
    }

    public static JsonObject Envelope(ProtocolException e) =>
        Envelope(e.Code, e.Message, e.DetailsJson is null ? null : JsonNode.Parse(e.DetailsJson));

    public static IResult Result(ProtocolException e) => Json(Envelope(e), e.HttpStatus);

    public static IResult Json(JsonNode body, int status) =>
        Results.Text(body.ToJsonString(JsonOptions), "application/json", System.Text.Encoding.UTF8, status);

    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    /// <summary>Turns a <see cref="ProtocolException"/> thrown anywhere below (including inside grains) into the envelope.</summary>
    public static IApplicationBuilder UseMsaErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (ProtocolException e) when (!context.Response.HasStarted)
        {
            // Headers already set (X-RateLimit-*, Retry-After) stay on the error response.
            await Result(e).ExecuteAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own limits (body too large, malformed framing) in our envelope too.
            await Json(Envelope("invalid_request", e.Message), e.StatusCode).ExecuteAsync(context);
        }
    });
}
