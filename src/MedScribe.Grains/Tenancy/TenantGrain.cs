using MedScribe.Abstractions.Storage;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Templates;
using MedScribe.Abstractions.Webhooks;
using MedScribe.Abstractions.Tenancy;

namespace MedScribe.Grains.Tenancy;

/// <summary>Persisted state of a tenant.</summary>
[GenerateSerializer]
public sealed class TenantState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public int RequestsPerMinute { get; set; }
    [Id(2)] public List<TenantKey> Keys { get; set; } = [];
    [Id(3)] public bool Exists { get; set; }
    [Id(4)] public List<CustomTemplate> Templates { get; set; } = [];
    [Id(5)] public List<WebhookView> Webhooks { get; set; } = [];
}

/// <summary>One key of a tenant, by hash.</summary>
[GenerateSerializer]
public sealed class TenantKey
{
    [Id(0)] public string KeyId { get; set; } = "";
    [Id(1)] public string Sha256 { get; set; } = "";
    [Id(2)] public string Prefix { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset? RevokedAt { get; set; }

    public ApiKeyInfo ToInfo() => new(KeyId, Prefix, CreatedAt, RevokedAt);
}

/// <summary>One customer: its API keys (hashes only) and its rate limit.</summary>
public sealed class TenantGrain(
    [PersistentState("tenant", GrainStorageNames.Blobs)] IPersistentState<TenantState> state,
    IGrainFactory grains,
    TimeProvider clock) : Grain, ITenantGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task EnsureAsync(string name, int requestsPerMinute)
    {
        state.State.Exists = true;
        state.State.Name = name;
        state.State.RequestsPerMinute = requestsPerMinute;
        await state.WriteStateAsync();
        // Key grains cache the limit; refresh them so a changed limit applies at once.
        foreach (var key in state.State.Keys.Where(k => k.RevokedAt is null))
        {
            await grains.GetGrain<IApiKeyGrain>(key.Sha256).BindAsync(TenantId, key.KeyId, state.State.RequestsPerMinute);
        }
    }

    public async Task<IssuedApiKey> CreateKeyAsync(bool live)
    {
        EnsureExists();
        var key = ApiKeys.Generate(live);
        var info = await AddAsync(ApiKeys.Hash(key), ApiKeys.DisplayPrefix(key));
        return new IssuedApiKey(info, key);
    }

    public async Task<ApiKeyInfo> AddKeyHashAsync(string sha256Hex, string prefix)
    {
        EnsureExists();
        var existing = state.State.Keys.FirstOrDefault(k => k.Sha256 == sha256Hex && k.RevokedAt is null);
        return existing?.ToInfo() ?? await AddAsync(sha256Hex, prefix);
    }

    public async Task RevokeKeyAsync(string keyId)
    {
        var key = state.State.Keys.FirstOrDefault(k => k.KeyId == keyId)
            ?? throw new KeyNotFoundException($"Tenant '{TenantId}' has no key '{keyId}'.");
        if (key.RevokedAt is not null)
        {
            return;
        }

        key.RevokedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        await grains.GetGrain<IApiKeyGrain>(key.Sha256).RevokeAsync();
    }

    public Task<TenantView?> GetAsync() => Task.FromResult(state.State.Exists
        ? new TenantView(TenantId, state.State.Name, state.State.RequestsPerMinute, state.State.Keys.Select(k => k.ToInfo()).ToList())
        : null);

    public async Task PutTemplateAsync(CustomTemplate template, int maxPerTenant = int.MaxValue)
    {
        EnsureExists();
        if (state.State.Templates.All(t => t.Id != template.Id))
        {
            EnsureRoomForTemplate(maxPerTenant);
        }

        state.State.Templates.RemoveAll(t => t.Id == template.Id);
        state.State.Templates.Add(template);
        await state.WriteStateAsync();
    }

    public async Task AddTemplateAsync(CustomTemplate template, int maxPerTenant)
    {
        EnsureExists();
        if (state.State.Templates.Any(t => t.Id == template.Id))
        {
            throw new ProtocolException("template_exists", 409,
                $"This tenant already has a template '{template.Id}'; replace it with PUT /v1/templates/{template.Id} or delete it first.", new { field = "id" });
        }

        EnsureRoomForTemplate(maxPerTenant);
        state.State.Templates.Add(template);
        await state.WriteStateAsync();
    }

    private void EnsureRoomForTemplate(int maxPerTenant)
    {
        if (state.State.Templates.Count >= maxPerTenant)
        {
            throw new ProtocolException("template_limit_reached", 409,
                $"A tenant may define at most {maxPerTenant} templates; delete one first.", new { limit = maxPerTenant });
        }
    }

    public async Task<bool> RemoveTemplateAsync(string templateId)
    {
        if (state.State.Templates.RemoveAll(t => t.Id == templateId) == 0)
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<CustomTemplate>> GetTemplatesAsync() =>
        Task.FromResult<IReadOnlyList<CustomTemplate>>(state.State.Templates.OrderBy(t => t.Id, StringComparer.Ordinal).ToList());

    public async Task AddWebhookAsync(WebhookView webhook, int maxPerTenant)
    {
        if (state.State.Webhooks.Count >= maxPerTenant)
        {
            throw new ProtocolException("webhook_limit_reached", 409,
                $"A tenant may register at most {maxPerTenant} webhooks; delete one first.", new { limit = maxPerTenant });
        }

        state.State.Webhooks.RemoveAll(w => w.WebhookId == webhook.WebhookId);
        state.State.Webhooks.Add(webhook);
        await state.WriteStateAsync();
    }

    public async Task UpdateWebhookAsync(WebhookView webhook)
    {
        var index = state.State.Webhooks.FindIndex(w => w.WebhookId == webhook.WebhookId);
        if (index >= 0)
        {
            state.State.Webhooks[index] = webhook;
            await state.WriteStateAsync();
        }
    }

    public async Task<bool> RemoveWebhookAsync(string webhookId)
    {
        if (state.State.Webhooks.RemoveAll(w => w.WebhookId == webhookId) == 0)
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<WebhookView>> GetWebhooksAsync() =>
        Task.FromResult<IReadOnlyList<WebhookView>>(state.State.Webhooks.ToList());

    private async Task<ApiKeyInfo> AddAsync(string sha256, string prefix)
    {
        var key = new TenantKey
        {
            KeyId = "key_" + Guid.NewGuid().ToString("N")[..16],
            Sha256 = sha256,
            Prefix = prefix,
            CreatedAt = clock.GetUtcNow(),
        };
        state.State.Keys.Add(key);
        await state.WriteStateAsync();
        await grains.GetGrain<IApiKeyGrain>(sha256).BindAsync(TenantId, key.KeyId, state.State.RequestsPerMinute);
        return key.ToInfo();
    }

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw new KeyNotFoundException($"Tenant '{TenantId}' does not exist.");
        }
    }
}
