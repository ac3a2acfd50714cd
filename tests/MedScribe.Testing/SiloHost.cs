
namespace MedScribe.Testing;

/// <summary>The real MedScribe.Silo binary run as a process on free ports.</summary>
public sealed class SiloHost : IAsyncDisposable
{
    public const string AdminKey = "adm_test_0123456789abcdef0123";
    private const string ReadyLine = "MedScribe is listening on";

    private SiloHost(ChildProcess process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public ChildProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>The settings a test host gets unless the test overrides them (a null value removes one).</summary>
    public static Dictionary<string, string?> Settings(string? connectionString, int httpPort) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Storage__ConnectionString"] = connectionString,
        ["Urls"] = $"http://127.0.0.1:{httpPort}",
        ["Orleans__ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
        // Grain state and reminders are keyed by service id: each host its own, unless a test shares it on purpose.
        ["Orleans__ServiceId"] = "svc-" + Guid.NewGuid().ToString("N")[..8],
        ["Orleans__SiloPort"] = AzuriteInstance.FreePort().ToString(),
        ["Orleans__GatewayPort"] = AzuriteInstance.FreePort().ToString(),
        ["Admin__ApiKey"] = AdminKey,
        ["UI_SECRET_KEY"] = Dx0Users.SecretKey,
        ["Dx0__UsersFile"] = Dx0Users.File,
    };

    /// <summary>
    /// Starts the host and waits for its ready banner; on ports drawn again, with the test's own settings applied again, when
    /// another process took one first (<see cref="ChildProcess.StartOnDrawnPortsAsync"/>).
    /// </summary>
    public static async Task<SiloHost> StartAsync(string connectionString, Action<Dictionary<string, string?>>? adjust = null)
    {
        // Two minutes: on a 2-core machine busy with other test assemblies a cold start has taken over one.
        var (process, port) = await ChildProcess.StartOnDrawnPortsAsync(() =>
        {
            var port = AzuriteInstance.FreePort();
            var settings = Settings(connectionString, port);
            adjust?.Invoke(settings);
            return (Launch(settings), port);
        }, TimeSpan.FromSeconds(120));
        return new SiloHost(process, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Starts the host without waiting, for tests that expect it to refuse to start.</summary>
    public static ChildProcess Launch(IReadOnlyDictionary<string, string?> settings) =>
        ChildProcess.StartDotnet(SiloDll(), [], settings, line => line.Contains(ReadyLine, StringComparison.Ordinal));

    /// <summary>A client whose every answer is checked against the service's OpenAPI document (<see cref="ContractCheckingHandler"/>).</summary>
    public HttpClient CreateClient() => ContractCheckingHandler.CreateClient(BaseAddress);

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static string SiloDll()
    {
        // Tests run from tests/<project>/bin/<configuration>/<tfm>/; the host is built to the same configuration.
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(RepositoryRoot.Find(), "src", "MedScribe.Silo", "bin", configuration, testBin.Name, "MedScribe.Silo.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The host is not built at {dll}.");
    }
}
