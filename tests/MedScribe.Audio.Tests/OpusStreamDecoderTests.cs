using MedScribe.Audio.Opus;

namespace MedScribe.Audio.Tests;

/// <summary>
/// The in-process Opus decoder against ffmpeg, and against itself: cut anywhere, saved and restored between
/// every range, with bytes lost, with two recordings back to back.
/// </summary>
public sealed class OpusStreamDecoderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Kinds() => [.. OpusStreams.Kinds];

    private static short[] Decode(IEnumerable<byte[]> ranges, bool saveBetween = false)
    {
        var output = new List<short>();
        OpusStreamDecoder? decoder = null;
        foreach (var range in ranges)
        {
            decoder ??= OpusStreamDecoder.TryStart(range) ?? throw new InvalidOperationException("not a container start");
            decoder.Feed(range, output);
            if (saveBetween)
            {
                decoder = OpusStreamDecoder.Restore(decoder.Save());
            }
        }

        decoder?.Finish(output);
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task One_shot_decode_has_ffmpegs_sample_count_and_waveform(string kind)
    {
        var bytes = await OpusStreams.GetAsync(kind, Ct);
        var reference = await OpusStreams.FfmpegDecodeAsync(bytes, Ct);

        var ours = Decode([bytes]);

        Assert.Equal(reference.Length, ours.Length);
        var correlation = OpusStreams.Correlation(reference, ours);
        Assert.True(correlation > 0.999, $"correlation with ffmpeg {correlation:F5}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Byte_ranges_cut_anywhere_decode_bit_identical_to_one_shot(string kind)
    {
        var bytes = await OpusStreams.GetAsync(kind, Ct);
        var whole = Decode([bytes]);

        Assert.Equal(whole, Decode(TestAudioCut(bytes, 14)));
        Assert.Equal(whole, Decode(OpusStreams.CutRandomly(bytes, 1, 1, 20_000)));
        var prefix = bytes[..Math.Min(bytes.Length, 60_000)];
        Assert.Equal(Decode([prefix]), Decode(OpusStreams.CutRandomly(prefix, 2, 1, 7)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Saved_and_restored_between_every_range_the_decode_is_bit_identical(string kind)
    {
        var bytes = await OpusStreams.GetAsync(kind, Ct);
        var whole = Decode([bytes]);

        Assert.Equal(whole, Decode(TestAudioCut(bytes, 14), saveBetween: true));
        Assert.Equal(whole, Decode(OpusStreams.CutRandomly(bytes, 3, 5_000, 40_000), saveBetween: true));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_saved_state_is_small(string kind)
    {
        var bytes = await OpusStreams.GetAsync(kind, Ct);
        var decoder = OpusStreamDecoder.TryStart(bytes)!;
        var largest = 0;
        foreach (var range in TestAudioCut(bytes, 14))
        {
            decoder.Feed(range, []);
            largest = Math.Max(largest, decoder.Save().Length);
        }

        Assert.InRange(largest, 1, 72 * 1024);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_lost_range_is_bridged_with_silence_and_the_timeline_holds(string kind)
    {
        var bytes = await OpusStreams.GetAsync(kind, Ct);
        var whole = Decode([bytes]);
        var parts = TestAudioCut(bytes, 14);

        foreach (var told in new[] { true, false })
        {
            var decoder = OpusStreamDecoder.TryStart(parts[0])!;
            var output = new List<short>();
            for (var i = 0; i < parts.Count; i++)
            {
                if (i == 5)
                {
                    if (told)
                    {
                        decoder.Discontinuity();
                    }

                    continue;
                }

                decoder.Feed(parts[i], output);
            }

            decoder.Finish(output);

            // The length holds to within one packet, and the audio after the next resync point is the same audio.
            Assert.InRange(output.Count, whole.Length - 960, whole.Length + 960);
            var tail = whole.Length / 4;
            var correlation = OpusStreams.Correlation(whole[^tail..], output.ToArray()[^tail..]);
            Assert.True(correlation > 0.99, $"told={told}: the last quarter correlates {correlation:F4} with the full decode");
            if (!told)
            {
                Assert.True(decoder.Resyncs > 0, "lost bytes went unnoticed");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Two_recordings_back_to_back_decode_as_each_alone(string kind)
    {
        var bytes = await OpusStreams.GetAsync(kind, Ct);
        var whole = Decode([bytes]);

        var twice = Decode(TestAudioCut([.. bytes, .. bytes], 9));

        Assert.Equal([.. whole, .. whole], twice);
    }

    [Fact]
    public async Task A_webm_in_another_codec_says_so_and_decodes_nothing()
    {
        var vorbis = await OpusStreams.GetAsync("vorbis", Ct);
        var decoder = OpusStreamDecoder.TryStart(vorbis)!;
        var output = new List<short>();

        decoder.Feed(vorbis, output);

        Assert.Equal("a WebM track in A_VORBIS", decoder.NotOpus);
        Assert.Empty(output);
    }

    [Fact]
    public async Task Output_beyond_the_allowed_length_is_refused()
    {
        var bytes = await OpusStreams.GetAsync("ogg", Ct);
        var decoder = OpusStreamDecoder.TryStart(bytes)!;

        decoder.Limit(16000 * 5, 0);
        var error = Assert.Throws<AudioDecodeException>(() => decoder.Feed(bytes, []));

        Assert.Contains("more than the 5 s of audio allowed", error.Message);
    }

    [Fact]
    public void Bytes_that_start_no_container_get_no_decoder()
    {
        Assert.Null(OpusStreamDecoder.TryStart("RIFF....WAVE"u8));
        Assert.Null(OpusStreamDecoder.TryStart([]));
    }

    private static IReadOnlyList<byte[]> TestAudioCut(byte[] bytes, int parts) => MedScribe.Testing.TestAudio.Cut(bytes, parts);
}
