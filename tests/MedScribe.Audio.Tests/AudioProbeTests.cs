namespace MedScribe.Audio.Tests;

/// <summary>Durations learnt from an upload's bytes as they stream past, for every format that allows it.</summary>
public sealed class AudioProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (long? DurationMs, byte[]? Carry) Probe(string format, byte[] bytes, byte[]? carry = null, int piece = 4096)
    {
        var probe = new AudioProbe(format, carry);
        for (var i = 0; i < bytes.Length; i += piece)
        {
            probe.Feed(bytes.AsSpan(i, Math.Min(piece, bytes.Length - i)));
        }

        return (probe.Complete(bytes.Length), probe.Carry);
    }

    [Theory]
    [InlineData("webm-live", "webm")]
    [InlineData("chrome", "webm")]
    [InlineData("ogg", "ogg")]
    public async Task A_browser_recording_cut_anywhere_has_each_chunks_duration_and_they_add_up(string kind, string format)
    {
        var bytes = await OpusStreams.GetAsync(kind, Ct);
        var total = await OpusStreams.FfmpegDecodeAsync(bytes, Ct);
        var parts = MedScribe.Testing.TestAudio.Cut(bytes, 9);

        byte[]? carry = null;
        long sum = 0;
        foreach (var part in parts)
        {
            var (duration, next) = Probe(format, part, carry, piece: 1500);
            Assert.NotNull(duration);
            Assert.InRange(duration.Value, 1, 60_000);
            sum += duration.Value;
            carry = next;
        }

        Assert.InRange(sum, total.Length / 16 - 100, total.Length / 16 + 100);
        // A continuation without the chunk before it cannot be measured at upload.
        Assert.Null(Probe(format, parts[3]).DurationMs);
    }

    [Fact]
    public void A_wav_s_duration_is_its_data_and_a_lying_header_is_refused()
    {
        Assert.Equal(3000, Probe("wav", MedScribe.Testing.TestAudio.Wav(3)).DurationMs);
        var lying = MedScribe.Testing.TestAudio.Wav(1);
        BitConverter.GetBytes(1).CopyTo(lying, 24);            // sample rate 1 Hz
        BitConverter.GetBytes(uint.MaxValue).CopyTo(lying, 28); // byte rate 0xFFFFFFFF
        Assert.Contains("1 Hz", Assert.Throws<AudioDecodeException>(() => Probe("wav", lying)).Message);
        // The same bytes sent as MP3 are still a WAV, and still refused.
        Assert.Contains("1 Hz", Assert.Throws<AudioDecodeException>(() => Probe("mp3", lying)).Message);
        Assert.Contains("not a WAV file", Assert.Throws<AudioDecodeException>(() => Probe("wav", new byte[5000])).Message);
    }

    [Fact]
    public async Task An_m4a_s_duration_comes_from_its_movie_header_wherever_it_is()
    {
        var path = Path.Combine(Path.GetTempPath(), $"probe-{Guid.NewGuid():N}.m4a");
        try
        {
            foreach (var faststart in new[] { false, true })
            {
                string[] args = ["-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-ac", "1", "-c:a", "aac"];
                await MedScribe.Testing.TestAudio.FfmpegAsync([.. args, .. faststart ? new[] { "-movflags", "+faststart" } : [], "-y", path], Ct);
                var m4a = await File.ReadAllBytesAsync(path, Ct);
                Assert.InRange(Probe("m4a", m4a, piece: 1000).DurationMs!.Value, 5950, 6100);
            }
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Null(Probe("m4a", new byte[3000]).DurationMs);
    }

    [Fact]
    public async Task An_mp3_s_duration_comes_from_its_frames_and_noise_has_none()
    {
        var mp3 = await MedScribe.Testing.TestAudio.FfmpegAsync(["-f", "lavfi", "-i", "sine=frequency=440:duration=7", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "-"], Ct);
        var vbr = await MedScribe.Testing.TestAudio.FfmpegAsync(["-f", "lavfi", "-i", "sine=frequency=440:duration=7", "-ac", "1", "-c:a", "libmp3lame", "-q:a", "4", "-f", "mp3", "-"], Ct);

        Assert.InRange(Probe("mp3", mp3, piece: 777).DurationMs!.Value, 6950, 7150);
        Assert.InRange(Probe("mp3", vbr, piece: 3).DurationMs!.Value, 6950, 7150);
        var noise = new byte[20_000];
        new Random(4).NextBytes(noise);
        Assert.Null(Probe("mp3", noise).DurationMs);
    }
}
