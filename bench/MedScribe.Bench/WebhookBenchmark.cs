using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Webhook delivery through one silo to a real HTTP receiver on loopback: deliveries per second next to
/// direct POSTs to the same receiver (the ceiling), and the time from a session's end to its terminal
/// webhook's arrival.
/// </summary>
public static class WebhookBenchmark
{
    public static async Task<(Measurement Direct, Measurement TableWrites, Measurement Delivered, Measurement EndToArrival)> RunAsync(
        AzuriteInstance azurite, int subscriptions, int sessions, int latencySamples)
    {
        await using var receiver = new WebhookReceiver(concurrency: 32);
        var (silo, http) = await BenchSilo.StartAsync(azurite, 64, new Dictionary<string, string?>
        {
            ["Storage__Prefix"] = "benchhooks",
            ["Webhooks__AllowPrivateTargets"] = "true",
            ["Webhooks__RequireHttps"] = "false",
            ["Webhooks__MaxPerTenant"] = (subscriptions + 1).ToString(),
        });
        await using var _ = silo;
        using var __ = http;

        // Ceiling: the same receiver, POSTed to directly with a body of the same size.
        var sample = """{"event":"session.started","timestamp":"2026-11-23T12:00:00Z","session_id":"ses_AAAAAAAAAAAAAAAAAAAAAAAA"}""";
        using var direct = new HttpClient();
        await Measurement.RunAsync("warm-up", 16, 200, (_, _) => direct.PostAsync(receiver.Url, new StringContent(sample, Encoding.UTF8, "application/json")));
        var directRun = await Measurement.RunAsync("direct POST to the receiver (ceiling)", 16, subscriptions * sessions,
            (_, _) => direct.PostAsync(receiver.Url, new StringContent(sample, Encoding.UTF8, "application/json")));

        // The storage ceiling: a delivery is two row writes (persisted before the attempt, recorded after it).
        var table = MedScribe.AzureStorage.StorageAccount.FromConnectionString(azurite.ConnectionString).Table("benchrawrows");
        await table.CreateIfNotExistsAsync();
        var tableRun = await Measurement.RunAsync("raw table row upsert, same size (storage ceiling x2)", 16, subscriptions * sessions, (w, i) =>
            table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("wh_bench", "dlv_" + i) { ["Body0"] = sample, ["Status"] = "pending", ["Attempts"] = "[]" }));

        // Throughput: every session start fans out to every subscription.
        for (var i = 0; i < subscriptions; i++)
        {
            await PostAsync(http, "/v1/webhooks", $$"""{"url":"{{receiver.Url}}","events":["session.started"]}""");
        }

        var before = receiver.Count;
        var expected = before + subscriptions * sessions;
        var clock = Stopwatch.StartNew();
        await Measurement.RunAsync("sessions created", 16, sessions, (_, _) => PostAsync(http, "/v1/sessions", """{"templates":["soap"]}"""));
        await receiver.WaitForCountAsync(expected, TimeSpan.FromMinutes(10));
        clock.Stop();
        var delivered = new Measurement($"webhook deliveries ({subscriptions} subscriptions x {sessions} sessions)", 16,
            subscriptions * sessions, clock.Elapsed, double.NaN, double.NaN);

        // Latency: one session at a time, from /end's reply to the arrival of its terminal event.
        var arrivals = new ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>>();
        await using var terminal = new WebhookReceiver();
        var watcher = Task.Run(async () =>
        {
            var seen = 0;
            while (seen < latencySamples)
            {
                var received = await terminal.WaitForCountAsync(seen + 1, TimeSpan.FromMinutes(5));
                foreach (var request in received.Skip(seen))
                {
                    arrivals.GetOrAdd(request.Json["session_id"]!.GetValue<string>(), _ => new()).TrySetResult(request.At);
                }

                seen = received.Count;
            }
        });
        await PostAsync(http, "/v1/webhooks", $$"""{"url":"{{terminal.Url}}","events":["session.completed","session.partial","session.failed"]}""");
        var wav = TestAudio.Wav(1);
        var latencies = new List<double>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < latencySamples; i++)
        {
            var session = (await PostAsync(http, "/v1/sessions", """{"templates":["soap"]}"""))["session_id"]!.GetValue<string>();
            using (var content = new ByteArrayContent(wav))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
                using var upload = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{session}/audio") { Content = content };
                upload.Headers.Add("X-Chunk-Index", "0");
                (await http.SendAsync(upload)).EnsureSuccessStatusCode();
            }

            var arrival = arrivals.GetOrAdd(session, _ => new());
            await PostAsync(http, $"/v1/sessions/{session}/end", "{}");
            var ended = DateTimeOffset.UtcNow;
            var at = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(30));
            latencies.Add(Math.Max(0, (at - ended).TotalMilliseconds));
        }

        total.Stop();
        await watcher;
        latencies.Sort();
        var endToArrival = new Measurement("session end -> terminal webhook arrives", 1, latencySamples, total.Elapsed,
            latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]);
        return (directRun, tableRun, delivered, endToArrival);
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }
}
