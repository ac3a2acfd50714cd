using MedScribe.Abstractions.Storage;
using MedScribe.Speech;

namespace MedScribe.Grains.Transcription;

/// <summary>16 kHz 16-bit PCM kept in blobs between a transcription's steps and its recognizers (the open utterance, the windows).</summary>
internal static class PcmBlobs
{
    public static async Task<short[]> ReadAsync(IAudioStore store, string blob, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(blob, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return PcmAudio.FromBytes(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)).Samples;
    }

    public static async Task WriteAsync(IAudioStore store, string blob, ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.Span).ToArray();
        await store.UploadAsync(blob, new MemoryStream(bytes), "application/octet-stream", cancellationToken: cancellationToken);
    }
}
