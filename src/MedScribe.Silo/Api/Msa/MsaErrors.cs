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

    /// <summary>
    /// The error boundary of <c>/v1</c> and <c>/admin</c>: a <see cref="ProtocolException"/> thrown anywhere below
    /// (grains included), Kestrel's own limits, an unexpected fault (500, never a stack trace), and every error status
    /// the framework answers without a body (no route, wrong method, a failed admin challenge) all leave in the
    /// envelope with <c>details</c>. HEAD is answered wherever GET is, without the body.
    /// </summary>
    public static IApplicationBuilder UseMsaErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var ours = path.StartsWithSegments("/v1") || path.StartsWithSegments("/admin") || path.StartsWithSegments("/.well-known");
        if (HttpMethods.IsHead(context.Request.Method))
        {
            // Routed as GET; Kestrel still sends no body for the HEAD request line.
            context.Request.Method = HttpMethods.Get;
        }

        if (ours && Oversized(context.Request) is { } refusal)
        {
            await Json(Envelope(CodeFor(refusal.Status), refusal.Message, Where(context)), refusal.Status).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (ProtocolException e) when (!context.Response.HasStarted)
        {
            // Headers already set (X-RateLimit-*, Retry-After) stay on the error response.
            await Result(e).ExecuteAsync(context);
            return;
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own limits (body too large, malformed framing, a body that stalls) in our envelope too.
            await Json(Envelope(CodeFor(e.StatusCode), e.Message, Where(context)), e.StatusCode).ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (ours && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MedScribe.Errors")
                .LogError(e, "Unhandled fault on {Method} {Path} (trace {TraceId})", context.Request.Method, path, context.TraceIdentifier);
            var details = Where(context);
            details["trace_id"] = context.TraceIdentifier;
            await Json(Envelope("internal_error", "The service failed unexpectedly; nothing you sent was lost. Quote the trace id to the operator.", details), 500)
                .ExecuteAsync(context);
            return;
        }

        if (ours && context.Response.StatusCode >= 400 && !context.Response.HasStarted
            && context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            var status = context.Response.StatusCode;
            var message = status switch
            {
                404 => $"There is no {context.Request.Method} {path} in this API; see /openapi/v1.json.",
                405 => $"{path} does not answer {context.Request.Method}; it answers {context.Response.Headers.Allow}.",
                401 => "Authentication is required.",
                _ => $"The request was refused with HTTP {status}.",
            };
            await Json(Envelope(CodeFor(status), message, Where(context)), status).ExecuteAsync(context);
        }
    });

    /// <summary>
    /// The request line and header limits the API answers in its envelope. Kestrel's own limits are set above these
    /// (<see cref="KestrelRequestLineBytes"/>, <see cref="KestrelHeaderBytes"/>), so only requests larger still meet
    /// Kestrel's bare 414 or 431.
    /// </summary>
    public const int MaxRequestTargetLength = 8 * 1024;

    public const int MaxHeaderBytes = 32 * 1024;

    public const int KestrelRequestLineBytes = 64 * 1024;

    public const int KestrelHeaderBytes = 128 * 1024;

    private static (int Status, string Message)? Oversized(HttpRequest request)
    {
        var target = (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (target > MaxRequestTargetLength)
        {
            return (414, $"The request target is {target} characters; at most {MaxRequestTargetLength} are read.");
        }

        var headers = request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v?.Length ?? 0));
        return headers > MaxHeaderBytes ? (431, $"The request headers take {headers} bytes; at most {MaxHeaderBytes} are read.") : null;
    }

    /// <summary>The protocol's code for an HTTP status the framework chose.</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "invalid_request",
        401 => "authentication_failed",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "request_timeout",
        413 => "file_too_large",
        414 => "uri_too_long",
        415 => "unsupported_media_type",
        429 => "rate_limit_exceeded",
        431 => "headers_too_large",
        503 => "service_unavailable",
        _ => status >= 500 ? "internal_error" : "invalid_request",
    };

    private static JsonObject Where(HttpContext context) => new()
    {
        ["method"] = context.Request.Method,
        ["path"] = context.Request.Path.Value,
    };
}
