using System.Buffers.Binary;
using System.Numerics;

namespace MedScribe.Audio.Opus;

/// <summary>
/// Walks a WebM (Matroska) stream's EBML elements as they arrive and reports the Opus track's packets.
/// It reads what browsers write: a Segment and Clusters of unknown size (an unknown-size element ends
/// where an element of its own level or higher begins), SimpleBlocks, BlockGroups with DiscardPadding,
/// and all three lacings. It enters only the masters it needs, holds only the leaves it reads (at most
/// 1 MiB each) and skips everything else by count. An element that cannot be where it is (an ID not
/// allowed in its parent, a size past its parent's end) means lost or damaged bytes: the reader scans
/// for the next Cluster. A new EBML header starts a new recording.
/// </summary>
public sealed class WebmOpusReader : OpusContainerReader
{
    private const uint EbmlId = 0x1A45DFA3, SegmentId = 0x18538067, ClusterId = 0x1F43B675, InfoId = 0x1549A966,
        TracksId = 0x1654AE6B, TrackEntryId = 0xAE, BlockGroupId = 0xA0, TimecodeId = 0xE7, SimpleBlockId = 0xA3,
        BlockId = 0xA1, DiscardPaddingId = 0x75A2, CodecPrivateId = 0x63A2, CodecIdId = 0x86, TrackNumberId = 0xD7,
        TimecodeScaleId = 0x2AD7B1, VoidId = 0xEC, CrcId = 0xBF;

    private static readonly HashSet<uint> LevelOne = [0x114D9B74, InfoId, TracksId, ClusterId, 0x1C53BB6B, 0x1941A469, 0x1043A770, 0x1254C367];
    private static readonly HashSet<uint> ClusterChildren = [TimecodeId, SimpleBlockId, BlockGroupId, 0xA7, 0xAB, 0xAF, 0x5854, CrcId, VoidId];
    private static readonly HashSet<uint> Masters = [SegmentId, InfoId, TracksId, TrackEntryId, ClusterId, BlockGroupId];

    /// <summary>The largest leaf held whole; a real Opus block is a few kilobytes.</summary>
    private const int MaxLeaf = 1 << 20;

    private readonly ByteQueue _pending = new();
    private readonly List<(uint Id, long End)> _open = [];
    private long _skip;
    private long _clusterTimecode;
    private long _timecodeScale = 1_000_000;
    private long _audioTrack = -1;
    private long _entryNumber = -1;
    private string? _entryCodec;
    private byte[]? _entryPrivate;
    private bool _sawTrack;
    private byte[]? _groupBlock;
    private long _groupDiscardNs;
    private bool _resyncing;
    private bool _afterGap;
    private long _firstTimestamp48 = long.MinValue;

    public override void Feed(ReadOnlySpan<byte> bytes, List<OpusPacket> packets)
    {
        if (_skip > 0)
        {
            var skipped = (int)Math.Min(_skip, bytes.Length);
            _skip -= skipped;
            Position += skipped;
            bytes = bytes[skipped..];
        }

        _pending.Append(bytes);
        while (_pending.Count > 0 && _skip == 0 && Step(packets))
        {
        }

        CloseEnded(packets);
    }

    public override void Discontinuity()
    {
        Position += _pending.Count;
        _pending.Clear();
        _skip = 0;
        _groupBlock = null;
        _resyncing = true;
        _afterGap = true;
    }

    /// <summary>Reads one element header (or resync step); false when more bytes are needed.</summary>
    private bool Step(List<OpusPacket> packets)
    {
        if (_resyncing)
        {
            return Resync();
        }

        CloseEnded(packets);
        var span = _pending.Span;
        var idRead = Ebml.ReadVint(span, isId: true, out var id, out var idLength);
        if (idRead == Ebml.Result.Invalid)
        {
            return Garbage();
        }

        if (idRead == Ebml.Result.Short)
        {
            return false;
        }

        var sizeRead = Ebml.ReadVint(span[idLength..], isId: false, out var size, out var sizeLength);
        if (sizeRead == Ebml.Result.Invalid)
        {
            return Garbage();
        }

        if (sizeRead == Ebml.Result.Short)
        {
            return false;
        }

        var unknown = Ebml.IsUnknownSize(size, sizeLength);
        var header = idLength + sizeLength;
        CloseForLevel((uint)id, packets);
        if (!Plausible((uint)id, size, unknown, header))
        {
            return Garbage();
        }

        if (id == EbmlId)
        {
            // A new recording: its own header, tracks and decoder.
            StartRecording();
            Consume(header);
            _skip = (long)size;
            SkipPending();
            return true;
        }

        if (Masters.Contains((uint)id))
        {
            Consume(header);
            _open.Add(((uint)id, unknown ? -1 : Position + (long)size));
            if (id == TrackEntryId)
            {
                (_entryNumber, _entryCodec, _entryPrivate) = (-1, null, null);
            }
            else if (id == BlockGroupId)
            {
                (_groupBlock, _groupDiscardNs) = (null, 0);
            }

            return true;
        }

        if (Wanted((uint)id))
        {
            if (span.Length < header + (long)size)
            {
                return false;
            }

            Leaf((uint)id, span.Slice(header, (int)size), packets);
            Consume(header + (int)size);
            return true;
        }

        Consume(header);
        _skip = (long)size;
        SkipPending();
        return true;
    }

