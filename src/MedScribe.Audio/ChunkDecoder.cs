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
    /// failure its samples still in <paramref name="output"/> are taken back and the exception says why; the
    /// stream the file would have continued stays as it was. <paramref name="afterGap"/> says files are
    /// missing before this one (a skipped or absent index): a continuation then resumes at its next
    /// readable point. <paramref name="drain"/>, when given, is called as the output grows and returns how
    /// many samples it took from the front of the list, so a long file never sits in memory whole.
    /// </summary>
    public async Task<ChunkDecoded> DecodeAsync(string format, Func<CancellationToken, Task<Stream>> open, long length, byte[]? carry, bool afterGap,
        List<short> output, long maxSamples, CancellationToken cancellationToken, Func<Task<int>>? drain = null)
    {
        var sink = new Sink(output, drain);
        try
        {
            return await DecodeCoreAsync(format, open, length, carry, afterGap, sink, maxSamples, cancellationToken);
        }
        catch
        {
            output.RemoveRange(sink.Start, output.Count - sink.Start);
            throw;
        }
    }

    /// <summary>The caller's list, where this file's samples start in it, and how many of them the caller already took.</summary>
    private sealed class Sink(List<short> list, Func<Task<int>>? drain)
    {
        public List<short> List => list;

        public int Start { get; private set; } = list.Count;

        public long Taken { get; private set; }

        /// <summary>This file's samples so far.</summary>
        public long Produced => Taken + list.Count - Start;

        public async Task DrainAsync()
        {
            if (drain is null)
            {
                return;
            }

            var removed = await drain();
            Taken += Math.Max(0, removed - Start);
            Start = Math.Max(0, Start - removed);
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
        Sink sink, long maxSamples, CancellationToken cancellationToken)
    {
        var output = sink.List;
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
            decoder.Limit(maxSamples, maxGapSamples: 0);
            decoder.Feed(first, output);
            while (decoder.NotOpus is null && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                decoder.Feed(buffer.AsSpan(0, read), output);
                await sink.DrainAsync();
            }

            if (decoder.NotOpus is { } other)
            {
                // Vorbis and other codecs: a whole file only, through ffmpeg (nothing was decoded: its header says so first).
                await using var again = await open(cancellationToken);
                await ffmpeg.DecodeAsync(again, output, maxSamples, cancellationToken, sink.DrainAsync);
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
                await sink.DrainAsync();
            }

            // Most of it did not parse: not the stream it claims to continue (the next file resumes after it).
            if ((continued.SkippedBytes - skipped) * 2 > total)
            {
                throw new AudioDecodeException($"its bytes are not the {format.ToUpperInvariant()} stream it follows ({continued.SkippedBytes - skipped} of {total} bytes did not parse)");
            }

            return new ChunkDecoded(sink.Produced, continued.Save());
        }

        Finish(carry, output);
        var flushed = sink.Produced;
        if (WavFile.IsWav(first) || format == "wav")
        {
            await WavFile.DecodeAsync(new PrefixedStream(buffer.AsMemory(0, read), stream), length, output, maxSamples, cancellationToken, sink.DrainAsync);
        }
        else
        {
            await ffmpeg.DecodeAsync(new PrefixedStream(buffer.AsMemory(0, read), stream), output, maxSamples, cancellationToken, sink.DrainAsync);
        }

        return sink.Produced > flushed ? new ChunkDecoded(sink.Produced, null) : throw new AudioDecodeException("it holds no audio samples");

        ChunkDecoded Done(byte[]? state, string empty) =>
            sink.Produced > 0 ? new ChunkDecoded(sink.Produced, state) : throw new AudioDecodeException(empty);
    }
}
