using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedScribe.AzureStorage.Membership;

/// <summary>
/// Orleans membership table on Azure Tables. Every change to a silo row is one entity-group
/// transaction that also bumps the cluster's version row under its ETag, which is how Orleans
/// serializes membership changes across silos.
/// </summary>
public sealed class TableMembershipTable(IOptions<TableMembershipOptions> options, IOptions<ClusterOptions> cluster) : IMembershipTable
{
    internal const string VersionRowKey = "$version";
    private const string VersionProperty = "Version";

    private readonly TableClient _table = AzureStorageClients.CreateTableClient(options.Value.ConnectionString, options.Value.TableName);
    private readonly string _partitionKey = TableKey.Escape(cluster.Value.ClusterId);

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await _table.CreateIfNotExistsAsync();
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await _table.AddEntityAsync(new TableEntity(_partitionKey, VersionRowKey) { [VersionProperty] = 0 });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another silo created it first.
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(clusterId)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
        {
            await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
        }
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var all = await ReadAll();
        foreach (var (entry, etag) in all.Members)
        {
            var lastSeen = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
            if (entry.Status == SiloStatus.Dead && lastSeen < beforeDate)
            {
                try
                {
                    await _table.DeleteEntityAsync(_partitionKey, RowKey(entry.SiloAddress), new ETag(etag));
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    // Already removed or changed by another silo's cleanup.
                }
            }
        }
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        var version = await _table.GetEntityIfExistsAsync<TableEntity>(_partitionKey, VersionRowKey);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(_partitionKey, RowKey(key));
        var members = new List<Tuple<MembershipEntry, string>>();
        if (row.HasValue && row.Value is { } entity)
        {
            members.Add(Tuple.Create(ToEntry(entity), entity.ETag.ToString()));
        }

        return new MembershipTableData(members, ToVersion(version.HasValue ? version.Value : null));
    }

    public async Task<MembershipTableData> ReadAll()
    {
        TableEntity? version = null;
        var members = new List<Tuple<MembershipEntry, string>>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_partitionKey}")))
        {
            if (entity.RowKey == VersionRowKey)
            {
                version = entity;
            }
            else
            {
                members.Add(Tuple.Create(ToEntry(entity), entity.ETag.ToString()));
            }
        }

        return new MembershipTableData(members, ToVersion(version));
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        TryTransactAsync(tableVersion, new TableTransactionAction(TableTransactionActionType.Add, ToEntity(entry)));

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        TryTransactAsync(tableVersion, new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(entry), new ETag(etag)));

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        var alive = new TableEntity(_partitionKey, RowKey(entry.SiloAddress))
        {
            [nameof(MembershipEntry.IAmAliveTime)] = DateTime.SpecifyKind(entry.IAmAliveTime, DateTimeKind.Utc),
        };
        await _table.UpdateEntityAsync(alive, ETag.All, TableUpdateMode.Merge);
    }

    private async Task<bool> TryTransactAsync(TableVersion tableVersion, TableTransactionAction siloRow)
    {
        var versionRow = new TableEntity(_partitionKey, VersionRowKey) { [VersionProperty] = tableVersion.Version };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpdateReplace, versionRow, new ETag(tableVersion.VersionEtag)),
            siloRow,
        ];
        try
        {
            await _table.SubmitTransactionAsync(actions);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // A concurrent change won: Orleans re-reads the table and tries again.
            return false;
        }
    }

    private static TableVersion ToVersion(TableEntity? versionRow) =>
        versionRow is null
            ? new TableVersion(0, ETag.All.ToString())
            : new TableVersion(versionRow.GetInt32(VersionProperty) ?? 0, versionRow.ETag.ToString());

    private static string RowKey(SiloAddress address) => TableKey.Escape(address.ToParsableString());

    private TableEntity ToEntity(MembershipEntry entry) => new(_partitionKey, RowKey(entry.SiloAddress))
    {
        [nameof(MembershipEntry.SiloAddress)] = entry.SiloAddress.ToParsableString(),
        [nameof(MembershipEntry.Status)] = (int)entry.Status,
        [nameof(MembershipEntry.ProxyPort)] = entry.ProxyPort,
        [nameof(MembershipEntry.HostName)] = entry.HostName,
        [nameof(MembershipEntry.SiloName)] = entry.SiloName,
        [nameof(MembershipEntry.RoleName)] = entry.RoleName,
        [nameof(MembershipEntry.UpdateZone)] = entry.UpdateZone,
        [nameof(MembershipEntry.FaultZone)] = entry.FaultZone,
        [nameof(MembershipEntry.StartTime)] = DateTime.SpecifyKind(entry.StartTime, DateTimeKind.Utc),
        [nameof(MembershipEntry.IAmAliveTime)] = DateTime.SpecifyKind(entry.IAmAliveTime, DateTimeKind.Utc),
        [nameof(MembershipEntry.SuspectTimes)] = JsonSerializer.Serialize(
            (entry.SuspectTimes ?? []).Select(s => new SuspectTime(s.Item1.ToParsableString(), s.Item2.Ticks))),
    };

    private static MembershipEntry ToEntry(TableEntity entity) => new()
    {
        SiloAddress = SiloAddress.FromParsableString(entity.GetString(nameof(MembershipEntry.SiloAddress))),
        Status = (SiloStatus)(entity.GetInt32(nameof(MembershipEntry.Status)) ?? 0),
        ProxyPort = entity.GetInt32(nameof(MembershipEntry.ProxyPort)) ?? 0,
        HostName = entity.GetString(nameof(MembershipEntry.HostName)) ?? "",
        SiloName = entity.GetString(nameof(MembershipEntry.SiloName)),
        RoleName = entity.GetString(nameof(MembershipEntry.RoleName)),
        UpdateZone = entity.GetInt32(nameof(MembershipEntry.UpdateZone)) ?? 0,
        FaultZone = entity.GetInt32(nameof(MembershipEntry.FaultZone)) ?? 0,
        StartTime = Utc(entity.GetDateTime(nameof(MembershipEntry.StartTime))),
        IAmAliveTime = Utc(entity.GetDateTime(nameof(MembershipEntry.IAmAliveTime))),
        SuspectTimes = (JsonSerializer.Deserialize<List<SuspectTime>>(entity.GetString(nameof(MembershipEntry.SuspectTimes)) ?? "[]") ?? [])
            .Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Silo), new DateTime(s.Ticks, DateTimeKind.Utc)))
            .ToList(),
    };

    private static DateTime Utc(DateTime? value) => DateTime.SpecifyKind(value ?? default, DateTimeKind.Utc);

    private sealed record SuspectTime(string Silo, long Ticks);
}
