using MedScribe.Abstractions.Sessions;

namespace MedScribe.Grains.Transcription;

/// <summary>
/// How far a session's transcription has got, persisted after every step. The files before
/// <see cref="Consumed"/>'s end are decoded; the open Opus stream's state is <see cref="Carry"/>; the
/// audio after <see cref="FinalSamples"/> (an utterance still being spoken) waits in <see cref="TailBlob"/>;
/// windows cut but not yet recognized are <see cref="Pending"/> (re-sent after a crash).
/// </summary>
[GenerateSerializer]
public sealed class TranscriptionState
{
    /// <summary>The session's files as last told, by index.</summary>
    [Id(0)] public List<ChunkUpload> Chunks { get; set; } = [];

    /// <summary>Blob names of the files decoded, in index order from 0.</summary>
    [Id(1)] public List<string> Consumed { get; set; } = [];

    [Id(2)] public byte[]? Carry { get; set; }

    [Id(3)] public string? TailBlob { get; set; }

    [Id(4)] public long FinalSamples { get; set; }

    [Id(5)] public long SamplesDecoded { get; set; }

    [Id(6)] public int FilesUsed { get; set; }

    [Id(7)] public List<ProcessingError> Errors { get; set; } = [];

    [Id(8)] public List<PendingWindow> Pending { get; set; } = [];

    /// <summary>The utterances recognized so far (no speaker yet), in the order their windows finished.</summary>
    [Id(15)] public List<TranscriptSegment> Heard { get; set; } = [];

    [Id(10)] public int NextWindow { get; set; }

    [Id(11)] public int Steps { get; set; }

    /// <summary>The last file could not be used: a continuation after it resumes at its next readable point.</summary>
    [Id(12)] public bool AfterGap { get; set; }

    /// <summary>The most one file may decode to, in milliseconds.</summary>
    [Id(13)] public long MaxDurationMs { get; set; }

    /// <summary>The session's language hints, given to the recognizers with every window.</summary>
    [Id(16)] public List<string> Languages { get; set; } = [];

    /// <summary>True once the last file was decoded and the last utterance closed.</summary>
    [Id(14)] public bool Closed { get; set; }

    /// <summary>True while every consumed file is still the one in the manifest at its index.</summary>
    public bool Matches(IReadOnlyList<ChunkUpload> chunks)
    {
        var ordered = chunks.OrderBy(c => c.Index).ToList();
        return Consumed.Count <= ordered.Count && Consumed.Select((blob, i) => ordered[i].Index == i && ordered[i].BlobName == blob).All(ok => ok);
    }

    /// <summary>Takes a step's result: the files it decoded, the stream and tail it left, the windows it cut.</summary>
    public void Apply(TranscriptionStep step, bool last)
    {
        Consumed = step.Consumed.ToList();
        Carry = step.Carry;
        TailBlob = step.TailBlob;
        FinalSamples = step.FinalSamples;
        SamplesDecoded = step.SamplesDecoded;
        FilesUsed = step.FilesUsed;
        Errors = step.Errors.ToList();
        AfterGap = step.AfterGap;
        Pending.AddRange(step.Windows);
        NextWindow += step.Windows.Count;
        Steps++;
        Closed = last;
    }

    /// <summary>The contiguous files (indexes 0, 1, 2, …) not decoded yet.</summary>
    public IReadOnlyList<ChunkUpload> Fresh() => Chunks.OrderBy(c => c.Index)
        .Where((c, i) => c.Index == i).Skip(Consumed.Count).ToList();
}

/// <summary>A window of speech cut and stored, waiting for (or being given to) a recognizer.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingWindow([property: Id(0)] int Number, [property: Id(1)] string Blob, [property: Id(2)] long StartSample);
