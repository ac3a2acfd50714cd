namespace MedScribe.Audio;

/// <summary>The audio formats discovery advertises, with the file extension each maps to.</summary>
public static class AudioFormats
{
    /// <summary>Advertised MIME types, in discovery order, and their canonical extensions.</summary>
    public static readonly IReadOnlyList<(string MimeType, string Extension)> Supported =
    [
        ("audio/webm;codecs=opus", "webm"),
        ("audio/wav", "wav"),
        ("audio/ogg;codecs=opus", "ogg"),
        ("audio/mpeg", "mp3"),
        ("audio/mp4", "m4a"),
    ];

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["audio/webm"] = "webm",
        ["video/webm"] = "webm",
        ["audio/wav"] = "wav",
        ["audio/wave"] = "wav",
        ["audio/x-wav"] = "wav",
        ["audio/vnd.wave"] = "wav",
        ["audio/ogg"] = "ogg",
        ["audio/opus"] = "ogg",
        ["audio/mpeg"] = "mp3",
        ["audio/mp3"] = "mp3",
        ["audio/mp4"] = "m4a",
        ["audio/m4a"] = "m4a",
        ["audio/x-m4a"] = "m4a",
    };

    public static IReadOnlyList<string> MimeTypes { get; } = Supported.Select(s => s.MimeType).ToList();

    /// <summary>The canonical extension of an accepted MIME type (parameters ignored), or null when we do not take it.</summary>
    public static string? ExtensionOf(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return MediaTypes.GetValueOrDefault(mediaType);
    }

    /// <summary>True when two MIME types name the same format (aliases such as audio/wav and audio/x-wav included).</summary>
    public static bool SameFormat(string a, string b) =>
        ExtensionOf(a) is { } format ? format == ExtensionOf(b) : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The MIME type for a file extension, for multipart parts sent as application/octet-stream.</summary>
    public static string? MimeTypeOfExtension(string extension) =>
        Supported.FirstOrDefault(s => string.Equals(s.Extension, extension.TrimStart('.'), StringComparison.OrdinalIgnoreCase)).MimeType;
}
