using MedScribe.Testing;

namespace MedScribe.Audio.Tests;

/// <summary>WebM and Ogg Opus recordings made at test time with ffmpeg from a synthesized consult excerpt.</summary>
internal static class OpusStreams
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, byte[]> Made = [];

    /// <summary>The kinds: ffmpeg's live WebM (SILK, 1-s known-size clusters), a seekable WebM file (Cues, DiscardPadding), Ogg, and a Chrome-like stream (128 kbit/s CELT, 60-ms packets, unknown-size Segment and Clusters).</summary>
    public static readonly string[] Kinds = ["webm-live", "webm-file", "ogg", "chrome"];

    public static async Task<string> WavAsync(CancellationToken cancellationToken) =>
        (await ConsultAudio.ShortConsultAsync("opus-decoder", cancellationToken)).WavPath;

    public static async Task<byte[]> GetAsync(string kind, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!Made.TryGetValue(kind, out var bytes))
            {
                var wav = await WavAsync(cancellationToken);
                bytes = kind switch
                {
                    "webm-live" => await TestAudio.EncodeAsync(wav, "webm", cancellationToken),
                    "ogg" => await TestAudio.EncodeAsync(wav, "ogg", cancellationToken),
                    "webm-file" => await TestAudio.FfmpegAsync(["-i", wav, "-c:a", "libopus", "-b:a", "32k", "-f", "webm", "-"], cancellationToken),
                    "chrome" => TestAudio.UnknownSizeClusters(await TestAudio.FfmpegAsync(["-i", wav, "-ar", "48000", "-c:a", "libopus", "-b:a", "128k", "-vbr", "off", "-frame_duration", "60",
                        "-application", "audio", "-f", "webm", "-live", "1", "-cluster_time_limit", "3000", "-"], cancellationToken)),
                    "vorbis" => await TestAudio.FfmpegAsync(["-i", wav, "-c:a", "libvorbis", "-f", "webm", "-"], cancellationToken),
                    _ => throw new ArgumentOutOfRangeException(nameof(kind)),
                };
                Made[kind] = bytes;
            }

            return bytes;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>ffmpeg's decode of the same bytes with libopus, 16 kHz mono: the reference for length and waveform.</summary>
    public static async Task<short[]> FfmpegDecodeAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        // libopus, not ffmpeg's own Opus decoder, which differs from the reference decoder by ~23 dB on SILK.
        var path = Path.Combine(Path.GetTempPath(), $"opus-reference-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        try
        {
            var pcm = await TestAudio.FfmpegAsync(["-c:a", "libopus", "-i", path, "-ac", "1", "-ar", "16000", "-f", "s16le", "-"], cancellationToken);
            var samples = new short[pcm.Length / 2];
            Buffer.BlockCopy(pcm, 0, samples, 0, samples.Length * 2);
            return samples;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static IReadOnlyList<byte[]> CutRandomly(byte[] bytes, int seed, int min, int max)
    {
        var random = new Random(seed);
        var parts = new List<byte[]>();
        for (var position = 0; position < bytes.Length;)
        {
            var length = Math.Min(bytes.Length - position, random.Next(min, max + 1));
            parts.Add(bytes[position..(position + length)]);
            position += length;
        }

        return parts;
    }

    /// <summary>Pearson correlation of two waveforms over their common length.</summary>
    public static double Correlation(short[] a, short[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (var i = 0; i < n; i++)
        {
            sa += a[i]; sb += b[i]; saa += (double)a[i] * a[i]; sbb += (double)b[i] * b[i]; sab += (double)a[i] * b[i];
        }

        var cov = sab - sa * sb / n;
        return cov / Math.Sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }
}
