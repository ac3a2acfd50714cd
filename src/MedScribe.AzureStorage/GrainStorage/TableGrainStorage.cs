using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedScribe.AzureStorage.GrainStorage;

/// <summary>
/// Orleans grain storage on Azure Tables: one row per (grain, state name), optimistic concurrency on
/// the row's ETag, state split over binary properties or moved to a blob when it is large.
/// </summary>
public sealed class TableGrainStorage(
    string name,
    TableGrainStorageOptions options,
    ClusterOptions cluster,
    ILogger<TableGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Azure Tables' limit for one binary property.</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    private const string PartCountProperty = "Parts";
    private const string PartPrefix = "Data";
    private const string BlobProperty = "Blob";

    private readonly TableClient _table = AzureStorageClients.CreateTableClient(options.ConnectionString, options.TableName);
    private readonly BlobContainerClient _blobs = AzureStorageClients.CreateContainerClient(options.ConnectionString, options.BlobContainerName);
    private readonly IGrainStorageSerializer _serializer = options.GrainStorageSerializer;

    /// <summary>Creates the table and blob container if they are missing.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        await _blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<TableGrainStorage>(name), ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        if (!response.HasValue || response.Value is not { } entity)
        {
            grainState.State = CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var blobName = entity.GetString(BlobProperty);
        var data = blobName is null ? JoinParts(entity) : await DownloadAsync(blobName);
        grainState.State = _serializer.Deserialize<T>(data);
        grainState.ETag = StoredETag.Format(entity.ETag, blobName);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var data = _serializer.Serialize(grainState.State);
        var previous = StoredETag.Parse(grainState.ETag);
        var entity = new TableEntity(partitionKey, rowKey);

        string? newBlob = null;
        if (data.ToMemory().Length > options.MaxInlineBytes)
        {
            newBlob = $"{partitionKey}/{rowKey}/{Guid.NewGuid():N}";
            await _blobs.GetBlobClient(newBlob).UploadAsync(data, overwrite: true);
            entity[BlobProperty] = newBlob;
        }
        else
        {
            SplitParts(data, entity);
        }

        try
        {
            var response = previous.TableETag is null
                ? await _table.AddEntityAsync(entity)
                : await _table.UpdateEntityAsync(entity, previous.TableETag.Value, TableUpdateMode.Replace);
            grainState.ETag = StoredETag.Format(response.Headers.ETag ?? default, newBlob);
            grainState.RecordExists = true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            if (newBlob is not null)
            {
                await DeleteBlobQuietlyAsync(newBlob);
            }

            throw Conflict("write", stateName, grainId, grainState.ETag, e);
        }

        if (previous.BlobName is not null)
        {
            await DeleteBlobQuietlyAsync(previous.BlobName);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (partitionKey, rowKey) = Keys(stateName, grainId);
        var previous = StoredETag.Parse(grainState.ETag);
        try
        {
            if (previous.TableETag is { } etag)
            {
                // The SDK reports a missing entity as a 404 response instead of throwing.
                var response = await _table.DeleteEntityAsync(partitionKey, rowKey, etag);
                if (response.Status == 404)
                {
                    throw new InconsistentStateException(
                        $"Clear of {stateName} for {grainId}: the stored state was already deleted.", "(none)", grainState.ETag);
                }
            }
            else if ((await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey)).HasValue)
            {
                // A writer that never saw the row must not erase somebody else's state.
                throw new InconsistentStateException(
                    $"Clear of {stateName} for {grainId} without an ETag, but a stored state exists.", "(exists)", "(none)");
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw Conflict("clear", stateName, grainId, grainState.ETag, e);
        }

        if (previous.BlobName is not null)
        {
            await DeleteBlobQuietlyAsync(previous.BlobName);
        }

        grainState.State = CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private (string PartitionKey, string RowKey) Keys(string stateName, GrainId grainId) =>
        (TableKey.Escape($"{cluster.ServiceId}_{grainId}"), TableKey.Escape(stateName));

    private static void SplitParts(BinaryData data, TableEntity entity)
    {
        var memory = data.ToMemory();
        var parts = 0;
        for (var offset = 0; offset < memory.Length; offset += MaxPropertyBytes, parts++)
        {
            entity[PartPrefix + parts] = memory.Slice(offset, Math.Min(MaxPropertyBytes, memory.Length - offset)).ToArray();
        }

        entity[PartCountProperty] = parts;
    }

    private static BinaryData JoinParts(TableEntity entity)
    {
        var parts = entity.GetInt32(PartCountProperty) ?? 0;
        if (parts == 1)
        {
            return BinaryData.FromBytes(entity.GetBinary(PartPrefix + 0));
        }

        using var buffer = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            buffer.Write(entity.GetBinary(PartPrefix + i) ?? throw new InvalidOperationException(
                $"Grain state row {entity.PartitionKey}/{entity.RowKey} lacks part {i} of {parts}."));
        }

        return BinaryData.FromBytes(buffer.ToArray());
    }

    private async Task<BinaryData> DownloadAsync(string blobName) =>
        (await _blobs.GetBlobClient(blobName).DownloadContentAsync()).Value.Content;

    private async Task DeleteBlobQuietlyAsync(string blobName)
    {
        try
        {
            await _blobs.GetBlobClient(blobName).DeleteIfExistsAsync();
        }
        catch (RequestFailedException e)
        {
            // The row no longer points at this blob, so a failure only leaves garbage behind.
            logger.LogWarning(e, "Could not delete superseded grain state blob {BlobName}", blobName);
        }
    }

    private static InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag, RequestFailedException e) =>
        new($"ETag conflict on {operation} of {stateName} for {grainId}: {e.ErrorCode ?? e.Status.ToString()}", "(unknown)", etag ?? "(none)", e);

    private static T CreateInstance<T>() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is null ? default! : Activator.CreateInstance<T>();

    /// <summary>The ETag handed to Orleans: the row's ETag, plus the name of the blob holding the state when it is large.</summary>
    private readonly record struct StoredETag(ETag? TableETag, string? BlobName)
    {
        private const string Separator = "\n";

        public static string Format(ETag tableETag, string? blobName) =>
            blobName is null ? tableETag.ToString() : tableETag + Separator + blobName;

        public static StoredETag Parse(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return default;
            }

            var split = value.IndexOf(Separator, StringComparison.Ordinal);
            return split < 0
                ? new StoredETag(new ETag(value), null)
                : new StoredETag(new ETag(value[..split]), value[(split + 1)..]);
        }
    }
}
