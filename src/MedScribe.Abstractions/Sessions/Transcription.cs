namespace MedScribe.Abstractions.Sessions;

/// <summary>One utterance transcribed while the session was still recording, with the pitch measured when its audio was at hand.</summary>
[GenerateSerializer, Immutable]
public sealed record HeardUtterance(
    [property: Id(0)] string Text,
    [property: Id(1)] double Start,
    [property: Id(2)] double End,
    [property: Id(3)] double Confidence,
    [property: Id(4)] double? PitchHz);

/// <summary>
/// How far a session's audio has been transcribed as it arrived. Utterances cover the audio before
/// <see cref="FinalSamples"/>; the unfinished utterance after it waits in the blob <see cref="TailBlob"/>
/// for the next chunk. Valid only while the session's first chunks are still the blobs in <see cref="ConsumedBlobs"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TranscriptionProgress(
    [property: Id(0)] IReadOnlyList<string> ConsumedBlobs,
    [property: Id(1)] long SamplesDone,
    [property: Id(2)] long FinalSamples,
    [property: Id(3)] string? TailBlob,
    [property: Id(4)] int GroupStart,
    [property: Id(5)] long GroupSamplesDone,
    [property: Id(6)] IReadOnlyList<HeardUtterance> Utterances,
    [property: Id(7)] IReadOnlyList<ProcessingError> Errors,
    [property: Id(8)] int FilesUsed,
    [property: Id(9)] int Steps)
{
    public static TranscriptionProgress Empty { get; } = new([], 0, 0, null, -1, 0, [], [], 0, 0);

    /// <summary>True while every consumed chunk is still the one in the manifest at its index.</summary>
    public bool Matches(IReadOnlyList<ChunkUpload> chunks)
    {
        var ordered = chunks.OrderBy(c => c.Index).ToList();
        return ConsumedBlobs.Count <= ordered.Count && ConsumedBlobs.Select((blob, i) => ordered[i].Index == i && ordered[i].BlobName == blob).All(ok => ok);
    }
}

/// <summary>
/// Transcribes a session's audio a step at a time: the chunks that arrived since the last step, plus
/// the unfinished utterance the last step left behind. A <c>[StatelessWorker]</c> pool.
/// </summary>
public interface ITranscriberGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Consumes the contiguous chunks after <paramref name="progress"/>. With <paramref name="last"/> the
    /// unfinished utterance is transcribed too. Returns the new progress (unchanged when nothing is new).
    /// </summary>
    Task<TranscriptionProgress> StepAsync(string sessionId, TranscriptionProgress progress, IReadOnlyList<ChunkUpload> chunks, bool last);
}
