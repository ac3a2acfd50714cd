using MedScribe.Abstractions.Diagnostics;
using MedScribe.AzureStorage;
using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Gatekeeping;
using MedScribe.Diagnostics.Judging;
using MedScribe.Diagnostics.Testing;
using MedScribe.Grains.Diagnostics;
using MedScribe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MedScribe.Grains.Tests;

/// <summary>The cleanup reminder deletes ended and expired physician sessions, with their conversations, from storage.</summary>
public sealed class PhysicianSessionCleanupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Ended_and_expired_sessions_are_deleted_with_their_conversations_and_a_live_one_is_kept()
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = azurite.ConnectionString;
        var service = AzuriteFixture.UniqueName("dxclean");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureForFailover(service, connection)
                .AddScribeBlobGrainStorage(DiagnosticStorage.Name, new Lazy<StorageAccount>(StorageAccount.FromConnectionString(connection)), "test", service);
            var library = CaseLibrary.Embedded(TestCatalog.Default);
            silo.Services.AddSingleton(library);
            silo.Services.AddSingleton(library.Catalog);
            silo.Services.AddSingleton<IGatekeeper>(new RuleGatekeeper(library.Catalog));
            silo.Services.AddSingleton<IJudge>(new RuleJudge());
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.Configure<DiagnosticSettings>(o => o.SessionCleanupInterval = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync(cancel);
        try
        {
            var now = DateTimeOffset.UtcNow;
            var loggedOut = "dxs_out" + Guid.NewGuid().ToString("N")[..12];
            var expired = "dxs_exp" + Guid.NewGuid().ToString("N")[..12];
            var live = "dxs_live" + Guid.NewGuid().ToString("N")[..12];
            foreach (var (id, expiresAt) in new[] { (loggedOut, now.AddHours(1)), (expired, now.AddSeconds(2)), (live, now.AddHours(1)) })
            {
                await cluster.Client.GetGrain<IPhysicianSessionGrain>(id).StartAsync(new PhysicianLogin("physician", "default", "hash-" + id, expiresAt));
                var outcome = await cluster.Client.GetGrain<IDiagnosticSessionGrain>(id).SendAsync("QUESTION", "Any allergies?");
                Assert.Null(outcome.ErrorCode);
            }

            Assert.True(await cluster.Client.GetGrain<IPhysicianSessionGrain>(loggedOut).EndAsync("hash-" + loggedOut));
            var storage = cluster.GetSiloServiceProvider(cluster.GetActiveSilos().Single().SiloAddress).GetRequiredKeyedService<IGrainStorage>(DiagnosticStorage.Name);

            async Task<bool> Stored<TGrain, TState>(string id, string stateName) where TGrain : IGrainWithStringKey where TState : new()
            {
                var state = new GrainState<TState>();
                await storage.ReadStateAsync(stateName, cluster.Client.GetGrain<TGrain>(id).GetGrainId(), state);
                return state.RecordExists;
            }

            Assert.True(await Stored<IPhysicianSessionGrain, PhysicianSessionState>(expired, "physician-session"));
            Assert.True(await Stored<IDiagnosticSessionGrain, DiagnosticSessionState>(expired, "diagnostic-session"));

            foreach (var id in new[] { loggedOut, expired })
            {
                await ClusterWait.Until(async () =>
                    !await Stored<IPhysicianSessionGrain, PhysicianSessionState>(id, "physician-session")
                    && !await Stored<IDiagnosticSessionGrain, DiagnosticSessionState>(id, "diagnostic-session") ? id : null, cancel);
            }

            Assert.True(await Stored<IPhysicianSessionGrain, PhysicianSessionState>(live, "physician-session"));
            Assert.True(await Stored<IDiagnosticSessionGrain, DiagnosticSessionState>(live, "diagnostic-session"));
            Assert.NotNull(await cluster.Client.GetGrain<IPhysicianSessionGrain>(live).GetAsync());
            Assert.Null(await cluster.Client.GetGrain<IPhysicianSessionGrain>(expired).GetAsync());
        }
        finally
        {
            await cluster.StopAllSilosAsync(cancel);
            await cluster.DisposeAsync();
        }
    }
}
