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
                $"{_setting} points at storage that does not answer (tables {_tables.Uri}, blobs {_blobs.Uri}): {Describe(e)}", e) { Transient = IsTransient(e) };
        }
    }

    /// <summary>
    /// Checks like <see cref="CheckAsync"/>, trying again while <paramref name="budget"/> lasts when the failure may pass (no
    /// answer in time, no connection yet, a 5xx, 408 or 429: storage starting or a loaded machine); a refusal (403, a bad
    /// credential) fails at once. Each try gets <paramref name="perTry"/>; waits double from one second.
    /// </summary>
    public async Task CheckPatientlyAsync(TimeSpan budget, TimeSpan perTry, Action<StorageProbeException, TimeSpan> retrying, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + budget;
        var wait = TimeSpan.FromSeconds(1);
        while (true)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(perTry);
            try
            {
                await CheckAsync(attempt.Token);
                return;
            }
            catch (StorageProbeException e) when (e.Transient && !cancellationToken.IsCancellationRequested && DateTime.UtcNow + wait + perTry <= deadline)
            {
                retrying(e, wait);
                await Task.Delay(wait, cancellationToken);
                wait *= 2;
            }
        }
    }

    private static bool IsTransient(Exception e) => e switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsTransient),
        HttpRequestException or TaskCanceledException or OperationCanceledException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        RequestFailedException r => $"HTTP {r.Status} {r.ErrorCode}",
        AggregateException a when a.InnerExceptions.Count > 0 => Describe(a.InnerExceptions[^1]),
        _ when e.InnerException is { } inner => Describe(inner),
        _ => e.Message,
    };
}

/// <summary>The storage account is misconfigured or unreachable; the message names the setting.</summary>
public sealed class StorageProbeException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>Whether the failure may pass on its own (a timeout, no connection, a server error), so trying again makes sense.</summary>
    public bool Transient { get; init; }
}
