using System.Buffers.Binary;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Browser-style recordings made from the public consults: Chrome's MediaRecorder layout (Opus CELT at
/// 128 kbit/s in 60-ms packets, an unknown-size Segment, unknown-size Clusters every 3 s), encoded by
/// ffmpeg and cached under .cache/browser-recordings, and cut into 15-s byte ranges as the SDK's
/// MediaRecorder timeslice cuts them (the header only in the first).
/// </summary>
public static class BrowserRecordings
{
    public static async Task<byte[]> GetAsync(int minutes)
    {
        var directory = Path.Combine(RepositoryRoot.Find(), ".cache", "browser-recordings");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"consults-{minutes}min-chrome.webm");
        if (File.Exists(path))
        {
            return await File.ReadAllBytesAsync(path);
        }

        var wav = Path.Combine(directory, $"consults-{minutes}min.wav");
        var samples = new List<short>();
        while (samples.Count < minutes * 60 * 16000)
        {
            foreach (var script in ConsultAudio.Scripts())
            {
                var consult = await ConsultAudio.GetAsync(script);
                var bytes = await File.ReadAllBytesAsync(consult.WavPath);
                var pcm = new short[(bytes.Length - 44) / 2];
                Buffer.BlockCopy(bytes, 44, pcm, 0, pcm.Length * 2);
                samples.AddRange(pcm);
                if (samples.Count >= minutes * 60 * 16000)
                {
                    break;
                }
            }
        }

        await File.WriteAllBytesAsync(wav, TestAudio.WavFromSamples(samples.Take(minutes * 60 * 16000).ToArray()));
        var encoded = await FfmpegAsync(["-i", wav, "-ar", "48000", "-ac", "1", "-c:a", "libopus", "-b:a", "128k", "-vbr", "off", "-frame_duration", "60",
            "-application", "audio", "-f", "webm", "-live", "1", "-cluster_time_limit", "3000", "-"]);
        File.Delete(wav);
        var chrome = UnknownSizeClusters(encoded);
        await File.WriteAllBytesAsync(path, chrome);
        return chrome;
    }

    /// <summary>Byte ranges of about <paramref name="seconds"/> each (the stream is constant-rate, so bytes are time).</summary>
    public static IReadOnlyList<byte[]> Cut(byte[] recording, int minutes, double seconds)
    {
        var parts = (int)Math.Ceiling(minutes * 60 / seconds);
        return Enumerable.Range(0, parts).Select(i => recording[(int)((long)recording.Length * i / parts)..(int)((long)recording.Length * (i + 1) / parts)]).ToList();
    }

    private static byte[] UnknownSizeClusters(byte[] webm)
    {
        var position = webm.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x1F, 0x43, 0xB6, 0x75]);
        var output = new List<byte>(webm[..position]);
        while (position + 5 <= webm.Length && BinaryPrimitives.ReadUInt32BigEndian(webm.AsSpan(position)) == 0x1F43B675)
        {
            var sizeLength = System.Numerics.BitOperations.LeadingZeroCount((uint)webm[position + 4]) - 23;
            var size = (long)(webm[position + 4] & (0xFF >> sizeLength));
            for (var k = 1; k < sizeLength; k++)
            {
                size = size << 8 | webm[position + 4 + k];
            }

            var body = position + 4 + sizeLength;
            output.AddRange([0x1F, 0x43, 0xB6, 0x75, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
            output.AddRange(webm.AsSpan(body, (int)size));
            position = body + (int)size;
        }

        output.AddRange(webm.AsSpan(position));
        return output.ToArray();
    }

    private static async Task<byte[]> FfmpegAsync(string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-loglevel", "error" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(copy, error, process.WaitForExitAsync());
        return process.ExitCode == 0 ? output.ToArray() : throw new InvalidOperationException($"ffmpeg failed: {await error}");
    }
}
