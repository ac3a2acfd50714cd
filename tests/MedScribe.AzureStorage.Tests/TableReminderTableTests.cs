using MedScribe.AzureStorage.Reminders;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

using MedScribe.Testing;

namespace MedScribe.AzureStorage.Tests;

/// <summary>The IReminderTable contract, checked against Azurite.</summary>
public sealed class TableReminderTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _tableName = AzuriteFixture.UniqueName("reminders");
    private TableReminderTable _table = null!;

    public async ValueTask InitializeAsync()
    {
        _table = Create("svc");
        await _table.Init();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private TableReminderTable Create(string serviceId) => new(
        Options.Create(new TableReminderOptions { ConnectionString = azurite.ConnectionString, TableName = _tableName }),
        Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "c" }));

    private static ReminderEntry Entry(GrainId grain, string name = "expiry") => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task An_upserted_reminder_reads_back_whole_with_its_etag()
    {
        var grain = GrainId.Create("sessiongrain", "ses_a/b");
        var etag = await _table.UpsertRow(Entry(grain, "expiry/at#end"));

        var row = await _table.ReadRow(grain, "expiry/at#end");

        Assert.NotNull(row);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal("expiry/at#end", row.ReminderName);
        Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), row.StartAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromMinutes(5), row.Period);
        Assert.Equal(etag, row.ETag);
        Assert.Null(await _table.ReadRow(grain, "missing"));
    }

    [Fact]
    public async Task Reading_a_grains_rows_returns_all_its_reminders_and_no_other_grains()
    {
        var grain = GrainId.Create("sessiongrain", "ses_1");
        await _table.UpsertRow(Entry(grain, "expiry"));
        await _table.UpsertRow(Entry(grain, "watchdog"));
        await _table.UpsertRow(Entry(GrainId.Create("sessiongrain", "ses_2"), "expiry"));

        var rows = await _table.ReadRows(grain);

        Assert.Equal(["expiry", "watchdog"], rows.Reminders.Select(r => r.ReminderName).Order());
    }

    [Fact]
    public async Task Remove_succeeds_with_the_current_etag_and_fails_with_a_stale_one()
    {
        var grain = GrainId.Create("sessiongrain", "ses_remove");
        var first = await _table.UpsertRow(Entry(grain));
        var second = await _table.UpsertRow(Entry(grain));
        Assert.NotEqual(first, second);

        Assert.False(await _table.RemoveRow(grain, "expiry", first!));
        Assert.NotNull(await _table.ReadRow(grain, "expiry"));
        Assert.True(await _table.RemoveRow(grain, "expiry", second!));
        Assert.Null(await _table.ReadRow(grain, "expiry"));
        Assert.False(await _table.RemoveRow(grain, "expiry", second!));
    }

    [Fact]
    public async Task Ring_range_reads_match_the_half_open_range_including_ranges_that_wrap_past_zero()
    {
        var grains = Enumerable.Range(0, 80).Select(i => GrainId.Create("sessiongrain", $"ses_range_{i}")).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Entry(grain));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var ranges = new List<(uint Begin, uint End)>
        {
            (hashes[10], hashes[40]),          // plain range; begin excluded, end included
            (hashes[60], hashes[5]),           // wraps past uint.MaxValue
            (hashes[30], hashes[30]),          // begin == end: the whole ring
            (0, uint.MaxValue),
            (uint.MaxValue, 0),                // wraps: only hashes 0 and uint.MaxValue... none here but must not fail
            (hashes[20] - 1, hashes[20]),      // exactly one
        };

        foreach (var (begin, end) in ranges)
        {
            var expected = grains.Where(g => InRange(g.GetUniformHashCode(), begin, end)).Select(g => g.ToString()).Order().ToList();
            var actual = (await _table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"range ({begin:X8}, {end:X8}]: expected {expected.Count} rows, got {actual.Count}");
        }
    }

    [Fact]
    public async Task Services_sharing_a_table_see_only_their_own_reminders_and_clear_only_their_own()
    {
        var other = Create("other-service");
        var grain = GrainId.Create("sessiongrain", "ses_shared");
        await _table.UpsertRow(Entry(grain));
        await other.UpsertRow(Entry(grain, "other"));

        Assert.Equal(["expiry"], (await _table.ReadRows(0, 0)).Reminders.Select(r => r.ReminderName));

        await other.TestOnlyClearTable();
        Assert.Empty((await other.ReadRows(0, 0)).Reminders);
        Assert.Single((await _table.ReadRows(grain)).Reminders);
    }

    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
}
