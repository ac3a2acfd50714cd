using System.Diagnostics;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Concurrent diagnostic sessions on one silo: N physicians log in, each opens a socket and sends M messages
/// (questions, tests, then the diagnosis), waiting for each reply's last message. Reports logins per second,
/// messages per second and the reply latency; one socket sending alone is the baseline in the same run.
/// </summary>
public static class Dx0Benchmark
{
    private static readonly (string Action, string Content)[] Script =
    [
        ("QUESTION", "When did the pain start and where is it?"),
        ("QUESTION", "Any vomiting or nausea?"),
        ("TEST", "complete blood count"),
        ("QUESTION", "Any fever? What are the vital signs?"),
        ("TEST", "c-reactive protein"),
        ("QUESTION", "Examine the abdomen: tenderness, guarding, rebound?"),
        ("TEST", "ct abdomen and pelvis with contrast"),
        ("QUESTION", "Any urinary symptoms?"),
        ("QUESTION", "Past medical history and medications?"),
        ("DIAGNOSIS", "Acute appendicitis"),
    ];

    public static async Task<IReadOnlyList<Measurement>> RunAsync(AzuriteInstance azurite, int sockets, int messages)
    {
        var (process, _) = await BenchSilo.StartAsync(azurite, sockets, new Dictionary<string, string?>
        {
            ["Dx0__DefaultCase"] = "01-acute-appendicitis",
            ["UI_BUDGET_LIMIT"] = "100000",
        });
        await using var _ = process;
        var client = new Dx0Client(new Uri(process.Output.Split("MedScribe is listening on ")[1].Split(' ')[0]));

        // Warm-up: one session end to end, so grain types and the JIT are loaded before anything is timed.
        await SessionAsync(client, messages, null);

        var logins = new string[sockets];
        var login = await Measurement.RunAsync("login (bcrypt cost 4)", Math.Min(sockets, 16), sockets, async (_, i) => logins[i] = (await client.LoginAsync()).Access);

        var alone = new List<double>();
        var aloneWatch = Stopwatch.StartNew();
        for (var round = 0; round < 3; round++)
        {
            await SessionAsync(client, messages, alone);
        }

        aloneWatch.Stop();
        var single = Row($"1 socket alone, {messages} messages x 3 sessions", 1, alone, aloneWatch.Elapsed);

        var latencies = new List<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(logins.Select(token => Task.Run(async () =>
        {
            var mine = new List<double>();
            await using var socket = await client.ConnectAsync(token, "100000");
            foreach (var (action, content) in Script.Take(messages))
            {
                var started = Stopwatch.GetTimestamp();
                var answer = await socket.AskAsync(action, content, TimeSpan.FromMinutes(2));
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (answer[^1]["error"] is { } error)
                {
                    throw new InvalidOperationException($"A benchmark message failed: {error}");
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        watch.Stop();
        var concurrent = Row($"{sockets} sockets x {messages} messages, concurrently", sockets, latencies, watch.Elapsed);
        return [login, single, concurrent];
    }

    private static async Task SessionAsync(Dx0Client client, int messages, List<double>? latencies)
    {
        var (access, _) = await client.LoginAsync();
        await using var socket = await client.ConnectAsync(access, "100000");
        foreach (var (action, content) in Script.Take(messages))
        {
            var started = Stopwatch.GetTimestamp();
            await socket.AskAsync(action, content);
            latencies?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static Measurement Row(string name, int concurrency, List<double> latencies, TimeSpan elapsed)
    {
        latencies.Sort();
        return new Measurement(name, concurrency, latencies.Count, elapsed, latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]);
    }
}
