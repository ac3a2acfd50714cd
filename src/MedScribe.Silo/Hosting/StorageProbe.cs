using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace MedScribe.Silo.Hosting;

/// <summary>Checks that the storage account in the connection string answers, for start-up and readiness.</summary>
public sealed class StorageProbe
{
    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;

    private readonly string _setting;

    /// <summary>Throws <see cref="StorageProbeException"/> when the connection string cannot even be parsed.</summary>
    public StorageProbe(StorageSettings settings)
    {
        _setting = string.IsNullOrWhiteSpace(settings.ConnectionString) ? "Storage:TableServiceUri and Storage:BlobServiceUri" : "Storage:ConnectionString";
        try
        {
            var account = settings.CreateAccount(forProbe: true);
            _tables = account.Tables;
            _blobs = account.Blobs;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            throw new StorageProbeException($"{_setting} is not a valid Azure Storage connection string or address ({e.Message})", e);
        }
    }

    /// <summary>Makes one cheap call each to the Table and Blob services.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages())
            {
                break;
            }

            await foreach (var _ in _blobs.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException or Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
        {
            throw new StorageProbeException(
                $"{_setting} points at storage that does not answer (tables {_tables.Uri}, blobs {_blobs.Uri}): {Describe(e)}", e);
        }
    }

    private static string Describe(Exception e) => e switch
    {
        RequestFailedException r => $"HTTP {r.Status} {r.ErrorCode}",
        AggregateException a when a.InnerExceptions.Count > 0 => Describe(a.InnerExceptions[^1]),
        _ when e.InnerException is { } inner => Describe(inner),
        _ => e.Message,
    };
}

/// <summary>The storage account is misconfigured or unreachable; the message names the setting.</summary>
public sealed class StorageProbeException(string message, Exception inner) : Exception(message, inner);
