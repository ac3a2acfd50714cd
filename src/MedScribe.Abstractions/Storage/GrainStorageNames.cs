namespace MedScribe.Abstractions.Storage;

/// <summary>
/// The grain storage providers, one per kind of state: small hot state (API keys, webhook subscriptions) in a
/// table row, state that grows (sessions with transcripts and results, tenants with their templates) in a blob.
/// </summary>
public static class GrainStorageNames
{
    /// <summary>Azure Tables: a state of at most 983,040 serialized bytes (Orleans' table provider refuses more).</summary>
    public const string Tables = "Default";

    /// <summary>Azure Blobs: a state of any size.</summary>
    public const string Blobs = "blobs";
}
