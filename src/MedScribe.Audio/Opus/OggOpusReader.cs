using System.Buffers.Binary;

namespace MedScribe.Audio.Opus;

/// <summary>
/// Reads Ogg pages as they arrive (RFC 3533) and reports the Opus stream's packets (RFC 7845). A page is
/// held until it is whole and its CRC checks; a page that does not check means damaged or lost bytes,
/// and the reader scans for the next <c>OggS</c>. Packets continued across pages are joined; one whose
/// start was lost is dropped. A beginning-of-stream page starts a new recording; pages of other streams
/// are ignored. The end-of-stream page's granule position trims the padding of the last packet.
/// </summary>
public sealed class OggOpusReader : OpusContainerReader
{
    private const int HeaderLength = 27;

    private readonly ByteQueue _pending = new();
    private bool _resyncing;
    private bool _afterGap;
    private long _serial = -1;
    private long _packetIndex;
    private byte[]? _partial;
    private long _decoded48;

    public override void Feed(ReadOnlySpan<byte> bytes, List<OpusPacket> packets)
    {
        _pending.Append(bytes);
        while (_pending.Count > 0 && Step(packets))
        {
        }
    }

    public override void Discontinuity()
    {
        Position += _pending.Count;
        _pending.Clear();
        _partial = null;
        _resyncing = true;
        _afterGap = true;
    }

    private bool Step(List<OpusPacket> packets)
    {
        var span = _pending.Span;
        if (_resyncing)
        {
            var at = span.IndexOf("OggS"u8);
            if (at < 0)
            {
                var dropped = Math.Max(0, span.Length - 3);
                Consume(dropped);
                SkippedBytes += dropped;
                return false;
            }

            Consume(at);
            SkippedBytes += at;
            _resyncing = false;
            return true;
        }

        if (span.Length < 4)
        {
            return false;
        }

        if (!span.StartsWith("OggS"u8) || (span.Length > 4 && span[4] != 0))
        {
            return Garbage();
        }

        if (span.Length < HeaderLength)
        {
            return false;
        }

        var segments = span[26];
        if (span.Length < HeaderLength + segments)
        {
            return false;
        }

        var lacing = span.Slice(HeaderLength, segments);
        var bodyLength = 0;
        foreach (var value in lacing)
        {
            bodyLength += value;
        }

        var pageLength = HeaderLength + segments + bodyLength;
        if (span.Length < pageLength)
        {
            return false;
        }

        var page = span[..pageLength];
        if (OggCrc.Compute(page) != BinaryPrimitives.ReadUInt32LittleEndian(page[22..]))
        {
            return Garbage();
        }

        Page(page, lacing, packets);
        Consume(pageLength);
        return true;
    }

