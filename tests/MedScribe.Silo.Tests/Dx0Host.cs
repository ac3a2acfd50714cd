namespace MedScribe.Silo.Tests;

/// <summary>A host for the Dx0 tests: the seed's variable names set small limits; 127.0.0.1 is a trusted proxy, so each test can be its own client address.</summary>
public sealed class Dx0Host(AzuriteFixture azurite) : IAsyncLifetime
{
    public SiloHost Host { get; private set; } = null!;

    public Dx0Client Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await SiloHost.StartAsync(azurite.ConnectionString, Configure);
        Client = new Dx0Client(Host.BaseAddress);
    }

    public static void Configure(Dictionary<string, string?> settings)
    {
        settings["FAILED_LOGIN_LIMIT"] = "3";
        settings["FAILED_LOGIN_COOLDOWN"] = "2";
        settings["UI_BUDGET_LIMIT"] = "2000";
        settings["MESSAGE_RATE_LIMIT"] = "30";
        settings["Dx0__TrustedProxies__0"] = "127.0.0.1";
        settings["Dx0__DefaultCase"] = "01-acute-appendicitis";
    }

    /// <summary>Headers that make a request come from its own client address.</summary>
    public static Dictionary<string, string> From(string address) => new() { ["X-Forwarded-For"] = address };

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
