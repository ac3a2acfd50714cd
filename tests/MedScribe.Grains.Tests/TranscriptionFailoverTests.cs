using System.Text.Json;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Audio;
using MedScribe.AzureStorage;
using MedScribe.Grains.Sessions;
using MedScribe.Grains.Transcription;
using MedScribe.Speech;
using MedScribe.Speech.OpenAi;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Speech.Vad;
using MedScribe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MedScribe.Grains.Tests;

/// <summary>
/// A session's transcription whose silo dies while windows are being recognized finishes on the survivor
/// from its saved progress, every window heard once. The transcription server is a real HTTP listener on
/// loopback that answers slowly, so recognitions are in flight when the silo dies.
/// </summary>
public sealed class TranscriptionFailoverTests(AzuriteFixture azurite)
{
    private const string Answer = """
        {"task":"transcribe","language":"english","duration":1.0,"text":"heard",
         "segments":[{"id":0,"start":0.05,"end":0.5,"text":" heard","avg_logprob":-0.2}],"words":[]}
        """;

    [Fact]
    public async Task A_transcription_whose_silo_dies_mid_recognition_finishes_on_the_survivor_with_every_window_once()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var server = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(200, Delay: TimeSpan.FromMilliseconds(700), Body: Answer) };
        var connection = azurite.ConnectionString;
        var service = AzuriteFixture.UniqueName("tfail");
        var vad = new SileroVad(Path.Combine(MedicalSpeechModel.DefaultDataDirectory, "silero_vad_v5.onnx"));
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureForFailover(service, connection)
                .AddBlobAudioStore(new Lazy<StorageAccount>(StorageAccount.FromConnectionString(connection)), service);
            silo.Services.AddSingleton(new FfmpegDecoder());
            silo.Services.AddSingleton<ChunkDecoder>();
            silo.Services.AddSingleton(new SpeechSegmenter(vad, TimeSpan.Zero));
            silo.Services.AddSingleton<SessionTranscriber>();
            silo.Services.AddSingleton<ISessionPipeline, UnconfiguredPipeline>();
            silo.Services.AddSingleton<ISpeechRecognizer>(new OpenAiTranscriptionRecognizer(new HttpClient(),
                new OpenAiTranscriptionSettings { BaseUrl = server.Url.ToString(), Languages = ["en"], Window = TimeSpan.Zero }));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync(cancel);
        try
        {
            var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], cancel);
            var wav = await File.ReadAllBytesAsync(consult.WavPath, cancel);
            var samples = new short[90 * 16000];
            Buffer.BlockCopy(wav, 44, samples, 0, samples.Length * 2);
            var store = cluster.GetSiloServiceProvider(cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IAudioStore>();
            var sessionId = "ses_tfail" + Guid.NewGuid().ToString("N")[..12];
            var chunks = new List<ChunkUpload>();
            foreach (var (piece, i) in samples.Chunk(15 * 16000).Select((p, i) => (p, i)))
            {
                var name = $"t/{sessionId}/{i:D5}-audio_{i}.wav";
                var stored = await store.UploadAsync(name, new MemoryStream(TestAudio.WavFromSamples(piece)), "audio/wav", cancellationToken: cancel);
                chunks.Add(new ChunkUpload(i, $"audio_{i}.wav", "audio/wav", name, stored.Length, stored.Sha256, 15_000));
            }

            var transcription = cluster.Client.GetGrain<ITranscriptionGrain>(sessionId);
            foreach (var chunk in chunks)
            {
                await transcription.AudioArrivedAsync(chunk, new TranscriptionOptions(60_000, []));
            }

            // Windows are being recognized (slowly): kill the silo that holds the transcription.
            await server.WaitForCountAsync(3, TimeSpan.FromSeconds(60), cancel);
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            var host = await management.GetActivationAddress(transcription, cancel);
            await cluster.KillSiloAsync(cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(host)), cancel);

            var result = await ClusterWait.Until(async () => (TranscriptionResult?)await transcription.FinishAsync(chunks, new TranscriptionOptions(60_000, [])), cancel);

            Assert.Equal(6, result.FilesUsed);
            Assert.Empty(result.Errors);
            Assert.Equal(90 * 16000, result.SamplesDecoded);
            var survivor = cluster.GetSiloServiceProvider(cluster.GetActiveSilos().Single().SiloAddress).GetRequiredService<IAudioStore>();
            await using var blob = await survivor.OpenReadAsync(result.UtterancesBlob, cancel);
            var heard = await JsonSerializer.DeserializeAsync<List<TranscriptSegment>>(blob, cancellationToken: cancel);
            // Every window once: one answer each, none repeated, in order, within the 90 s.
            Assert.Equal(result.Utterances, heard!.Count);
            Assert.Equal(heard.Count, heard.Select(h => h.StartMs).Distinct().Count());
            Assert.Equal(heard.Select(h => h.StartMs).Order(), heard.Select(h => h.StartMs));
            Assert.All(heard, h => Assert.InRange(h.EndMs, 1, 90_000));
            Assert.True(heard.Count >= consult.Turns.Count(t => t.End < 90) - 1, $"{heard.Count} windows for {consult.Turns.Count(t => t.End < 90)} turns");
            Assert.True(server.Count >= heard.Count, "some windows were never sent");
        }
        finally
        {
            await cluster.StopAllSilosAsync(cancel);
            await cluster.DisposeAsync();
            vad.Dispose();
        }
    }
}
