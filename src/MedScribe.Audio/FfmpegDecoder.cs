using System.Diagnostics;
using System.Text;

namespace MedScribe.Audio;

/// <summary>
/// Decodes any accepted audio format to the speech engines' input, 16 kHz mono 16-bit little-endian PCM,
/// with the ffmpeg program (Debian package <c>ffmpeg</c>). The input goes through a temporary file
/// because MP4/M4A keep their index at the end, which a pipe cannot seek to.
/// </summary>
public sealed class FfmpegDecoder(string ffmpegPath = "ffmpeg")
{
    public const int SampleRate = 16000;

    public async Task<DecodedAudio> DecodeAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medscribe-{Guid.NewGuid():N}.audio");
        try
        {
            await using (var file = File.Create(path))
            {
                await input.CopyToAsync(file, cancellationToken);
            }

            return await RunAsync(path, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<DecodedAudio> RunAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpegPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-loglevel", "error", "-i", path, "-vn", "-ac", "1", "-ar", SampleRate.ToString(), "-f", "s16le", "pipe:1" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AudioDecodeException($"Could not start {ffmpegPath}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AudioDecodeException($"ffmpeg is not installed or not at '{ffmpegPath}' ({e.Message}); install the Debian package 'ffmpeg'.");
        }

        using (process)
        {
            using var pcm = new MemoryStream();
            var stdout = process.StandardOutput.BaseStream.CopyToAsync(pcm, cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await Task.WhenAll(stdout, stderr, process.WaitForExitAsync(cancellationToken));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                var reason = (await stderr).Trim().Split('\n').LastOrDefault() ?? "";
                throw new AudioDecodeException($"The audio could not be decoded (ffmpeg exit {process.ExitCode}): {reason}");
            }

            return new DecodedAudio(pcm.ToArray());
        }
    }
}

/// <summary>16 kHz mono 16-bit PCM.</summary>
public sealed record DecodedAudio(byte[] Pcm)
{
    public long DurationMs => Pcm.LongLength * 1000 / (FfmpegDecoder.SampleRate * 2);

    /// <summary>The PCM as 16-bit samples.</summary>
    public short[] Samples()
    {
        var samples = new short[Pcm.Length / 2];
        Buffer.BlockCopy(Pcm, 0, samples, 0, samples.Length * 2);
        return samples;
    }
}

/// <summary>The audio could not be decoded; the message says why in words a client can act on.</summary>
public sealed class AudioDecodeException(string message) : Exception(message);