    private void StartRecording()
    {
        _open.Clear();
        (_audioTrack, _timecodeScale, _clusterTimecode, _sawTrack) = (-1, 1_000_000, 0, false);
        _firstTimestamp48 = long.MinValue;
        Head = null;
        NotOpus = null;
    }

    private void SkipPending()
    {
        var now = (int)Math.Min(_skip, _pending.Count);
        Consume(now);
        _skip -= now;
    }

    private void Consume(int count)
    {
        _pending.Consume(count);
        Position += count;
    }

    /// <summary>Closes the known-size masters that end where the reader now is.</summary>
    private void CloseEnded(List<OpusPacket> packets)
    {
        while (_open.Count > 0 && _open[^1].End >= 0 && _open[^1].End <= Position)
        {
            Close(packets);
        }
    }

    /// <summary>An element of level 0 or 1 ends every open master of its level or deeper (how unknown sizes end).</summary>
    private void CloseForLevel(uint id, List<OpusPacket> packets)
    {
        var level = id is EbmlId or SegmentId ? 0 : LevelOne.Contains(id) ? 1 : int.MaxValue;
        while (_open.Count > 0 && LevelOf(_open[^1].Id) >= level)
        {
            Close(packets);
        }
    }

    private static int LevelOf(uint id) => id == SegmentId ? 0 : LevelOne.Contains(id) ? 1 : 2;

    private void Close(List<OpusPacket> packets)
    {
        var (id, _) = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        switch (id)
        {
            case TrackEntryId:
                _sawTrack = true;
                if (_audioTrack < 0 && _entryCodec == "A_OPUS" && _entryNumber > 0 && _entryPrivate is not null && OpusHead.Parse(_entryPrivate) is { } head)
                {
                    _audioTrack = _entryNumber;
                    Head = head;
                    NotOpus = head.Unsupported;
                    packets.Add(OpusPacket.StreamStart(head));
                }
                else if (_audioTrack < 0 && _entryCodec is { } codec && codec.StartsWith("A_", StringComparison.Ordinal) && codec != "A_OPUS")
                {
                    NotOpus = $"a WebM track in {codec}";
                }

                break;
            case TracksId when _audioTrack < 0:
                NotOpus ??= _sawTrack ? "a WebM file with no Opus audio track" : "a WebM file with no tracks";
                break;
            case BlockGroupId when _groupBlock is not null:
                Block(_groupBlock, _groupDiscardNs, packets);
                _groupBlock = null;
                break;
        }
    }

    private bool Plausible(uint id, ulong size, bool unknown, int header)
    {
        if (unknown && id is not (SegmentId or ClusterId))
        {
            return false;
        }

        if (Wanted(id) && size > MaxLeaf)
        {
            return false;
        }

        if (_open.Count == 0)
        {
            return id is EbmlId or SegmentId or VoidId or CrcId;
        }

        var (parent, end) = _open[^1];
        if (!unknown && end >= 0 && Position + header + (long)size > end)
        {
            return false;
        }

        return parent switch
        {
            SegmentId => LevelOne.Contains(id) || id is VoidId or CrcId or EbmlId,
            ClusterId => ClusterChildren.Contains(id),
            TracksId => id is TrackEntryId or VoidId or CrcId,
            _ => id != EbmlId && !LevelOne.Contains(id) && id != SegmentId,
        };
    }

    private static bool Wanted(uint id) => id is TimecodeId or SimpleBlockId or BlockId or DiscardPaddingId or CodecPrivateId or CodecIdId or TrackNumberId or TimecodeScaleId;

