using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;
using MedScribe.Speech;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;

namespace MedScribe.Grains.Processing;

/// <summary>
/// One transcription step over a session's newly arrived chunks (see <see cref="TranscriptionProgress"/>).
/// Utterances the voice-activity model has closed are decoded now; the one still open at the end of
/// the audio is kept, as PCM in a blob, and decoded together with the next chunk, so an utterance cut
/// by a chunk edge is heard whole. WebM/Ogg continuation chunks are decoded with the stream they
/// continue. A chunk that cannot be decoded is skipped and reported, as at the end of a session.
/// </summary>
public sealed class IncrementalTranscriber(IAudioStore store, FfmpegDecoder decoder, IStreamingRecognizer recognizer)
{
    private const int Rate = PcmAudio.SampleRate;

    /// <summary>Where a session's pending PCM is kept; outside the session's audio prefix, which holds only uploads.</summary>
    public static string TailPrefix(string sessionId) => $"transcriber/{sessionId}/";

    public async Task<TranscriptionProgress> StepAsync(string sessionId, TranscriptionProgress progress, IReadOnlyList<ChunkUpload> chunks, bool last, CancellationToken cancellationToken)
    {
        var contiguous = chunks.OrderBy(c => c.Index).Where((c, i) => c.Index == i).ToList();
        var fresh = contiguous.Count > progress.ConsumedBlobs.Count ? contiguous.Skip(progress.ConsumedBlobs.Count).TakeWhile((c, i) => c.Index == progress.ConsumedBlobs.Count + i).ToList() : [];
        if (fresh.Count == 0 && !last)
        {
            return progress;
        }

        var pcm = new List<short>(progress.TailBlob is { } tail ? PcmAudio.FromBytes(await SessionAudio.ReadAsync(store, tail, cancellationToken)).Samples : []);
        var consumed = progress.ConsumedBlobs.ToList();
        var errors = progress.Errors.ToList();
        var (groupStart, groupDone, filesUsed, samplesDone) = (progress.GroupStart, progress.GroupSamplesDone, progress.FilesUsed, progress.SamplesDone);
        foreach (var chunk in fresh)
        {
            var bytes = await SessionAudio.ReadAsync(store, chunk.BlobName, cancellationToken);
            var streaming = AudioFormats.ExtensionOf(chunk.ContentType) is "webm" or "ogg";
            try
            {
                short[] added;
                if (streaming && !SessionAudio.StartsContainer(bytes))
                {
                    if (groupStart < 0)
                    {
                        throw new AudioDecodeException("it has no audio header and follows no file it could continue");
                    }

                    // A continuation decodes only with its stream: decode the stream so far and keep what is new.
                    using var stream = new MemoryStream();
                    foreach (var earlier in consumed.Skip(groupStart))
                    {
                        stream.Write(await SessionAudio.ReadAsync(store, earlier, cancellationToken));
                    }

                    stream.Write(bytes);
                    stream.Position = 0;
                    var whole = (await decoder.DecodeAsync(stream, cancellationToken)).Samples();
                    added = whole.Length > groupDone ? whole[(int)groupDone..] : [];
                    groupDone = whole.Length;
                }
                else
                {
                    added = (await decoder.DecodeAsync(new MemoryStream(bytes), cancellationToken)).Samples();
                    (groupStart, groupDone) = streaming ? (consumed.Count, added.Length) : (-1, 0);
                }

                if (added.Length == 0 && !(streaming && groupStart >= 0))
                {
                    throw new AudioDecodeException("it holds no audio samples");
                }

                pcm.AddRange(added);
                samplesDone += added.Length;
                filesUsed++;
            }
            catch (AudioDecodeException e)
            {
                errors.Add(new ProcessingError("audio_file_skipped", $"Audio file '{chunk.FileName}' could not be used: {e.Message}", chunk.FileName));
                if (streaming && SessionAudio.StartsContainer(bytes))
                {
                    groupStart = -1;
                }
            }

            consumed.Add(chunk.BlobName);
        }

        var samples = pcm.ToArray();
        var segments = recognizer.Segments(samples, cancellationToken);
        // The voice-activity model leaves the last segment open when speech runs to the end of the audio.
        var open = !last && segments.Count > 0 && segments[^1].End >= samples.Length - 512 ? segments[^1] : (SpeechSegment?)null;
        var closed = open is null ? segments : segments.Take(segments.Count - 1).ToList();
        var cut = last ? samples.Length
            : open is { } pending ? Math.Max(closed.Count > 0 ? (closed[^1].End + pending.Start) / 2 : 0, pending.Start - PocketSphinxRecognizer.PaddingSamples)
            : closed.Count > 0 ? Math.Min(samples.Length, closed[^1].End + PocketSphinxRecognizer.PaddingSamples)
            : Math.Max(0, samples.Length - Rate / 2);
        if (!last)
        {
            // The kept audio starts on the voice-activity model's window grid of the whole recording, so the next
            // step sees the same windows as one pass over the recording would, and finds the same pauses.
            cut -= (int)((progress.FinalSamples + cut) % SileroVad.WindowSamples);
        }

        var decodedPart = samples[..cut];
        var offset = progress.FinalSamples / (double)Rate;
        var heard = await recognizer.DecodeAsync(decodedPart, closed.Where(s => s.Start < cut).ToList(), 0, cancellationToken);
        var utterances = progress.Utterances.Concat(heard.Select(u => new HeardUtterance(
            u.Text, Math.Round(u.Start + offset, 2), Math.Round(u.End + offset, 2), Math.Round(u.Confidence, 3),
            SpeakerRoles.MedianPitch(decodedPart, u.Start, u.End)))).ToList();

        string? tailBlob = null;
        if (cut < samples.Length)
        {
            tailBlob = $"{TailPrefix(sessionId)}tail-{progress.Steps + 1:D5}.pcm";
            var bytes = new byte[(samples.Length - cut) * 2];
            Buffer.BlockCopy(samples, cut * 2, bytes, 0, bytes.Length);
            await store.UploadAsync(tailBlob, new MemoryStream(bytes), "application/octet-stream", cancellationToken: cancellationToken);
        }

        return new TranscriptionProgress(consumed, samplesDone, progress.FinalSamples + cut, tailBlob, groupStart, groupDone, utterances, errors, filesUsed, progress.Steps + 1);
    }
}

/// <summary>The pool of transcription workers; each step is independent, so any activation on any silo can take it.</summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class TranscriberGrain(IncrementalTranscriber transcriber) : Grain, ITranscriberGrain
{
    public Task<TranscriptionProgress> StepAsync(string sessionId, TranscriptionProgress progress, IReadOnlyList<ChunkUpload> chunks, bool last) =>
        transcriber.StepAsync(sessionId, progress, chunks, last, CancellationToken.None);
}
