using System.Diagnostics;
using MedScribe.Client;
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
        // The session and its socket as an EMR's .NET backend would drive them: through MedScribe.Client.
        using var client = new MedScribeClient(http.BaseAddress!, BenchSilo.Key);
        var session = await client.CreateSessionAsync(new CreateSessionRequest(["soap", "medications"]) { UploadType = "stream" });
        var clock = Stopwatch.StartNew();
        var lines = new List<(double At, long EndMs)>();
        var partials = 0;
        void OnLine(LiveLine line)
        {
            if (!line.Final)
            {
                Interlocked.Increment(ref partials);
                return;
            }

            lock (lines)
            {
                lines.Add((clock.Elapsed.TotalSeconds, line.EndMs));
            }
        }

        await using var live = await client.OpenStreamAsync(session.SessionId, "audio/pcm;rate=16000", OnLine);
        clock.Restart();
        const int frame = 3200;
        for (var offset = 0; offset < pcm.Length; offset += frame)
        {
            var due = offset / 32000.0 / pace;
            if (due > clock.Elapsed.TotalSeconds)
            {
                await Task.Delay(TimeSpan.FromSeconds(due - clock.Elapsed.TotalSeconds));
            }

            await live.SendAudioAsync(pcm.AsMemory(offset, Math.Min(frame, pcm.Length - offset)));
        }

        var endAt = clock.Elapsed.TotalSeconds;
        var result = await live.EndAsync();
        var (resultAt, status) = (clock.Elapsed.TotalSeconds, result.Status);

        // An utterance ending at end_ms of audio was spoken by end_ms / pace of wall time.
        var beforeEnd = lines.Where(l => l.At <= endAt).Select(l => l.At - l.EndMs / 1000.0 / pace).Order().ToList();
        double Percentile(double p) => beforeEnd.Count == 0 ? double.NaN : beforeEnd[Math.Min(beforeEnd.Count - 1, (int)Math.Ceiling(p * beforeEnd.Count) - 1)];
        Console.WriteLine($"{minutes:0.#} min of consult audio streamed at {pace:0.##}x real time in 100-ms PCM frames, stored every {chunkSeconds ?? 1} s: {lines.Count} final lines, {beforeEnd.Count} of them before the end; {partials} partial lines");
        Console.WriteLine($"utterance end -> its final line: p50 {Percentile(0.5):F2} s, p95 {Percentile(0.95):F2} s, max {Percentile(1):F2} s (target <= 3 s)");
        Console.WriteLine($"end -> result ({status}): {resultAt - endAt:F2} s (target <= 3 s)");
    }
}
