namespace MedScribe.Abstractions.Sessions;

/// <summary>Turns a session's audio into a transcript and template results.</summary>
public interface ISessionPipeline
{
    /// <summary>A file joined the manifest while the session records: a pipeline may start on it now.</summary>
    Task AudioArrivedAsync(string sessionId, ChunkUpload chunk, TranscriptionOptions options) => Task.CompletedTask;

    /// <summary>The session expired or was deleted without processing: whatever was started for it goes.</summary>
    Task DiscardAsync(string sessionId) => Task.CompletedTask;

    /// <summary>Processes the ended session; a failure is reported in the outcome, not thrown.</summary>
    Task<PipelineOutcome> RunAsync(SessionView session, IReadOnlyList<ChunkUpload> chunks, TranscriptionOptions options, CancellationToken cancellationToken);
}

/// <summary>What processing produced: a transcript and per-template results, or a session-level error.</summary>
[GenerateSerializer, Immutable]
public sealed record PipelineOutcome(
    [property: Id(0)] string? Transcript,
    [property: Id(1)] string? TemplateResultsJson,
    [property: Id(2)] string? LanguageDetected,
    [property: Id(3)] int AudioFilesProcessed,
    [property: Id(4)] IReadOnlyList<ProcessingError> ProcessingErrors,
    [property: Id(5)] string? ErrorCode,
    [property: Id(6)] string? ErrorMessage,
    [property: Id(7)] bool AnyTemplateFailed = false,
    [property: Id(8)] IReadOnlyList<TranscriptSegment>? Segments = null,
    [property: Id(9)] long? DecodedDurationMs = null)
{
    public static PipelineOutcome Failed(string code, string message) => new(null, null, null, 0, [], code, message);

    /// <summary>The transcript's text: as the engine gave it, or its timed lines joined (a finished session keeps only those).</summary>
    public string? TranscriptText => Transcript ?? (Segments is { Count: > 0 } lines ? TranscriptSegment.Join(lines) : null);
}

/// <summary>
/// One line of a transcript, the one type from the speech engine to the templates: an engine gives one per
/// utterance (no speaker yet, times from the start of the window it heard, with its words); the
/// recognizer places it in the session and measures the voice's pitch; speaker labelling names the
/// speaker and joins a speaker's consecutive utterances; the templates cite lines by index. An engine that
/// tells languages apart gives each line's (ISO 639-1).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TranscriptSegment(
    [property: Id(0)] string Speaker,
    [property: Id(1)] string Text,
    [property: Id(2)] long StartMs,
    [property: Id(3)] long EndMs,
    [property: Id(4)] double Confidence,
    [property: Id(5)] double? PitchHz = null,
    [property: Id(6)] IReadOnlyList<TranscriptWord>? Words = null,
    [property: Id(7)] string? Language = null)
{
    /// <summary>The transcript's text form: one <c>Speaker: text</c> line per segment.</summary>
    public static string Join(IEnumerable<TranscriptSegment> lines) => string.Join('\n', lines.Select(l => $"{l.Speaker}: {l.Text}"));

    /// <summary>The same line <paramref name="ms"/> later in the audio.</summary>
    public TranscriptSegment Shift(long ms) => this with
    {
        StartMs = StartMs + ms,
        EndMs = EndMs + ms,
        Words = Words?.Select(w => w with { StartMs = w.StartMs + ms, EndMs = w.EndMs + ms }).ToList(),
    };
}

/// <summary>One recognised word: its audio times in milliseconds and a confidence in [0, 1].</summary>
[GenerateSerializer, Immutable]
public sealed record TranscriptWord(
    [property: Id(0)] string Text,
    [property: Id(1)] long StartMs,
    [property: Id(2)] long EndMs,
    [property: Id(3)] double Confidence);
