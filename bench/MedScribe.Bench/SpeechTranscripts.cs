using MedScribe.Clinical;
using MedScribe.Speech;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>The embedded speech engine's labelled transcripts of the festival-spoken consults, as the pipeline makes them.</summary>
public static class SpeechTranscripts
{
    public static async Task<Dictionary<string, ClinicalTranscript>> GetAsync(IReadOnlyList<string> scripts)
    {
        var data = MedicalSpeechModel.DefaultDataDirectory;
        using var vad = new SileroVad(Path.Combine(data, "silero_vad_v5.onnx"));
        var model = MedicalSpeechModel.Prepare(data, Path.Combine(Path.GetTempPath(), "medscribe-bench-lm"), 0.4f);
        using var recognizer = new PocketSphinxRecognizer(model, vad, 2);
        var transcripts = new Dictionary<string, ClinicalTranscript>();
        await Parallel.ForEachAsync(scripts, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (script, ct) =>
        {
            var consult = await ConsultAudio.GetAsync(script, ct);
            var audio = PcmAudio.FromBytes((await File.ReadAllBytesAsync(consult.WavPath, ct)).AsSpan(44));
            var utterances = await recognizer.RecognizeAsync(audio, ct);
            var lines = SpeakerRoles.Label(utterances, audio.Samples);
            var transcript = ClinicalTranscript.From(lines.Select((l, i) => new Utterance(i, l.Speaker, l.Text, (long)(l.Start * 1000), (long)(l.End * 1000))));
            lock (transcripts)
            {
                transcripts[script] = transcript;
            }
        });
        return transcripts;
    }
}
