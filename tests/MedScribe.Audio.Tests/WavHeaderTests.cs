namespace MedScribe.Audio.Tests;

public sealed class WavHeaderTests
{
    private static byte[] Header(int dataBytes, int byteRate = 32000, bool extraChunk = false)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8); writer.Write(36 + dataBytes); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1);
        writer.Write(16000); writer.Write(byteRate); writer.Write((short)2); writer.Write((short)16);
        if (extraChunk)
        {
            writer.Write("LIST"u8); writer.Write(5); writer.Write("INFOx"u8); writer.Write((byte)0);
        }

        writer.Write("data"u8); writer.Write(dataBytes);
        return stream.ToArray();
    }

    [Fact]
    public void Duration_comes_from_the_data_size_and_byte_rate_even_after_other_chunks()
    {
        Assert.Equal(2000, WavHeader.DurationMs(Header(64000), 44 + 64000));
        var padded = Header(64000, extraChunk: true);
        Assert.Equal(2000, WavHeader.DurationMs(padded, padded.Length + 64000));
    }

    [Fact]
    public void A_streaming_writers_unknown_data_size_uses_the_bytes_actually_present()
    {
        Assert.Equal(1500, WavHeader.DurationMs(Header(0), 44 + 48000));
        Assert.Equal(1000, WavHeader.DurationMs(Header(64000), 44 + 32000));
    }

    [Fact]
    public void Anything_that_is_not_a_readable_wav_header_has_no_duration()
    {
        Assert.Null(WavHeader.DurationMs("OggS0000000000000000"u8, 1000));
        Assert.Null(WavHeader.DurationMs(Header(100)[..20], 1000));
        Assert.Null(WavHeader.DurationMs(Header(100, byteRate: 0), 1000));
    }

    [Theory]
    [InlineData("audio/webm;codecs=opus", "webm")]
    [InlineData("Audio/WAV", "wav")]
    [InlineData("audio/x-wav", "wav")]
    [InlineData("audio/mp3", "mp3")]
    [InlineData("audio/flac", null)]
    [InlineData("", null)]
    public void Accepted_types_map_to_one_format_each(string mime, string? extension) =>
        Assert.Equal(extension, AudioFormats.ExtensionOf(mime));
}
