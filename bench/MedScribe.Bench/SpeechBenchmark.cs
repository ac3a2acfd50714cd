using MedScribe.Abstractions.Sessions;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Speech;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Speech over every public consult, spoken by festival: WER, medication names heard, speaker labels,
/// CPU real-time factor, throughput with 1 and 2 workers; then a 10-minute consult uploaded to a silo
/// at real-time pace (or faster, by <c>pace</c>) and the time from /end to the transcript.
/// </summary>
public static class SpeechBenchmark
{
    /// <summary>
    /// The table, the throughput passes and /end → transcript; with <paramref name="endOnly"/> only the last, with
    /// <paramref name="tableOnly"/> only the first, over the first <paramref name="consults"/> consults (all by default).
    /// </summary>
    public static async Task RunAsync(AzuriteInstance azurite, double pace, bool endOnly = false, bool tableOnly = false, int consults = int.MaxValue)
    {
        var data = MedicalSpeechModel.DefaultDataDirectory;
        using var vad = new SileroVad(Path.Combine(data, "silero_vad_v5.onnx"));
        var segmenter = new SpeechSegmenter(vad, TimeSpan.Zero);
        var model = MedicalSpeechModel.Prepare(data, Path.Combine(Path.GetTempPath(), "medscribe-bench-lm"), 0.4f);
        var recordings = new List<(ConsultRecording Consult, PcmAudio Audio, string[] Medications)>();
        foreach (var script in ConsultAudio.Scripts().Take(consults))
        {
            var consult = await ConsultAudio.GetAsync(script);
            var gold = JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(script, ".json")))!;
            var medications = gold["medications"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToArray();
            recordings.Add((consult, PcmAudio.FromBytes((await File.ReadAllBytesAsync(consult.WavPath)).AsSpan(44)), medications));
        }

        if (endOnly)
        {
            await EndToTranscriptAsync(azurite, recordings.Select(c => c.Audio).ToList(), pace);
            return;
        }

        Console.WriteLine("| consult | audio s | WER | doctor / patient WER | medications heard | speakers right | CPU RTF (CPU s per audio s) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        double totalAudio = 0, totalCpu = 0, werSum = 0;
        var bySpeaker = new Dictionary<string, (int Errors, int Words)> { ["Doctor"] = (0, 0), ["Patient"] = (0, 0) };
        int medsHeard = 0, medsTotal = 0, speakersRight = 0, utterancesTotal = 0;
        using (var one = new PocketSphinxRecognizer(model, 2))
        {
            await one.WarmUpAsync(CancellationToken.None);
            foreach (var (consult, audio, medications) in recordings)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var utterances = await segmenter.RecognizeAsync(one, audio.Samples, CancellationToken.None);
                var lines = SpeakerRoles.Label(utterances, audio.Samples);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var text = TranscriptSegment.Join(lines);
                var wer = WordErrorRate.Compute(consult.Reference, text).Rate;
                var words = WordErrorRate.Normalize(text);
                var heard = medications.Count(m => WordErrorRate.Normalize(m).All(words.Contains));
                // Who really said each utterance: the speaker of the scripted turn it overlaps most.
                var said = utterances.Select(u => consult.Turns.MaxBy(t => Math.Min(t.End, u.EndMs / 1000.0) - Math.Max(t.Start, u.StartMs / 1000.0))!.Speaker).ToList();
                var right = utterances.Where((u, i) => lines.First(l => l.StartMs <= u.StartMs && u.EndMs <= l.EndMs).Speaker == said[i]).Count();
                // Per voice (festival's diphone doctor, the HTS patient).
                var speakerWer = bySpeaker.Keys.ToDictionary(speaker => speaker, speaker => WordErrorRate.Compute(
                    string.Join('\n', consult.Turns.Where(t => t.Speaker == speaker).Select(t => t.Text)),
                    string.Join('\n', utterances.Where((_, i) => said[i] == speaker).Select(u => u.Text))));
                foreach (var (speaker, result) in speakerWer)
                {
                    bySpeaker[speaker] = (bySpeaker[speaker].Errors + result.Errors, bySpeaker[speaker].Words + result.ReferenceWords);
                }

                Console.WriteLine($"| {consult.Id} | {audio.Seconds:F0} | {wer:P1} | {speakerWer["Doctor"].Rate:P1} / {speakerWer["Patient"].Rate:P1} | {heard}/{medications.Length} | {right}/{utterances.Count} | {used / audio.Seconds:F3} |");
                (totalAudio, totalCpu, werSum) = (totalAudio + audio.Seconds, totalCpu + used, werSum + wer);
                (medsHeard, medsTotal, speakersRight, utterancesTotal) = (medsHeard + heard, medsTotal + medications.Length, speakersRight + right, utterancesTotal + utterances.Count);
            }
        }

        Console.WriteLine($"| **all {recordings.Count}** | {totalAudio:F0} | **{werSum / recordings.Count:P1}** mean | " +
            $"{(double)bySpeaker["Doctor"].Errors / bySpeaker["Doctor"].Words:P1} / {(double)bySpeaker["Patient"].Errors / bySpeaker["Patient"].Words:P1} | {medsHeard}/{medsTotal} ({(double)medsHeard / medsTotal:P0}) | {speakersRight}/{utterancesTotal} ({(double)speakersRight / utterancesTotal:P1}) | **{totalCpu / totalAudio:F3}** |");

        if (tableOnly)
        {
            return;
        }

        var throughput = new Dictionary<int, double>();
        foreach (var workers in new[] { 1, 2 })
        {
            using var recognizer = new PocketSphinxRecognizer(model, workers);
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => recognizer.WarmUpAsync(CancellationToken.None)));
            var watch = Stopwatch.StartNew();
            // Two consults at a time, as a busy silo sees sessions finish together.
            await Parallel.ForEachAsync(recordings, new ParallelOptions { MaxDegreeOfParallelism = 2 },
                async (c, ct) => await segmenter.RecognizeAsync(recognizer, c.Audio.Samples, ct));
            throughput[workers] = totalAudio / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"throughput with {workers} worker(s): {throughput[workers]:F1} audio-seconds per wall-second");
        }

        Console.WriteLine($"2 workers / 1 worker: {throughput[2] / throughput[1]:F2}x");
        await EndToTranscriptAsync(azurite, recordings.Select(c => c.Audio).ToList(), pace);
    }

    /// <summary>A 10-minute recording in 15 s WAV chunks, uploaded at <paramref name="pace"/> × real time; time from /end's reply to the transcript.</summary>
    private static async Task EndToTranscriptAsync(AzuriteInstance azurite, IReadOnlyList<PcmAudio> audios, double pace)
    {
        var samples = audios.SelectMany(a => a.Samples).Take(600 * 16000).ToArray();
        var (silo, http) = await BenchSilo.StartAsync(azurite, 8, new Dictionary<string, string?> { ["Storage__Prefix"] = "benchspeech" });
        await using var _ = silo;
        using var __ = http;
        var pieces = samples.Chunk(15 * 16000).Select(TestAudio.WavFromSamples).ToList();
        var recorded = await PipelineBenchmark.RecordAsync(http, pieces, pace, "audio/wav");
        Console.WriteLine($"10-minute consult uploaded at {pace:0.##}x real time in {pieces.Count} chunks of 15 s: {recorded.TranscribedBeforeEndMs / 1000.0:F0} s of {samples.Length / 16000.0:F0} s transcribed before /end; " +
            $"/end -> transcript {recorded.AfterEnd:F2} s (status {recorded.Body["status"]}, {recorded.Body["transcript"]!.GetValue<string>().Split('\n').Length} lines)");
    }
}
