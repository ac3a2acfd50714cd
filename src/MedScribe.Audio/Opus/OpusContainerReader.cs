namespace MedScribe.Audio.Opus;

/// <summary>
/// A push parser for one container of Opus audio: it is handed byte ranges cut anywhere, in order, and
/// reports each packet once every byte of it has arrived. It holds only the element or page it is in
/// the middle of; everything it needs to go on from where it stopped is <see cref="Save"/>d in a few
/// hundred bytes, so another process can resume it. Bytes that make no sense (a lost range, garbage)
/// are skipped up to the next point the stream can be picked up again (a WebM Cluster, an Ogg page),
/// and the next packet is marked <see cref="OpusPacket.AfterGap"/>.
/// </summary>
public abstract class OpusContainerReader
{
    private const byte StateVersion = 1;

    /// <summary>The header of the stream being read; null until it has been read.</summary>
    public OpusHead? Head { get; protected set; }

    /// <summary>Set when the container holds audio in another codec (Vorbis, say): it must be decoded another way.</summary>
    public string? NotOpus { get; protected set; }

    /// <summary>Bytes consumed since the first call.</summary>
    public long Position { get; protected set; }

    /// <summary>Times the reader had to skip bytes that did not parse.</summary>
    public int Resyncs { get; protected set; }

    /// <summary>Bytes skipped because they did not parse (lost or damaged bytes, or no stream at all).</summary>
    public long SkippedBytes { get; protected set; }

    /// <summary>Parses <paramref name="bytes"/>, adding what is complete to <paramref name="packets"/>.</summary>
    public abstract void Feed(ReadOnlySpan<byte> bytes, List<OpusPacket> packets);

    /// <summary>The caller knows bytes are missing before the next call: drop the partial element and resync.</summary>
    public abstract void Discontinuity();

    /// <summary>The reader for a stream that begins with these bytes (WebM's EBML header or Ogg's capture pattern), or null.</summary>
    public static OpusContainerReader? ForStart(ReadOnlySpan<byte> first) =>
        first.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) ? new WebmOpusReader()
        : first.StartsWith("OggS"u8) ? new OggOpusReader()
        : null;

    /// <summary>True when the bytes begin with a container header (EBML for WebM, OggS for Ogg).</summary>
    public static bool StartsContainer(ReadOnlySpan<byte> bytes) => ForStart(bytes) is not null;

    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(StateVersion);
            writer.Write(this is WebmOpusReader ? (byte)'W' : (byte)'O');
            writer.Write(Position);
            writer.Write(Resyncs);
            writer.Write(SkippedBytes);
            WriteBytes(writer, Head?.Bytes);
            writer.Write(NotOpus ?? "");
            SaveState(writer);
        }

        return buffer.ToArray();
    }

    public static OpusContainerReader Restore(ReadOnlySpan<byte> state)
    {
        using var reader = new BinaryReader(new MemoryStream(state.ToArray()));
        if (reader.ReadByte() != StateVersion)
        {
            throw new InvalidDataException("The saved container-reader state is from another version.");
        }

        OpusContainerReader result = reader.ReadByte() switch
        {
            (byte)'W' => new WebmOpusReader(),
            (byte)'O' => new OggOpusReader(),
            var kind => throw new InvalidDataException($"Unknown container kind {kind} in a saved reader state."),
        };
        result.Position = reader.ReadInt64();
        result.Resyncs = reader.ReadInt32();
        result.SkippedBytes = reader.ReadInt64();
        result.Head = ReadBytes(reader) is { } head ? OpusHead.Parse(head) : null;
        result.NotOpus = reader.ReadString() is { Length: > 0 } notOpus ? notOpus : null;
        result.RestoreState(reader);
        return result;
    }

    protected abstract void SaveState(BinaryWriter writer);

    protected abstract void RestoreState(BinaryReader reader);

    protected static void WriteBytes(BinaryWriter writer, ReadOnlySpan<byte> bytes, bool present = true)
    {
        writer.Write(present ? bytes.Length : -1);
        writer.Write(bytes);
    }

    protected static void WriteBytes(BinaryWriter writer, byte[]? bytes) => WriteBytes(writer, bytes, bytes is not null);

    protected static byte[]? ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : reader.ReadBytes(length);
    }
}
