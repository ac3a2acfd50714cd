using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Testing;

namespace MedScribe.Speech.Tests;

/// <summary>One festival-spoken consult (the shortest) and the engines, loaded once for the recognition tests.</summary>
public sealed class SpeechFixture : IAsyncLifetime
{
    public const string ConsultId = "07-uti-sulfa-allergy";

    public ConsultRecording Consult { get; private set; } = null!;

    public PcmAudio Audio { get; private set; } = null!;

    public SileroVad Vad { get; private set; } = null!;

    public PocketSphinxRecognizer Medical { get; private set; } = null!;

    public PocketSphinxRecognizer General { get; private set; } = null!;

    /// <summary>Cuts the consult into utterances as the service does.</summary>
    public SpeechSegmenter Segmenter { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts().Single(s => s.Contains(ConsultId, StringComparison.Ordinal)));
        Audio = PcmAudio.FromBytes((await File.ReadAllBytesAsync(Consult.WavPath)).AsSpan(44));
        var data = MedicalSpeechModel.DefaultDataDirectory;
        Vad = new SileroVad(Path.Combine(data, "silero_vad_v5.onnx"));
        Medical = new PocketSphinxRecognizer(MedicalSpeechModel.Prepare(data, Path.Combine(Path.GetTempPath(), "medscribe-speech-tests"), 0.4f), 2);
        General = new PocketSphinxRecognizer(new PocketSphinxModel(), 2);
        Segmenter = new SpeechSegmenter(Vad, TimeSpan.Zero);
    }

    public ValueTask DisposeAsync()
    {
        Medical.Dispose();
        General.Dispose();
        Vad.Dispose();
        return ValueTask.CompletedTask;
    }
}
