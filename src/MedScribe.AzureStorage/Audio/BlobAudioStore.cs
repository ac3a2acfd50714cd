using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedScribe.Abstractions.Storage;

namespace MedScribe.AzureStorage.Audio;

/// <summary>Audio store on Azure Blob Storage: uploads stream straight through, hashed and counted on the way.</summary>
public sealed class BlobAudioStore(StorageAccount account, string containerName) : IAudioStore
{
    /// <summary>Uploads up to this size are buffered and sent in one request; larger ones stream in staged blocks.</summary>
    public const long SingleRequestBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container = account.Container(containerName);

    /// <summary>Creates the container if it is missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<StoredAudio> UploadAsync(string name, Stream content, string contentType, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var hashing = new HashingReadStream(content, hash);

        // The SDK stages a stream of unknown length as blocks (Put Block + Put Block List). An audio chunk is
        // small, so read up to SingleRequestBytes first: if that is all of it, it goes up in one Put Blob.
        var head = new MemoryStream();
        await CopyAtMostAsync(hashing, head, SingleRequestBytes + 1, cancellationToken);
        head.Position = 0;
        Stream upload = head.Length <= SingleRequestBytes ? head : new PrefixedStream(head, hashing);
        await using (upload)
        {
            await _container.GetBlobClient(name).UploadAsync(upload, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = metadata?.ToDictionary(),
                TransferOptions = new StorageTransferOptions { InitialTransferSize = SingleRequestBytes, MaximumTransferSize = 4 * 1024 * 1024 },
            }, cancellationToken);
        }

        return new StoredAudio(name, hashing.BytesRead, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task CopyAtMostAsync(Stream source, Stream destination, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while (destination.Length < limit &&
               (read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - destination.Length)), cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<StoredAudioObject>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var objects = new List<StoredAudioObject>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken))
        {
            objects.Add(new StoredAudioObject(
                blob.Name,
                blob.Properties.ContentLength ?? 0,
                blob.Properties.ContentType ?? "",
                blob.Properties.CreatedOn ?? DateTimeOffset.MinValue,
                blob.Metadata?.ToDictionary() ?? []));
        }

        return objects;
    }

    public async Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default) =>
        await _container.GetBlobClient(name).OpenReadAsync(cancellationToken: cancellationToken);

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        await _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            if ((await _container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>The bytes already read into <c>head</c>, then the rest of the source.</summary>
    private sealed class PrefixedStream(MemoryStream head, Stream rest) : ForwardReadStream
    {
        public override int Read(Span<byte> buffer) =>
            head.Position < head.Length ? head.Read(buffer) : rest.Read(buffer);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            head.Position < head.Length ? head.Read(buffer.Span) : await rest.ReadAsync(buffer, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                head.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A forward-only read-through stream that feeds every byte it passes to a hash.</summary>
    private sealed class HashingReadStream(Stream inner, IncrementalHash hash) : ForwardReadStream
    {
        public long BytesRead { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Account(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Account(buffer.Span[..read]);
            return read;
        }

        private void Account(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            BytesRead += bytes.Length;
        }
    }
}
