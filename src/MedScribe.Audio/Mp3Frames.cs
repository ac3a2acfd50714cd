namespace MedScribe.Audio;

/// <summary>
/// Counts an MP3 file's samples from its frame headers as the bytes stream past (no decoding): an ID3v2
/// tag is skipped, then each MPEG audio frame header gives its length and sample count, so the walk
/// jumps from header to header. Constant and variable bit rates alike; a header that does not parse
/// ends the count (the duration is then unknown).
/// </summary>
internal sealed class Mp3Frames
{
    private static readonly int[] Mpeg1Layer3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
    private static readonly int[] Mpeg2Layer3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];
    private static readonly int[] Mpeg1Rates = [44100, 48000, 32000, 0];

    private readonly byte[] _header = new byte[10];
    private int _held;
    private long _skip;
    private bool _started;
    private double _seconds;
    private int _frames;

    /// <summary>False once a frame header did not parse.</summary>
    public bool Valid { get; private set; } = true;

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (Valid && !bytes.IsEmpty)
        {
            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, bytes.Length);
                _skip -= skipped;
                bytes = bytes[skipped..];
                continue;
            }

            var needed = _started ? 4 : 10;
            var take = Math.Min(needed - _held, bytes.Length);
            bytes[..take].CopyTo(_header.AsSpan(_held));
            _held += take;
            bytes = bytes[take..];
            if (_held < needed)
            {
                return;
            }

            _held = 0;
            if (!_started)
            {
                _started = true;
                if (_header.AsSpan(0, 3).SequenceEqual("ID3"u8))
                {
                    // ID3v2: a 10-byte header whose size is four 7-bit bytes.
                    _skip = (_header[6] << 21 | _header[7] << 14 | _header[8] << 7 | _header[9]) + (long)((_header[5] & 0x10) != 0 ? 10 : 0);
                    continue;
                }

                // Not a tag: the ten bytes begin with the first frame; read its header and skip the rest of it.
                if (!Frame(_header.AsSpan(0, 4), out var length))
                {
                    Valid = false;
                    return;
                }

                _skip = length - 10;
                if (_skip < 0)
                {
                    Valid = false;
                }

                continue;
            }

            if (!Frame(_header.AsSpan(0, 4), out var frameLength))
            {
                // Trailing tags (ID3v1 "TAG", APE) end the frames; anything else is not an MP3 we can measure.
                Valid = _header.AsSpan(0, 3).SequenceEqual("TAG"u8) || _header.AsSpan(0, 4).SequenceEqual("APET"u8);
                _skip = long.MaxValue;
                return;
            }

            _skip = frameLength - 4;
        }
    }

    /// <summary>The duration so far in milliseconds, or null when the file is not one we can measure.</summary>
    public long? DurationMs => Valid && _frames > 0 ? (long)(_seconds * 1000) : null;

    private bool Frame(ReadOnlySpan<byte> h, out int length)
    {
        length = 0;
        if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (h[1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        var layer = (h[1] >> 1) & 3;   // 1 = Layer III
        var bitrateIndex = h[2] >> 4;
        var rateIndex = (h[2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return false;
        }

        var mpeg1 = version == 3;
        var rate = Mpeg1Rates[rateIndex] / (mpeg1 ? 1 : version == 2 ? 2 : 4);
        var bitrate = (mpeg1 ? Mpeg1Layer3 : Mpeg2Layer3)[bitrateIndex] * 1000;
        var samples = mpeg1 ? 1152 : 576;
        length = samples / 8 * bitrate / rate + ((h[2] >> 1) & 1);
        _seconds += samples / (double)rate;
        _frames++;
        return length > 4;
    }
}
