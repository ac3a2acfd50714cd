using System.Buffers.Binary;

namespace MedScribe.Audio.Opus;

/// <summary>
/// The Opus identification header (RFC 7845 §5.1), as found in Ogg's first packet and in WebM's
/// CodecPrivate. Only the fields decoding needs are kept; <see cref="Bytes"/> is the header as sent.
/// </summary>
public sealed record OpusHead(byte[] Bytes, int Channels, int PreSkip48, short GainQ8, int MappingFamily)
{
    /// <summary>The header, or null when the bytes are not an OpusHead.</summary>
    public static OpusHead? Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 19 || !bytes.StartsWith("OpusHead"u8) || bytes[8] >> 4 != 0)
        {
            return null;
        }

        return new OpusHead(bytes.ToArray(), bytes[9], BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]),
            BinaryPrimitives.ReadInt16LittleEndian(bytes[16..]), bytes[18]);
    }

    /// <summary>Why this stream cannot be decoded in process, or null when it can (mono or stereo, mapping family 0).</summary>
    public string? Unsupported => Channels is < 1 or > 2 || MappingFamily != 0
        ? $"an Opus stream with {Channels} channels and channel mapping family {MappingFamily}"
        : null;
}

/// <summary>
/// What a container reader found: a new stream (<see cref="Head"/> set, no data) or one Opus packet.
/// <see cref="Start48"/> is where the packet starts, in 48 kHz samples from the stream's first packet
/// (pre-skip included); <see cref="DiscardEnd48"/> is how much of its end is padding;
/// <see cref="AfterGap"/> marks the first packet after bytes were lost, so the decoder keeps the timeline.
/// </summary>
public readonly record struct OpusPacket(byte[] Data, long Start48, int DiscardEnd48, bool AfterGap, OpusHead? Head = null)
{
    public static OpusPacket StreamStart(OpusHead head) => new([], 0, 0, false, head);
}
