using MedScribe.Grains.Tenancy;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>The real host, built in the benchmark's configuration, run as its own process with one unthrottled tenant.</summary>
public static class BenchSilo
{
    public const string Key = "sk_test_bench00000000000000000000000000";

    /// <summary>Starts the host on free ports and returns it with an HTTP client that carries the tenant's key.</summary>
    public static async Task<(ChildProcess Process, HttpClient Http)> StartAsync(AzuriteInstance azurite, int connections, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var port = AzuriteInstance.FreePort();
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "MedScribe.Silo", "bin",
            new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name, "net10.0", "MedScribe.Silo.dll");
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__MedScribe.Startup"] = "Information",
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Orleans__SiloPort"] = AzuriteInstance.FreePort().ToString(),
            ["Orleans__GatewayPort"] = AzuriteInstance.FreePort().ToString(),
            ["Admin__ApiKey"] = "adm_bench_000000000000000000000000",
            // Production requires the Dx0 API's token key and users file (since session 3).
            ["UI_SECRET_KEY"] = Dx0Users.SecretKey,
            ["Dx0__UsersFile"] = Dx0Users.File,
            ["Tenants__bench__RequestsPerMinute"] = "100000000",
            ["Tenants__bench__KeyHashes__0"] = ApiKeys.Hash(Key),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var process = ChildProcess.StartDotnet(dll, [], settings, line => line.Contains("MedScribe is listening on", StringComparison.Ordinal));
        try
        {
            await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-API-Key", Key);
        return (process, http);
    }
}
