using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;

namespace MedScribe.Grains.Processing;

/// <summary>A session's audio decoded into one recording, and what could not be used.</summary>
public sealed record AssembledAudio(short[] Samples, int FilesUsed, IReadOnlyList<ProcessingError> Errors);

/// <summary>
/// Turns a session's stored files, in index order, into one 16 kHz recording. WAV, MP3 and M4A files
/// each stand alone. WebM and Ogg files that begin with their container header start a stream;
/// files that do not (MediaRecorder's later chunks, byte ranges cut anywhere) continue the stream
/// before them, so the stream is decoded whole and nothing is lost at chunk edges. A file that cannot
/// be decoded is reported as <c>audio_file_skipped</c> and the rest is used.
/// </summary>
public static class SessionAudio
{
    public static async Task<AssembledAudio> AssembleAsync(IAudioStore store, FfmpegDecoder decoder, IReadOnlyList<ChunkUpload> chunks, CancellationToken cancellationToken)
    {
        var groups = new List<List<(ChunkUpload Chunk, byte[] Bytes)>>();
        var errors = new List<ProcessingError>();
        foreach (var chunk in chunks.OrderBy(c => c.Index))
        {
            var bytes = await ReadAsync(store, chunk.BlobName, cancellationToken);
            var format = AudioFormats.ExtensionOf(chunk.ContentType);
            var continues = format is "webm" or "ogg" && !StartsContainer(bytes);
            if (continues && groups.Count > 0 && AudioFormats.ExtensionOf(groups[^1][0].Chunk.ContentType) == format)
            {
                groups[^1].Add((chunk, bytes));
            }
            else if (continues)
            {
                errors.Add(Skipped(chunk, "it has no audio header and follows no file it could continue"));
            }
            else
            {
                groups.Add([(chunk, bytes)]);
            }
        }

        var samples = new List<short>();
        var used = 0;
        foreach (var group in groups)
        {
            try
            {
                using var joined = new MemoryStream();
                foreach (var (_, bytes) in group)
                {
                    joined.Write(bytes);
                }

                joined.Position = 0;
                var pcm = (await decoder.DecodeAsync(joined, cancellationToken)).Samples();
                if (pcm.Length == 0)
                {
                    throw new AudioDecodeException("it holds no audio samples");
                }

                samples.AddRange(pcm);
                used += group.Count;
            }
            catch (AudioDecodeException e)
            {
                errors.AddRange(group.Select(g => Skipped(g.Chunk, e.Message)));
            }
        }

        return new AssembledAudio(samples.ToArray(), used, errors);
    }

    /// <summary>True when the bytes begin with a container header (EBML for WebM, OggS for Ogg).</summary>
    public static bool StartsContainer(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) || bytes.StartsWith("OggS"u8);

    /// <summary>A stored file's bytes (chunks are at most the upload limit, 25 MB by default).</summary>
    public static async Task<byte[]> ReadAsync(IAudioStore store, string blobName, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(blobName, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static ProcessingError Skipped(ChunkUpload chunk, string reason) =>
        new("audio_file_skipped", $"Audio file '{chunk.FileName}' could not be used: {reason}", chunk.FileName);
}
