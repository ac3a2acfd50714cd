namespace MedScribe.Abstractions.Sessions;

/// <summary>
/// How a session's audio is to be transcribed: the most one file may decode to, and the session's
/// <c>language_hint</c> (the language spoken, or the candidates; empty: the engine's own or detected).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TranscriptionOptions(
    [property: Id(0)] long MaxDurationMs,
    [property: Id(1)] IReadOnlyList<string> Languages);

/// <summary>A session's transcription, finished: the utterances are in a blob (a long consult's are too big for a message).</summary>
[GenerateSerializer, Immutable]
public sealed record TranscriptionResult(
    [property: Id(0)] string UtterancesBlob,
    [property: Id(1)] int Utterances,
    [property: Id(2)] int FilesUsed,
    [property: Id(3)] IReadOnlyList<ProcessingError> Errors,
    [property: Id(4)] long SamplesDecoded,
    [property: Id(5)] int Steps);

/// <summary>
/// One session's transcription, keyed by session id: it decodes each file once as it arrives, cuts the
/// audio into utterances and hands closed ones to the recognizers of the whole cluster, keeping only the
/// utterance still being spoken. Its progress is persisted, so it resumes on another silo after a crash.
/// </summary>
public interface ITranscriptionGrain : IGrainWithStringKey
{
    /// <summary>A file was added to the session's manifest (or replaced one).</summary>
    [Orleans.Concurrency.OneWay]
    Task AudioArrivedAsync(ChunkUpload chunk, TranscriptionOptions options);

    /// <summary>
    /// Transcribes whatever is left of <paramref name="chunks"/> (the final manifest) and waits for every
    /// utterance: minutes for a long recording uploaded at once, so the call may take the whole processing time.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<TranscriptionResult> FinishAsync(IReadOnlyList<ChunkUpload> chunks, TranscriptionOptions options);

    /// <summary>Removes the transcription's blobs and state (the session has its transcript, or is gone).</summary>
    Task DeleteAsync();

    /// <summary>
    /// The utterances recognized so far that start after <paramref name="afterStartMs"/>, in time order, up to
    /// where the text is complete (no earlier window still being recognized): what a live session shows.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<LiveTranscript> LiveAsync(long afterStartMs);

    /// <summary>
    /// The words so far of the utterance still being spoken (the audio kept open after the last closed one),
    /// recognized once per step: a live session's partial line. Empty when nothing is open.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<TranscriptSegment>> PartialAsync();
}

/// <summary>Utterances of a live session (no speaker yet, pitch measured) and how far the text reaches.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveTranscript(
    [property: Id(0)] IReadOnlyList<TranscriptSegment> Utterances,
    [property: Id(1)] long TranscribedMs);

/// <summary>
/// Recognizes one window of speech (its 16 kHz PCM in a blob) with this silo's engine. A new activation
/// per window, placed by Orleans where the fewest activations are, so one session's backlog is
/// recognized by the workers of every silo.
/// </summary>
public interface IRecognitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// The window's utterances (no speaker yet), placed in the session by <paramref name="startSample"/>, with
    /// their voice's pitch and language. It may wait behind a busy silo's backlog.
    /// </summary>
    [ResponseTimeout("00:30:00")]
    Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(string pcmBlob, long startSample, IReadOnlyList<string> languages);
}
