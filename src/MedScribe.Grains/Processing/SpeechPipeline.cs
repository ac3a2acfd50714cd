using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;
using MedScribe.Grains.Templates;
using MedScribe.Speech;
using Microsoft.Extensions.Logging;

namespace MedScribe.Grains.Processing;

/// <summary>
/// Ended session → one recording → speech recognition → speaker-labelled transcript → templates, each
/// filled on its own by the <see cref="TemplateRunner"/> (a template that fails makes the session
/// <c>partial</c>; the transcript is always there).
/// </summary>
public sealed class SpeechPipeline(IAudioStore store, FfmpegDecoder decoder, ISpeechRecognizer recognizer, TemplateRunner templates, ILogger<SpeechPipeline> logger) : ISessionPipeline
{
    public async Task<PipelineOutcome> RunAsync(SessionView session, IReadOnlyList<ChunkUpload> chunks, TranscriptionProgress? progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (heard, filesUsed, errors, seconds) = recognizer is IStreamingRecognizer streaming
            ? await FinishStreamingAsync(streaming, session.SessionId, chunks, progress, cancellationToken)
            : await RecognizeWholeAsync(chunks, cancellationToken);
        logger.LogInformation("Session {SessionId}: {Seconds:F1} s of audio by {Engine}, {Utterances} utterances, {Elapsed:F1} s after the end ({Steps} steps while recording)",
            session.SessionId, seconds, recognizer.Engine, heard.Count, started.Elapsed.TotalSeconds, progress?.Steps ?? 0);
        if (filesUsed == 0)
        {
            return PipelineOutcome.Failed("invalid_audio_format",
                $"None of the {chunks.Count} audio files could be decoded. {string.Join(" ", errors.Select(e => e.Message))}");
        }

        if (heard.Count == 0)
        {
            return PipelineOutcome.Failed("audio_quality_poor",
                $"No speech was recognised in the {seconds:F1} s of audio received. Check the microphone and its level.");
        }

        var lines = SpeakerRoles.Label(
            heard.Select(h => new RecognizedUtterance(h.Start, h.End, h.Text, []) { Confidence = h.Confidence }).ToList(),
            heard.Select(h => h.PitchHz).ToList());
        var segments = lines.Select(l => new TranscriptSegment(l.Speaker, l.Text, (long)(l.Start * 1000), (long)(l.End * 1000), Math.Round(l.Confidence, 3))).ToList();
        var transcript = TranscriptSegment.Join(segments);
        var extraction = System.Diagnostics.Stopwatch.StartNew();
        var (results, anyFailed) = await templates.RunAsync(session, session.TenantId, transcript, segments, cancellationToken);
        logger.LogInformation("Session {SessionId}: {Count} templates in {Elapsed:F0} ms", session.SessionId, session.Templates.Count, extraction.Elapsed.TotalMilliseconds);

        // The engine decodes one language only, so what it recognised is in that language.
        return new PipelineOutcome(transcript, results.ToJsonString(), recognizer.Languages[0], filesUsed, errors, null, null,
            anyFailed, segments);
    }

    /// <summary>Finishes what was transcribed while recording (or everything, when that no longer matches the manifest).</summary>
    private async Task<(IReadOnlyList<HeardUtterance>, int, IReadOnlyList<ProcessingError>, double)> FinishStreamingAsync(
        IStreamingRecognizer streaming, string sessionId, IReadOnlyList<ChunkUpload> chunks, TranscriptionProgress? progress, CancellationToken cancellationToken)
    {
        var start = progress is { } earlier && earlier.Matches(chunks) ? earlier : TranscriptionProgress.Empty;
        var done = await new IncrementalTranscriber(store, decoder, streaming).StepAsync(sessionId, start, chunks, last: true, cancellationToken);
        await store.DeletePrefixAsync(IncrementalTranscriber.TailPrefix(sessionId), cancellationToken);
        return (done.Utterances, done.FilesUsed, done.Errors, done.SamplesDone / (double)PcmAudio.SampleRate);
    }

    /// <summary>Engines that take a whole recording: decode every file, then recognise once.</summary>
    private async Task<(IReadOnlyList<HeardUtterance>, int, IReadOnlyList<ProcessingError>, double)> RecognizeWholeAsync(IReadOnlyList<ChunkUpload> chunks, CancellationToken cancellationToken)
    {
        var audio = await SessionAudio.AssembleAsync(store, decoder, chunks, cancellationToken);
        var utterances = audio.FilesUsed == 0 ? [] : await recognizer.RecognizeAsync(new PcmAudio(audio.Samples), cancellationToken);
        var heard = utterances.Select(u => new HeardUtterance(u.Text, u.Start, u.End, u.Confidence, SpeakerRoles.MedianPitch(audio.Samples, u.Start, u.End))).ToList();
        return (heard, audio.FilesUsed, audio.Errors, audio.Samples.Length / (double)PcmAudio.SampleRate);
    }
}
