using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MedScribe.Abstractions.Webhooks;

namespace MedScribe.AzureStorage.Webhooks;

/// <summary>
/// The webhook outbox on Azure Tables: partition = subscription, row = delivery id. A delivery is one
/// row, written once before its first attempt and replaced after each attempt, so the log of a busy
/// subscription never rewrites anything but the delivery that changed.
/// </summary>
public sealed class TableWebhookOutbox(StorageAccount account, string tableName) : IWebhookOutbox
{
    /// <summary>Table string properties hold 32K UTF-16 characters; bodies are split over several.</summary>
    private const int BodyPartChars = 30_000;

    /// <summary>An entity is at most 1 MiB, so a body may take 15 parts (~900 KB in UTF-16).</summary>
    private const int MaxBodyParts = 15;

    private readonly TableClient _table = account.Table(tableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) => await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<bool> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.AddEntityAsync(ToEntity(delivery), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task UpdateAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(ToEntity(delivery), TableUpdateMode.Replace, cancellationToken);

    public async Task<WebhookDelivery?> GetAsync(string webhookId, string deliveryId, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.Escape(webhookId), TableKey.Escape(deliveryId), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListAsync(string webhookId, bool pendingOnly, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(webhookId)}");
        if (pendingOnly)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {WebhookDeliveryStatus.Pending}");
        }

        var deliveries = new List<WebhookDelivery>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            deliveries.Add(FromEntity(row));
        }

        return deliveries;
    }

    public async Task<int> PruneAsync(string webhookId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(webhookId)} and CreatedAt lt {before} and Status ne {WebhookDeliveryStatus.Pending}");
        return await DeleteWhereAsync(filter, cancellationToken);
    }

    public async Task DeleteAllAsync(string webhookId, CancellationToken cancellationToken = default) =>
        await DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Escape(webhookId)}"), cancellationToken);

    private async Task<int> DeleteWhereAsync(string filter, CancellationToken cancellationToken)
    {
        var keys = new List<(string Partition, string Row)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add((row.PartitionKey, row.RowKey));
        }

        // One partition per subscription, so the rows go in entity-group batches of up to 100.
        foreach (var batch in keys.Chunk(100))
        {
            await _table.SubmitTransactionAsync(
                batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row), ETag.All)),
                cancellationToken);
        }

        return keys.Count;
    }

    private static TableEntity ToEntity(WebhookDelivery d)
    {
        var parts = (d.Body.Length + BodyPartChars - 1) / BodyPartChars;
        if (parts > MaxBodyParts)
        {
            throw new ArgumentException($"Webhook body of {d.Body.Length} characters exceeds the outbox limit of {MaxBodyParts * BodyPartChars}.", nameof(d));
        }

        var entity = new TableEntity(TableKey.Escape(d.WebhookId), TableKey.Escape(d.DeliveryId))
        {
            ["EventId"] = d.EventId,
            ["Event"] = d.Event,
            ["SessionId"] = d.SessionId,
            ["CreatedAt"] = d.CreatedAt,
            ["Status"] = d.Status,
            ["NextAttemptAt"] = d.NextAttemptAt,
            ["AttemptCount"] = d.Attempts.Count,
            ["Attempts"] = JsonSerializer.Serialize(d.Attempts),
            ["BodyParts"] = parts,
        };
        for (var i = 0; i < parts; i++)
        {
            entity["Body" + i] = d.Body.Substring(i * BodyPartChars, Math.Min(BodyPartChars, d.Body.Length - i * BodyPartChars));
        }

        return entity;
    }

    private static WebhookDelivery FromEntity(TableEntity e)
    {
        var parts = e.GetInt32("BodyParts") ?? 0;
        var body = string.Concat(Enumerable.Range(0, parts).Select(i => e.GetString("Body" + i)));
        return new WebhookDelivery(
            TableKey.Unescape(e.RowKey),
            TableKey.Unescape(e.PartitionKey),
            e.GetString("EventId") ?? "",
            e.GetString("Event") ?? "",
            e.GetString("SessionId"),
            e.GetDateTimeOffset("CreatedAt") ?? default,
            body,
            e.GetString("Status") ?? WebhookDeliveryStatus.Pending,
            JsonSerializer.Deserialize<List<WebhookAttempt>>(e.GetString("Attempts") ?? "[]") ?? [],
            e.GetDateTimeOffset("NextAttemptAt"));
    }
}
