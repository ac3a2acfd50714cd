using System.Globalization;
using System.Security.Cryptography;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;

namespace MedScribe.Grains.Sessions;

/// <summary>
/// How a session's audio is laid out in the store — <c>{tenant}/{session}/{index:D5}-{unique}.{ext}</c>, the
/// client's file name in metadata — and how the manifest is rebuilt from it after a crash.
/// </summary>
public static class SessionBlobs
{
    public const string FileNameMetadata = "filename";

    public static string Prefix(string tenantId, string sessionId) => $"{tenantId}/{sessionId}/";

    public static string Name(string tenantId, string sessionId, int index, string fileName) =>
        $"{Prefix(tenantId, sessionId)}{index:D5}-{Guid.NewGuid():N}{Path.GetExtension(fileName)}";

    public static int? IndexOf(string blobName)
    {
        var leaf = blobName[(blobName.LastIndexOf('/') + 1)..];
        var dash = leaf.IndexOf('-');
        return dash > 0 && int.TryParse(leaf[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    /// <summary>
    /// Makes <paramref name="chunks"/> agree with what is stored: the newest object per index wins, entries whose
    /// object is gone are dropped, objects the manifest never recorded are added (hashed and measured here).
    /// Returns the superseded objects, to delete, and whether the manifest changed.
    /// </summary>
    public static async Task<(bool Changed, List<string> Superseded)> ReconcileAsync(
        List<ChunkUpload> chunks, IReadOnlyList<StoredAudioObject> stored, IAudioStore audio, CancellationToken cancellationToken)
    {
        var changed = chunks.RemoveAll(c => stored.All(s => s.Name != c.BlobName)) > 0;
        var superseded = new List<string>();
        foreach (var group in stored.Where(s => IndexOf(s.Name) is not null).GroupBy(s => IndexOf(s.Name)!.Value))
        {
            var newest = group.OrderByDescending(s => s.CreatedOn).ThenByDescending(s => s.Name, StringComparer.Ordinal).First();
            superseded.AddRange(group.Where(s => s.Name != newest.Name).Select(s => s.Name));
            var recorded = chunks.FirstOrDefault(c => c.Index == group.Key);
            if (recorded?.BlobName == newest.Name)
            {
                continue;
            }

            if (recorded is not null)
            {
                chunks.Remove(recorded);
            }

            chunks.Add(await DescribeAsync(group.Key, newest, audio, cancellationToken));
            changed = true;
        }

        return (changed, superseded);
    }

    private static async Task<ChunkUpload> DescribeAsync(int index, StoredAudioObject stored, IAudioStore audio, CancellationToken cancellationToken)
    {
        await using var content = await audio.OpenReadAsync(stored.Name, cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // A continuation's duration needs the chunk before it read first; rebuilt manifests leave it unknown.
        var probe = new AudioProbe(AudioFormats.ExtensionOf(stored.ContentType) ?? "", carry: null);
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            probe.Feed(buffer.AsSpan(0, read));
        }

        var fileName = stored.Metadata.TryGetValue(FileNameMetadata, out var escaped)
            ? Uri.UnescapeDataString(escaped)
            : $"audio_{index}{Path.GetExtension(stored.Name)}";
        long? duration;
        try
        {
            duration = probe.Complete(stored.Length);
        }
        catch (AudioDecodeException)
        {
            duration = null; // accepted once, so kept; decoding reports what is wrong with it
        }

        return new ChunkUpload(index, fileName, stored.ContentType, stored.Name, stored.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), duration);
    }
}
