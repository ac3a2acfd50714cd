namespace MedScribe.Abstractions.Sessions;

/// <summary>A validated create-session request.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionSpec(
    [property: Id(0)] string TenantId,
    [property: Id(1)] IReadOnlyList<string> Templates,
    [property: Id(2)] string Model,
    [property: Id(3)] IReadOnlyList<string> LanguageHints,
    [property: Id(4)] string? TranscriptLanguage,
    [property: Id(5)] string UploadType,
    [property: Id(6)] string CommunicationProtocol,
    [property: Id(7)] string? AdditionalDataJson,
    [property: Id(8)] bool AdditionalDataAsMetadata,
    [property: Id(9)] TimeSpan MaxDuration);

/// <summary>One audio file already streamed to blob storage, to be recorded in the session's manifest.</summary>
[GenerateSerializer, Immutable]
public sealed record ChunkUpload(
    [property: Id(0)] int Index,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] string BlobName,
    [property: Id(4)] long Length,
    [property: Id(5)] string Sha256,
    [property: Id(6)] long? DurationMs);

/// <summary>What the session recorded for an upload.</summary>
[GenerateSerializer, Immutable]
public sealed record ChunkReceipt(
    [property: Id(0)] string SessionId,
    [property: Id(1)] int Index,
    [property: Id(2)] string FileName,
    [property: Id(3)] long? ChunkDurationMs,
    [property: Id(4)] long TotalDurationMs,
    [property: Id(5)] int AudioFilesReceived,
    [property: Id(6)] bool Replaced);

/// <summary>One entry of <c>processing_errors</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record ProcessingError(
    [property: Id(0)] string Type,
    [property: Id(1)] string Message,
    [property: Id(2)] string? File);

/// <summary>Everything the API needs to render a session in any state.</summary>
[GenerateSerializer, Immutable]
public sealed record SessionView(
    [property: Id(0)] string SessionId,
    [property: Id(1)] SessionStatus Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] DateTimeOffset? CompletedAt,
    [property: Id(6)] DateTimeOffset? ExpiredAt,
    [property: Id(7)] string Model,
    [property: Id(8)] IReadOnlyList<string> Templates,
    [property: Id(9)] string? AdditionalDataJson,
    [property: Id(10)] bool AdditionalDataAsMetadata,
    [property: Id(11)] IReadOnlyList<string> AudioFiles,
    [property: Id(12)] long TotalDurationMs,
    [property: Id(13)] string? Transcript,
    [property: Id(14)] string? TemplateResultsJson,
    [property: Id(15)] string? ErrorCode,
    [property: Id(16)] string? ErrorMessage,
    [property: Id(17)] IReadOnlyList<ProcessingError> ProcessingErrors,
    [property: Id(18)] string? LanguageDetected,
    [property: Id(19)] int AudioFilesProcessed,
    [property: Id(20)] string UploadType,
    [property: Id(21)] long TranscribedMs = 0,
    [property: Id(22)] string TenantId = "");

/// <summary>
/// Permission to stream one upload: its chunk index and the blob to write, and where the WebM/Ogg reader
/// stood at the end of the chunk before it (so a header-less continuation's duration can be read at upload).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UploadTicket(
    [property: Id(0)] int Index,
    [property: Id(1)] bool Single,
    [property: Id(2)] string BlobName,
    [property: Id(3)] byte[]? ProbeCarry = null);
