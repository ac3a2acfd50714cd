using MedScribe.Abstractions.Storage;
using MedScribe.Abstractions.Tenancy;

namespace MedScribe.Grains.Tenancy;

/// <summary>Persisted state of one key hash.</summary>
[GenerateSerializer]
public sealed class ApiKeyState
{
    [Id(0)] public string? TenantId { get; set; }
    [Id(1)] public string? KeyId { get; set; }
    [Id(2)] public bool Revoked { get; set; }
    [Id(3)] public int RequestsPerMinute { get; set; }
}

/// <summary>Maps a presented key, by its hash, to its tenant; consulted on every authenticated request.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("apikey", GrainStorageNames.Tables)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task BindAsync(string tenantId, string keyId, int requestsPerMinute)
    {
        state.State.TenantId = tenantId;
        state.State.KeyId = keyId;
        state.State.Revoked = false;
        state.State.RequestsPerMinute = requestsPerMinute;
        await state.WriteStateAsync();
    }

    public async Task RevokeAsync()
    {
        state.State.Revoked = true;
        await state.WriteStateAsync();
    }

    public Task<ApiKeyIdentity?> ResolveAsync() => Task.FromResult(
        state.State is { TenantId: { } tenant, KeyId: { } keyId, Revoked: false }
            ? new ApiKeyIdentity(tenant, keyId, state.State.RequestsPerMinute)
            : null);
}
