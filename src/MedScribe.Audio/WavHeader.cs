using System.Buffers.Binary;

namespace MedScribe.Audio;

/// <summary>Reads a RIFF/WAVE header to learn an upload's duration without decoding it.</summary>
public static class WavHeader
{
    /// <summary>
    /// Duration in milliseconds of a WAV file of <paramref name="totalLength"/> bytes whose first bytes
    /// are <paramref name="head"/>; null when the header is not a readable PCM WAV header.
    /// </summary>
    public static long? DurationMs(ReadOnlySpan<byte> head, long totalLength)
    {
        if (head.Length < 12 || !head[..4].SequenceEqual("RIFF"u8) || !head.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            return null;
        }

        uint byteRate = 0;
        var offset = 12;
        while (offset + 8 <= head.Length)
        {
            var id = head.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= head.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(body + 8, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (byteRate == 0)
                {
                    return null;
                }

                // Streaming writers leave the size 0 or 0xFFFFFFFF; the bytes actually present are what count.
                var present = totalLength - body;
                var dataBytes = size == 0 || size == uint.MaxValue ? present : Math.Min(size, present);
                return Math.Max(0, dataBytes) * 1000 / byteRate;
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        return null;
    }
}
