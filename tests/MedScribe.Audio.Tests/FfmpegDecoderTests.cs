using System.Diagnostics;

namespace MedScribe.Audio.Tests;

/// <summary>Every format discovery advertises really decodes; audio is made at test time with ffmpeg.</summary>
public sealed class FfmpegDecoderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AdvertisedFormats()
    {
        var data = new TheoryData<string, string>();
        foreach (var (mime, extension) in AudioFormats.Supported)
        {
            data.Add(mime, extension);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AdvertisedFormats))]
    public async Task Each_advertised_format_decodes_to_16_kHz_mono_pcm_of_the_right_length(string mime, string extension)
    {
        var audio = await ToneAsync(extension, seconds: 2);

        var decoded = await new FfmpegDecoder().DecodeAsync(new MemoryStream(audio), cancellationToken: Ct);

        Assert.InRange(decoded.Length * 1000L / 16000, 1950, 2100);
        Assert.Equal(extension, AudioFormats.ExtensionOf(mime));
        Assert.Contains(decoded, s => Math.Abs((int)s) > 100);
    }

    [Fact]
    public async Task Output_beyond_what_the_caller_allows_stops_ffmpeg_and_is_refused()
    {
        var audio = await ToneAsync("mp3", seconds: 6);
        var output = new List<short>();

        var error = await Assert.ThrowsAsync<AudioDecodeException>(() => new FfmpegDecoder().DecodeAsync(new MemoryStream(audio), output, 16000 * 2, Ct));

        Assert.Contains("more than the 2 s of audio allowed", error.Message);
        Assert.InRange(output.Count, 0, 16000 * 2 + 32768);
    }

    [Fact]
    public async Task Bytes_that_are_not_audio_fail_with_a_reason_not_an_empty_result()
    {
        var error = await Assert.ThrowsAsync<AudioDecodeException>(() =>
            new FfmpegDecoder().DecodeAsync(new MemoryStream("this is not audio"u8.ToArray()), cancellationToken: Ct));

        Assert.StartsWith("The audio could not be decoded (ffmpeg exit", error.Message);
    }

    [Fact]
    public async Task A_missing_ffmpeg_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<AudioDecodeException>(() =>
            new FfmpegDecoder("/nonexistent/ffmpeg").DecodeAsync(new MemoryStream([1, 2, 3]), cancellationToken: Ct));

        Assert.Contains("install the Debian package 'ffmpeg'", error.Message);
    }

    /// <summary>A 440 Hz tone in the given container, encoded by ffmpeg.</summary>
    private static async Task<byte[]> ToneAsync(string extension, double seconds)
    {
        var codec = extension switch
        {
            "webm" or "ogg" => ["-c:a", "libopus", "-b:a", "32k"],
            "mp3" => ["-c:a", "libmp3lame"],
            "m4a" => new[] { "-c:a", "aac", "-f", "ipod" },
            _ => ["-c:a", "pcm_s16le"],
        };
        var path = Path.Combine(Path.GetTempPath(), $"tone-{Guid.NewGuid():N}.{extension}");
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds}", "-ar", "48000", "-ac", "1" }.Concat(codec).Append(path))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, $"ffmpeg could not make a {extension} tone: {stderr}");
        try
        {
            return await File.ReadAllBytesAsync(path, Ct);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
