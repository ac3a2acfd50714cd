using System.ComponentModel.DataAnnotations;
using System.Net;

namespace MedScribe.Silo.Hosting;

/// <summary>
/// Where the cluster keeps its state: one Azure Storage account (Azurite locally), reached with a connection
/// string, or with its Table and Blob service addresses and Azure's default credential (workload or managed
/// identity) when the connection string is empty.
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    public const string MissingAccount =
        "Storage:ConnectionString is not set. Set it (environment variable Storage__ConnectionString) to an Azure Storage connection string, " +
        "or UseDevelopmentStorage=true for Azurite; or set Storage:TableServiceUri and Storage:BlobServiceUri to reach the account with a workload or managed identity.";

    /// <summary>Azure Storage connection string; <c>UseDevelopmentStorage=true</c> is Azurite on its default ports.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The account's Table service (<c>https://{account}.table.core.windows.net</c>), for the credential form.</summary>
    public string TableServiceUri { get; set; } = "";

    /// <summary>The account's Blob service (<c>https://{account}.blob.core.windows.net</c>), for the credential form.</summary>
    public string BlobServiceUri { get; set; } = "";

    /// <summary>The client id of a user-assigned managed or workload identity; empty for the default one.</summary>
    public string ManagedIdentityClientId { get; set; } = "";

    /// <summary>Prefix for every table and container name, so several deployments can share one account.</summary>
    [RegularExpression("^[a-z][a-z0-9]{0,15}$", ErrorMessage = "Storage:Prefix must be 1-16 lower-case letters or digits, starting with a letter.")]
    public string Prefix { get; set; } = "medscribe";

    /// <summary>True when one of the two forms is complete.</summary>
    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(ConnectionString) || (IsServiceUri(TableServiceUri) && IsServiceUri(BlobServiceUri));

    /// <summary>The account's clients; <see cref="FormatException"/> or <see cref="ArgumentException"/> when the connection string cannot be read.</summary>
    public MedScribe.AzureStorage.StorageAccount CreateAccount(bool forProbe = false) =>
        !string.IsNullOrWhiteSpace(ConnectionString)
            ? MedScribe.AzureStorage.StorageAccount.FromConnectionString(ConnectionString, forProbe)
            : MedScribe.AzureStorage.StorageAccount.FromServiceUris(
                new Uri(TableServiceUri), new Uri(BlobServiceUri), MedScribe.AzureStorage.StorageAccount.DefaultCredential(ManagedIdentityClientId), forProbe);

    private static bool IsServiceUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}

/// <summary>How this silo joins its cluster.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    /// <summary>Silos with the same cluster id form one cluster.</summary>
    [Required(ErrorMessage = "Orleans:ClusterId is not set.")]
    public string ClusterId { get; set; } = "medscribe";

    /// <summary>Stable across deployments: grain state and reminders are keyed by it.</summary>
    [Required(ErrorMessage = "Orleans:ServiceId is not set.")]
    public string ServiceId { get; set; } = "medscribe";

    /// <summary>Port for silo-to-silo traffic.</summary>
    [Range(1, 65535, ErrorMessage = "Orleans:SiloPort must be a TCP port (1-65535).")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients.</summary>
    [Range(1, 65535, ErrorMessage = "Orleans:GatewayPort must be a TCP port (1-65535).")]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on; loopback when empty (a single local silo).</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>The advertised address: loopback when empty, null when not an IP address (validation reports that).</summary>
    public IPAddress? AdvertisedAddress =>
        string.IsNullOrWhiteSpace(AdvertisedIPAddress) ? IPAddress.Loopback
        : IPAddress.TryParse(AdvertisedIPAddress, out var address) ? address
        : null;
}

/// <summary>The operator's credential for the dashboard and admin endpoints.</summary>
public sealed class AdminSettings
{
    public const string Section = "Admin";

    /// <summary>
    /// Admin key (at least 24 characters). In Development a random key is generated and printed at
    /// start when none is set; elsewhere it is required.
    /// </summary>
    public string ApiKey { get; set; } = "";
}
