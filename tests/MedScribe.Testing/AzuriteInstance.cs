using System.Net;
using System.Net.Sockets;

namespace MedScribe.Testing;

/// <summary>
/// A private Azurite process on free loopback ports with in-memory storage, started from the
/// repository's pinned copy in azurite/node_modules, so test runs never share or leave state.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process;

    private AzuriteInstance(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>Connection string for the blob, queue and table endpoints of this instance.</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>A development-account connection string for Azurite-style endpoints on loopback.</summary>
    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>
    /// Starts Azurite and waits until its ports accept connections. Free ports are only free until someone
    /// takes them (test assemblies start their Azurites side by side), so a start that loses a port race is
    /// tried again on new ports.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(FreePorts(3), cancellationToken);
            }
            catch (InvalidOperationException e) when (attempt < 4 && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>Starts Azurite on the blob, queue and table ports given (for storage that comes up after a silo was pointed at it).</summary>
    public static Task<AzuriteInstance> StartOnAsync(int blobPort, int queuePort, int tablePort, CancellationToken cancellationToken = default) =>
        StartOnceAsync([blobPort, queuePort, tablePort], cancellationToken);

    private static async Task<AzuriteInstance> StartOnceAsync(int[] ports, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {script}. Run 'npm ci' in {Path.Combine(root, "azurite")} (scripts/setup.sh does).");
        }

        var (blob, queue, table) = (ports[0], ports[1], ports[2]);
        string[] arguments =
        [
            script, "--silent", "--inMemoryPersistence", "--extentMemoryLimit", "1024",
            "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
        ];
        var instance = new AzuriteInstance(ChildProcess.Start("node", arguments, new Dictionary<string, string?>(), _ => false), blob, queue, table);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await AcceptsAsync(table) && await AcceptsAsync(blob) && await AcceptsAsync(queue)))
        {
            if (instance._process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = instance._process.Output;
                await instance.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start: {output}");
            }

            await Task.Delay(100, cancellationToken);
        }

        return instance;
    }

    /// <summary>Stops Azurite abruptly, as an outage would.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort() => FreePorts(1)[0];

    /// <summary>
    /// Distinct loopback ports that were free a moment ago (all held at once while chosen, so none repeats), drawn below
    /// Linux's ephemeral range (32768–60999): a port the kernel handed out as free is the next outgoing connection's source
    /// port as likely as anything, and a silo then failed to bind it ("address already in use") while the suite ran.
    /// </summary>
    public static int[] FreePorts(int count)
    {
        var chosen = new List<TcpListener>();
        try
        {
            while (chosen.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(20000, 32000));
                try
                {
                    listener.Start();
                    chosen.Add(listener);
                }
                catch (SocketException)
                {
                    // Taken: draw another.
                }
            }

            return chosen.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            chosen.ForEach(l => l.Stop());
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
