using System.Diagnostics;
using MedScribe.Abstractions.Sessions;
using MedScribe.Speech;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Speech.Whisper;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// The Whisper engine (whisper.cpp in process through Whisper.net). Without a model file it writes a
/// random-weight model of the tiny model's shape (width 384, 4 + 4 layers: the real encoder cost, not its
/// text) and measures costs only: CPU per window against window length, utterance-by-utterance against
/// 30-s windows over whole consults, and the pool's throughput with 1 and 2 workers. Given a real model
/// (<c>--model path/to/ggml-base.en.bin</c>) it also prints WER, speaker labels and the real-time factor over
/// the public consults.
/// </summary>
public static class WhisperBenchmark
{
    public static async Task RunAsync(string? modelPath, int consults)
    {
        var real = modelPath is not null;
        var path = modelPath ?? WhisperTestModel.Path(width: 384, heads: 6, layers: 4);
        var info = WhisperModelFile.Read(path);
        Console.WriteLine($"model: {(real ? path : "random weights, tiny's shape")} ({info.Size}, {info.Bytes >> 20} MB, {(info.Multilingual ? "multilingual" : "English")}); " +
            $"{(real ? "whisper.cpp's default decoding (temperature fallback on)" : "one decoding pass per window (random weights always decode badly)")}");
        // Random weights decode badly every time, which with the fallback would mean six passes a window.
        var settings = new WhisperSettings { TemperatureFallback = real };
        using var vad = new SileroVad(Path.Combine(MedicalSpeechModel.DefaultDataDirectory, "silero_vad_v5.onnx"));
        var recordings = new List<(ConsultRecording Consult, PcmAudio Audio)>();
        foreach (var script in ConsultAudio.Scripts().Take(consults))
        {
            var consult = await ConsultAudio.GetAsync(script);
            recordings.Add((consult, PcmAudio.FromBytes((await File.ReadAllBytesAsync(consult.WavPath)).AsSpan(44))));
        }

        var speech = recordings[0].Audio.Samples;

        // 1. One window's cost against its length: the encoder always reads 30 s.
        Console.WriteLine();
        Console.WriteLine("| window | CPU per window | CPU per audio-second | encoder passes per window | CPU per pass | words decoded per window |");
        Console.WriteLine("|---|---|---|---|---|---|");
        using (var one = new WhisperRecognizer(info, new WhisperSettings { TemperatureFallback = real, Threads = Environment.ProcessorCount }, 1))
        {
            await one.RecognizeAsync(new PcmAudio(speech[..(2 * PcmAudio.SampleRate)]), [], CancellationToken.None); // warm-up
            foreach (var seconds in new[] { 1, 2, 5, 10, 20, 30 })
            {
                const int repeats = 3;
                var cpu = Cpu();
                var passes = one.EncoderPasses;
                var words = 0;
                for (var i = 0; i < repeats; i++)
                {
                    var from = i * 7 * PcmAudio.SampleRate;
                    var lines = await one.RecognizeAsync(new PcmAudio(speech[from..(from + seconds * PcmAudio.SampleRate)]), [], CancellationToken.None);
                    words += lines.Sum(l => l.Words?.Count ?? 0);
                }

                var used = (Cpu() - cpu) / repeats;
                var perWindow = (one.EncoderPasses - passes) / (double)repeats;
                Console.WriteLine($"| {seconds} s | {used * 1000:F0} ms | {used / seconds * 1000:F0} ms | {perWindow:F1} | {used / perWindow * 1000:F0} ms | {words / (double)repeats:F0} |");
            }

            // 2. Whole consults: one pass per utterance against utterances batched into windows of up to 30 s.
            Console.WriteLine();
            Console.WriteLine("| consults | audio s | windowing | windows | encoder passes | CPU s | CPU per pass |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            var sample = recordings.Take(Math.Min(2, recordings.Count)).ToList();
            var audioSeconds = sample.Sum(r => r.Audio.Seconds);
            var results = new List<(int Windows, long Passes, double Cpu)>();
            foreach (var (name, window) in new[] { ("one utterance per call", TimeSpan.Zero), ("utterances batched up to 30 s", one.Window) })
            {
                var passes = one.EncoderPasses;
                var (cut, cpu) = await PassAsync(new SpeechSegmenter(vad, window), one, sample);
                results.Add((cut, one.EncoderPasses - passes, cpu));
                Console.WriteLine($"| {string.Join(", ", sample.Select(r => r.Consult.Id[..2]))} | {audioSeconds:F0} | {name} | {cut} | {one.EncoderPasses - passes} | {cpu:F1} | {cpu / (one.EncoderPasses - passes) * 1000:F0} ms |");
            }

            Console.WriteLine($"windows: {results[0].Windows / (double)results[1].Windows:F1}x fewer batched; encoder passes: {results[0].Passes / (double)results[1].Passes:F1}x fewer; " +
                $"CPU: {results[0].Cpu / results[1].Cpu:F1}x less" + (real ? "" : " (random weights: their random timestamps can end a pass early, and they decode " +
                "more words the more audio they get; a real model's last timestamp normally covers its window, one pass each: run with --model)"));
        }

        // 3. The pool: 12 windows of 30 s at once, 1 worker with every core against 2 workers with half each.
        Console.WriteLine();
        var windows = Enumerable.Range(0, 12).Select(i => new PcmAudio(recordings[i % recordings.Count].Audio.Samples[..(30 * PcmAudio.SampleRate)])).ToList();
        var rates = new Dictionary<int, double>();
        foreach (var workers in new[] { 1, 2 })
        {
            using var pool = new WhisperRecognizer(info, settings, workers);
            await pool.RecognizeAsync(windows[0], [], CancellationToken.None);
            var watch = Stopwatch.StartNew();
            var cpu = Cpu();
            await Task.WhenAll(windows.Select(w => pool.RecognizeAsync(w, [], CancellationToken.None)));
            rates[workers] = windows.Count * 30 / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"pool, {workers} worker(s) x {Math.Max(1, Environment.ProcessorCount / workers)} thread(s): 12 windows of 30 s in {watch.Elapsed.TotalSeconds:F1} s wall, " +
                $"{Cpu() - cpu:F1} s CPU: {rates[workers]:F1} audio-seconds per wall-second");
        }

        Console.WriteLine($"2 workers / 1 worker: {rates[2] / rates[1]:F2}x");

        if (!real)
        {
            Console.WriteLine();
            Console.WriteLine("WER needs a real model: add --model path/to/ggml-base.en.bin (see README, Speech engines).");
            return;
        }

        // 4. A real model: accuracy and speed over the public consults, as the service runs it.
        Console.WriteLine();
        Console.WriteLine("| consult | audio s | WER | speakers right | language | windows | encoder passes | CPU RTF | wall RTF |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        using var whisper = new WhisperRecognizer(info, settings, Math.Max(1, Environment.ProcessorCount / 2));
        var segmenter = new SpeechSegmenter(vad, whisper.Window);
        double totalAudio = 0, totalCpu = 0, totalWall = 0, werSum = 0;
        int right = 0, total = 0;
        foreach (var (consult, audio) in recordings)
        {
            var cpu = Cpu();
            var watch = Stopwatch.StartNew();
            var passes = whisper.EncoderPasses;
            var windowCount = segmenter.Cut(audio.Samples, 0, last: true).Windows.Count;
            var heard = await segmenter.RecognizeAsync(whisper, audio.Samples, CancellationToken.None);
            var lines = SpeakerRoles.Label(heard, audio.Samples);
            var (usedCpu, usedWall) = (Cpu() - cpu, watch.Elapsed.TotalSeconds);
            var wer = WordErrorRate.Compute(consult.Reference, TranscriptSegment.Join(lines)).Rate;
            var said = heard.Select(u => consult.Turns.MaxBy(t => Math.Min(t.End, u.EndMs / 1000.0) - Math.Max(t.Start, u.StartMs / 1000.0))!.Speaker).ToList();
            var correct = heard.Where((u, i) => lines.First(l => l.StartMs <= u.StartMs && u.EndMs <= l.EndMs).Speaker == said[i]).Count();
            var language = heard.GroupBy(u => u.Language).MaxBy(g => g.Count())?.Key ?? "-";
            Console.WriteLine($"| {consult.Id} | {audio.Seconds:F0} | {wer:P1} | {correct}/{heard.Count} | {language} | {windowCount} | {whisper.EncoderPasses - passes} | {usedCpu / audio.Seconds:F3} | {usedWall / audio.Seconds:F3} |");
            (totalAudio, totalCpu, totalWall, werSum, right, total) = (totalAudio + audio.Seconds, totalCpu + usedCpu, totalWall + usedWall, werSum + wer, right + correct, total + heard.Count);
        }

        Console.WriteLine($"| **all {recordings.Count}** | {totalAudio:F0} | **{werSum / recordings.Count:P1}** mean | {right}/{total} | | | | **{totalCpu / totalAudio:F3}** | {totalWall / totalAudio:F3} |");
    }

    private static async Task<(int Windows, double CpuSeconds)> PassAsync(SpeechSegmenter segmenter, ISpeechRecognizer recognizer, IReadOnlyList<(ConsultRecording Consult, PcmAudio Audio)> recordings)
    {
        var windows = 0;
        var cpu = Cpu();
        foreach (var (_, audio) in recordings)
        {
            var cut = segmenter.Cut(audio.Samples, 0, last: true).Windows;
            windows += cut.Count;
            foreach (var window in cut)
            {
                await recognizer.RecognizeAsync(new PcmAudio(window.Samples), [], CancellationToken.None);
            }
        }

        return (windows, Cpu() - cpu);
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
