namespace MedScribe.AzureStorage.Audio;

/// <summary>Settings of the audio blob store.</summary>
public sealed class BlobAudioStoreOptions
{
    /// <summary>Azure Storage connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Container that holds uploaded audio.</summary>
    public string ContainerName { get; set; } = "audio";
}
