using System.Diagnostics;

namespace MedScribe.Audio;

/// <summary>
/// Decodes the formats no library here decodes (MP3, M4A, Vorbis) to 16 kHz mono 16-bit PCM with the
/// ffmpeg program (Debian package <c>ffmpeg</c>). The input goes through a temporary file because
/// MP4/M4A keep their index at the end, which a pipe cannot seek to. The output is read as it comes and
/// cut off at the length the caller allows: a file that decodes to more is refused, and ffmpeg stopped.
/// </summary>
public sealed class FfmpegDecoder(string ffmpegPath = "ffmpeg")
{
    public const int SampleRate = 16000;

    /// <summary>
    /// Decodes <paramref name="input"/> into <paramref name="output"/>, calling <paramref name="drain"/> (when given)
    /// as the output grows, so a caller can take it away as it goes.
    /// </summary>
    public async Task DecodeAsync(Stream input, List<short> output, long maxSamples, CancellationToken cancellationToken = default, Func<Task>? drain = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"medscribe-{Guid.NewGuid():N}.audio");
        try
        {
            await using (var file = File.Create(path))
            {
                await input.CopyToAsync(file, cancellationToken);
            }

            await RunAsync(path, output, maxSamples, drain, cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The whole decode of a file, for callers that want it at once (tests, tools).</summary>
    public async Task<short[]> DecodeAsync(Stream input, long maxSamples = long.MaxValue, CancellationToken cancellationToken = default)
    {
        var output = new List<short>();
        await DecodeAsync(input, output, maxSamples, cancellationToken);
        return output.ToArray();
    }

    private async Task RunAsync(string path, List<short> output, long maxSamples, Func<Task>? drain, CancellationToken cancellationToken)
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
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            long produced = 0;
            try
            {
                var buffer = new byte[64 * 1024];
                var odd = -1;
                int read;
                while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    var span = buffer.AsSpan(0, read);
                    var before = output.Count;
                    if (odd >= 0)
                    {
                        output.Add((short)(odd | span[0] << 8));
                        span = span[1..];
                        odd = -1;
                    }

                    var whole = span.Length / 2 * 2;
                    output.AddRange(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(span[..whole]));
                    odd = span.Length > whole ? span[^1] : -1;
                    produced += output.Count - before;
                    if (produced > maxSamples)
                    {
                        process.Kill(entireProcessTree: true);
                        throw new AudioDecodeException($"it decodes to more than the {maxSamples / (double)SampleRate:0.#} s of audio allowed");
                    }

                    if (drain is not null)
                    {
                        await drain();
                    }
                }

                await Task.WhenAll(stderr, process.WaitForExitAsync(cancellationToken));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                // What was added stays: the caller knows what to take back (ChunkDecoder does).
                var reason = (await stderr).Trim().Split('\n').LastOrDefault() ?? "";
                throw new AudioDecodeException($"The audio could not be decoded (ffmpeg exit {process.ExitCode}): {reason}");
            }
        }
    }
}

/// <summary>The audio could not be decoded; the message says why in words a client can act on.</summary>
public sealed class AudioDecodeException(string message) : Exception(message);
