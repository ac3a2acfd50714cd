using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// The speech pipeline through real silos (issue 17), with Chrome-style WebM recordings of the public
/// consults in 15-s chunks:
/// <c>backlog</c> — a 10-minute recording uploaded at once, 1 worker against 2, then two silos (<c>two-silos</c>: only those);
/// <c>live [minutes] [pace] [runs]</c> — /end → completed for a recording uploaded at pace × real time;
/// <c>load [sessions] [minutes] [pace]</c> — many sessions at once on one silo: warnings, timeouts, /end → completed.
/// </summary>
public static class PipelineBenchmark
{
    public static async Task RunAsync(AzuriteInstance azurite, string[] args)
    {
        var mode = args.Length > 1 ? args[1] : "backlog";
        double Arg(int position, double fallback) => args.Length > position ? double.Parse(args[position], CultureInfo.InvariantCulture) : fallback;
        switch (mode)
        {
            case "backlog":
                await BacklogAsync(azurite, workersToo: true);
                break;
            case "two-silos":
                await BacklogAsync(azurite, workersToo: false);
                break;
            case "live":
                await LiveAsync(azurite, (int)Arg(2, 30), Arg(3, 1), (int)Arg(4, 3));
                break;
            case "load":
                await LoadAsync(azurite, (int)Arg(2, 50), (int)Arg(3, 2), Arg(4, 1));
                break;
            default:
                throw new ArgumentException($"Unknown pipeline benchmark '{mode}': backlog, live, load.");
        }
    }

    private static async Task BacklogAsync(AzuriteInstance azurite, bool workersToo)
    {
        var parts = BrowserRecordings.Cut(await BrowserRecordings.GetAsync(10), 10, 15);
        var turnaround = new Dictionary<int, double>();
        Console.WriteLine("| setup | upload → completed | /end → completed | windows recognized per silo |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var workers in workersToo ? new[] { 1, 2 } : [])
        {
            await using var cluster = await Cluster.StartAsync(azurite, silos: 1, workers, $"backlog{workers}");
            var (total, afterEnd, _, _) = await RecordAsync(cluster.Http[0], parts, pace: 0);
            turnaround[workers] = total;
            Console.WriteLine($"| one silo, {workers} worker(s) | {total:F1} s | {afterEnd:F1} s | {string.Join(", ", await cluster.WindowsAsync())} |");
        }

        if (workersToo)
        {
            Console.WriteLine($"| 2 workers / 1 worker | **{turnaround[2] / turnaround[1]:F2}** | | |");
        }

        await using (var two = await Cluster.StartAsync(azurite, silos: 2, workers: 1, "backlog2silos"))
        {
            var (total, afterEnd, _, _) = await RecordAsync(two.Http[0], parts, pace: 0);
            Console.WriteLine($"| two silos on this machine, 1 worker each (uploads to the first) | {total:F1} s | {afterEnd:F1} s | {string.Join(", ", await two.WindowsAsync())} |");
        }
    }

    private static async Task LiveAsync(AzuriteInstance azurite, int minutes, double pace, int runs)
    {
        var parts = BrowserRecordings.Cut(await BrowserRecordings.GetAsync(minutes), minutes, 15);
        await using var cluster = await Cluster.StartAsync(azurite, silos: 1, workers: Environment.ProcessorCount, "live");
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var afterEnd = (await RecordAsync(cluster.Http[0], parts, pace)).AfterEnd;
            times.Add(afterEnd);
            Console.WriteLine($"{minutes}-minute browser recording at {pace:0.##}x real time, run {run + 1}: /end → completed {afterEnd:F2} s");
        }

        times.Sort();
        Console.WriteLine($"/end → completed, {minutes}-minute recording at {pace:0.##}x: p50 {times[times.Count / 2]:F2} s, p95 {times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)]:F2} s over {runs} runs");
        Warnings(cluster);
    }

