using Concentus;

namespace MedScribe.Audio.Opus;

/// <summary>
/// Decodes a WebM/Opus or Ogg/Opus recording in process, one byte range at a time, to 16 kHz mono PCM.
/// Concentus decodes at 48 kHz (mono, stereo downmixed) and a <see cref="Decimator"/> brings it to 16 kHz:
/// Concentus 2.2.2 decoding hybrid (SILK+CELT) packets straight to 16 kHz loses most of the signal (RMS
/// 373 against 2,358), which ffmpeg's own 32 kbit/s encodes of 48 kHz input are made of. Every byte is parsed and decoded once;
/// the state between ranges is small and <see cref="Save"/>d, so the next range can be decoded by any
/// process: the container reader's state, the stream header, the timeline, and the last ~3 s of packets,
/// which bring a fresh Opus decoder back to the state the old one had (measured bit-exact for browser
/// CELT and SILK streams; ../shared/notes/opus-in-process.md §7). Pre-skip and end trimming are applied,
/// so after <see cref="Finish"/> the output has exactly the samples ffmpeg gives. Lost bytes are bridged with silence of the
/// length the timestamps say, so the timeline holds.
/// </summary>
public sealed class OpusStreamDecoder
{
    public const int SampleRate = 16000;
    private const int DecodeRate = 48000;
    private const int Ratio = DecodeRate / SampleRate;
    private const byte StateVersion = 2;

    /// <summary>How much of the recent stream is kept to warm a restored decoder up (3 s, at most 64 KiB).</summary>
    private const int WarmUpSamples48 = 3 * 48000;
    private const int WarmUpBytes = 64 * 1024;

    private readonly OpusContainerReader _reader;
    private readonly List<OpusPacket> _packets = [];
    private readonly Queue<(byte[] Packet, int Samples48)> _warmUp = new();
    private readonly short[] _frame = new short[5760];
    private readonly Decimator _decimator = new();
    private IOpusDecoder? _opus;
    private long _position48;
    private int _preSkipLeft;
    private int _warmUpSamples;
    private int _warmUpBytes;
    private long _maxSamples = long.MaxValue;
    private long _budget = long.MaxValue;
    private long _gapBudget = long.MaxValue;

    static OpusStreamDecoder() => OpusCodecFactory.AttemptToUseNativeLibrary = false;

    private OpusStreamDecoder(OpusContainerReader reader) => _reader = reader;

    /// <summary>A decoder for a recording that begins with these bytes (an EBML or Ogg header), or null for any other bytes.</summary>
    public static OpusStreamDecoder? TryStart(ReadOnlySpan<byte> first) =>
        OpusContainerReader.ForStart(first) is { } reader ? new OpusStreamDecoder(reader) : null;

    /// <summary>Why this recording cannot be decoded here (not Opus, or an Opus layout we do not decode); null while it can.</summary>
    public string? NotOpus => _reader.NotOpus;

    /// <summary>True once the stream header has been read.</summary>
    public bool Started => _reader.Head is not null;

    /// <summary>Times damaged or lost bytes were skipped.</summary>
    public int Resyncs => _reader.Resyncs;

    /// <summary>Bytes skipped because they did not parse.</summary>
    public long SkippedBytes => _reader.SkippedBytes;

    /// <summary>
    /// From now on at most <paramref name="maxSamples"/> of audio are produced: a stream that would give
    /// more (a decompression bomb) is refused. Silence bridging lost bytes does not count against that; it
    /// is bounded by <paramref name="maxGapSamples"/>, and a longer jump in the timestamps is not bridged.
    /// </summary>
    public void Limit(long maxSamples, long maxGapSamples)
    {
        (_maxSamples, _budget, _gapBudget) = (maxSamples, maxSamples, maxGapSamples);
    }

    /// <summary>Decodes what <paramref name="bytes"/> complete, appending 16 kHz samples to <paramref name="output"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, List<short> output)
    {
        _packets.Clear();
        _reader.Feed(bytes, _packets);
        foreach (var packet in _packets)
        {
            if (packet.Head is { } head)
            {
                Finish(output);
                Start(head);
                continue;
            }

            if (_opus is null || _reader.NotOpus is not null)
            {
                continue;
            }

            Decode(packet, output);
        }

        _packets.Clear();
    }

    /// <summary>The recording ends here: the last few samples the resampling filter held back are added.</summary>
    public void Finish(List<short> output) => _decimator.Flush(output);

    /// <summary>The caller knows bytes are missing (a chunk lost or skipped): the next packets are placed by their timestamps.</summary>
    public void Discontinuity() => _reader.Discontinuity();

    private void Start(OpusHead head)
    {
        _opus = head.Unsupported is null ? OpusCodecFactory.CreateDecoder(DecodeRate, 1) : null;
        if (_opus is not null && head.GainQ8 != 0)
        {
            _opus.Gain = head.GainQ8;
        }

        _position48 = 0;
        _preSkipLeft = head.PreSkip48;
        _decimator.Reset();
        _warmUp.Clear();
        (_warmUpSamples, _warmUpBytes) = (0, 0);
    }

