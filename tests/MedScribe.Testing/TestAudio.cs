namespace MedScribe.Testing;

/// <summary>Test audio made at test time.</summary>
public static class TestAudio
{
    /// <summary>A 16 kHz mono 16-bit PCM WAV file of silence with a faint tone.</summary>
    public static byte[] Wav(double seconds)
    {
        var samples = (int)(16000 * seconds);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8); writer.Write(36 + samples * 2); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1);
        writer.Write(16000); writer.Write(32000); writer.Write((short)2); writer.Write((short)16);
        writer.Write("data"u8); writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(300 * Math.Sin(2 * Math.PI * 440 * i / 16000)));
        }

        return stream.ToArray();
    }

    /// <summary>A 16 kHz mono 16-bit PCM WAV file holding <paramref name="samples"/>.</summary>
    public static byte[] WavFromSamples(short[] samples)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8); writer.Write(36 + samples.Length * 2); writer.Write("WAVE"u8);
        writer.Write("fmt "u8); writer.Write(16); writer.Write((short)1); writer.Write((short)1);
        writer.Write(16000); writer.Write(32000); writer.Write((short)2); writer.Write((short)16);
        writer.Write("data"u8); writer.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            writer.Write(sample);
        }

        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// Encodes a WAV file with ffmpeg as a MediaRecorder would: WebM/Opus at 32 kbit/s with clusters of at
    /// most one second (<paramref name="format"/> <c>webm</c>), or Ogg/Opus (<c>ogg</c>).
    /// </summary>
    public static Task<byte[]> EncodeAsync(string wavPath, string format, CancellationToken cancellationToken) => FfmpegAsync(format == "webm"
        ? ["-i", wavPath, "-ar", "48000", "-ac", "1", "-c:a", "libopus", "-b:a", "32k", "-f", "webm", "-live", "1", "-cluster_time_limit", "1000", "pipe:1"]
        : ["-i", wavPath, "-ar", "48000", "-ac", "1", "-c:a", "libopus", "-b:a", "32k", "-f", "ogg", "pipe:1"], cancellationToken);

    /// <summary>Runs ffmpeg (quiet, no stdin) with <paramref name="arguments"/> and returns what it wrote to stdout.</summary>
    public static async Task<byte[]> FfmpegAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-loglevel", "error" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await Task.WhenAll(copy, error, process.WaitForExitAsync(cancellationToken));
        return process.ExitCode == 0 ? output.ToArray() : throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {await error}");
    }

    /// <summary>
    /// A WebM file in Chrome's MediaRecorder layout: every Cluster's size rewritten to "unknown" (ffmpeg's
    /// <c>-live 1</c> already leaves the Segment's unknown).
    /// </summary>
    public static byte[] UnknownSizeClusters(byte[] webm)
    {
        var position = webm.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x1F, 0x43, 0xB6, 0x75]);
        var output = new List<byte>(webm[..position]);
        while (position + 5 <= webm.Length && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(webm.AsSpan(position)) == 0x1F43B675)
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

    /// <summary>Cuts bytes into <paramref name="parts"/> byte ranges of equal size, wherever they fall (mid-cluster, as MediaRecorder does).</summary>
    public static IReadOnlyList<byte[]> Cut(byte[] bytes, int parts) =>
        Enumerable.Range(0, parts).Select(i => bytes[(int)((long)bytes.Length * i / parts)..(int)((long)bytes.Length * (i + 1) / parts)]).ToList();
}