    private void Page(ReadOnlySpan<byte> page, ReadOnlySpan<byte> lacing, List<OpusPacket> packets)
    {
        var flags = page[5];
        var granule = BinaryPrimitives.ReadInt64LittleEndian(page[6..]);
        var serial = (long)BinaryPrimitives.ReadUInt32LittleEndian(page[14..]);
        var body = page[(HeaderLength + lacing.Length)..];
        var continued = (flags & 0x01) != 0;
        var beginning = (flags & 0x02) != 0;
        var end = (flags & 0x04) != 0;

        if (beginning)
        {
            if (_serial >= 0 && serial != _serial && Head is not null && !IsOpusHead(body, lacing))
            {
                return; // another logical stream multiplexed beside ours
            }

            if (IsOpusHead(body, lacing))
            {
                _serial = serial;
                (_packetIndex, _partial, _decoded48) = (0, null, 0);
                continued = false;
            }
            else if (Head is null)
            {
                NotOpus ??= "an Ogg stream that is not Opus (its first packet is no OpusHead)";
                return;
            }
        }

        if (_serial < 0 || serial != _serial)
        {
            return;
        }

        var dropFirst = continued && _partial is null && _packetIndex > 0;
        if (!continued)
        {
            _partial = null;
        }

        var completed = new List<byte[]>();
        var position = 0;
        var current = _partial is { } carried ? new List<byte>(carried) : [];
        foreach (var value in lacing)
        {
            current.AddRange(body.Slice(position, value));
            position += value;
            if (value == 255)
            {
                continue;
            }

            var packet = current.ToArray();
            current.Clear();
            if (dropFirst)
            {
                dropFirst = false;
                continue;
            }

            switch (_packetIndex++)
            {
                case 0:
                    Head = OpusHead.Parse(packet);
                    NotOpus = Head?.Unsupported;
                    if (Head is not null)
                    {
                        packets.Add(OpusPacket.StreamStart(Head));
                    }

                    break;
                case 1:
                    break; // OpusTags
                default:
                    completed.Add(packet);
                    break;
            }
        }

        _partial = current.Count > 0 || (lacing.Length > 0 && lacing[^1] == 255) ? current.ToArray() : null;
        if (completed.Count == 0 || Head is null)
        {
            return;
        }

        var durations = completed.Select(OpusPacketDuration.Samples48).ToList();
        var start = _decoded48;
        if (_afterGap && granule >= 0 && !end)
        {
            // After a gap the page's granule (the stream position at its last packet's end) places the packets.
            start = Math.Max(_decoded48, granule - durations.Sum());
        }

        for (var i = 0; i < completed.Count; i++)
        {
            var last = i == completed.Count - 1;
            var trim = last && end && granule >= 0 ? (int)Math.Clamp(start + durations[i] - granule, 0, durations[i]) : 0;
            packets.Add(new OpusPacket(completed[i], start, trim, _afterGap));
            _afterGap = false;
            start += durations[i];
        }

        _decoded48 = start;
    }

    private static bool IsOpusHead(ReadOnlySpan<byte> body, ReadOnlySpan<byte> lacing) =>
        lacing.Length > 0 && body.StartsWith("OpusHead"u8);

    private bool Garbage()
    {
        Resyncs++;
        _resyncing = true;
        _afterGap = true;
        _partial = null;
        Consume(1);
        SkippedBytes++;
        return true;
    }

    private void Consume(int count)
    {
        _pending.Consume(count);
        Position += count;
    }

    protected override void SaveState(BinaryWriter writer)
    {
        WriteBytes(writer, _pending.Span);
        writer.Write(_resyncing);
        writer.Write(_afterGap);
        writer.Write(_serial);
        writer.Write(_packetIndex);
        WriteBytes(writer, _partial);
        writer.Write(_decoded48);
    }

    protected override void RestoreState(BinaryReader reader)
    {
        _pending.Append(ReadBytes(reader));
        _resyncing = reader.ReadBoolean();
        _afterGap = reader.ReadBoolean();
        _serial = reader.ReadInt64();
        _packetIndex = reader.ReadInt64();
        _partial = ReadBytes(reader);
        _decoded48 = reader.ReadInt64();
    }
}

/// <summary>Ogg's page checksum: CRC-32, polynomial 0x04C11DB7, not reflected, computed with the CRC field zeroed.</summary>
internal static class OggCrc
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(i =>
    {
        var crc = (uint)i << 24;
        for (var k = 0; k < 8; k++)
        {
            crc = (crc & 0x80000000) != 0 ? crc << 1 ^ 0x04C11DB7 : crc << 1;
        }

        return crc;
    }).ToArray();

    public static uint Compute(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        for (var i = 0; i < page.Length; i++)
        {
            var b = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc = crc << 8 ^ Table[(crc >> 24) ^ b];
        }

        return crc;
    }
}

/// <summary>A packet's length from its TOC byte, without decoding it.</summary>
public static class OpusPacketDuration
{
    /// <summary>Samples at 48 kHz; 0 for a packet whose TOC is invalid (it will decode as a lost packet).</summary>
    public static int Samples48(byte[] packet)
    {
        try
        {
            return packet.Length == 0 ? 0 : Math.Max(0, Concentus.Structs.OpusPacketInfo.GetNumSamples(packet, 48000));
        }
        catch (Exception e) when (e is ArgumentException or Concentus.OpusException)
        {
            return 0;
        }
    }
}
