using Orleans.Concurrency;
using MedScribe.Abstractions.Templates;
using MedScribe.Abstractions.Webhooks;

namespace MedScribe.Abstractions.Tenancy;

/// <summary>One customer: its API keys (stored as hashes) and limits. Keyed by tenant id.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the tenant.</summary>
    Task EnsureAsync(string name, int requestsPerMinute);

    /// <summary>Issues a new key; its plain text is returned here and never again.</summary>
    Task<IssuedApiKey> CreateKeyAsync(bool live);

    /// <summary>Registers a key known only by its SHA-256 hash (provisioned from configuration).</summary>
    Task<ApiKeyInfo> AddKeyHashAsync(string sha256Hex, string prefix);

    /// <summary>Revokes a key; it stops working at once.</summary>
    Task RevokeKeyAsync(string keyId);

    /// <summary>The tenant's settings and keys (hashes only).</summary>
    Task<TenantView?> GetAsync();

    /// <summary>Adds or replaces one of the tenant's own templates; a new one past <paramref name="maxPerTenant"/> is <c>409 template_limit_reached</c>.</summary>
    Task PutTemplateAsync(CustomTemplate template, int maxPerTenant = int.MaxValue);

    /// <summary>Adds a new template; refuses an id the tenant already uses (<c>409 template_exists</c>) and more than <paramref name="maxPerTenant"/>.</summary>
    Task AddTemplateAsync(CustomTemplate template, int maxPerTenant);

    /// <summary>Removes one of the tenant's own templates; returns false when there was none.</summary>
    Task<bool> RemoveTemplateAsync(string templateId);

    /// <summary>The tenant's own templates.</summary>
    Task<IReadOnlyList<CustomTemplate>> GetTemplatesAsync();

    /// <summary>Lists a new subscription; refuses with <c>409 webhook_limit_reached</c> past <paramref name="maxPerTenant"/>.</summary>
    Task AddWebhookAsync(WebhookView webhook, int maxPerTenant);

    /// <summary>Replaces a listed subscription (for example when it was disabled).</summary>
    Task UpdateWebhookAsync(WebhookView webhook);

    /// <summary>Removes a subscription from the list; false when it was not listed.</summary>
    Task<bool> RemoveWebhookAsync(string webhookId);

    /// <summary>The tenant's subscriptions, active or disabled. Read on every session event, so reads interleave.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WebhookView>> GetWebhooksAsync();
}

/// <summary>Maps one API key, by its SHA-256 hash, to its tenant. Keyed by the hash in lower-case hex.</summary>
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Binds this key hash to a tenant and caches the tenant's rate limit.</summary>
    Task BindAsync(string tenantId, string keyId, int requestsPerMinute);

    /// <summary>Stops this key from authenticating.</summary>
    Task RevokeAsync();

    /// <summary>The tenant this key belongs to, or null when unknown or revoked.</summary>
    Task<ApiKeyIdentity?> ResolveAsync();
}

[GenerateSerializer, Immutable]
public sealed record ApiKeyIdentity([property: Id(0)] string TenantId, [property: Id(1)] string KeyId, [property: Id(2)] int RequestsPerMinute);

[GenerateSerializer, Immutable]
public sealed record ApiKeyInfo(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Prefix,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? RevokedAt);

[GenerateSerializer, Immutable]
public sealed record IssuedApiKey([property: Id(0)] ApiKeyInfo Info, [property: Id(1)] string Key);

[GenerateSerializer, Immutable]
public sealed record TenantView(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Name,
    [property: Id(2)] int RequestsPerMinute,
    [property: Id(3)] IReadOnlyList<ApiKeyInfo> Keys);
