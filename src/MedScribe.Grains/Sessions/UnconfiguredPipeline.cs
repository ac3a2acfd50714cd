using MedScribe.Abstractions.Sessions;

namespace MedScribe.Grains.Sessions;

/// <summary>
/// The pipeline of a deployment with no speech engine configured: every session fails with a clear
/// <c>processing_failed</c> error instead of a made-up transcript or note.
/// </summary>
public sealed class UnconfiguredPipeline : ISessionPipeline
{
    public const string Message =
        "Speech recognition is not available in this deployment: no speech engine is configured, so no transcript or note was produced.";

    public Task<PipelineOutcome> RunAsync(SessionView session, IReadOnlyList<ChunkUpload> chunks, TranscriptionOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(PipelineOutcome.Failed("processing_failed", Message));
}
