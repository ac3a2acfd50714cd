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
        var encoded = await TestAudio.FfmpegAsync(["-i", wav, "-ar", "48000", "-ac", "1", "-c:a", "libopus", "-b:a", "128k", "-vbr", "off", "-frame_duration", "60",
            "-application", "audio", "-f", "webm", "-live", "1", "-cluster_time_limit", "3000", "-"], CancellationToken.None);
        File.Delete(wav);
        var chrome = TestAudio.UnknownSizeClusters(encoded);
        await File.WriteAllBytesAsync(path, chrome);
        return chrome;
    }

    /// <summary>Byte ranges of about <paramref name="seconds"/> each (the stream is constant-rate, so bytes are time).</summary>
    public static IReadOnlyList<byte[]> Cut(byte[] recording, int minutes, double seconds) =>
        TestAudio.Cut(recording, (int)Math.Ceiling(minutes * 60 / seconds));
}
