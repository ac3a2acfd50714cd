using System.Diagnostics;
using MedScribe.Abstractions.Sessions;
using MedScribe.Audio;
using MedScribe.Audio.Opus;
using MedScribe.AzureStorage;
using MedScribe.AzureStorage.Audio;
using MedScribe.Grains.Transcription;
using MedScribe.Speech;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Decoding browser recordings (issue 17): in process against the ffmpeg process, incremental against
/// re-decoding from the start at every step, and the transcription steps' CPU per audio-second as the
/// recording grows.
/// </summary>
public static class DecodeBenchmark
{
    public static async Task RunAsync(AzuriteInstance azurite)
    {
        var hour = await BrowserRecordings.GetAsync(60);
        var ranges = BrowserRecordings.Cut(hour, 60, 15);
        var ffmpeg = new FfmpegDecoder();

        // 1. 15 s of WebM/Opus: Concentus in this process against spawning ffmpeg (as the old pipeline did, temp file included).
        const int repeats = 20;
        var first = ranges[0];
        for (var i = 0; i < 3; i++)
        {
            DecodeInProcess([first]);
            await ffmpeg.DecodeAsync(new MemoryStream(first));
        }

        var (own, children) = (Cpu.Own(), Cpu.Children());
        for (var i = 0; i < repeats; i++)
        {
            DecodeInProcess([first]);
        }

        var inProcess = (Cpu.Own() - own).TotalMilliseconds / repeats;
        (own, children) = (Cpu.Own(), Cpu.Children());
        for (var i = 0; i < repeats; i++)
        {
            await ffmpeg.DecodeAsync(new MemoryStream(first));
        }

        var spawned = ((Cpu.Own() - own) + (Cpu.Children() - children)).TotalMilliseconds / repeats;
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| CPU to decode 15 s of Chrome-style WebM/Opus (128 kbit/s CELT), in process | {inProcess:F1} ms |");
        Console.WriteLine($"| the same through an ffmpeg process (child + parent) | {spawned:F1} ms |");
        Console.WriteLine($"| ffmpeg / in process | **{spawned / inProcess:F1}x** |");

        // 2. A 60-minute recording in 15-s steps: each step restores the saved decoder, feeds its range and saves again.
        own = Cpu.Own();
        var slowest = TimeSpan.Zero;
        byte[]? state = null;
        var samples = 0L;
        foreach (var range in ranges)
        {
            var step = Stopwatch.StartNew();
            var output = new List<short>();
            var decoder = state is null ? OpusStreamDecoder.TryStart(range)! : OpusStreamDecoder.Restore(state);
            decoder.Feed(range, output);
            state = decoder.Save();
            samples += output.Count;
            slowest = step.Elapsed > slowest ? step.Elapsed : slowest;
        }

        var incremental = Cpu.Own() - own;
        // Today's way re-decoded the stream from its first byte at every step: measured on prefixes, fitted, summed over the steps.
        var points = new List<(double Minutes, double Seconds)>();
        foreach (var minutes in new[] { 1, 5, 15, 30, 60 })
        {
            var prefix = ranges.Take(minutes * 4).SelectMany(r => r).ToArray();
            (own, children) = (Cpu.Own(), Cpu.Children());
            await ffmpeg.DecodeAsync(new MemoryStream(prefix));
            points.Add((minutes, ((Cpu.Own() - own) + (Cpu.Children() - children)).TotalSeconds));
        }

        var (a, b) = Fit(points);
        var redecode = Enumerable.Range(1, ranges.Count).Sum(i => a + b * (i / 4.0));
        Console.WriteLine($"| 60-min recording in {ranges.Count} steps of 15 s, in process, incremental (restore, feed, save each step) | {incremental.TotalSeconds:F1} s CPU ({samples / 16000.0 / 60:F1} min decoded; slowest step {slowest.TotalMilliseconds:F0} ms) |");
        Console.WriteLine($"| ffmpeg on the whole prefix, measured | {string.Join(" · ", points.Select(p => $"{p.Minutes} min {p.Seconds:F2} s"))} |");
        Console.WriteLine($"| the old re-decode from the start at every step (Σ over {ranges.Count} steps of the fit {a:F3} s + {b:F3} s/min) | {redecode:F0} s CPU |");
        Console.WriteLine($"| old / incremental | **{redecode / incremental.TotalSeconds:F0}x** less CPU |");

        // 3. The transcription steps (decode, voice activity, blob reads and writes) over 10-, 30- and 60-minute recordings.
        var store = new BlobAudioStore(StorageAccount.FromConnectionString(azurite.ConnectionString), "bench-decode");
        await store.InitializeAsync(CancellationToken.None);
        using var vad = new SileroVad(Path.Combine(MedicalSpeechModel.DefaultDataDirectory, "silero_vad_v5.onnx"));
        var transcriber = new SessionTranscriber(store, new ChunkDecoder(ffmpeg), new SpeechSegmenter(vad, TimeSpan.Zero));
        var perSecond = new Dictionary<int, double>();
        foreach (var minutes in new[] { 10, 30, 60 })
        {
            var parts = BrowserRecordings.Cut(await BrowserRecordings.GetAsync(minutes), minutes, 15);
            var session = $"bench{minutes}";
            var chunks = new List<ChunkUpload>();
            for (var i = 0; i < parts.Count; i++)
            {
                var name = $"t/{session}/{i:D5}-audio_{i}.webm";
                var stored = await store.UploadAsync(name, new MemoryStream(parts[i]), "audio/webm");
                chunks.Add(new ChunkUpload(i, $"audio_{i}.webm", "audio/webm;codecs=opus", name, stored.Length, stored.Sha256, null));
            }

            var transcription = new TranscriptionState { Chunks = chunks, MaxDurationMs = 24_000 };
            own = Cpu.Own();
            var wall = Stopwatch.StartNew();
            foreach (var chunk in chunks)
            {
                var last = chunk.Index == chunks.Count - 1;
                transcription.Apply(await transcriber.StepAsync(session, transcription, [chunk], last, CancellationToken.None), last);
            }

            var cpu = (Cpu.Own() - own).TotalSeconds;
            perSecond[minutes] = cpu / (transcription.SamplesDecoded / 16000.0);
            Console.WriteLine($"| transcription steps (decode + Silero + blobs), {minutes}-min recording, {chunks.Count} steps | {cpu:F1} s CPU, {wall.Elapsed.TotalSeconds:F1} s wall, {perSecond[minutes] * 1000:F2} ms CPU per audio-second, {transcription.Pending.Count} windows |");
            await store.DeletePrefixAsync($"t/{session}/");
            await store.DeletePrefixAsync(SessionTranscriber.Prefix(session));
        }

        Console.WriteLine($"| CPU per audio-second, 60-min / 10-min | **{perSecond[60] / perSecond[10]:F2}** |");
    }

    private static void DecodeInProcess(IEnumerable<byte[]> ranges)
    {
        var output = new List<short>();
        OpusStreamDecoder? decoder = null;
        foreach (var range in ranges)
        {
            decoder ??= OpusStreamDecoder.TryStart(range)!;
            decoder.Feed(range, output);
        }
    }

    private static (double A, double B) Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var (mx, my) = (points.Average(p => p.X), points.Average(p => p.Y));
        var b = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        return (my - b * mx, b);
    }
}

/// <summary>CPU time of this process and of its reaped children (ffmpeg), from /proc/self/stat.</summary>
public static class Cpu
{
    public static TimeSpan Own() => Process.GetCurrentProcess().TotalProcessorTime;

    public static TimeSpan Children()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 16 and 17 of proc(5) (cutime, cstime), counted here from field 3 (state): indexes 13 and 14, in clock ticks.
        var ticks = long.Parse(fields[13]) + long.Parse(fields[14]);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
