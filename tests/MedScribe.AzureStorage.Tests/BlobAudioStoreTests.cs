using System.IO.Pipelines;
using System.Security.Cryptography;
using MedScribe.AzureStorage.Audio;

using MedScribe.Testing;

namespace MedScribe.AzureStorage.Tests;

public sealed class BlobAudioStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BlobAudioStore _store = new(StorageAccount.FromConnectionString(azurite.ConnectionString), AzuriteFixture.UniqueName("audio"));

    public async ValueTask InitializeAsync() => await _store.InitializeAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upload_from_a_forward_only_stream_records_size_and_sha256_and_reads_back()
    {
        var bytes = new byte[5 * 1024 * 1024 + 17];
        new Random(3).NextBytes(bytes);

        var stored = await _store.UploadAsync("ten_a/ses_1/audio_0.webm", ForwardOnly(bytes), "audio/webm",
            new Dictionary<string, string> { ["filename"] = "audio_0.webm" }, Ct);

        Assert.Equal("ten_a/ses_1/audio_0.webm", stored.Name);
        Assert.Equal(bytes.Length, stored.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        await using var read = await _store.OpenReadAsync(stored.Name, Ct);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy, Ct);
        Assert.Equal(bytes, copy.ToArray());
        var listed = Assert.Single(await _store.ListAsync("ten_a/ses_1/", Ct));
        Assert.Equal((stored.Name, (long)bytes.Length, "audio/webm"), (listed.Name, listed.Length, listed.ContentType));
        Assert.Equal("audio_0.webm", listed.Metadata["filename"]);
        Assert.Empty(await _store.ListAsync("ten_a/ses_2/", Ct));
    }

    [Fact]
    public async Task Delete_and_delete_by_prefix_remove_only_what_they_name()
    {
        foreach (var name in new[] { "ten_a/ses_1/audio_0.wav", "ten_a/ses_1/audio_1.wav", "ten_a/ses_2/audio_0.wav" })
        {
            await _store.UploadAsync(name, new MemoryStream([1, 2, 3]), "audio/wav", cancellationToken: Ct);
        }

        await _store.DeleteAsync("ten_a/ses_2/audio_0.wav", Ct);
        await _store.DeleteAsync("ten_a/ses_2/never-existed.wav", Ct);
        Assert.Equal(2, await _store.DeletePrefixAsync("ten_a/ses_1/", Ct));
        Assert.Equal(0, await _store.DeletePrefixAsync("ten_a/", Ct));
    }

    private static Stream ForwardOnly(byte[] bytes)
    {
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            for (var offset = 0; offset < bytes.Length; offset += 8192)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(offset, Math.Min(8192, bytes.Length - offset)));
            }

            await pipe.Writer.CompleteAsync();
        });
        return pipe.Reader.AsStream();
    }
}
