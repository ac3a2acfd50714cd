using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedScribe.AzureStorage.Reminders;

/// <summary>
/// Orleans reminder table on Azure Tables. The partition key is the service id plus the grain's
/// uniform hash in fixed-width hex, so a ring range is a partition-key range scan.
/// </summary>
public sealed class TableReminderTable(IOptions<TableReminderOptions> options, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string GrainIdProperty = "GrainId";
    private const string NameProperty = "ReminderName";
    private const string StartAtProperty = "StartAt";
    private const string PeriodProperty = "PeriodTicks";

    private readonly TableClient _table = AzureStorageClients.CreateTableClient(options.Value.ConnectionString, options.Value.TableName);
    private readonly string _servicePrefix = TableKey.Escape(cluster.Value.ServiceId) + "_";

    public async Task Init() => await _table.CreateIfNotExistsAsync();

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionKey(grainId.GetUniformHashCode())} and GrainId eq {grainId.ToString()}");
        return QueryAsync(filter);
    }

    /// <summary>Reads the ring range (begin, end]; when begin ≥ end the range wraps past uint.MaxValue.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        if (begin < end)
        {
            return await QueryAsync(HashRange(begin, end));
        }

        var upper = await QueryAsync(HashRange(begin, uint.MaxValue));
        var lower = await QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey ge {PartitionKey(0)} and PartitionKey le {PartitionKey(end)}"));
        return new ReminderTableData(upper.Reminders.Concat(lower.Reminders));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(grainId.GetUniformHashCode()), RowKey(grainId, reminderName));
        return response.HasValue && response.Value is { } entity ? ToEntry(entity) : null;
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var entity = new TableEntity(PartitionKey(entry.GrainId.GetUniformHashCode()), RowKey(entry.GrainId, entry.ReminderName))
        {
            [GrainIdProperty] = entry.GrainId.ToString(),
            [NameProperty] = entry.ReminderName,
            [StartAtProperty] = DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc),
            [PeriodProperty] = entry.Period.Ticks,
        };
        var response = await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Reminder upsert returned no ETag.");
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        try
        {
            // The SDK reports a missing entity as a 404 response instead of throwing.
            var response = await _table.DeleteEntityAsync(PartitionKey(grainId.GetUniformHashCode()), RowKey(grainId, reminderName), new ETag(eTag));
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task TestOnlyClearTable()
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PartitionKey(0)} and PartitionKey le {PartitionKey(uint.MaxValue)}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
        {
            await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
        }
    }

    private string HashRange(uint exclusiveBegin, uint inclusiveEnd) =>
        TableClient.CreateQueryFilter($"PartitionKey gt {PartitionKey(exclusiveBegin)} and PartitionKey le {PartitionKey(inclusiveEnd)}");

    private async Task<ReminderTableData> QueryAsync(string filter)
    {
        var entries = new List<ReminderEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter))
        {
            entries.Add(ToEntry(entity));
        }

        return new ReminderTableData(entries);
    }

    private string PartitionKey(uint hash) => _servicePrefix + hash.ToString("X8", CultureInfo.InvariantCulture);

    // "%%" never occurs inside an escaped key, so it separates the two parts unambiguously.
    private static string RowKey(GrainId grainId, string reminderName) =>
        TableKey.Escape(grainId.ToString()) + "%%" + TableKey.Escape(reminderName);

    private static ReminderEntry ToEntry(TableEntity entity) => new()
    {
        GrainId = GrainId.Parse(entity.GetString(GrainIdProperty)),
        ReminderName = entity.GetString(NameProperty),
        StartAt = entity.GetDateTime(StartAtProperty) ?? throw new InvalidOperationException($"Reminder row {entity.RowKey} has no start time."),
        Period = TimeSpan.FromTicks(entity.GetInt64(PeriodProperty) ?? 0),
        ETag = entity.ETag.ToString(),
    };
}
