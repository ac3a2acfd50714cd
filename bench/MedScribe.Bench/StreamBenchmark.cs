using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MedScribe.Speech;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// A live session at real-time pace (or faster): the public consults' audio, one after another, streamed as
/// 100-ms PCM frames over the session's WebSocket. Measured: how long after an utterance ends in the audio
/// its line arrives, and how long after <c>end</c> the session's result (the note) arrives.
/// </summary>
public static class StreamBenchmark
{
    public static async Task RunAsync(AzuriteInstance azurite, double minutes, double pace, int? chunkSeconds = null)
    {
        var samples = new List<short>();
        foreach (var script in ConsultAudio.Scripts())
        {
            var consult = await ConsultAudio.GetAsync(script);
            samples.AddRange(PcmAudio.FromBytes((await File.ReadAllBytesAsync(consult.WavPath)).AsSpan(44)).Samples);
            if (samples.Count >= minutes * 60 * 16000)
            {
                break;
            }
        }

        var pcm = new byte[(int)(minutes * 60 * 16000) * 2];
        Buffer.BlockCopy(samples.ToArray(), 0, pcm, 0, pcm.Length);
        var (silo, http) = await BenchSilo.StartAsync(azurite, 8, new Dictionary<string, string?>
        {
            ["Storage__Prefix"] = "benchstream",
            ["Msa__StreamChunkSeconds"] = chunkSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var _ = silo;
        using var __ = http;
        var created = await http.PostAsync("/v1/sessions", new StringContent("""{"templates":["soap","medications"],"upload_type":"stream"}""", Encoding.UTF8, "application/json"));
        var session = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-API-Key", BenchSilo.Key);
        await socket.ConnectAsync(new Uri(session["stream_url"]!.GetValue<string>()), CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var lines = new List<(double At, long EndMs)>();
        double? resultAt = null;
        var partials = 0;
        string? status = null;
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[1 << 20];
            using var message = new MemoryStream();
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var frame = JsonNode.Parse(message.ToArray())!;
                message.SetLength(0);
                switch (frame["type"]!.GetValue<string>())
                {
                    case "transcript" when !frame["final"]!.GetValue<bool>():
                        Interlocked.Increment(ref partials);
                        break;
                    case "transcript":
                        lock (lines)
                        {
                            lines.Add((clock.Elapsed.TotalSeconds, frame["end_ms"]!.GetValue<long>()));
                        }

                        break;
                    case "completed" or "partial" or "failed":
                        (resultAt, status) = (clock.Elapsed.TotalSeconds, frame["type"]!.GetValue<string>());
                        return;
                }
            }
        });

        await socket.SendAsync("""{"type":"start","format":"audio/pcm;rate=16000"}"""u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        clock.Restart();
        const int frame = 3200;
        for (var offset = 0; offset < pcm.Length; offset += frame)
        {
            var due = offset / 32000.0 / pace;
            if (due > clock.Elapsed.TotalSeconds)
            {
                await Task.Delay(TimeSpan.FromSeconds(due - clock.Elapsed.TotalSeconds));
            }

            await socket.SendAsync(pcm.AsMemory(offset, Math.Min(frame, pcm.Length - offset)), WebSocketMessageType.Binary, true, CancellationToken.None);
        }

        var endAt = clock.Elapsed.TotalSeconds;
        await socket.SendAsync("""{"type":"end"}"""u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        await reading;

        // An utterance ending at end_ms of audio was spoken by end_ms / pace of wall time.
        var beforeEnd = lines.Where(l => l.At <= endAt).Select(l => l.At - l.EndMs / 1000.0 / pace).Order().ToList();
        double Percentile(double p) => beforeEnd.Count == 0 ? double.NaN : beforeEnd[Math.Min(beforeEnd.Count - 1, (int)Math.Ceiling(p * beforeEnd.Count) - 1)];
        Console.WriteLine($"{minutes:0.#} min of consult audio streamed at {pace:0.##}x real time in 100-ms PCM frames, stored every {chunkSeconds ?? 1} s: {lines.Count} final lines, {beforeEnd.Count} of them before the end; {partials} partial lines");
        Console.WriteLine($"utterance end -> its final line: p50 {Percentile(0.5):F2} s, p95 {Percentile(0.95):F2} s, max {Percentile(1):F2} s (target <= 3 s)");
        Console.WriteLine($"end -> result ({status}): {resultAt - endAt:F2} s (target <= 3 s)");
    }
}