    private void Leaf(uint id, ReadOnlySpan<byte> body, List<OpusPacket> packets)
    {
        var parent = _open.Count > 0 ? _open[^1].Id : 0;
        switch (id)
        {
            case TimecodeId when parent == ClusterId:
                _clusterTimecode = (long)Ebml.ReadUnsigned(body);
                break;
            case TimecodeScaleId when parent == InfoId:
                _timecodeScale = Math.Max(1, (long)Ebml.ReadUnsigned(body));
                break;
            case TrackNumberId when parent == TrackEntryId:
                _entryNumber = (long)Ebml.ReadUnsigned(body);
                break;
            case CodecIdId when parent == TrackEntryId:
                _entryCodec = System.Text.Encoding.ASCII.GetString(body).TrimEnd('\0');
                break;
            case CodecPrivateId when parent == TrackEntryId:
                _entryPrivate = body.ToArray();
                break;
            case SimpleBlockId when parent == ClusterId:
                Block(body, 0, packets);
                break;
            case BlockId when parent == BlockGroupId:
                _groupBlock = body.ToArray();
                break;
            case DiscardPaddingId when parent == BlockGroupId:
                _groupDiscardNs = Ebml.ReadSigned(body);
                break;
        }
    }

    /// <summary>A (Simple)Block: track number, 16-bit relative timecode, flags, then one frame or a laced run.</summary>
    private void Block(ReadOnlySpan<byte> block, long discardNs, List<OpusPacket> packets)
    {
        if (Ebml.ReadVint(block, isId: false, out var track, out var trackLength) != Ebml.Result.Ok || block.Length < trackLength + 3)
        {
            return;
        }

        if ((long)track != _audioTrack || Head is null || NotOpus is not null)
        {
            return;
        }

        var relative = BinaryPrimitives.ReadInt16BigEndian(block[trackLength..]);
        var flags = block[trackLength + 2];
        var frames = Frames(block[(trackLength + 3)..], (flags >> 1) & 3);
        if (frames is null)
        {
            return;
        }

        var nanoseconds = (_clusterTimecode + relative) * _timecodeScale;
        var start48 = nanoseconds * 48 / 1_000_000;
        if (_firstTimestamp48 == long.MinValue)
        {
            _firstTimestamp48 = start48;
        }

        start48 -= _firstTimestamp48;
        for (var i = 0; i < frames.Count; i++)
        {
            var discard48 = i == frames.Count - 1 && discardNs > 0 ? (int)Math.Min(int.MaxValue, discardNs * 48 / 1_000_000) : 0;
            packets.Add(new OpusPacket(frames[i], start48, discard48, _afterGap));
            _afterGap = false;
            start48 += OpusPacketDuration.Samples48(frames[i]);
        }
    }

    /// <summary>The frames of a block's payload under its lacing (0 none, 1 Xiph, 2 fixed, 3 EBML); null when the lacing is broken.</summary>
    private static List<byte[]>? Frames(ReadOnlySpan<byte> payload, int lacing)
    {
        if (lacing == 0)
        {
            return [payload.ToArray()];
        }

        if (payload.IsEmpty)
        {
            return null;
        }

        var count = payload[0] + 1;
        var position = 1;
        var sizes = new long[count];
        switch (lacing)
        {
            case 1:
                for (var i = 0; i < count - 1; i++)
                {
                    long size = 0;
                    byte value;
                    do
                    {
                        if (position >= payload.Length)
                        {
                            return null;
                        }

                        value = payload[position++];
                        size += value;
                    }
                    while (value == 255);
                    sizes[i] = size;
                }

                break;
            case 3:
                if (Ebml.ReadVint(payload[position..], isId: false, out var first, out var firstLength) != Ebml.Result.Ok)
                {
                    return null;
                }

                sizes[0] = (long)first;
                position += firstLength;
                for (var i = 1; i < count - 1; i++)
                {
                    if (Ebml.ReadVint(payload[position..], isId: false, out var raw, out var rawLength) != Ebml.Result.Ok)
                    {
                        return null;
                    }

                    sizes[i] = sizes[i - 1] + ((long)raw - ((1L << (7 * rawLength - 1)) - 1));
                    position += rawLength;
                }

                break;
        }

        var rest = payload.Length - position;
        if (lacing == 2)
        {
            if (rest % count != 0)
            {
                return null;
            }

            Array.Fill(sizes, rest / count);
        }
        else
        {
            sizes[^1] = rest - sizes[..^1].Sum();
        }

        var frames = new List<byte[]>(count);
        foreach (var size in sizes)
        {
            if (size < 0 || position + size > payload.Length)
            {
                return null;
            }

            frames.Add(payload.Slice(position, (int)size).ToArray());
            position += (int)size;
        }

        return frames;
    }

    /// <summary>Bytes that cannot be here: drop the byte the bad element started at and look for the next Cluster.</summary>
    private bool Garbage()
    {
        Resyncs++;
        _resyncing = true;
        _afterGap = true;
        _groupBlock = null;
        Consume(1);
        SkippedBytes++;
        return true;
    }

