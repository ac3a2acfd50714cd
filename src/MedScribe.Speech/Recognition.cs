namespace MedScribe.Speech;

/// <summary>One recognised word with its audio times (seconds from the start of the recording) and confidence in [0, 1].</summary>
public sealed record RecognizedWord(string Text, double Start, double End, double Confidence);

/// <summary>One utterance: a stretch of speech between pauses, with its words.</summary>
public sealed record RecognizedUtterance(double Start, double End, string Text, IReadOnlyList<RecognizedWord> Words)
{
    /// <summary>The mean of the words' confidences unless given.</summary>
    public double Confidence { get; init; } = Words.Count == 0 ? 0 : Words.Average(w => w.Confidence);

    /// <summary>The same utterance <paramref name="seconds"/> later in the recording.</summary>
    public RecognizedUtterance Shift(double seconds) => new(
        Math.Round(Start + seconds, 2), Math.Round(End + seconds, 2), Text,
        Words.Select(w => w with { Start = Math.Round(w.Start + seconds, 2), End = Math.Round(w.End + seconds, 2) }).ToList());
}

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

    /// <summary>Recognises one window of speech; utterance and word times are seconds from its start.</summary>
    Task<IReadOnlyList<RecognizedUtterance>> RecognizeAsync(PcmAudio audio, CancellationToken cancellationToken);
}
