using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MedScribe.Client;

/// <summary>A MedScribeAlliance error from the service: the HTTP status and the envelope's code, message and details.</summary>
public sealed class MedScribeException(int status, string code, string message, JsonNode? details = null) : Exception(message)
{
    /// <summary>The HTTP status, or 0 when the service could not be reached.</summary>
    public int Status { get; } = status;

    /// <summary>The protocol's error code, e.g. <c>session_not_found</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The envelope's <c>details</c>, naming the field or limit.</summary>
    public JsonNode? Details { get; } = details;

    /// <summary>Seconds the service asked to wait (429, 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True for failures worth another attempt: the network, 408, 429 and 5xx.</summary>
    public bool IsTransient => Status is 0 or 408 or 429 or >= 500;
}

/// <summary>The discovery document (<c>/.well-known/medscribealliance</c>); everything the service said is in <see cref="Raw"/>.</summary>
public sealed record Discovery(
    [property: JsonPropertyName("protocol_version")] string ProtocolVersion,
    [property: JsonPropertyName("supported_versions")] IReadOnlyList<string> SupportedVersions,
    [property: JsonPropertyName("capabilities")] DiscoveryCapabilities Capabilities)
{
    [JsonIgnore] public JsonObject Raw { get; init; } = [];
}

/// <summary>What the service accepts.</summary>
public sealed record DiscoveryCapabilities(
    [property: JsonPropertyName("audio_formats")] IReadOnlyList<string> AudioFormats,
    [property: JsonPropertyName("max_chunk_duration_seconds")] int MaxChunkDurationSeconds);

/// <summary>A session to start: the templates to fill and the EMR's own data, returned unchanged with the results.</summary>
public sealed record CreateSessionRequest(
    [property: JsonPropertyName("templates")] IReadOnlyList<string> Templates)
{
    [JsonPropertyName("language_hint")] public string? LanguageHint { get; init; }

    [JsonPropertyName("upload_type")] public string? UploadType { get; init; }

    [JsonPropertyName("additional_data")] public JsonObject? AdditionalData { get; init; }
}

/// <summary>A started session.</summary>
public sealed record CreatedSession(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("upload_url")] string UploadUrl)
{
    /// <summary>A live session's WebSocket (<c>upload_type: "stream"</c>); see <see cref="MedScribeClient.OpenStreamAsync"/>.</summary>
    [JsonPropertyName("stream_url")] public string? StreamUrl { get; init; }
}

/// <summary>The service's receipt for one audio file.</summary>
public sealed record ChunkReceipt(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("chunk_index")] int ChunkIndex,
    [property: JsonPropertyName("chunk_duration_ms")] long? ChunkDurationMs,
    [property: JsonPropertyName("total_duration_ms")] long? TotalDurationMs,
    [property: JsonPropertyName("status")] string Status);

/// <summary>One audio file of a chunked upload.</summary>
public sealed record AudioChunk(Stream Content, string ContentType);

/// <summary>
/// A session as <c>GET /v1/sessions/{id}</c> answers it: the status (created, recording, processing, completed,
/// partial, failed, expired), and once finished the transcript, each template's result and any error.
/// </summary>
public sealed record SessionResult(string SessionId, string Status, int HttpStatus, JsonObject Raw)
{
    /// <summary>Completed, partial, failed or expired: polling stops.</summary>
    public bool IsFinished => Status is "completed" or "partial" or "failed" or "expired";

    public string? Transcript => Raw["transcript"]?.GetValue<string>();

    /// <summary><c>templates.&lt;id&gt;</c>: <c>{"status":"success","data":…}</c> or <c>{"status":"failed","error":…}</c>.</summary>
    public JsonObject Templates => Raw["templates"] as JsonObject ?? [];

    /// <summary>The data of a template that succeeded, or null.</summary>
    public JsonNode? TemplateData(string templateId) =>
        Templates[templateId] is JsonObject t && t["status"]?.GetValue<string>() == "success" ? t["data"] : null;

    /// <summary>The session's error code when it failed or expired.</summary>
    public string? ErrorCode => Raw["error"]?["code"]?.GetValue<string>();

    /// <summary>Milliseconds of audio transcribed so far (our extension, while recording and processing).</summary>
    public long? TranscribedDurationMs => Raw["transcribed_duration_ms"]?.GetValue<long>();
}

/// <summary>A webhook subscription; <see cref="Secret"/> is returned only when it is created.</summary>
public sealed record WebhookSubscription(
    [property: JsonPropertyName("webhook_id")] string WebhookId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("events")] IReadOnlyList<string> Events,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("payload")] string Payload)
{
    [JsonPropertyName("secret")] public string? Secret { get; init; }
}
