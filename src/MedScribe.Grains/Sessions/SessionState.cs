using MedScribe.Abstractions.Sessions;

namespace MedScribe.Grains.Sessions;

/// <summary>Persisted state of one session.</summary>
[GenerateSerializer]
public sealed class SessionState
{
    [Id(0)] public string SessionId { get; set; } = "";
    [Id(1)] public string TenantId { get; set; } = "";
    [Id(2)] public SessionStatus Status { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(5)] public DateTimeOffset? EndedAt { get; set; }
    [Id(6)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(7)] public DateTimeOffset? ExpiredAt { get; set; }
    [Id(8)] public SessionSpec? Spec { get; set; }
    [Id(9)] public List<ChunkUpload> Chunks { get; set; } = [];
    [Id(10)] public int? AudioFilesSent { get; set; }
    [Id(11)] public PipelineOutcome? Outcome { get; set; }

    /// <summary>Events saved with the transition that raised them and not yet handed to every subscriber.</summary>
    [Id(12)] public List<PendingSessionEvent> PendingEvents { get; set; } = [];

    /// <summary>How much of the audio the session's transcription has turned into text (reported as it goes).</summary>
    [Id(14)] public long TranscribedMs { get; set; }

    /// <summary>
    /// Where the WebM/Ogg container reader stood at the end of the chunk <see cref="ProbeCarryIndex"/>, so the
    /// duration of the chunk continuing it can be read at upload (<see cref="MedScribe.Audio.AudioProbe"/>).
    /// </summary>
    [Id(15)] public byte[]? ProbeCarry { get; set; }

    [Id(16)] public int ProbeCarryIndex { get; set; } = -1;

    /// <summary>A live session's stream format, from its first <c>start</c> frame.</summary>
    [Id(17)] public string? StreamFormat { get; set; }

    /// <summary>Counts the live session's socket openings: only the latest socket may add files.</summary>
    [Id(18)] public int StreamGeneration { get; set; }

    /// <summary>True once <see cref="SessionLifecycle.Create"/> has run.</summary>
    public bool Exists => Spec is not null;

    public SessionView ToView() => new(
        SessionId,
        Status,
        CreatedAt,
        ExpiresAt,
        EndedAt,
        CompletedAt,
        ExpiredAt,
        Spec?.Model ?? "",
        Spec?.Templates ?? [],
        Spec?.AdditionalDataJson,
        Spec?.AdditionalDataAsMetadata ?? false,
        Chunks.OrderBy(c => c.Index).Select(c => c.FileName).ToList(),
        // Known at upload for WAV, WebM, Ogg and MP3; once processed, files whose length was not known there count as decoded.
        Outcome?.DecodedDurationMs is { } decoded && Chunks.Any(c => c.DurationMs is null) ? decoded : Chunks.Sum(c => c.DurationMs ?? 0),
        Outcome?.TranscriptText,
        Outcome?.TemplateResultsJson,
        Outcome?.ErrorCode,
        Outcome?.ErrorMessage,
        Outcome?.ProcessingErrors ?? [],
        Outcome?.LanguageDetected,
        Outcome?.AudioFilesProcessed ?? 0,
        Spec?.UploadType ?? "chunked",
        TranscribedMs,
        TenantId);
}

/// <summary>A session event waiting to be handed to its webhook subscribers.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingSessionEvent([property: Id(0)] string Name, [property: Id(1)] DateTimeOffset At);
