using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Tenancy;
using MedScribe.Abstractions.Webhooks;
using MedScribe.Client;
using MedScribe.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// Webhook management (msa-protocol.md §2.7) and our delivery-log extension: register, list, delete,
/// the deliveries of one subscription, manual redelivery and a test event.
/// </summary>
public static partial class WebhooksApi
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/webhooks", CreateAsync);
        v1.MapGet("/webhooks", ListAsync);
        v1.MapDelete("/webhooks/{webhookId}", DeleteAsync);
        v1.MapGet("/webhooks/{webhookId}/deliveries", DeliveriesAsync);
        v1.MapPost("/webhooks/{webhookId}/deliveries/{deliveryId}/retry", RetryAsync);
        v1.MapPost("/webhooks/{webhookId}/test", TestAsync);
        return v1;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, IOptions<WebhookSettings> settings)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, 64 * 1024, allowEmpty: false);
        var (spec, generated) = Parse(body, settings.Value);
        var webhookId = "wh_" + RandomNumberGenerator.GetString(Alphabet, 24);
        var view = await grains.GetGrain<IWebhookGrain>(webhookId).CreateAsync(MsaCaller.TenantId(context), spec);
        var reply = Json(view);
        if (generated)
        {
            // The only time the secret is shown: the receiver needs it to verify signatures.
            reply["secret"] = spec.Secret;
        }

        context.Response.Headers.Location = $"/v1/webhooks/{webhookId}";
        return MsaErrors.Json(reply, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var webhooks = await grains.GetGrain<ITenantGrain>(MsaCaller.TenantId(context)).GetWebhooksAsync();
        return MsaErrors.Json(new JsonObject
        {
            ["webhooks"] = new JsonArray(webhooks.OrderBy(w => w.CreatedAt).Select(w => (JsonNode)Json(w)).ToArray()),
        }, StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string webhookId, HttpContext context, IGrainFactory grains)
    {
        await Webhook(grains, webhookId).DeleteAsync(MsaCaller.TenantId(context));
        return Results.NoContent();
    }

    private static async Task<IResult> DeliveriesAsync(string webhookId, HttpContext context, IGrainFactory grains)
    {
        var limit = DefaultLimit;
        if (context.Request.Query.TryGetValue("limit", out var text) && (!int.TryParse(text, out limit) || limit is < 1 or > MaxLimit))
        {
            throw ProtocolException.InvalidRequest($"limit must be an integer from 1 to {MaxLimit}.", new { field = "limit" });
        }

        var deliveries = await Webhook(grains, webhookId).GetDeliveriesAsync(MsaCaller.TenantId(context), limit);
        return MsaErrors.Json(new JsonObject
        {
            ["webhook_id"] = webhookId,
            ["deliveries"] = new JsonArray(deliveries.Select(d => (JsonNode)Json(d)).ToArray()),
        }, StatusCodes.Status200OK);
    }

    private static async Task<IResult> RetryAsync(string webhookId, string deliveryId, HttpContext context, IGrainFactory grains)
    {
        var delivery = await Webhook(grains, webhookId).RetryAsync(MsaCaller.TenantId(context), deliveryId);
        return MsaErrors.Json(Json(delivery), StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> TestAsync(string webhookId, HttpContext context, IGrainFactory grains)
    {
        var deliveryId = await Webhook(grains, webhookId).SendTestAsync(MsaCaller.TenantId(context));
        return MsaErrors.Json(new JsonObject
        {
            ["webhook_id"] = webhookId,
            ["delivery_id"] = deliveryId,
            ["event"] = WebhookEvents.Test,
        }, StatusCodes.Status202Accepted);
    }

    private static IWebhookGrain Webhook(IGrainFactory grains, string webhookId) =>
        WebhookIdPattern().IsMatch(webhookId)
            ? grains.GetGrain<IWebhookGrain>(webhookId)
            : throw WebhookGrain.WebhookNotFound(webhookId);

    /// <summary>Reads a registration; every invalid field is a 400 naming it. Unknown fields are ignored.</summary>
    public static (WebhookSpec Spec, bool SecretGenerated) Parse(JsonObject body, WebhookSettings settings)
    {
        var url = body["url"] switch
        {
            null => throw Invalid("url", "url is required."),
            JsonValue v when v.TryGetValue<string>(out var s) && Uri.TryCreate(s.Trim(), UriKind.Absolute, out var parsed) && s.Length <= 2048 => parsed,
            _ => throw Invalid("url", "url must be an absolute URL of at most 2048 characters."),
        };
        if (WebhookTargetGuard.Check(url, settings.RequireHttps, settings.AllowPrivateTargets) is { } problem)
        {
            throw Invalid("url", problem);
        }

        var events = body["events"] switch
        {
            null => throw Invalid("events", "events is required: a list of session events."),
            JsonArray { Count: 0 } => throw Invalid("events", "events must list at least one event."),
            JsonArray array => array.Select((e, i) => e is JsonValue v && v.TryGetValue<string>(out var name) && WebhookEvents.All.Contains(name)
                ? name
                : throw new ProtocolException("invalid_request", 400, $"events[{i}] is not a known event.",
                    new { field = $"events[{i}]", supported_events = WebhookEvents.All })).Distinct().ToList(),
            _ => throw Invalid("events", "events must be an array of event names."),
        };

        var generated = false;
        var secret = body["secret"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) && s.Length is >= 16 and <= 256 => s,
            _ => throw Invalid("secret", "secret must be a string of 16 to 256 characters."),
        };
        if (secret is null)
        {
            secret = WebhookSignature.NewSecret();
            generated = true;
        }

        var payload = body["payload"] switch
        {
            null => "thin",
            JsonValue v when v.TryGetValue<string>(out var s) && s is "thin" or "full" => s,
            _ => throw Invalid("payload", "payload must be \"thin\" (event notification only) or \"full\" (the session's results)."),
        };

        return (new WebhookSpec(url.AbsoluteUri, events, secret, payload == "full"), generated);
    }

    private static JsonObject Json(WebhookView w)
    {
        var body = new JsonObject
        {
            ["webhook_id"] = w.WebhookId,
            ["url"] = w.Url,
            ["events"] = new JsonArray(w.Events.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
            ["status"] = w.Active ? "active" : "disabled",
            ["created_at"] = SessionJson.Time(w.CreatedAt),
            ["payload"] = w.FullPayload ? "full" : "thin",
        };
        if (w.DisabledReason is { } reason)
        {
            body["disabled_reason"] = reason;
        }

        return body;
    }

    private static JsonObject Json(WebhookDelivery d) => new()
    {
        ["delivery_id"] = d.DeliveryId,
        ["event"] = d.Event,
        ["session_id"] = d.SessionId,
        ["status"] = d.Status,
        ["created_at"] = SessionJson.Time(d.CreatedAt),
        ["attempt_count"] = d.Attempts.Count,
        ["attempts"] = new JsonArray(d.Attempts.Select(a => (JsonNode)new JsonObject
        {
            ["attempted_at"] = a.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
            ["status_code"] = a.StatusCode,
            ["error"] = a.Error,
            ["latency_ms"] = a.LatencyMs,
        }).ToArray()),
        ["next_attempt_at"] = d.NextAttemptAt is { } next ? next.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'") : null,
    };

    private static ProtocolException Invalid(string field, string message) => ProtocolException.InvalidRequest(message, new { field });

    [GeneratedRegex("^wh_[A-Za-z0-9]{1,64}$")]
    private static partial Regex WebhookIdPattern();
}

/// <summary>The full (seed 000) payload's <c>data</c>: the session exactly as <c>GET /v1/sessions/{id}</c> shows it when the delivery is sent.</summary>
public sealed class MsaWebhookPayloads(IGrainFactory grains) : IWebhookPayloads
{
    public async Task<string> SessionDataAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
    {
        var session = await grains.GetGrain<ISessionGrain>(sessionId).GetAsync(tenantId).WaitAsync(cancellationToken);
        return SessionJson.Status(session).Body.ToJsonString();
    }
}
