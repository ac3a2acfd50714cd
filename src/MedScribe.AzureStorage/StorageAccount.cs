using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace MedScribe.AzureStorage;

/// <summary>
/// The cluster's Azure Storage account: one Table service client and one Blob service client, built once with
/// the retry and timeout settings every store shares and handed to Orleans' providers, the audio store and the
/// webhook outbox. Built from a connection string (Azurite, or an account key), or from the two service
/// addresses and a <see cref="TokenCredential"/> (workload or managed identity) in production.
/// </summary>
public sealed class StorageAccount(TableServiceClient tables, BlobServiceClient blobs)
{
    public TableServiceClient Tables { get; } = tables;

    public BlobServiceClient Blobs { get; } = blobs;

    /// <summary>From a connection string; <see cref="FormatException"/> or <see cref="ArgumentException"/> when it cannot be read.</summary>
    public static StorageAccount FromConnectionString(string connectionString, bool forProbe = false) =>
        new(new TableServiceClient(connectionString, Configure(new TableClientOptions(), forProbe)),
            new BlobServiceClient(connectionString, Configure(new BlobClientOptions(), forProbe)));

    /// <summary>From the account's Table and Blob service addresses and a credential (e.g. <see cref="DefaultAzureCredential"/>).</summary>
    public static StorageAccount FromServiceUris(Uri tableServiceUri, Uri blobServiceUri, TokenCredential credential, bool forProbe = false) =>
        new(new TableServiceClient(tableServiceUri, credential, Configure(new TableClientOptions(), forProbe)),
            new BlobServiceClient(blobServiceUri, credential, Configure(new BlobClientOptions(), forProbe)));

    /// <summary>
    /// The credential of the service-address form: Azure's default chain (workload identity in Kubernetes, a
    /// managed identity, environment variables), pinned to one user-assigned identity when its client id is given.
    /// </summary>
    public static TokenCredential DefaultCredential(string? managedIdentityClientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId,
            WorkloadIdentityClientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId,
        });

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    private static T Configure<T>(T options, bool forProbe) where T : ClientOptions
    {
        if (forProbe)
        {
            // A health check answers quickly or says storage is down; it never waits through retries.
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        }
        else
        {
            // Orleans retries failed storage calls itself; a short SDK retry keeps a dead account from
            // stalling a grain call for the SDK default of ~8 s with four attempts.
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(100);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        }

        options.Diagnostics.IsLoggingContentEnabled = false;
        return options;
    }
}
