using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MedScribe.Abstractions.Storage;
using Microsoft.Extensions.Options;

namespace MedScribe.AzureStorage.Audio;

/// <summary>Audio store on Azure Blob Storage: uploads stream straight through, hashed and counted on the way.</summary>
public sealed class BlobAudioStore(IOptions<BlobAudioStoreOptions> options) : IAudioStore
{
    /// <summary>Uploads up to this size are buffered and sent in one request.</summary>
    public const long SingleRequestBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container = AzureStorageClients.CreateContainerClient(options.Value.ConnectionString, options.Value.ContainerName);

    /// <summary>Creates the container if it is missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public async Task<StoredAudio> UploadAsync(string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var hashing = new HashingReadStream(content, hash);
        await _container.GetBlobClient(name).UploadAsync(hashing, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            // A stream of unknown length is otherwise staged as blocks (two round trips); an audio chunk
            // up to this size goes up in a single Put Blob, larger ones are still staged block by block.
            TransferOptions = new StorageTransferOptions { InitialTransferSize = SingleRequestBytes, MaximumTransferSize = 4 * 1024 * 1024 },
        }, cancellationToken);
        return new StoredAudio(name, hashing.BytesRead, Convert.ToHexStringLower(hash.GetHashAndReset()));
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

    /// <summary>A forward-only read-through stream that feeds every byte it passes to a hash.</summary>
    private sealed class HashingReadStream(Stream inner, IncrementalHash hash) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

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

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Account(ReadOnlySpan<byte> bytes)
        {
            hash.AppendData(bytes);
            BytesRead += bytes.Length;
        }
    }
}
