using MedScribe.Abstractions.Sessions;

namespace MedScribe.Speech;

/// <summary>16 kHz mono 16-bit PCM.</summary>
public sealed class PcmAudio(short[] samples)
{
    public const int SampleRate = 16000;

    public short[] Samples { get; } = samples;

    public double Seconds => Samples.Length / (double)SampleRate;

    public static PcmAudio FromBytes(ReadOnlySpan<byte> pcm16le)
    {
        var samples = new short[pcm16le.Length / 2];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(pcm16le[..(samples.Length * 2)]).CopyTo(samples);
        return new PcmAudio(samples);
    }
}

/// <summary>
/// A speech engine: windows of speech in, utterances with word timings out. The service cuts the audio
/// (<see cref="SpeechSegmenter"/>), the same way for every engine; engines only recognize.
/// </summary>
public interface ISpeechRecognizer
{
    /// <summary>Name shown to operators, e.g. <c>pocketsphinx</c>.</summary>
    string Engine { get; }

    /// <summary>Languages (ISO 639-1) this engine really handles.</summary>
    IReadOnlyList<string> Languages { get; }

    /// <summary>
    /// How much speech one call should get: zero for one utterance at a time; engines that use context
    /// (Whisper, hosted servers) get consecutive utterances together, up to this long.
    /// </summary>
    TimeSpan Window { get; }

    /// <summary>
    /// Recognises one window of speech: a <see cref="TranscriptSegment"/> per utterance, with its words, no
    /// speaker yet, times in milliseconds from the window's start. <paramref name="languages"/> are the
    /// session's hints (codes from <see cref="Languages"/>): one is the language to hear, several the
    /// candidates, none lets an engine that can detect the language do so.
    /// </summary>
    Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(PcmAudio audio, IReadOnlyList<string> languages, CancellationToken cancellationToken);
}
