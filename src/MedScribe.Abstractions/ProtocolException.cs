using System.Text.Json;

namespace MedScribe.Abstractions;

/// <summary>A MedScribeAlliance protocol error: the MSA code, the HTTP status and details naming what was wrong.</summary>
[GenerateSerializer]
public sealed class ProtocolException : Exception
{
    public ProtocolException(string code, int httpStatus, string message, object? details = null)
        : base(message)
    {
        Code = code;
        HttpStatus = httpStatus;
        DetailsJson = details is null ? null : JsonSerializer.Serialize(details);
    }

    /// <summary>MSA error code, e.g. <c>session_not_found</c>.</summary>
    [Id(0)]
    public string Code { get; }

    /// <summary>HTTP status the API answers with.</summary>
    [Id(1)]
    public int HttpStatus { get; }

    /// <summary>The <c>details</c> object as JSON, or null.</summary>
    [Id(2)]
    public string? DetailsJson { get; }

    public static ProtocolException InvalidRequest(string message, object? details = null) => new("invalid_request", 400, message, details);

    public static ProtocolException SessionNotFound(string sessionId) =>
        new("session_not_found", 404, $"Session '{sessionId}' was not found", new { session_id = sessionId });

    public static ProtocolException SessionExpired(string sessionId, DateTimeOffset expiredAt) =>
        new("session_expired", 410, $"Session '{sessionId}' has expired", new { session_id = sessionId, expired_at = expiredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) });
}
