namespace MedScribe.Abstractions.Storage;

/// <summary>Durable store for uploaded audio; grains pass blob names, never audio bytes.</summary>
public interface IAudioStore
{
    /// <summary>
    /// Streams <paramref name="content"/> into the store under <paramref name="name"/>, hashing and counting as it
    /// goes; <paramref name="metadata"/> (ASCII values) is stored with the object in the same write.
    /// </summary>
    Task<StoredAudio> UploadAsync(string name, Stream content, string contentType, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default);

    /// <summary>Every stored object whose name starts with <paramref name="prefix"/>, with its metadata.</summary>
    Task<IReadOnlyList<StoredAudioObject>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored audio object for reading.</summary>
    Task<Stream> OpenReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes one stored object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes every stored object whose name starts with <paramref name="prefix"/> and returns how many were deleted.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);
}

/// <summary>What the store recorded about one uploaded object.</summary>
/// <param name="Name">The object's name in the store.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
[GenerateSerializer, Immutable]
public sealed record StoredAudio(
    [property: Id(0)] string Name,
    [property: Id(1)] long Length,
    [property: Id(2)] string Sha256);

/// <summary>A stored object as listed: name, size, type, creation time and metadata.</summary>
public sealed record StoredAudioObject(
    string Name,
    long Length,
    string ContentType,
    DateTimeOffset CreatedOn,
    IReadOnlyDictionary<string, string> Metadata);
