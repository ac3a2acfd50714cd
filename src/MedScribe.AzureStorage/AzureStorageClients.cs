using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace MedScribe.AzureStorage;

/// <summary>Builds Azure SDK clients with the retry and timeout settings every provider shares.</summary>
public static class AzureStorageClients
{
    /// <summary>Creates a table client for one table of the storage account in <paramref name="connectionString"/>.</summary>
    public static TableClient CreateTableClient(string connectionString, string tableName) =>
        new TableServiceClient(connectionString, Configure(new TableClientOptions())).GetTableClient(tableName);

    /// <summary>Creates a blob container client for the storage account in <paramref name="connectionString"/>.</summary>
    public static BlobContainerClient CreateContainerClient(string connectionString, string containerName) =>
        new BlobServiceClient(connectionString, Configure(new BlobClientOptions())).GetBlobContainerClient(containerName);

    private static T Configure<T>(T options) where T : ClientOptions
    {
        // Orleans retries failed storage calls itself; a short SDK retry keeps a dead account from
        // stalling a grain call for the SDK default of ~8 s with four attempts.
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Diagnostics.IsLoggingContentEnabled = false;
        return options;
    }
}
