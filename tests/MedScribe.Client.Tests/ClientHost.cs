using System.Security.Cryptography;
using System.Text;
using MedScribe.Testing;

[assembly: AssemblyFixture(typeof(MedScribe.Client.Tests.ClientHost))]

namespace MedScribe.Client.Tests;

/// <summary>Azurite and one real host with two tenants (one limited to 2 requests a minute), shared by the client tests.</summary>
public sealed class ClientHost : IAsyncLifetime
{
    public const string Key = "sk_test_clientlib0000000000000000000000";
    public const string LimitedKey = "sk_test_clientslow000000000000000000000";

    private AzuriteInstance? _azurite;

    public SiloHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        Host = await SiloHost.StartAsync(_azurite.ConnectionString, s =>
        {
            s["Tenants__emr__Name"] = "Client tests";
            s["Tenants__emr__KeyHashes__0"] = Hash(Key);
            s["Tenants__slow__RequestsPerMinute"] = "2";
            s["Tenants__slow__KeyHashes__0"] = Hash(LimitedKey);
            s["Webhooks__AllowPrivateTargets"] = "true";
            s["Webhooks__RequireHttps"] = "false";
        });
    }

    public MedScribeClient Client(string key = Key) => new(Host.BaseAddress, key) { FirstBackoff = TimeSpan.FromMilliseconds(50) };

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
