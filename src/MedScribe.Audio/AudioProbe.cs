using MedScribe.Audio.Opus;

namespace MedScribe.Audio;

/// <summary>
/// Learns an upload's duration from its bytes while they stream into storage, without decoding: WAV from
/// its header and the data really present (a header that lies is refused), WebM and Ogg from their Opus
/// packets' lengths. A WebM/Ogg file that continues the one before it (MediaRecorder's later chunks) is
/// read from where that one stopped (<see cref="Carry"/>, a few hundred bytes); without it its duration
/// is unknown until it is decoded. MP3 durations come from the frame headers, M4A durations from the
/// movie header (a claim, like any header's; the decode is capped all the same).
/// </summary>
public sealed class AudioProbe
{
    /// <summary>Reader states larger than this are not carried to the next file (a Chrome chunk leaves ~1 byte).</summary>
    private const int MaxCarry = 64 * 1024;

    private readonly string _format;
    private readonly byte[] _head = new byte[WavFile.HeadBytes];
    private readonly List<OpusPacket> _packets = [];
    private readonly byte[]? _carryIn;
    private int _headLength;
    private OpusContainerReader? _reader;
    private Mp3Frames? _mp3;
    private Mp4Duration? _mp4;
    private bool _decided;
    private long _samples48;
    private int _preSkipLeft;

    public AudioProbe(string format, byte[]? carry)
    {
        _format = format;
        _carryIn = carry;
    }

    /// <summary>The container reader's state at the end of this file, for the next file; null when there is none to give.</summary>
    public byte[]? Carry { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        var take = Math.Min(bytes.Length, _head.Length - _headLength);
        bytes[..take].CopyTo(_head.AsSpan(_headLength));
        _headLength += take;
        if (!_decided)
        {
            if (_headLength < 4 && _headLength < _head.Length)
            {
                return; // too little to tell yet; the head keeps it
            }

            _decided = true;
            var head = _head.AsSpan(0, _headLength);
            _reader = OpusContainerReader.ForStart(head)
                ?? (_format is "webm" or "ogg" && _carryIn is not null && !WavFile.IsWav(head) ? OpusContainerReader.Restore(_carryIn) : null);
            if (_reader is not null)
            {
                Read(head);
                Read(bytes[take..]);
            }
            else if (_format == "mp3" && !WavFile.IsWav(head))
            {
                _mp3 = new Mp3Frames();
                _mp3.Feed(head);
                _mp3.Feed(bytes[take..]);
            }
            else if (_format == "m4a" && !WavFile.IsWav(head))
            {
                _mp4 = new Mp4Duration();
                _mp4.Feed(head);
                _mp4.Feed(bytes[take..]);
            }

            return;
        }

        if (_reader is not null)
        {
            Read(bytes);
        }

        _mp3?.Feed(bytes);
        _mp4?.Feed(bytes);
    }

    private void Read(ReadOnlySpan<byte> bytes)
    {
        _packets.Clear();
        _reader!.Feed(bytes, _packets);
        foreach (var packet in _packets)
        {
            if (packet.Head is { } head)
            {
                _preSkipLeft = head.PreSkip48;
                continue;
            }

            var samples = Math.Max(0, OpusPacketDuration.Samples48(packet.Data) - packet.DiscardEnd48);
            var skipped = Math.Min(_preSkipLeft, samples);
            _preSkipLeft -= skipped;
            _samples48 += samples - skipped;
        }
    }

    /// <summary>
    /// The file's duration once all <paramref name="totalLength"/> bytes were fed, or null when it cannot be
    /// known at upload. Throws <see cref="AudioDecodeException"/> for a WAV header that lies or names an
    /// encoding we do not decode.
    /// </summary>
    public long? Complete(long totalLength)
    {
        var head = _head.AsSpan(0, _headLength);
        if (WavFile.IsWav(head) || _format == "wav")
        {
            return WavFile.Read(head, totalLength).DurationMs;
        }

        if (_mp3 is not null)
        {
            return _mp3.DurationMs;
        }

        if (_mp4 is not null)
        {
            return _mp4.Valid ? _mp4.DurationMs : null;
        }

        if (_reader is null || _reader.Head is null || _reader.NotOpus is not null)
        {
            return null;
        }

        var state = _reader.Save();
        Carry = state.Length <= MaxCarry ? state : null;
        return _samples48 / 48;
    }
}
