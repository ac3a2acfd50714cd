using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;
using MedScribe.Speech;

namespace MedScribe.Grains.Transcription;

/// <summary>What one step decided: the new progress and the windows it cut (already stored).</summary>
public sealed record TranscriptionStep(
    IReadOnlyList<string> Consumed, byte[]? Carry, string? TailBlob, long FinalSamples, long SamplesDecoded, int FilesUsed,
    IReadOnlyList<ProcessingError> Errors, bool AfterGap, IReadOnlyList<PendingWindow> Windows);

/// <summary>
/// One transcription step over a session's newly arrived files: each is read once and decoded (the open
/// Opus stream continued from its saved state), appended to the audio the last step left open, and cut
/// into windows of speech (<see cref="SpeechSegmenter"/>); the closed windows are stored for the
/// recognizers and what is still being spoken is stored for the next step. A file that cannot be used is
/// skipped and reported; the others go on. Memory is at most about two minutes of audio: a long file
/// (a whole recording uploaded at once) is cut into windows as it decodes, never held whole.
/// </summary>
public sealed class SessionTranscriber(IAudioStore store, ChunkDecoder decoder, SpeechSegmenter segmenter)
{
    private const int Rate = PcmAudio.SampleRate;

    /// <summary>Decoded audio held before it is cut into windows in the middle of a step.</summary>
    private const int DrainSamples = 120 * Rate;

    /// <summary>Where a session's transcription keeps its working blobs; outside the session's audio prefix, which holds only uploads.</summary>
    public static string Prefix(string sessionId) => $"transcriber/{sessionId}/";

    public async Task<TranscriptionStep> StepAsync(string sessionId, TranscriptionState state, IReadOnlyList<ChunkUpload> fresh, bool last, CancellationToken cancellationToken)
    {
        var pcm = new List<short>();
        if (state.TailBlob is { } tail)
        {
            pcm.AddRange(await PcmBlobs.ReadAsync(store, tail, cancellationToken));
        }

        var (carry, afterGap, filesUsed, decoded) = (state.Carry, state.AfterGap, state.FilesUsed, state.SamplesDecoded);
        var consumed = state.Consumed.ToList();
        var errors = state.Errors.ToList();
        var maxSamples = state.MaxDurationMs * Rate / 1000;
        var windows = new List<PendingWindow>();
        var finalSamples = state.FinalSamples;

        // Cuts what has closed so far out of the audio held, and stores it; returns how many samples went.
        async Task<int> CutAsync(bool last)
        {
            var samples = pcm.ToArray();
            var cut = segmenter.Cut(samples, finalSamples, last, cancellationToken);
            foreach (var window in cut.Windows)
            {
                var number = state.NextWindow + windows.Count;
                var blob = $"{Prefix(sessionId)}window-{number:D5}.pcm";
                await PcmBlobs.WriteAsync(store, blob, window.Samples, cancellationToken);
                windows.Add(new PendingWindow(number, blob, window.StartSample));
            }

            pcm.RemoveRange(0, cut.Kept);
            finalSamples += cut.Kept;
            return cut.Kept;
        }

        Task<int> DrainAsync() => pcm.Count < DrainSamples ? Task.FromResult(0) : CutAsync(last: false);

        foreach (var chunk in fresh)
        {
            try
            {
                var result = await decoder.DecodeAsync(AudioFormats.ExtensionOf(chunk.ContentType) ?? "", ct => store.OpenReadAsync(chunk.BlobName, ct),
                    chunk.Length, carry, afterGap, pcm, maxSamples, cancellationToken, DrainAsync);
                (carry, afterGap) = (result.Carry, false);
                decoded += result.Samples;
                filesUsed++;
            }
            catch (AudioDecodeException e)
            {
                errors.Add(new ProcessingError("audio_file_skipped", $"Audio file '{chunk.FileName}' could not be used: {e.Message}", chunk.FileName));
                afterGap = true;
            }

            consumed.Add(chunk.BlobName);
        }

        if (last)
        {
            var before = pcm.Count;
            ChunkDecoder.Finish(carry, pcm);
            decoded += pcm.Count - before;
            carry = null;
        }

        await CutAsync(last);
        string? tailBlob = null;
        if (pcm.Count > 0)
        {
            tailBlob = $"{Prefix(sessionId)}tail-{state.Steps + 1:D5}.pcm";
            await PcmBlobs.WriteAsync(store, tailBlob, pcm.ToArray(), cancellationToken);
        }

        return new TranscriptionStep(consumed, carry, tailBlob, finalSamples, decoded, filesUsed, errors, afterGap, windows);
    }
}
