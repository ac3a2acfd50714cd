using System.Text.Json.Nodes;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;
using MedScribe.Speech;
using Microsoft.Extensions.Logging;

namespace MedScribe.Grains.Processing;

/// <summary>
/// Ended session → one recording → speech recognition → speaker-labelled transcript → templates.
/// The <c>transcript</c> template is served from the transcript; clinical extraction for the other
/// templates is not built yet, so each of them fails on its own with <c>extraction_failed</c> saying so
/// (the session is then <c>partial</c>, with the transcript), never with invented content.
/// </summary>
public sealed class SpeechPipeline(IAudioStore store, FfmpegDecoder decoder, ISpeechRecognizer recognizer, ILogger<SpeechPipeline> logger) : ISessionPipeline
{
    public const string ExtractionNotBuilt = "Clinical extraction is not available in this deployment yet, so template '{0}' was not filled; the transcript is complete.";

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
        var transcript = SpeakerRoles.Format(lines);
        var segments = lines.Select(l => new TranscriptSegment(l.Speaker, l.Text, (long)(l.Start * 1000), (long)(l.End * 1000), Math.Round(l.Confidence, 3))).ToList();
        var templates = new JsonObject();
        var anyFailed = false;
        foreach (var template in session.Templates)
        {
            if (template == "transcript")
            {
                templates[template] = new JsonObject { ["status"] = "success", ["data"] = TranscriptData(transcript, segments) };
                continue;
            }

            anyFailed = true;
            templates[template] = new JsonObject
            {
                ["status"] = "failed",
                ["error"] = new JsonObject { ["code"] = "extraction_failed", ["message"] = string.Format(ExtractionNotBuilt, template) },
            };
        }

        // The engine decodes one language only, so what it recognised is in that language.
        return new PipelineOutcome(transcript, templates.ToJsonString(), recognizer.Languages[0], filesUsed, errors, null, null,
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

    /// <summary>
    /// The <c>transcript</c> template's data: the official schema wants an object, so the labelled text
    /// comes with its lines' speakers, audio times and confidences (line numbers are evidence indexes).
    /// </summary>
    public static JsonObject TranscriptData(string transcript, IReadOnlyList<TranscriptSegment> segments) => new()
    {
        ["text"] = transcript,
        ["utterances"] = new JsonArray(segments.Select(s => (JsonNode)new JsonObject
        {
            ["speaker"] = s.Speaker,
            ["text"] = s.Text,
            ["start_ms"] = s.StartMs,
            ["end_ms"] = s.EndMs,
            ["confidence"] = s.Confidence,
        }).ToArray()),
    };
}
