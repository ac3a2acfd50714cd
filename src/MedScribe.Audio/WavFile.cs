using System.Buffers.Binary;
using Concentus;

namespace MedScribe.Audio;

/// <summary>
/// A WAV file's layout, read from its header and checked against the bytes really there. Nothing is
/// taken on trust: the duration comes from the data actually present and the block size the channels
/// and sample width imply (never from the header's byte rate, block align or data size), and a sample
/// rate outside 8–192 kHz is refused, since a file whose rate lies cannot be placed on any timeline.
/// </summary>
public sealed record WavFormat(int Encoding, int Channels, int SampleRate, int BitsPerSample, long DataOffset, long DataBytes)
{
    public const int PcmEncoding = 1;
    public const int FloatEncoding = 3;

    public int BytesPerSample => (BitsPerSample + 7) / 8;

    public int BlockAlign => Channels * BytesPerSample;

    public long Frames => DataBytes / BlockAlign;

    public long DurationMs => Frames * 1000 / SampleRate;
}

/// <summary>Reads WAV headers and decodes WAV audio in process (PCM 8/16/24/32-bit, IEEE float 32/64-bit, any channel count, 8–192 kHz).</summary>
public static class WavFile
{
    /// <summary>Bytes of a file's start that always hold its header (extra chunks before <c>data</c> are small).</summary>
    public const int HeadBytes = 64 * 1024;

