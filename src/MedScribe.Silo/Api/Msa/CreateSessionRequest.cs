using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// Reads a create-session body leniently (both protocol versions' field names and types) and strictly
/// (every invalid field is a 400 that names it). Unknown fields are ignored.
/// </summary>
public static class CreateSessionRequest
{
    public static readonly string[] Models = ["pro", "lite"];
    public static readonly string[] UploadTypes = ["chunked", "single", "stream"];
    public static readonly string[] Protocols = ["http", "websocket"];

    public static SessionSpec Parse(JsonObject body, string tenantId, MsaSettings settings, IReadOnlyList<string> languages)
    {
        var templates = body["templates"] switch
        {
            null => throw Missing("templates"),
            JsonArray array when array.Count == 0 => throw Invalid("templates", "templates must list at least one template id."),
            JsonArray array => array.Select((t, i) => t is JsonValue v && v.TryGetValue<string>(out var id) && id.Trim().Length > 0
                ? id.Trim()
                : throw Invalid($"templates[{i}]", "Each template id must be a non-empty string.")).Distinct().ToList(),
            _ => throw Invalid("templates", "templates must be an array of template ids."),
        };
        if (templates.Count > settings.MaxTemplatesPerSession)
        {
            throw Invalid("templates", $"A session may request at most {settings.MaxTemplatesPerSession} templates.",
                new { field = "templates", max_items = settings.MaxTemplatesPerSession });
        }

        var model = OptionalString(body, "model") ?? "pro";
        if (!Models.Contains(model))
        {
            throw Invalid("model", $"Unknown model '{model}'.", new { field = "model", supported_models = Models });
        }

        var hints = Languages(body, "language_hint", languages);
        var transcriptLanguage = Languages(body, "transcript_language", languages).FirstOrDefault();

        var uploadType = OptionalString(body, "upload_type") ?? "chunked";
        if (!UploadTypes.Contains(uploadType))
        {
            throw Invalid("upload_type", $"upload_type '{uploadType}' is not supported.", new { field = "upload_type", supported = UploadTypes });
        }

        // A live session streams over a WebSocket (the stream_url of the reply); every other upload is HTTP.
        var protocol = OptionalString(body, "communication_protocol") ?? (uploadType == "stream" ? "websocket" : "http");
        if (!Protocols.Contains(protocol))
        {
            throw Invalid("communication_protocol", $"communication_protocol '{protocol}' is not supported.",
                new { field = "communication_protocol", supported = Protocols });
        }

        if ((uploadType == "stream") != (protocol == "websocket"))
        {
            throw Invalid("communication_protocol", uploadType == "stream"
                    ? "upload_type 'stream' streams over a WebSocket: communication_protocol must be 'websocket'."
                    : $"communication_protocol 'websocket' is for upload_type 'stream'; upload_type '{uploadType}' uploads over HTTP.",
                new { field = "communication_protocol", upload_type = uploadType });
        }

        var usesMetadata = body["additional_data"] is null && body["metadata"] is not null;
        var field = usesMetadata ? "metadata" : "additional_data";
        string? additional = null;
        switch (body[field])
        {
            case null:
                break;
            case JsonObject data:
                additional = data.ToJsonString();
                var size = Encoding.UTF8.GetByteCount(additional);
                if (size > settings.MaxAdditionalDataBytes)
                {
                    throw Invalid(field, $"{field} is {size} bytes; the limit is {settings.MaxAdditionalDataBytes}.",
                        new { field, size_bytes = size, max_bytes = settings.MaxAdditionalDataBytes });
                }

                break;
            default:
                throw Invalid(field, $"{field} must be a JSON object.");
        }

        if (body["include_transcript"] is { } include && include.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Invalid("include_transcript", "include_transcript must be a boolean.");
        }

        return new SessionSpec(tenantId, templates, model, hints, transcriptLanguage, uploadType, protocol, additional, usesMetadata,
            TimeSpan.FromSeconds(settings.MaxSessionDurationSeconds));
    }

    private static IReadOnlyList<string> Languages(JsonObject body, string field, IReadOnlyList<string> supported)
    {
        var values = body[field] switch
        {
            null => [],
            JsonValue v when v.TryGetValue<string>(out var one) => [one],
            JsonArray array => array.Select((n, i) => n is JsonValue v && v.TryGetValue<string>(out var code)
                ? code
                : throw Invalid($"{field}[{i}]", $"{field} must hold ISO 639-1 codes.")).ToList(),
            _ => throw Invalid(field, $"{field} must be an ISO 639-1 code or an array of them."),
        };
        var normalized = values.Select(v => v.Trim().ToLowerInvariant()).ToList();
        var unsupported = normalized.Where(v => !supported.Contains(v)).ToList();
        if (unsupported.Count > 0)
        {
            throw Invalid(field, $"Language '{unsupported[0]}' is not supported by the configured speech engine.",
                new { field, unsupported_languages = unsupported, supported_languages = supported });
        }

        return normalized;
    }

    private static string? OptionalString(JsonObject body, string field) => body[field] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Trim(),
        _ => throw Invalid(field, $"{field} must be a string."),
    };

    private static ProtocolException Missing(string field) =>
        new("missing_required_field", 400, $"Missing required field '{field}'.", new { field });

    private static ProtocolException Invalid(string field, string message, object? details = null) =>
        ProtocolException.InvalidRequest(message, details ?? new { field });
}
