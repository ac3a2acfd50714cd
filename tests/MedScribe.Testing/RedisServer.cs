using System.Net.Sockets;
using System.Text;

namespace MedScribe.Testing;

/// <summary>A private redis-server (Debian package) on a free loopback port, without persistence, for one test.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private RedisServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var binary = File.Exists("/usr/bin/redis-server")
            ? "/usr/bin/redis-server"
            : throw new InvalidOperationException("redis-server is not installed: install the Debian package 'redis-server' (scripts/setup.sh does).");
        var (process, port) = await ChildProcess.StartOnDrawnPortsAsync(() =>
        {
            var port = AzuriteInstance.FreePort();
            return (ChildProcess.Start(binary, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                new Dictionary<string, string?>(), line => line.Contains("Ready to accept connections", StringComparison.Ordinal)), port);
        }, TimeSpan.FromSeconds(20));
        return new RedisServer(process, port);
    }

    /// <summary>DBSIZE over the plain protocol: how many keys the server holds.</summary>
    public async Task<long> KeyCountAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("DBSIZE\r\n"));
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        var reply = Encoding.ASCII.GetString(buffer, 0, read).Trim();
        return reply.StartsWith(':') ? long.Parse(reply[1..]) : throw new InvalidOperationException($"redis answered '{reply}'");
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
