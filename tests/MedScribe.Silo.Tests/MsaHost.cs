using MedScribe.Grains.Tenancy;

using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>A running host with three configured tenants and small limits, shared by the protocol tests.</summary>
public sealed class MsaHost(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string KeyA = "sk_test_tenantA000000000000000000000000";
    public const string KeyB = "sk_live_tenantB000000000000000000000000";
    public const string KeyLimited = "sk_test_limited00000000000000000000000";
    public const int MaxChunkBytes = 1_000_000;

    public SiloHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await SiloHost.StartAsync(azurite.ConnectionString, Configure);

    public static void Configure(Dictionary<string, string?> settings)
    {
        settings["Tenants__clinic-a__Name"] = "Clinic A";
        settings["Tenants__clinic-a__KeyHashes__0"] = ApiKeys.Hash(KeyA);
        settings["Tenants__clinic-b__Name"] = "Clinic B";
        settings["Tenants__clinic-b__KeyHashes__0"] = ApiKeys.Hash(KeyB);
        settings["Tenants__limited__RequestsPerMinute"] = "3";
        settings["Tenants__limited__KeyHashes__0"] = ApiKeys.Hash(KeyLimited);
        settings["Msa__MaxChunkBytes"] = MaxChunkBytes.ToString();
        settings["Msa__MaxAdditionalDataBytes"] = "4096";
        settings["Sessions__MaxChunks"] = "5";
    }

    public MsaClient Client(string key) => new(Host.CreateClient(), key);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
