namespace MedScribe.AzureStorage.Membership;

/// <summary>Settings of the cluster membership table on Azure Tables.</summary>
public sealed class TableMembershipOptions
{
    /// <summary>Azure Storage connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Table with one partition per cluster id: a version row and one row per silo.</summary>
    public string TableName { get; set; } = "OrleansMembership";
}
