using System.Globalization;
using Azure.Data.Tables;
using MedScribe.Abstractions.Audit;

namespace MedScribe.AzureStorage.Audit;

/// <summary>
/// The audit trail on an Azure Table, append-only: one partition per UTC day, rows keyed newest first
/// (inverted ticks), written with insert-only batches; the service never updates or deletes a row (retention is
/// the operator's, by table policy). Queries walk the days of the window from the newest.
/// </summary>
public sealed class TableAuditLog(StorageAccount account, string tableName) : IAuditLog
{
    private readonly TableClient _table = account.Table(tableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default)
    {
        foreach (var day in records.GroupBy(r => Partition(r.At)))
        {
            foreach (var batch in day.Chunk(100))
            {
                await _table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(r))), cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var found = new List<AuditRecord>();
        for (var day = query.To.UtcDateTime.Date; day >= query.From.UtcDateTime.Date && found.Count < query.Limit; day = day.AddDays(-1))
        {
            var filter = $"PartitionKey eq '{Partition(day)}'"
                + $" and RowKey ge '{Inverted(query.To)}' and RowKey le '{Inverted(query.From)}~'"
                + (query.TenantId is { } tenant ? $" and TenantId eq '{tenant.Replace("'", "''")}'" : "")
                + (query.Resource is { } resource ? $" and Resource eq '{resource.Replace("'", "''")}'" : "");
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(query.Limit, 1000), cancellationToken: cancellationToken))
            {
                found.Add(FromEntity(entity));
                if (found.Count >= query.Limit)
                {
                    break;
                }
            }
        }

        return found;
    }

    private static string Partition(DateTimeOffset at) => Partition(at.UtcDateTime.Date);

    private static string Partition(DateTime day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Newest first within a day: the row key starts with the ticks counted down from the end of time.</summary>
    private static string Inverted(DateTimeOffset at) => (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(AuditRecord r) => new(Partition(r.At), $"{Inverted(r.At)}_{Guid.NewGuid():N}")
    {
        ["At"] = r.At,
        ["Actor"] = r.Actor,
        ["TenantId"] = r.TenantId,
        ["KeyId"] = r.KeyId,
        ["Method"] = r.Method,
        ["Route"] = r.Route,
        ["Resource"] = r.Resource,
        ["Status"] = r.Status,
        ["Client"] = r.Client,
        ["TraceId"] = r.TraceId,
    };

    private static AuditRecord FromEntity(TableEntity e) => new(
        e.GetDateTimeOffset("At") ?? default,
        e.GetString("Actor") ?? "",
        e.GetString("TenantId"),
        e.GetString("KeyId"),
        e.GetString("Method") ?? "",
        e.GetString("Route") ?? "",
        e.GetString("Resource") ?? "",
        e.GetInt32("Status") ?? 0,
        e.GetString("Client") ?? "",
        e.GetString("TraceId") ?? "");
}
