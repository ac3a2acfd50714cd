using System.Net;
using MedScribe.AzureStorage.Membership;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

using MedScribe.Testing;

namespace MedScribe.AzureStorage.Tests;

/// <summary>The IMembershipTable contract, checked against Azurite.</summary>
public sealed class TableMembershipTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _tableName = AzuriteFixture.UniqueName("members");
    private TableMembershipTable _table = null!;

    public async ValueTask InitializeAsync()
    {
        _table = Create("cluster-a");
        await _table.InitializeMembershipTable(tryInitTableVersion: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private TableMembershipTable Create(string clusterId) => new(
        Options.Create(new TableMembershipOptions { ConnectionString = azurite.ConnectionString, TableName = _tableName }),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "svc" }));

    private static readonly DateTime Start = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static MembershipEntry Silo(int port, SiloStatus status = SiloStatus.Joining) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 42),
        Status = status,
        ProxyPort = port + 1000,
        HostName = "host-" + port,
        SiloName = "silo-" + port,
        RoleName = "MedScribe",
        UpdateZone = 1,
        FaultZone = 2,
        StartTime = Start,
        IAmAliveTime = Start,
        SuspectTimes = [],
    };

    [Fact]
    public async Task A_new_table_has_version_zero_and_no_members_and_initialising_again_keeps_it()
    {
        await _table.InitializeMembershipTable(tryInitTableVersion: true);
        var data = await _table.ReadAll();

        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
        Assert.Empty(data.Members);
    }

    [Fact]
    public async Task Insert_with_the_next_version_adds_the_row_and_bumps_the_version()
    {
        var version = (await _table.ReadAll()).Version;
        var entry = Silo(11111);
        entry.SuspectTimes!.Add(Tuple.Create(Silo(22222).SiloAddress, Start.AddSeconds(3)));

        Assert.True(await _table.InsertRow(entry, version.Next()));

        var data = await _table.ReadAll();
        Assert.Equal(1, data.Version.Version);
        Assert.NotEqual(version.VersionEtag, data.Version.VersionEtag);
        var (read, etag) = Assert.Single(data.Members);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal(SiloStatus.Joining, read.Status);
        Assert.Equal(12111, read.ProxyPort);
        Assert.Equal("host-11111", read.HostName);
        Assert.Equal("silo-11111", read.SiloName);
        Assert.Equal("MedScribe", read.RoleName);
        Assert.Equal((1, 2), (read.UpdateZone, read.FaultZone));
        Assert.Equal(Start, read.StartTime);
        Assert.Equal(Start, read.IAmAliveTime);
        var suspect = Assert.Single(read.SuspectTimes!);
        Assert.Equal(Silo(22222).SiloAddress, suspect.Item1);
        Assert.Equal(Start.AddSeconds(3), suspect.Item2);
    }

    [Fact]
    public async Task Insert_or_update_with_a_stale_table_version_fails_and_changes_nothing()
    {
        var stale = (await _table.ReadAll()).Version;
        Assert.True(await _table.InsertRow(Silo(11111), stale.Next()));

        Assert.False(await _table.InsertRow(Silo(11112), stale.Next()));
        var (entry, etag) = (await _table.ReadRow(Silo(11111).SiloAddress)).Members[0];
        entry.Status = SiloStatus.Active;
        Assert.False(await _table.UpdateRow(entry, etag, stale.Next()));

        var data = await _table.ReadAll();
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(SiloStatus.Joining, Assert.Single(data.Members).Item1.Status);
    }

    [Fact]
    public async Task Update_needs_both_the_row_etag_and_the_version_etag()
    {
        Assert.True(await _table.InsertRow(Silo(11111), (await _table.ReadAll()).Version.Next()));
        var data = await _table.ReadAll();
        var (entry, etag) = data.Members[0];

        entry.Status = SiloStatus.Active;
        Assert.True(await _table.UpdateRow(entry, etag, data.Version.Next()));

        var current = await _table.ReadAll();
        entry.Status = SiloStatus.Dead;
        Assert.False(await _table.UpdateRow(entry, etag, current.Version.Next()));

        var after = await _table.ReadRow(entry.SiloAddress);
        Assert.Equal(2, after.Version.Version);
        Assert.Equal(SiloStatus.Active, after.Members[0].Item1.Status);
    }

    [Fact]
    public async Task Of_silos_racing_to_insert_with_the_same_version_exactly_one_succeeds()
    {
        var version = (await _table.ReadAll()).Version;
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _table.InsertRow(Silo(20000 + i), version.Next())));

        Assert.Single(results, r => r);
        Assert.Single((await _table.ReadAll()).Members);
    }

    [Fact]
    public async Task IAmAlive_changes_only_the_heartbeat_and_the_row_etag_not_the_version()
    {
        var entry = Silo(11111, SiloStatus.Active);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadRow(entry.SiloAddress);

        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = Start.AddMinutes(1) });

        var after = await _table.ReadRow(entry.SiloAddress);
        Assert.Equal(before.Version, after.Version);
        var (read, etag) = after.Members[0];
        Assert.NotEqual(before.Members[0].Item2, etag);
        Assert.Equal(Start.AddMinutes(1), read.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal("silo-11111", read.SiloName);
    }

    [Fact]
    public async Task Cleanup_removes_only_dead_silos_last_seen_before_the_cutoff()
    {
        var deadOld = Silo(1, SiloStatus.Dead);
        var deadRecent = Silo(2, SiloStatus.Dead);
        deadRecent.IAmAliveTime = Start.AddHours(2);
        var activeOld = Silo(3, SiloStatus.Active);
        foreach (var entry in new[] { deadOld, deadRecent, activeOld })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        await _table.CleanupDefunctSiloEntries(Start.AddHours(1));

        var remaining = (await _table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).ToList();
        Assert.Equal(2, remaining.Count);
        Assert.Contains(deadRecent.SiloAddress, remaining);
        Assert.Contains(activeOld.SiloAddress, remaining);
    }

    [Fact]
    public async Task Clusters_sharing_a_table_are_separate_and_deleting_one_leaves_the_other()
    {
        var other = Create("cluster-b");
        await other.InitializeMembershipTable(true);
        Assert.True(await _table.InsertRow(Silo(1), (await _table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(Silo(2), (await other.ReadAll()).Version.Next()));

        await _table.DeleteMembershipTableEntries("cluster-a");

        Assert.Empty((await _table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);
    }
}
