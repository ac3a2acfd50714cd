using MedScribe.Abstractions.Storage;
using MedScribe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedScribe.AzureStorage.Tests;

/// <summary>
/// The grain storages the silo registers on Orleans' Azure providers: what each holds, and the names that keep
/// deployments sharing one account apart.
/// </summary>
public sealed class ScribeAzureStateTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Blob_state_of_several_megabytes_round_trips_and_table_state_refuses_past_its_limit()
    {
        await using var silo = await StartAsync("svc-" + Guid.NewGuid().ToString("N")[..8]);
        var grain = GrainId.Create("sessiongrain", "ses_big" + Guid.NewGuid().ToString("N")[..12]);

        // A long session's transcript and results: far past one table entity.
        var big = new GrainState<Payload>(new Payload { Text = new string('t', 3 * 1024 * 1024) });
        await silo.Blobs.WriteStateAsync("session", grain, big);
        var read = new GrainState<Payload>();
        await silo.Blobs.ReadStateAsync("session", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(big.State!.Text.Length, read.State!.Text.Length);

        // Small hot state goes in one row; the table provider refuses a state above 983,040 bytes.
        var small = new GrainState<Payload>(new Payload { Text = new string('k', 2000) });
        await silo.Tables.WriteStateAsync("apikey", grain, small);
        var tooBig = new GrainState<Payload>(new Payload { Text = new string('x', 1_000_000) });
        await Assert.ThrowsAnyAsync<Exception>(() => silo.Tables.WriteStateAsync("apikey", GrainId.Create("apikeygrain", "k2"), tooBig));

        await silo.Blobs.ClearStateAsync("session", grain, read);
        var cleared = new GrainState<Payload>();
        await silo.Blobs.ReadStateAsync("session", grain, cleared);
        Assert.False(cleared.RecordExists);
    }

    [Fact]
    public async Task Two_services_sharing_the_prefix_keep_their_blob_state_apart()
    {
        var grain = GrainId.Create("tenantgrain", "clinic-a");
        await using (var first = await StartAsync("svc-one-" + Guid.NewGuid().ToString("N")[..8]))
        {
            await first.Blobs.WriteStateAsync("tenant", grain, new GrainState<Payload>(new Payload { Text = "first" }));
        }

        await using var second = await StartAsync("svc-two-" + Guid.NewGuid().ToString("N")[..8]);
        var read = new GrainState<Payload>();
        await second.Blobs.ReadStateAsync("tenant", grain, read);
        Assert.False(read.RecordExists);
    }

    [Theory]
    [InlineData("medscribe", "svc-a1", "grains", "medscribe-svc-a1-grains")]
    [InlineData("medscribe", "", "audio", "medscribe-audio")]
    [InlineData("p", "My_Service..ID", "dx0", "p-my-service-id-dx0")]
    public void Container_names_keep_azures_rules(string prefix, string service, string name, string expected) =>
        Assert.Equal(expected, StorageNames.Container(prefix, service, name));

    [Fact]
    public void A_long_service_id_gives_a_container_name_of_at_most_63_characters_that_stays_unique()
    {
        var one = StorageNames.Container("medscribe", new string('a', 80) + "1", "grains");
        var two = StorageNames.Container("medscribe", new string('a', 80) + "2", "grains");
        Assert.InRange(one.Length, 3, 63);
        Assert.NotEqual(one, two);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", one);
        Assert.Equal("medscribesilos", StorageNames.Table("medscribe", "silos"));
    }

    private async Task<Silo> StartAsync(string serviceId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(AzuriteInstance.FreePort(), AzuriteInstance.FreePort(), serviceId: serviceId, clusterId: serviceId)
            .AddScribeAzureState(new Lazy<StorageAccount>(StorageAccount.FromConnectionString(azurite.ConnectionString)), "test", serviceId)
            .UseSystemTextJsonGrainStorageSerializer());
        var host = builder.Build();
        await host.StartAsync(Ct);
        return new Silo(host);
    }

    public sealed class Payload
    {
        public string Text { get; set; } = "";
    }

    private sealed class Silo(IHost host) : IAsyncDisposable
    {
        public IGrainStorage Tables { get; } = host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Tables);

        public IGrainStorage Blobs { get; } = host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Blobs);

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
