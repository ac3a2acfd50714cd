using MedScribe.Abstractions.Sessions;
using MedScribe.Audio;
using MedScribe.AzureStorage;
using MedScribe.AzureStorage.Audio;
using MedScribe.Grains.Processing;
using MedScribe.Testing;
using Microsoft.Extensions.Options;

namespace MedScribe.Grains.Tests;

/// <summary>A session's stored files become one recording: MediaRecorder continuations losslessly, bad files skipped.</summary>
public sealed class SessionAudioTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("webm", "audio/webm;codecs=opus")]
    [InlineData("ogg", "audio/ogg;codecs=opus")]
    public async Task A_recording_cut_mid_cluster_into_header_less_chunks_decodes_within_one_percent(string format, string contentType)
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        var encoded = await TestAudio.EncodeAsync(consult.WavPath, format, Cancel);
        var parts = TestAudio.Cut(encoded, 14);
        Assert.False(SessionAudio.StartsContainer(parts[1]));
        var (store, chunks) = await StoreAsync(parts.Select((p, i) => (p, $"audio_{i}.{format}", contentType)).ToList());

        var assembled = await SessionAudio.AssembleAsync(store, new FfmpegDecoder(), chunks, Cancel);

        Assert.Empty(assembled.Errors);
        Assert.Equal(parts.Count, assembled.FilesUsed);
        var decoded = assembled.Samples.Length / 16000.0;
        Assert.True(Math.Abs(decoded - consult.Seconds) / consult.Seconds < 0.01, $"{decoded:F2} s decoded of {consult.Seconds:F2} s");
    }

    [Fact]
    public async Task Corrupt_and_non_audio_files_are_skipped_with_the_reason_and_the_rest_is_used()
    {
        var good = TestAudio.Wav(2);
        var garbage = new byte[4000];
        new Random(3).NextBytes(garbage);
        var text = "this is not audio at all, just text"u8.ToArray();
        var (store, chunks) = await StoreAsync(
        [
            (good, "audio_0.wav", "audio/wav"),
            (garbage, "audio_1.wav", "audio/wav"),
            (good, "audio_2.wav", "audio/wav"),
            (text, "audio_3.wav", "audio/wav"),
        ]);

        var assembled = await SessionAudio.AssembleAsync(store, new FfmpegDecoder(), chunks, Cancel);

        Assert.Equal(2, assembled.FilesUsed);
        Assert.Equal(4 * 16000, assembled.Samples.Length);
        Assert.Equal(["audio_1.wav", "audio_3.wav"], assembled.Errors.Select(e => e.File));
        Assert.All(assembled.Errors, e => Assert.Equal("audio_file_skipped", e.Type));
        Assert.All(assembled.Errors, e => Assert.Contains("could not be used", e.Message));
    }

    [Fact]
    public async Task A_webm_continuation_with_nothing_before_it_is_skipped()
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        var parts = TestAudio.Cut(await TestAudio.EncodeAsync(consult.WavPath, "webm", Cancel), 4);
        var (store, chunks) = await StoreAsync([(parts[1], "audio_1.webm", "audio/webm")]);

        var assembled = await SessionAudio.AssembleAsync(store, new FfmpegDecoder(), chunks, Cancel);

        Assert.Equal(0, assembled.FilesUsed);
        Assert.Contains("no audio header", Assert.Single(assembled.Errors).Message);
    }

    private async Task<(BlobAudioStore Store, List<ChunkUpload> Chunks)> StoreAsync(IReadOnlyList<(byte[] Bytes, string Name, string ContentType)> files)
    {
        var store = new BlobAudioStore(StorageAccount.FromConnectionString(azurite.ConnectionString), AzuriteFixture.UniqueName("audio"));
        await store.InitializeAsync(Cancel);
        var chunks = new List<ChunkUpload>();
        for (var i = 0; i < files.Count; i++)
        {
            var name = $"t/s/{i:D5}-{files[i].Name}";
            var stored = await store.UploadAsync(name, new MemoryStream(files[i].Bytes), files[i].ContentType, cancellationToken: Cancel);
            chunks.Add(new ChunkUpload(i, files[i].Name, files[i].ContentType, name, stored.Length, stored.Sha256, null));
        }

        return (store, chunks);
    }
}