    private static async Task LoadAsync(AzuriteInstance azurite, int sessions, int minutes, double pace)
    {
        var parts = BrowserRecordings.Cut(await BrowserRecordings.GetAsync(minutes), minutes, 15);
        await using var cluster = await Cluster.StartAsync(azurite, silos: 1, workers: Environment.ProcessorCount, "load");
        var results = await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
        {
            // Staggered starts over one chunk, as real consults do not start together.
            await Task.Delay(TimeSpan.FromSeconds(15.0 / pace * i / sessions));
            return await RecordAsync(cluster.Http[0], parts, pace);
        }));
        var afterEnd = results.Select(r => r.AfterEnd).Order().ToList();
        Console.WriteLine($"{sessions} sessions of {minutes} min at {pace:0.##}x real time on one silo ({Environment.ProcessorCount} workers): " +
            $"/end → completed p50 {afterEnd[afterEnd.Count / 2]:F1} s, p95 {afterEnd[(int)Math.Ceiling(afterEnd.Count * 0.95) - 1]:F1} s, max {afterEnd[^1]:F1} s");
        Warnings(cluster);
    }

    /// <summary>What one recorded session measured.</summary>
    public sealed record Recorded(double Total, double AfterEnd, long TranscribedBeforeEndMs, JsonNode Body);

    /// <summary>
    /// Uploads 15-s chunks (at <paramref name="pace"/> × real time, or at once for 0), ends, polls until the session
    /// completes: seconds from the first upload and from /end, and how much was transcribed before /end.
    /// </summary>
    public static async Task<Recorded> RecordAsync(HttpClient http, IReadOnlyList<byte[]> parts, double pace, string contentType = "audio/webm;codecs=opus")
    {
        var created = await http.PostAsync("/v1/sessions", new StringContent("""{"templates":["transcript"]}""", System.Text.Encoding.UTF8, "application/json"));
        var session = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["session_id"]!.GetValue<string>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < parts.Count; i++)
        {
            if (pace > 0 && TimeSpan.FromSeconds(15.0 * (i + 1) / pace) is var due && clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            using var content = new ByteArrayContent(parts[i]);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{session}/audio") { Content = content };
            request.Headers.Add("X-Chunk-Index", i.ToString(CultureInfo.InvariantCulture));
            var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"chunk {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        var before = JsonNode.Parse(await http.GetStringAsync($"/v1/sessions/{session}"))!["transcribed_duration_ms"]!.GetValue<long>();
        (await http.PostAsync($"/v1/sessions/{session}/end", null)).EnsureSuccessStatusCode();
        var ended = Stopwatch.StartNew();
        while (true)
        {
            var response = await http.GetAsync($"/v1/sessions/{session}");
            if ((int)response.StatusCode != 202)
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (body["status"]!.GetValue<string>() != "completed")
                {
                    throw new InvalidOperationException($"session {session} ended {body["status"]}: {body.ToJsonString()[..Math.Min(600, body.ToJsonString().Length)]}");
                }

                return new Recorded(clock.Elapsed.TotalSeconds, ended.Elapsed.TotalSeconds, before, body);
            }

            await Task.Delay(50);
        }
    }

    private static void Warnings(Cluster cluster)
    {
        var lines = cluster.Processes.SelectMany(p => p.Output.Split('\n')).Where(l => l.Contains("warn:", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"silo warnings and errors: {lines.Count}");
        foreach (var group in lines.GroupBy(l => l.Trim()[..Math.Min(100, l.Trim().Length)]).Take(10))
        {
            Console.WriteLine($"  {group.Count()} × {group.Key}");
        }
    }

    /// <summary>One or more silos of one cluster (sharing Azurite, cluster and service ids), each with its own HTTP port.</summary>
    private sealed class Cluster : IAsyncDisposable
    {
        public List<ChildProcess> Processes { get; } = [];

        public List<HttpClient> Http { get; } = [];

        public static async Task<Cluster> StartAsync(AzuriteInstance azurite, int silos, int workers, string name)
        {
            var cluster = new Cluster();
            // Storage prefixes are at most 16 lower-case letters or digits.
            var id = ("p" + Guid.NewGuid().ToString("N"))[..12];
            for (var i = 0; i < silos; i++)
            {
                var (process, http) = await BenchSilo.StartAsync(azurite, 64, new Dictionary<string, string?>
                {
                    ["Storage__Prefix"] = id,
                    ["Orleans__ClusterId"] = id,
                    ["Orleans__ServiceId"] = id,
                    ["Speech__Workers"] = workers.ToString(CultureInfo.InvariantCulture),
                    ["Sessions__ProcessingTimeout"] = "01:00:00",
                });
                cluster.Processes.Add(process);
                cluster.Http.Add(http);
            }

            return cluster;
        }

        /// <summary>Windows of speech each silo recognized (its /metrics).</summary>
        public async Task<IReadOnlyList<string>> WindowsAsync()
        {
            var counts = new List<string>();
            for (var i = 0; i < Http.Count; i++)
            {
                var metrics = await Http[i].GetStringAsync("/metrics");
                var windows = metrics.Split('\n').Where(l => l.StartsWith("medscribe_speech_windows_total", StringComparison.Ordinal))
                    .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
                counts.Add($"silo {i + 1}: {windows:F0}");
            }

            return counts;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var http in Http)
            {
                http.Dispose();
            }

            foreach (var process in Processes)
            {
                await process.DisposeAsync();
            }
        }
    }
}
