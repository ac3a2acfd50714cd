using Azure.Data.Tables;
using MedScribe.AzureStorage;
using MedScribe.AzureStorage.GrainStorage;
using MedScribe.AzureStorage.Reminders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace MedScribe.Bench;

/// <summary>Grain storage and reminder table throughput on Azurite, next to raw table upserts measured in the same run.</summary>
public static class StorageBenchmark
{
    public static async Task<List<Measurement>> RunAsync(string connectionString, int operations, int concurrency)
    {
        var cluster = new ClusterOptions { ServiceId = "bench", ClusterId = "bench" };
        var storage = new TableGrainStorage("bench", new TableGrainStorageOptions
        {
            ConnectionString = connectionString,
            TableName = "benchstate",
            BlobContainerName = "bench-state",
            GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions())),
        }, cluster, NullLogger<TableGrainStorage>.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        var reminders = new TableReminderTable(
            Options.Create(new TableReminderOptions { ConnectionString = connectionString, TableName = "benchreminders" }), Options.Create(cluster));
        await reminders.Init();
        var raw = AzureStorageClients.CreateTableClient(connectionString, "benchraw");
        await raw.CreateIfNotExistsAsync();

        var small = new BenchState { Text = new string('s', 1024) };
        var large = new BenchState { Text = new string('l', 200 * 1024) };
        var grains = Enumerable.Range(0, concurrency).Select(i => GrainId.Create("sessiongrain", $"ses_bench_{i}")).ToArray();
        var states = grains.Select(_ => new GrainState<BenchState>(small)).ToArray();
        var payload = new byte[1024];

        var results = new List<Measurement>
        {
            // Warm-up so connection set-up is not measured.
            await Measurement.RunAsync("warm-up (not counted)", concurrency, concurrency * 4, (w, i) => raw.UpsertEntityAsync(new TableEntity("p", $"w{i}") { ["Data"] = payload })),
            await Measurement.RunAsync("raw table upsert, 1 KiB (baseline)", concurrency, operations, (w, i) =>
                raw.UpsertEntityAsync(new TableEntity("p" + w, "r" + i % 64) { ["Data"] = payload })),
            await Measurement.RunAsync("grain state write, 1 KiB", concurrency, operations, (w, i) =>
                storage.WriteStateAsync("bench", grains[w], states[w])),
            await Measurement.RunAsync("grain state read, 1 KiB", concurrency, operations, (w, i) =>
                storage.ReadStateAsync("bench", grains[w], new GrainState<BenchState>())),
        };

        var largeStates = grains.Select(_ => new GrainState<BenchState>(large)).ToArray();
        var largeOps = Math.Max(concurrency, operations / 10);
        results.Add(await Measurement.RunAsync("grain state write, 200 KiB (4 properties)", concurrency, largeOps, (w, i) =>
            storage.WriteStateAsync("bench-large", grains[w], largeStates[w])));
        results.Add(await Measurement.RunAsync("grain state read, 200 KiB", concurrency, largeOps, (w, i) =>
            storage.ReadStateAsync("bench-large", grains[w], new GrainState<BenchState>())));

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
        return results;
    }

    public sealed class BenchState
    {
        public string Text { get; set; } = "";
    }
}
