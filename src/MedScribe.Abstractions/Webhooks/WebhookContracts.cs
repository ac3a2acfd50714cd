using MedScribe.Abstractions.Sessions;

namespace MedScribe.Abstractions.Webhooks;

/// <summary>The session events a webhook can subscribe to (msa-protocol.md §6.1), and the test event.</summary>
public static class WebhookEvents
{
    public const string Started = "session.started";
    public const string Ended = "session.ended";
    public const string Completed = "session.completed";
    public const string Partial = "session.partial";
    public const string Failed = "session.failed";
    public const string Expired = "session.expired";

    /// <summary>Sent only by <c>POST /v1/webhooks/{id}/test</c>; not subscribable.</summary>
    public const string Test = "webhook.test";

    public static IReadOnlyList<string> All { get; } = [Started, Ended, Completed, Partial, Failed, Expired];
}

/// <summary>What <c>POST /v1/webhooks</c> registers.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookSpec(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> Events,
    [property: Id(2)] string Secret,
    [property: Id(3)] bool FullPayload);

/// <summary>A subscription as the API shows it; never carries the secret.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookView(
    [property: Id(0)] string WebhookId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> Events,
    [property: Id(4)] bool FullPayload,
    [property: Id(5)] bool Active,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string? DisabledReason);

/// <summary>
/// One event for one subscription. <paramref name="EventId"/> is stable (session id and event name),
/// so publishing it again after a crash yields the same delivery, never a second one. It names the session
/// and never carries it: a full payload is read from the session when the delivery is sent.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WebhookEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? SessionId,
    [property: Id(3)] DateTimeOffset At);

/// <summary>One HTTP attempt of a delivery.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Error,
    [property: Id(3)] long LatencyMs);

/// <summary>Where a delivery stands.</summary>
public static class WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    public const string Pending = "pending";

    /// <summary>A 2xx answer was received.</summary>
    public const string Delivered = "delivered";

    /// <summary>Every scheduled attempt failed, or the subscription was disabled or deleted.</summary>
    public const string Failed = "failed";
}

/// <summary>One event bound for one subscription, persisted before its first attempt.</summary>
[GenerateSerializer, Immutable]
public sealed record WebhookDelivery(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string WebhookId,
    [property: Id(2)] string EventId,
    [property: Id(3)] string Event,
    [property: Id(4)] string? SessionId,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string Body,
    [property: Id(7)] string Status,
    [property: Id(8)] IReadOnlyList<WebhookAttempt> Attempts,
    [property: Id(9)] DateTimeOffset? NextAttemptAt);

/// <summary>One subscriber endpoint: its settings and its durable outbox. Keyed by webhook id.</summary>
public interface IWebhookGrain : IGrainWithStringKey
{
    Task<WebhookView> CreateAsync(string tenantId, WebhookSpec spec);

    /// <summary>Removes the subscription and abandons what it has not delivered.</summary>
    Task DeleteAsync(string tenantId);

    /// <summary>Persists the delivery of <paramref name="evt"/> (once per event id) and schedules its first attempt.</summary>
    Task<string?> EnqueueAsync(WebhookEvent evt);

    /// <summary>The newest deliveries first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(string tenantId, int limit);

    /// <summary>Schedules another attempt now, whatever the delivery's state.</summary>
    Task<WebhookDelivery> RetryAsync(string tenantId, string deliveryId);

    /// <summary>Sends a <c>webhook.test</c> event; returns its delivery id.</summary>
    Task<string> SendTestAsync(string tenantId);

    /// <summary>Called by the grain's own sender when an attempt has ended and been recorded.</summary>
    Task AttemptEndedAsync(WebhookDelivery delivery, bool gone);
}

/// <summary>The durable outbox: one row per delivery, grouped by subscription.</summary>
public interface IWebhookOutbox
{
    /// <summary>Adds the delivery; false when a delivery with its id already exists.</summary>
    Task<bool> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default);

    Task UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default);

    Task<WebhookDelivery?> GetAsync(string webhookId, string deliveryId, CancellationToken cancellationToken = default);

    /// <summary>The subscription's deliveries, optionally only the pending ones, in no particular order.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListAsync(string webhookId, bool pendingOnly, CancellationToken cancellationToken = default);

    /// <summary>Deletes finished deliveries created before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(string webhookId, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Deletes every delivery of the subscription.</summary>
    Task DeleteAllAsync(string webhookId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads a session for the full (seed 000) payload when a delivery is sent, in the same shape as
/// <c>GET /v1/sessions/{id}</c>; a session that cannot be read throws, and the attempt is retried.
/// </summary>
public interface IWebhookPayloads
{
    Task<string> SessionDataAsync(string tenantId, string sessionId, CancellationToken cancellationToken);
}
