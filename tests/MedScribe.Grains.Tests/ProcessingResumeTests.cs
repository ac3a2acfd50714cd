using System.Collections.Concurrent;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.AzureStorage;
using MedScribe.Grains.Sessions;
using MedScribe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MedScribe.Grains.Tests;

/// <summary>A session whose silo dies while it is processing is picked up by the survivor's watchdog reminder.</summary>
public sealed class ProcessingResumeTests(AzuriteFixture azurite)
{
    /// <summary>A pipeline that records where it ran and finishes only when the test lets it.</summary>
    private sealed class GatedPipeline(ILocalSiloDetails silo) : ISessionPipeline
    {
        public static readonly ConcurrentQueue<string> StartedOn = new();
        public static readonly TaskCompletionSource Gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<PipelineOutcome> RunAsync(SessionView session, IReadOnlyList<ChunkUpload> chunks, TranscriptionOptions options, CancellationToken cancellationToken)
        {
            StartedOn.Enqueue(silo.SiloAddress.ToParsableString());
            await Gate.Task.WaitAsync(cancellationToken);
            return new PipelineOutcome("Doctor: resumed.", "{}", "en", chunks.Count, [], null, null);
        }
    }

    [Fact]
    public async Task Processing_interrupted_by_a_silo_crash_resumes_on_the_survivor_and_completes()
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = azurite.ConnectionString;
        var service = AzuriteFixture.UniqueName("resume");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureForFailover(service, connection)
                .AddBlobAudioStore(new Lazy<StorageAccount>(StorageAccount.FromConnectionString(connection)), service);
            silo.Services.AddSingleton<ISessionPipeline, GatedPipeline>();
            silo.Services.Configure<SessionLimits>(o => o.WatchdogPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync(cancel);
        try
        {
            var sessionId = "ses_resume" + Guid.NewGuid().ToString("N")[..16];
            var session = cluster.Client.GetGrain<ISessionGrain>(sessionId);
            await session.CreateAsync(new SessionSpec("tenant-a", ["soap"], "pro", ["en"], null, "chunked", "http", null, false, TimeSpan.FromHours(1)));
            var ticket = await session.PrepareUploadAsync("tenant-a", 0, "audio_0.wav", "audio/wav", false);
            var store = cluster.GetSiloServiceProvider(cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IAudioStore>();
            var stored = await store.UploadAsync(ticket.BlobName, new MemoryStream([1, 2, 3, 4]), "audio/wav", cancellationToken: cancel);
            await session.AddChunkAsync("tenant-a", new ChunkUpload(0, "audio_0.wav", "audio/wav", ticket.BlobName, stored.Length, stored.Sha256, 1000));
            await session.EndAsync("tenant-a", 1);

            var firstSilo = await ClusterWait.Until(() => GatedPipeline.StartedOn.TryPeek(out var silo) ? silo : null, cancel);
            await cluster.KillSiloAsync(cluster.GetActiveSilos().Single(s => s.SiloAddress.ToParsableString() == firstSilo), cancel);

            var survivor = await ClusterWait.Until(() => GatedPipeline.StartedOn.Skip(1).FirstOrDefault(), cancel);
            Assert.NotEqual(firstSilo, survivor);
            GatedPipeline.Gate.SetResult();

            var view = await ClusterWait.Until(async () =>
            {
                var current = await session.GetAsync("tenant-a");
                return current.Status == SessionStatus.Processing ? null : current;
            }, cancel);
            Assert.Equal(SessionStatus.Completed, view.Status);
            Assert.Equal("Doctor: resumed.", view.Transcript);
            Assert.Equal(["audio_0.wav"], view.AudioFiles);
        }
        finally
        {
            await cluster.StopAllSilosAsync(cancel);
            await cluster.DisposeAsync();
        }
    }
}
