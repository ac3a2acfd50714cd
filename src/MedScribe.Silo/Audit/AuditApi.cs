using System.Globalization;
using System.Text.Json.Nodes;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Audit;
using MedScribe.Silo.Api.Msa;
using MedScribe.Silo.Auth;

namespace MedScribe.Silo.Audit;

/// <summary><c>GET /admin/audit</c>: the operator reads the trail, newest first; nothing can change or remove it.</summary>
public static class AuditApi
{
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/audit", QueryAsync).RequireAuthorization(AdminKeyAuthenticationHandler.Policy).WithTags("Admin")
            .WithSummary("The audit trail, newest first: ?tenant=, ?resource= (e.g. session:ses_…), ?from= and ?to= (ISO 8601; the last 24 hours by default), ?limit= (at most 1000).");
        return app;
    }

    private static async Task<IResult> QueryAsync(HttpContext context, IAuditLog log, TimeProvider clock)
    {
        var query = context.Request.Query;
        var to = Time(query["to"], "to") ?? clock.GetUtcNow();
        var from = Time(query["from"], "from") ?? to.AddDays(-1);
        if (from > to)
        {
            throw ProtocolException.InvalidRequest("from must not be after to.", new { field = "from" });
        }

        if (to - from > TimeSpan.FromDays(31))
        {
            throw ProtocolException.InvalidRequest("The window is at most 31 days; page through longer ones.", new { field = "from" });
        }

        var limit = query["limit"].ToString() is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= MaxLimit
                ? n
                : throw ProtocolException.InvalidRequest($"limit must be a whole number from 1 to {MaxLimit}.", new { field = "limit" })
            : 100;
        string? Optional(string name) => query[name].ToString() is { Length: > 0 and <= 200 } value ? value : null;
        var records = await log.QueryAsync(new AuditQuery(from, to, Optional("tenant"), Optional("resource"), limit), context.RequestAborted);
        return MsaErrors.Json(new JsonObject
        {
            ["from"] = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["to"] = to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["records"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
            {
                ["at"] = r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["actor"] = r.Actor,
                ["tenant_id"] = r.TenantId,
                ["key_id"] = r.KeyId,
                ["method"] = r.Method,
                ["route"] = r.Route,
                ["resource"] = r.Resource,
                ["status"] = r.Status,
                ["client"] = r.Client,
                ["trace_id"] = r.TraceId,
            }).ToArray()),
        }, StatusCodes.Status200OK);
    }

    private static DateTimeOffset? Time(Microsoft.Extensions.Primitives.StringValues value, string field) =>
        value.ToString() is { Length: > 0 } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at
                : throw ProtocolException.InvalidRequest($"{field} must be an ISO 8601 date and time.", new { field })
            : null;
}