    private void Decode(OpusPacket packet, List<short> output)
    {
        var samples48 = OpusPacketDuration.Samples48(packet.Data);
        if (packet.AfterGap && packet.Start48 > _position48 + 2 * Ratio)
        {
            // Bytes were lost: keep the timeline with silence as long as the timestamps say, then start clean.
            var gap = packet.Start48 - _position48;
            if (gap / Ratio <= _gapBudget)
            {
                _gapBudget -= gap / Ratio;
                Emit(output, default, (int)Math.Min(gap, int.MaxValue), counted: false);
            }

            _position48 = packet.Start48;
            _opus!.ResetState();
            _warmUp.Clear();
            (_warmUpSamples, _warmUpBytes) = (0, 0);
        }

        int decoded;
        try
        {
            decoded = samples48 == 0 ? 0 : _opus!.Decode(packet.Data, _frame, _frame.Length, false);
        }
        catch (Exception e) when (e is OpusException or ArgumentException or IndexOutOfRangeException)
        {
            // A damaged packet: its length in silence, and a clean decoder for the next one.
            decoded = -1;
            _opus!.ResetState();
        }

        var length = Math.Max(0, (decoded >= 0 ? decoded : samples48) - packet.DiscardEnd48);
        Emit(output, decoded >= 0 ? _frame.AsSpan(0, length) : default, length, counted: true);
        _position48 += samples48;
        Remember(packet.Data, samples48);
    }

    /// <summary>Passes <paramref name="count"/> 48 kHz samples (silence when <paramref name="source"/> is empty) through pre-skip and the decimator.</summary>
    private void Emit(List<short> output, ReadOnlySpan<short> source, int count, bool counted)
    {
        var skip = Math.Min(_preSkipLeft, count);
        _preSkipLeft -= skip;
        var kept = count - skip;
        if (kept <= 0)
        {
            return;
        }

        if (counted)
        {
            _budget -= kept / Ratio;
            if (_budget < 0)
            {
                throw new AudioDecodeException($"it decodes to more than the {_maxSamples / (double)SampleRate:0.#} s of audio allowed");
            }
        }

        if (source.IsEmpty)
        {
            Span<short> zeros = stackalloc short[960];
            for (var left = kept; left > 0; left -= zeros.Length)
            {
                _decimator.Push(zeros[..Math.Min(left, zeros.Length)], output);
            }
        }
        else
        {
            _decimator.Push(source.Slice(skip, kept), output);
        }
    }

    private void Remember(byte[] packet, int samples48)
    {
        _warmUp.Enqueue((packet, samples48));
        (_warmUpSamples, _warmUpBytes) = (_warmUpSamples + samples48, _warmUpBytes + packet.Length);
        while (_warmUp.Count > 1 && (_warmUpSamples - _warmUp.Peek().Samples48 >= WarmUpSamples48 || _warmUpBytes > WarmUpBytes))
        {
            var (old, oldSamples) = _warmUp.Dequeue();
            (_warmUpSamples, _warmUpBytes) = (_warmUpSamples - oldSamples, _warmUpBytes - old.Length);
        }
    }

    /// <summary>Everything needed to go on from here in another process (a few bytes plus the warm-up packets).</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(StateVersion);
            var reader = _reader.Save();
            writer.Write(reader.Length);
            writer.Write(reader);
            writer.Write(_opus is not null);
            writer.Write(_position48);
            writer.Write(_preSkipLeft);
            _decimator.Save(writer);
            writer.Write(_warmUp.Count);
            foreach (var (packet, _) in _warmUp)
            {
                writer.Write(packet.Length);
                writer.Write(packet);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The decoder as it was when <paramref name="state"/> was saved; the Opus state is rebuilt from the warm-up packets.</summary>
    public static OpusStreamDecoder Restore(ReadOnlySpan<byte> state)
    {
        using var reader = new BinaryReader(new MemoryStream(state.ToArray()));
        if (reader.ReadByte() != StateVersion)
        {
            throw new InvalidDataException("The saved decoder state is from another version.");
        }

        var decoder = new OpusStreamDecoder(OpusContainerReader.Restore(reader.ReadBytes(reader.ReadInt32())));
        var started = reader.ReadBoolean();
        if (started && decoder._reader.Head is { } head)
        {
            decoder.Start(head);
        }

        decoder._position48 = reader.ReadInt64();
        decoder._preSkipLeft = reader.ReadInt32();
        decoder._decimator.Restore(reader);
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var packet = reader.ReadBytes(reader.ReadInt32());
            var samples48 = OpusPacketDuration.Samples48(packet);
            if (decoder._opus is not null && samples48 > 0)
            {
                try
                {
                    decoder._opus.Decode(packet, decoder._frame, decoder._frame.Length, false);
                }
                catch (Exception e) when (e is OpusException or ArgumentException or IndexOutOfRangeException)
                {
                    decoder._opus.ResetState();
                }
            }

            decoder.Remember(packet, samples48);
        }

        return decoder;
    }
}
