using System.Text.Json;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Grains.Templates;
using MedScribe.Speech;
using Microsoft.Extensions.Logging;

namespace MedScribe.Grains.Processing;

/// <summary>
/// A session's audio → its transcription (<see cref="ITranscriptionGrain"/>, which works while the
/// session records) → a speaker-labelled transcript → templates, each filled on its own by the
/// <see cref="TemplateRunner"/> (a template that fails makes the session <c>partial</c>; the transcript
/// is always there). The same path for every speech engine.
/// </summary>
public sealed class SpeechPipeline(IGrainFactory grains, IAudioStore store, ISpeechRecognizer recognizer, TemplateRunner templates, ILogger<SpeechPipeline> logger) : ISessionPipeline
{
    public Task AudioArrivedAsync(string sessionId, ChunkUpload chunk, TranscriptionOptions options) =>
        grains.GetGrain<ITranscriptionGrain>(sessionId).AudioArrivedAsync(chunk, options);

    public Task DiscardAsync(string sessionId) => grains.GetGrain<ITranscriptionGrain>(sessionId).DeleteAsync();

    public async Task<PipelineOutcome> RunAsync(SessionView session, IReadOnlyList<ChunkUpload> chunks, TranscriptionOptions options, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var transcription = grains.GetGrain<ITranscriptionGrain>(session.SessionId);
        var result = await transcription.FinishAsync(chunks, options).WaitAsync(cancellationToken);
        var heard = await ReadAsync(result.UtterancesBlob, cancellationToken);
        var seconds = result.SamplesDecoded / (double)PcmAudio.SampleRate;
        logger.LogInformation("Session {SessionId}: {Seconds:F1} s of audio by {Engine}, {Utterances} utterances, {Elapsed:F1} s after the end ({Steps} steps)",
            session.SessionId, seconds, recognizer.Engine, heard.Count, started.Elapsed.TotalSeconds, result.Steps);
        var decodedMs = result.SamplesDecoded * 1000 / PcmAudio.SampleRate;
        if (result.FilesUsed == 0)
        {
            return PipelineOutcome.Failed("invalid_audio_format",
                $"None of the {chunks.Count} audio files could be decoded. {string.Join(" ", result.Errors.Select(e => e.Message))}") with { DecodedDurationMs = decodedMs };
        }

        if (heard.Count == 0)
        {
            return PipelineOutcome.Failed("audio_quality_poor",
                $"No speech was recognised in the {seconds:F1} s of audio received. Check the microphone and its level.") with { DecodedDurationMs = decodedMs };
        }

        var segments = SpeakerRoles.Label(heard);
        var transcript = TranscriptSegment.Join(segments);
        var extraction = System.Diagnostics.Stopwatch.StartNew();
        var (results, anyFailed) = await templates.RunAsync(session, session.TenantId, transcript, segments, cancellationToken);
        logger.LogInformation("Session {SessionId}: {Count} templates in {Elapsed:F0} ms", session.SessionId, session.Templates.Count, extraction.Elapsed.TotalMilliseconds);
        await transcription.DeleteAsync();

        return new PipelineOutcome(transcript, results.ToJsonString(), SpokenLanguage(heard), result.FilesUsed, result.Errors, null, null,
            anyFailed, segments, decodedMs);
    }

    /// <summary>
    /// The language most of the speech was in, by duration, as each line carries it (the engine's, or the
    /// session's only hint, stamped by the recognizer); lines with none are in the engine's only (first) language.
    /// </summary>
    private string SpokenLanguage(IReadOnlyList<TranscriptSegment> heard) =>
        heard.Where(u => u.Language is not null).GroupBy(u => u.Language!).MaxBy(g => g.Sum(u => Math.Max(1, u.EndMs - u.StartMs)))?.Key
        ?? recognizer.Languages[0];

    private async Task<List<TranscriptSegment>> ReadAsync(string blob, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(blob, cancellationToken);
        return await JsonSerializer.DeserializeAsync<List<TranscriptSegment>>(stream, cancellationToken: cancellationToken) ?? [];
    }
}