    /// <summary>
    /// Scans for a Cluster (its ID, a valid size, then its Timecode's ID) or a new EBML header. Keeps the
    /// last bytes when a candidate is cut off; false when more bytes are needed.
    /// </summary>
    private bool Resync()
    {
        var span = _pending.Span;
        for (var i = 0; i + 4 <= span.Length; i++)
        {
            var candidate = BinaryPrimitives.ReadUInt32BigEndian(span[i..]);
            if (candidate is not (ClusterId or EbmlId))
            {
                continue;
            }

            var rest = span[(i + 4)..];
            var sizeRead = Ebml.ReadVint(rest, isId: false, out _, out var sizeLength);
            if (sizeRead == Ebml.Result.Short || (candidate == ClusterId && sizeRead == Ebml.Result.Ok && rest.Length <= sizeLength))
            {
                Consume(i);
                SkippedBytes += i;
                return false;
            }

            if (sizeRead == Ebml.Result.Invalid || (candidate == ClusterId && rest[sizeLength] != TimecodeId))
            {
                continue;
            }

            Consume(i);
            SkippedBytes += i;
            _resyncing = false;
            _open.Clear();
            if (candidate == ClusterId)
            {
                // Back inside the Segment whose tracks are known.
                _open.Add((SegmentId, -1));
            }

            return true;
        }

        var dropped = Math.Max(0, span.Length - 12);
        Consume(dropped);
        SkippedBytes += dropped;
        return false;
    }

    protected override void SaveState(BinaryWriter writer)
    {
        WriteBytes(writer, _pending.Span);
        writer.Write(_skip);
        writer.Write(_open.Count);
        foreach (var (id, end) in _open)
        {
            writer.Write(id);
            writer.Write(end);
        }

        writer.Write(_clusterTimecode);
        writer.Write(_timecodeScale);
        writer.Write(_audioTrack);
        writer.Write(_entryNumber);
        writer.Write(_entryCodec ?? "");
        WriteBytes(writer, _entryPrivate);
        writer.Write(_sawTrack);
        WriteBytes(writer, _groupBlock);
        writer.Write(_groupDiscardNs);
        writer.Write(_resyncing);
        writer.Write(_afterGap);
        writer.Write(_firstTimestamp48);
    }

    protected override void RestoreState(BinaryReader reader)
    {
        _pending.Append(ReadBytes(reader));
        _skip = reader.ReadInt64();
        var open = reader.ReadInt32();
        for (var i = 0; i < open; i++)
        {
            _open.Add((reader.ReadUInt32(), reader.ReadInt64()));
        }

        _clusterTimecode = reader.ReadInt64();
        _timecodeScale = reader.ReadInt64();
        _audioTrack = reader.ReadInt64();
        _entryNumber = reader.ReadInt64();
        _entryCodec = reader.ReadString() is { Length: > 0 } codec ? codec : null;
        _entryPrivate = ReadBytes(reader);
        _sawTrack = reader.ReadBoolean();
        _groupBlock = ReadBytes(reader);
        _groupDiscardNs = reader.ReadInt64();
        _resyncing = reader.ReadBoolean();
        _afterGap = reader.ReadBoolean();
        _firstTimestamp48 = reader.ReadInt64();
    }
}

/// <summary>EBML's variable-length integers (RFC 8794 §4).</summary>
internal static class Ebml
{
    public enum Result { Ok, Short, Invalid }

    /// <summary>Reads a VINT: IDs keep their length marker (0x1F43B675), sizes drop it. IDs are at most 4 bytes.</summary>
    public static Result ReadVint(ReadOnlySpan<byte> span, bool isId, out ulong value, out int length)
    {
        value = 0;
        length = 0;
        if (span.IsEmpty)
        {
            return Result.Short;
        }

        if (span[0] == 0)
        {
            return Result.Invalid;
        }

        length = BitOperations.LeadingZeroCount((uint)span[0]) - 23;
        if (isId && length > 4)
        {
            return Result.Invalid;
        }

        if (span.Length < length)
        {
            return Result.Short;
        }

        value = isId ? span[0] : (ulong)(span[0] & (0xFF >> length));
        for (var k = 1; k < length; k++)
        {
            value = value << 8 | span[k];
        }

        return Result.Ok;
    }

    /// <summary>All data bits set means "size unknown" (live streams, MediaRecorder).</summary>
    public static bool IsUnknownSize(ulong size, int length) => size == (1UL << (7 * length)) - 1;

    public static ulong ReadUnsigned(ReadOnlySpan<byte> body)
    {
        ulong value = 0;
        foreach (var b in body[..Math.Min(8, body.Length)])
        {
            value = value << 8 | b;
        }

        return value;
    }

    public static long ReadSigned(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return 0;
        }

        var length = Math.Min(8, body.Length);
        var value = (long)ReadUnsigned(body);
        return length == 8 ? value : value << (64 - 8 * length) >> (64 - 8 * length);
    }
}
