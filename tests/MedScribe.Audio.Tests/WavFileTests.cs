namespace MedScribe.Audio.Tests;

/// <summary>WAV headers are checked against the bytes really there, and WAV audio is decoded in process.</summary>
public sealed class WavFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Header(int dataBytes, int rate = 16000, int byteRate = 32000, short channels = 1, short bits = 16, short encoding = 1, bool extraChunk = false)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8); writer.Write(36 + dataBytes); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write(encoding); writer.Write(channels);
        writer.Write(rate); writer.Write(byteRate); writer.Write((short)(channels * bits / 8)); writer.Write(bits);
        if (extraChunk)
        {
            writer.Write("LIST"u8); writer.Write(5); writer.Write("INFOx"u8); writer.Write((byte)0);
        }

        writer.Write("data"u8); writer.Write(dataBytes);
        return stream.ToArray();
    }

    [Fact]
    public void Duration_comes_from_the_data_present_even_after_other_chunks()
    {
        Assert.Equal(2000, WavFile.Read(Header(64000), 44 + 64000).DurationMs);
        var padded = Header(64000, extraChunk: true);
        Assert.Equal(2000, WavFile.Read(padded, padded.Length + 64000).DurationMs);
        // A streaming writer's unknown size, and a size larger than the file: what is there counts.
        Assert.Equal(1500, WavFile.Read(Header(0), 44 + 48000).DurationMs);
        Assert.Equal(1000, WavFile.Read(Header(64000), 44 + 32000).DurationMs);
    }

    [Fact]
    public void The_byte_rate_is_never_trusted()
    {
        // The hostile-input run's file: a 6 KB WAV whose byte rate claims 0xFFFFFFFF.
        Assert.Equal(200, WavFile.Read(Header(6400, byteRate: -1), 44 + 6400).DurationMs);
        Assert.Equal(200, WavFile.Read(Header(6400, byteRate: 0), 44 + 6400).DurationMs);
    }

    [Theory]
    [InlineData(1, "1 Hz")]
    [InlineData(4000, "4000 Hz")]
    [InlineData(384000, "384000 Hz")]
    public void A_sample_rate_that_cannot_be_true_is_refused(int rate, string named)
    {
        var error = Assert.Throws<AudioDecodeException>(() => WavFile.Read(Header(6400, rate: rate), 44 + 6400));
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void Unreadable_or_undecodable_headers_say_what_is_wrong()
    {
        Assert.Contains("not a WAV file", Assert.Throws<AudioDecodeException>(() => WavFile.Read("OggS0000000000000000"u8, 1000)).Message);
        Assert.Contains("fmt chunk", Assert.Throws<AudioDecodeException>(() => WavFile.Read(Header(100)[..20], 1000)).Message);
        Assert.Contains("format tag 85", Assert.Throws<AudioDecodeException>(() => WavFile.Read(Header(100, encoding: 85), 144)).Message);
        Assert.Contains("12-bit", Assert.Throws<AudioDecodeException>(() => WavFile.Read(Header(100, bits: 12), 144)).Message);
    }

    [Fact]
    public async Task Sixteen_kilohertz_mono_decodes_sample_for_sample()
    {
        var samples = Enumerable.Range(0, 16000).Select(i => (short)(i * 7 % 20000 - 10000)).ToArray();
        var wav = MedScribe.Testing.TestAudio.WavFromSamples(samples);
        var output = new List<short>();

        await WavFile.DecodeAsync(new MemoryStream(wav), wav.Length, output, long.MaxValue, Ct);

        Assert.Equal(samples, output);
    }

    [Theory]
    [InlineData(48000, 2, 16)]
    [InlineData(44100, 1, 24)]
    [InlineData(8000, 1, 8)]
    public async Task Other_rates_widths_and_channel_counts_become_16_kHz_mono_of_the_same_length_and_pitch(int rate, short channels, short bits)
    {
        var frames = rate * 2;
        using var stream = new MemoryStream();
        stream.Write(Header(frames * channels * bits / 8, rate, rate * channels * bits / 8, channels, bits));
        for (var i = 0; i < frames; i++)
        {
            var value = 0.4 * Math.Sin(2 * Math.PI * 440 * i / rate);
            for (var c = 0; c < channels; c++)
            {
                switch (bits)
                {
                    case 8: stream.WriteByte((byte)(128 + value * 127)); break;
                    case 16: stream.Write(BitConverter.GetBytes((short)(value * 32767))); break;
                    default: var v = (int)(value * 8388607); stream.Write([(byte)v, (byte)(v >> 8), (byte)(v >> 16)]); break;
                }
            }
        }

        var wav = stream.ToArray();
        var output = new List<short>();
        await WavFile.DecodeAsync(new MemoryStream(wav), wav.Length, output, long.MaxValue, Ct);

        Assert.Equal(32000, output.Count);
        // 440 Hz: 880 zero crossings a second.
        var crossings = output.Zip(output.Skip(1)).Count(p => p.First < 0 != p.Second < 0);
        Assert.InRange(crossings, 1750, 1770);
        Assert.InRange(output.Max(), 11000, 14500);
    }

    [Fact]
    public async Task More_audio_than_allowed_is_refused_before_decoding()
    {
        var wav = MedScribe.Testing.TestAudio.Wav(3);
        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => WavFile.DecodeAsync(new MemoryStream(wav), wav.Length, [], 16000, Ct));
        Assert.Contains("more than the 1 s allowed", error.Message);
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
