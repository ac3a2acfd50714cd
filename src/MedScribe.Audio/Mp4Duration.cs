using System.Buffers.Binary;

namespace MedScribe.Audio;

/// <summary>
/// An MP4/M4A file's duration from its movie header (<c>moov/mvhd</c>: time scale and duration), read as
/// the bytes stream past: top-level boxes are skipped by their sizes and only <c>moov</c> is held (up to
/// 4 MiB), wherever it is (before or after the media data). The header's claim is all there is without
/// decoding; the decode that follows is capped all the same.
/// </summary>
internal sealed class Mp4Duration
{
    private const int MaxMoov = 4 << 20;

    private readonly byte[] _header = new byte[16];
    private int _held;
    private long _skip;
    private List<byte>? _moov;
    private long _moovLeft;

    public bool Valid { get; private set; } = true;

    public long? DurationMs { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (Valid && DurationMs is null && !bytes.IsEmpty)
        {
            if (_moov is not null)
            {
                var take = (int)Math.Min(_moovLeft, bytes.Length);
                _moov.AddRange(bytes[..take]);
                _moovLeft -= take;
                bytes = bytes[take..];
                if (_moovLeft == 0)
                {
                    DurationMs = FromMoov(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_moov));
                    Valid = DurationMs is not null;
                    _moov = null;
                }

                continue;
            }

            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, bytes.Length);
                _skip -= skipped;
                bytes = bytes[skipped..];
                continue;
            }

            var want = _held >= 8 && BinaryPrimitives.ReadUInt32BigEndian(_header) == 1 ? 16 : 8;
            var copy = Math.Min(want - _held, bytes.Length);
            bytes[..copy].CopyTo(_header.AsSpan(_held));
            _held += copy;
            bytes = bytes[copy..];
            if (_held < 8 || (_held < 16 && BinaryPrimitives.ReadUInt32BigEndian(_header) == 1))
            {
                continue;
            }

            long size = BinaryPrimitives.ReadUInt32BigEndian(_header);
            var headerLength = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(8));
                headerLength = 16;
            }

            var type = System.Text.Encoding.ASCII.GetString(_header, 4, 4);
            _held = 0;
            if (size != 0 && size < headerLength || !type.All(c => c is >= ' ' and <= '~'))
            {
                Valid = false;
                return;
            }

            if (type == "moov")
            {
                if (size == 0 || size - headerLength > MaxMoov)
                {
                    Valid = false;
                    return;
                }

                (_moov, _moovLeft) = (new List<byte>((int)(size - headerLength)), size - headerLength);
            }
            else
            {
                // A box to the end of the file (size 0) holds no moov after it.
                _skip = size == 0 ? long.MaxValue : size - headerLength;
            }
        }
    }

    /// <summary>mvhd's duration / time scale, found among moov's children.</summary>
    private static long? FromMoov(ReadOnlySpan<byte> moov)
    {
        for (var position = 0; position + 8 <= moov.Length;)
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(moov[position..]), int.MaxValue);
            if (size < 8 || position + size > moov.Length)
            {
                return null;
            }

            if (moov.Slice(position + 4, 4).SequenceEqual("mvhd"u8))
            {
                var body = moov.Slice(position + 8, size - 8);
                var (scale, duration) = body[0] == 1 && body.Length >= 32
                    ? (BinaryPrimitives.ReadUInt32BigEndian(body[20..]), BinaryPrimitives.ReadUInt64BigEndian(body[24..]))
                    : body.Length >= 20 ? (BinaryPrimitives.ReadUInt32BigEndian(body[12..]), BinaryPrimitives.ReadUInt32BigEndian(body[16..])) : (0u, 0ul);
                return scale == 0 || duration == ulong.MaxValue || duration == uint.MaxValue ? null : (long)(duration * 1000 / scale);
            }

            position += size;
        }

        return null;
    }
}
