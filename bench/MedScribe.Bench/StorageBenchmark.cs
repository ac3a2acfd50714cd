using Azure.Data.Tables;
using MedScribe.Abstractions.Storage;
using MedScribe.AzureStorage;
using MedScribe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedScribe.Bench;

/// <summary>
/// The grain storage and reminder providers the silo runs (Orleans' Azure providers, resolved from a silo in
/// this process) on Azurite, next to raw table upserts and blob puts of the same size measured in the same run.
/// </summary>
public static class StorageBenchmark
{
    public static async Task<List<Measurement>> RunAsync(string connectionString, int operations, int concurrency)
    {
        var account = StorageAccount.FromConnectionString(connectionString);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(AzuriteInstance.FreePort(), AzuriteInstance.FreePort())
            .Configure<ClusterOptions>(o => { o.ClusterId = "bench"; o.ServiceId = "bench"; })
            .AddScribeAzureState(new Lazy<StorageAccount>(account), "bench", "bench")
            .UseSystemTextJsonGrainStorageSerializer());
        using var host = builder.Build();
        await host.StartAsync();
        var tables = host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Tables);
        var blobs = host.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Blobs);
        var reminders = host.Services.GetRequiredService<IReminderTable>();
        var raw = account.Table("benchraw");
        await raw.CreateIfNotExistsAsync();
        var rawBlobs = account.Container("bench-raw");
        await rawBlobs.CreateIfNotExistsAsync();

        var small = new BenchState { Text = new string('s', 1024) };
        var large = new BenchState { Text = new string('l', 200 * 1024) };
        var grains = Enumerable.Range(0, concurrency).Select(i => GrainId.Create("sessiongrain", $"ses_bench_{i}")).ToArray();
        var states = grains.Select(_ => new GrainState<BenchState>(small)).ToArray();
        var payload = new byte[1024];
        var largePayload = BinaryData.FromString(System.Text.Json.JsonSerializer.Serialize(large));

        var results = new List<Measurement>
        {
            // Warm-up so connection set-up is not measured.
            await Measurement.RunAsync("warm-up (not counted)", concurrency, concurrency * 4, (w, i) => raw.UpsertEntityAsync(new TableEntity("p", $"w{i}") { ["Data"] = payload })),
            await Measurement.RunAsync("raw table upsert, 1 KiB (baseline)", concurrency, operations, (w, i) =>
                raw.UpsertEntityAsync(new TableEntity("p" + w, "r" + i % 64) { ["Data"] = payload })),
            await Measurement.RunAsync("grain state write, 1 KiB (table provider)", concurrency, operations, (w, i) =>
                tables.WriteStateAsync("bench", grains[w], states[w])),
            await Measurement.RunAsync("grain state read, 1 KiB (table provider)", concurrency, operations, (w, i) =>
                tables.ReadStateAsync("bench", grains[w], new GrainState<BenchState>())),
        };

        var largeStates = grains.Select(_ => new GrainState<BenchState>(large)).ToArray();
        var largeOps = Math.Max(concurrency, operations / 10);
        await Measurement.RunAsync("warm-up (not counted)", concurrency, concurrency * 2, (w, i) => rawBlobs.GetBlobClient($"w/{w}").UploadAsync(largePayload, overwrite: true));
        results.Add(await Measurement.RunAsync("raw blob put, 200 KiB (baseline)", concurrency, largeOps, (w, i) =>
            rawBlobs.GetBlobClient($"r/{w}").UploadAsync(largePayload, overwrite: true)));
        results.Add(await Measurement.RunAsync("grain state write, 200 KiB (blob provider)", concurrency, largeOps, (w, i) =>
            blobs.WriteStateAsync("bench-large", grains[w], largeStates[w])));
        results.Add(await Measurement.RunAsync("grain state read, 200 KiB (blob provider)", concurrency, largeOps, (w, i) =>
            blobs.ReadStateAsync("bench-large", grains[w], new GrainState<BenchState>())));

        results.Add(await Measurement.RunAsync("reminder upsert", concurrency, operations, (w, i) =>
            reminders.UpsertRow(new ReminderEntry
            {
                GrainId = GrainId.Create("sessiongrain", $"ses_rem_{i % 500}"),
                ReminderName = "expiry",
                StartAt = DateTime.UtcNow,
                Period = TimeSpan.FromMinutes(1),
            })));
        results.Add(await Measurement.RunAsync("reminder range read, 1/8 ring (~60 rows)", concurrency, operations / 10, (w, i) =>
        {
            var begin = (uint)(i % 8) * (uint.MaxValue / 8);
            return reminders.ReadRows(begin, begin + uint.MaxValue / 8);
        }));
        await host.StopAsync();
        return results;
    }

    public sealed class BenchState
    {
        public string Text { get; set; } = "";
    }
}
