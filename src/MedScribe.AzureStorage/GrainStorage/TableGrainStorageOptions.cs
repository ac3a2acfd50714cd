using Orleans.Storage;

namespace MedScribe.AzureStorage.GrainStorage;

/// <summary>Settings of one named grain storage provider on Azure Tables (with a blob container for large state).</summary>
public sealed class TableGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Azure Storage connection string (account with the Table and Blob services).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Table that holds one row per grain state.</summary>
    public string TableName { get; set; } = "OrleansGrainState";

    /// <summary>Container for states larger than <see cref="MaxInlineBytes"/>.</summary>
    public string BlobContainerName { get; set; } = "orleans-grain-state";

    /// <summary>
    /// Largest serialized state kept in the table row, split over 64 KiB binary properties.
    /// Azure limits an entity to 1 MiB in all, so the default leaves room for keys and names.
    /// </summary>
    public int MaxInlineBytes { get; set; } = 12 * TableGrainStorage.MaxPropertyBytes;

    /// <summary>Serializer for state; the silo's default is used when not set.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
