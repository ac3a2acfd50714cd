namespace MedScribe.Abstractions.Sessions;

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
    /// <summary>A file was added to the session's manifest (or replaced one); <paramref name="maxDurationMs"/> caps its decoded length.</summary>
    [Orleans.Concurrency.OneWay]
    Task AudioArrivedAsync(ChunkUpload chunk, long maxDurationMs);

    /// <summary>
    /// Transcribes whatever is left of <paramref name="chunks"/> (the final manifest) and waits for every
    /// utterance: minutes for a long recording uploaded at once, so the call may take the whole processing time.
    /// </summary>
    [ResponseTimeout("01:00:00")]
    Task<TranscriptionResult> FinishAsync(IReadOnlyList<ChunkUpload> chunks, long maxDurationMs);

    /// <summary>Removes the transcription's blobs and state (the session has its transcript, or is gone).</summary>
    Task DeleteAsync();
}

/// <summary>
/// Recognizes one window of speech (its 16 kHz PCM in a blob) with this silo's engine. A new activation
/// per window, placed by Orleans where the fewest activations are, so one session's backlog is
/// recognized by the workers of every silo.
/// </summary>
public interface IRecognitionGrain : IGrainWithStringKey
{
    /// <summary>
    /// The window's utterances (no speaker yet), placed in the session by <paramref name="startSample"/>, with
    /// their voice's pitch. It may wait behind a busy silo's backlog.
    /// </summary>
    [ResponseTimeout("00:30:00")]
    Task<IReadOnlyList<TranscriptSegment>> RecognizeAsync(string pcmBlob, long startSample);
}
