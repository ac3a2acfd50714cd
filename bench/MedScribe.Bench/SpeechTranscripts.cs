using System.Text.Json;
using MedScribe.Abstractions.Sessions;
using MedScribe.Clinical;
using MedScribe.Speech;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// The embedded speech engine's labelled transcripts of the festival-spoken consults, as the pipeline makes
/// them; the recogniser's utterances and their pitch are cached (git-ignored) beside the audio under
/// <c>.cache/speech-transcripts</c>, keyed by the audio file and the speech data (its files and the language model's text), so
/// re-running the extraction benchmark does not re-decode, and the speakers are labelled on reading.
/// </summary>
public static class SpeechTranscripts
{
    public static async Task<Dictionary<string, ClinicalTranscript>> GetAsync(IReadOnlyList<string> scripts)
    {
        var data = MedicalSpeechModel.DefaultDataDirectory;
        var cache = Path.Combine(RepositoryRoot.Find(), ".cache", "speech-transcripts");
        Directory.CreateDirectory(cache);
        // The language model is built from sentences the code templates over the data files, so its text is part of the key. The
        // extraction lexicons (*.tsv) reach the recogniser only through those sentences: a lexicon row that adds no name (an
        // abnormal result, a problem refinement) decodes nothing again.
        var dataStamp = string.Join(',', Directory.GetFiles(data, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tsv", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(f => new FileInfo(f).Length))
            + string.Join('\n', MedScribe.Speech.LanguageModel.ClinicalCorpus.Sentences(data));
        using var vad = new SileroVad(Path.Combine(data, "silero_vad_v5.onnx"));
        var model = MedicalSpeechModel.Prepare(data, Path.Combine(Path.GetTempPath(), "medscribe-bench-lm"), 0.4f);
        using var recognizer = new PocketSphinxRecognizer(model, 2);
        var segmenter = new SpeechSegmenter(vad, recognizer.Window);
        var transcripts = new Dictionary<string, ClinicalTranscript>();
        await Parallel.ForEachAsync(scripts, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (script, ct) =>
        {
            var consult = await ConsultAudio.GetAsync(script, ct);
            // The recogniser's utterances with their pitch are cached, not the labelled lines: who said what is decided on reading,
            // so a change to the speaker rules is measured without decoding again.
            var cached = Path.Combine(cache, $"{Path.GetFileNameWithoutExtension(consult.WavPath)}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataStamp)))[..8]}.utterances.json");
            List<TranscriptSegment> utterances;
            if (File.Exists(cached))
            {
                utterances = JsonSerializer.Deserialize<List<TranscriptSegment>>(await File.ReadAllTextAsync(cached, ct))!;
            }
            else
            {
                var audio = PcmAudio.FromBytes((await File.ReadAllBytesAsync(consult.WavPath, ct)).AsSpan(44));
                utterances = (await segmenter.RecognizeAsync(recognizer, audio.Samples, ct))
                    .Select(u => u with { PitchHz = SpeakerRoles.MedianPitch(audio.Samples, u.StartMs / 1000.0, u.EndMs / 1000.0), Words = null }).ToList();
                await File.WriteAllTextAsync(cached, JsonSerializer.Serialize(utterances), ct);
            }

            var lines = SpeakerRoles.Label(utterances).Select((l, i) => new Utterance(i, l.Speaker, l.Text, l.StartMs, l.EndMs)).ToList();

            lock (transcripts)
            {
                transcripts[script] = ClinicalTranscript.From(lines);
            }
        });
        return transcripts;
    }
}