    /// <summary>A WAV file (canonical 44-byte header) of 16 kHz mono 16-bit little-endian PCM, as engines and the session's files want it.</summary>
    public static byte[] Pcm16Mono(ReadOnlySpan<byte> pcm, int sampleRate = 16000)
    {
        var wav = new byte[44 + pcm.Length];
        var header = wav.AsSpan();
        "RIFF"u8.CopyTo(header);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + pcm.Length);
        "WAVEfmt "u8.CopyTo(header[8..]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header[40..], pcm.Length);
        pcm.CopyTo(header[44..]);
        return wav;
    }

    public static bool IsWav(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>
    /// The layout of a WAV file of <paramref name="totalLength"/> bytes beginning with <paramref name="head"/>.
    /// Throws <see cref="AudioDecodeException"/> saying what is wrong when the header is unreadable, lies or
    /// names an encoding we do not decode.
    /// </summary>
    public static WavFormat Read(ReadOnlySpan<byte> head, long totalLength)
    {
        if (!IsWav(head))
        {
            throw new AudioDecodeException("it is not a WAV file (no RIFF/WAVE header)");
        }

        (int Encoding, int Channels, int Rate, int Bits)? format = null;
        long offset = 12;
        while (offset + 8 <= head.Length)
        {
            var id = head.Slice((int)offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice((int)offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > head.Length)
                {
                    throw new AudioDecodeException("its fmt chunk is truncated");
                }

                var fmt = head.Slice((int)body, (int)Math.Min(size, head.Length - body));
                var encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                if (encoding == 0xFFFE && fmt.Length >= 26)
                {
                    // WAVE_FORMAT_EXTENSIBLE: the real encoding is the first two bytes of the sub-format GUID.
                    encoding = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
                }

                format = (encoding, BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]), (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]), int.MaxValue),
                    BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]));
            }
            else if (id.SequenceEqual("data"u8))
            {
                var (encoding, channels, rate, bits) = format ?? throw new AudioDecodeException("its data chunk comes before any fmt chunk");
                Check(encoding, channels, rate, bits);
                // Streaming writers leave the size 0 or 0xFFFFFFFF; the bytes actually present are what count.
                var present = Math.Max(0, totalLength - body);
                var dataBytes = size is 0 or uint.MaxValue ? present : Math.Min(size, present);
                return new WavFormat(encoding, channels, rate, bits, body, dataBytes);
            }

            offset = body + size + (size & 1);
        }

        throw new AudioDecodeException(format is null ? "it has no fmt chunk in its first 64 KiB" : "it has no data chunk in its first 64 KiB");
    }

    private static void Check(int encoding, int channels, int rate, int bits)
    {
        if (rate is < 8000 or > 192000)
        {
            throw new AudioDecodeException($"its header claims a sample rate of {rate} Hz; WAV audio must be 8,000–192,000 Hz");
        }

        if (channels is < 1 or > 32)
        {
            throw new AudioDecodeException($"its header claims {channels} channels");
        }

        var supported = encoding switch
        {
            WavFormat.PcmEncoding => bits is 8 or 16 or 24 or 32,
            WavFormat.FloatEncoding => bits is 32 or 64,
            _ => false,
        };
        if (!supported)
        {
            throw new AudioDecodeException($"its encoding ({(encoding == WavFormat.FloatEncoding ? "float" : encoding == WavFormat.PcmEncoding ? "PCM" : $"format tag {encoding}")}, {bits}-bit) is not one we decode; send 16-bit PCM");
        }
    }

    /// <summary>
    /// Decodes a WAV file to 16 kHz mono (channels averaged, other rates resampled), streaming: memory is
    /// the output, never the file, and <paramref name="drain"/> (when given) is called as the output grows,
    /// so a caller can take it away as it goes. More than <paramref name="maxSamples"/> of output is refused.
    /// </summary>
    public static async Task DecodeAsync(Stream stream, long totalLength, List<short> output, long maxSamples, CancellationToken cancellationToken, Func<Task>? drain = null)
    {
        var head = new byte[HeadBytes];
        var headLength = await stream.ReadAtLeastAsync(head, HeadBytes, throwOnEndOfStream: false, cancellationToken);
        var format = Read(head.AsSpan(0, headLength), totalLength);
        var expected = format.Frames * 16000 / format.SampleRate;
        if (expected > maxSamples)
        {
            throw new AudioDecodeException($"it holds {format.DurationMs / 1000.0:0.#} s of audio, more than the {maxSamples / 16000.0:0.#} s allowed");
        }

        var resampler = format.SampleRate == 16000 ? null : ResamplerFactory.CreateResampler(1, format.SampleRate, 16000, 5, null);
        resampler?.SkipZeroes();
        long produced = 0;
        var block = new byte[format.BlockAlign * 4096];
        var mono = new short[4096];
        var resampled = new short[4096 * 16000 / 8000 + 64];
        long left = format.DataBytes;
        var dataInHead = (int)Math.Min(format.DataOffset, headLength);
        if (format.DataOffset > headLength)
        {
            // The data starts beyond what was read; skip to it.
            var skip = new byte[8192];
            for (var toSkip = format.DataOffset - headLength; toSkip > 0;)
            {
                var read = await stream.ReadAsync(skip.AsMemory(0, (int)Math.Min(skip.Length, toSkip)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                toSkip -= read;
            }
        }

        // Whole blocks at a time (the head's remainder first), so no frame is split between reads.
        var data = new PrefixedStream(head.AsMemory(dataInHead, headLength - dataInHead), stream);
        while (left >= format.BlockAlign)
        {
            var filled = await data.ReadAtLeastAsync(block, block.Length, throwOnEndOfStream: false, cancellationToken);
            if (filled == 0)
            {
                break;
            }

            var usable = (int)Math.Min(filled, left) / format.BlockAlign * format.BlockAlign;
            if (usable == 0)
            {
                break;
            }

            left -= usable;
            var frames = usable / format.BlockAlign;
            for (var f = 0; f < frames; f++)
            {
                mono[f] = MixFrame(block.AsSpan(f * format.BlockAlign, format.BlockAlign), format);
            }

            var before = output.Count;
            if (resampler is null)
            {
                output.AddRange(mono.AsSpan(0, frames));
            }
            else
            {
                Resample(resampler, mono.AsSpan(0, frames), resampled, output);
            }

            produced += output.Count - before;
            if (produced > maxSamples)
            {
                throw new AudioDecodeException($"it decodes to more than the {maxSamples / 16000.0:0.#} s of audio allowed");
            }

            if (drain is not null)
            {
                await drain();
            }
        }

        if (resampler is not null)
        {
            // Push the filter's tail out with silence, then keep exactly the resampled length.
            var before = output.Count;
            Resample(resampler, new short[format.SampleRate / 50], resampled, output);
            produced += output.Count - before;
            var excess = (int)Math.Min(produced - (produced == 0 ? 0 : expected), output.Count);
            if (excess > 0)
            {
                output.RemoveRange(output.Count - excess, excess);
            }
        }
    }

    private static void Resample(IResampler resampler, ReadOnlySpan<short> input, short[] buffer, List<short> output)
    {
        var source = input.ToArray().AsSpan();
        while (!source.IsEmpty)
        {
            var inLength = source.Length;
            var outLength = buffer.Length;
            resampler.Process(0, source, ref inLength, buffer, ref outLength);
            output.AddRange(buffer.AsSpan(0, outLength));
            source = source[inLength..];
            if (inLength == 0 && outLength == 0)
            {
                break;
            }
        }
    }

    private static short MixFrame(ReadOnlySpan<byte> frame, WavFormat format)
    {
        if (format is { Channels: 1, BitsPerSample: 16, Encoding: WavFormat.PcmEncoding })
        {
            return BinaryPrimitives.ReadInt16LittleEndian(frame);
        }

        double sum = 0;
        for (var c = 0; c < format.Channels; c++)
        {
            sum += Sample(frame.Slice(c * format.BytesPerSample, format.BytesPerSample), format);
        }

        return (short)Math.Clamp(Math.Round(sum / format.Channels * 32768.0), short.MinValue, short.MaxValue);
    }

    /// <summary>One sample as a value in [-1, 1].</summary>
    private static double Sample(ReadOnlySpan<byte> bytes, WavFormat format) => (format.Encoding, format.BitsPerSample) switch
    {
        (WavFormat.FloatEncoding, 32) => Math.Clamp(BinaryPrimitives.ReadSingleLittleEndian(bytes), -1, 1),
        (WavFormat.FloatEncoding, _) => Math.Clamp(BinaryPrimitives.ReadDoubleLittleEndian(bytes), -1, 1),
        (_, 8) => (bytes[0] - 128) / 128.0,
        (_, 16) => BinaryPrimitives.ReadInt16LittleEndian(bytes) / 32768.0,
        (_, 24) => (bytes[0] | bytes[1] << 8 | (sbyte)bytes[2] << 16) / 8388608.0,
        _ => BinaryPrimitives.ReadInt32LittleEndian(bytes) / 2147483648.0,
    };
}
