using MedScribe.Audio.Opus;

namespace MedScribe.Audio;

/// <summary>What decoding one of a session's files did.</summary>
/// <param name="Samples">16 kHz samples it added.</param>
/// <param name="Carry">The open Opus stream's saved state, which the next file may continue; null when none is open.</param>
public sealed record ChunkDecoded(long Samples, byte[]? Carry);

/// <summary>
/// Decodes a session's files one at a time, in order, into one 16 kHz recording. Each byte is read
/// once, from a stream, and nothing earlier is read again. WebM and Ogg files that begin with their
/// header start an Opus stream; files that do not (MediaRecorder's later chunks, byte ranges cut
/// anywhere) continue it from its saved state (<see cref="ChunkDecoded.Carry"/>), which is small enough
/// to persist, so the next file may be decoded anywhere. WAV is decoded in process; MP3, M4A and
/// non-Opus WebM/Ogg through ffmpeg. Every decode is cut off at the length the caller allows.
/// </summary>
public sealed class ChunkDecoder(FfmpegDecoder ffmpeg)
{
    private const int ReadSize = 64 * 1024;

    /// <summary>
    /// Decodes one file (format from its MIME type, but the bytes decide: a WAV sent as MP3 is a WAV). On
    /// failure nothing is added to <paramref name="output"/> and the exception says why; the stream the
    /// file would have continued stays as it was. <paramref name="afterGap"/> says files are missing before
    /// this one (a skipped or absent index): a continuation then resumes at its next readable point.
    /// </summary>
    public async Task<ChunkDecoded> DecodeAsync(string format, Func<CancellationToken, Task<Stream>> open, long length, byte[]? carry, bool afterGap,
        List<short> output, long maxSamples, CancellationToken cancellationToken)
    {
        var start = output.Count;
        try
        {
            return await DecodeCoreAsync(format, open, length, carry, afterGap, output, maxSamples, cancellationToken);
        }
        catch
        {
            output.RemoveRange(start, output.Count - start);
            throw;
        }
    }

    /// <summary>The end of the session: what the open stream still holds (a few samples of filter delay).</summary>
    public static void Finish(byte[]? carry, List<short> output)
    {
        if (carry is not null)
        {
            OpusStreamDecoder.Restore(carry).Finish(output);
        }
    }

    private async Task<ChunkDecoded> DecodeCoreAsync(string format, Func<CancellationToken, Task<Stream>> open, long length, byte[]? carry, bool afterGap,
        List<short> output, long maxSamples, CancellationToken cancellationToken)
    {
        var start = output.Count;
        await using var stream = await open(cancellationToken);
        var buffer = new byte[ReadSize];
        var read = await stream.ReadAtLeastAsync(buffer, ReadSize, throwOnEndOfStream: false, cancellationToken);
        var first = buffer.AsSpan(0, read);
        if (read == 0)
        {
            throw new AudioDecodeException("it is empty");
        }

        if (OpusStreamDecoder.TryStart(first) is { } decoder)
        {
            // A new recording: the one before it ends here.
            Finish(carry, output);
            var before = output.Count;
            decoder.Limit(maxSamples, maxGapSamples: 0);
            decoder.Feed(first, output);
            while (decoder.NotOpus is null && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                decoder.Feed(buffer.AsSpan(0, read), output);
            }

            if (decoder.NotOpus is { } other)
            {
                // Vorbis and other codecs: a whole file only, through ffmpeg.
                output.RemoveRange(before, output.Count - before);
                await using var again = await open(cancellationToken);
                await ffmpeg.DecodeAsync(again, output, maxSamples, cancellationToken);
                return Done(null, $"it is {other}, which ffmpeg decoded to nothing");
            }

            return decoder.Started ? Done(decoder.Save(), "it holds no audio") : throw new AudioDecodeException("it has no Opus stream header");
        }

        if (format is "webm" or "ogg" && !WavFile.IsWav(first))
        {
            if (carry is null)
            {
                throw new AudioDecodeException("it has no audio header and follows no file it could continue");
            }

            var continued = OpusStreamDecoder.Restore(carry);
            if (afterGap)
            {
                continued.Discontinuity();
            }

            var (skipped, total) = (continued.SkippedBytes, (long)read);
            // Lost files are bridged with silence as long as the timestamps say, up to four files' worth.
            continued.Limit(maxSamples, afterGap ? 4 * maxSamples : 0);
            continued.Feed(first, output);
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                continued.Feed(buffer.AsSpan(0, read), output);
            }

            // Most of it did not parse: not the stream it claims to continue (the next file resumes after it).
            if ((continued.SkippedBytes - skipped) * 2 > total)
            {
                throw new AudioDecodeException($"its bytes are not the {format.ToUpperInvariant()} stream it follows ({continued.SkippedBytes - skipped} of {total} bytes did not parse)");
            }

            return new ChunkDecoded(output.Count - start, continued.Save());
        }

        Finish(carry, output);
        var from = output.Count;
        if (WavFile.IsWav(first) || format == "wav")
        {
            await WavFile.DecodeAsync(new PrefixedStream(buffer.AsMemory(0, read), stream), length, output, maxSamples, cancellationToken);
        }
        else
        {
            await ffmpeg.DecodeAsync(new PrefixedStream(buffer.AsMemory(0, read), stream), output, maxSamples, cancellationToken);
        }

        return output.Count > from ? new ChunkDecoded(output.Count - start, null) : throw new AudioDecodeException("it holds no audio samples");

        ChunkDecoded Done(byte[]? state, string empty) =>
            output.Count > start ? new ChunkDecoded(output.Count - start, state) : throw new AudioDecodeException(empty);
    }
}
