using System.Text.Json.Nodes;
using MedScribe.Abstractions.Sessions;

namespace MedScribe.Silo.Api.Msa;

/// <summary>Renders a session in the current spec's shapes (seed 003 / OpenAPI), with the first version's fields where they add, never where they conflict.</summary>
public static class SessionJson
{
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static JsonObject Created(SessionView s, string uploadUrl)
    {
        var body = new JsonObject
        {
            ["session_id"] = s.SessionId,
            ["status"] = s.Status.ToWire(),
            ["created_at"] = Time(s.CreatedAt),
            ["expires_at"] = Time(s.ExpiresAt),
            ["upload_url"] = uploadUrl,
        };
        AddPassThrough(body, s, always: false);
        return body;
    }

    /// <summary>The body and HTTP status of <c>GET /v1/sessions/{id}</c> for the session's state.</summary>
    public static (JsonObject Body, int Status) Status(SessionView s)
    {
        switch (s.Status)
        {
            case SessionStatus.Created or SessionStatus.Recording or SessionStatus.Processing:
            {
                var body = Common(s);
                body["expires_at"] = Time(s.ExpiresAt);
                AddPassThrough(body, s, always: true);
                body["transcript"] = s.Transcript ?? "";
                // Our extension: how much of the audio received so far has already been transcribed.
                body["transcribed_duration_ms"] = s.TranscribedMs;
                return (body, StatusCodes.Status202Accepted);
            }

            case SessionStatus.Expired:
            {
                var body = Common(s);
                body["expired_at"] = Time(s.ExpiredAt ?? s.ExpiresAt);
                body["message"] = "Session expired before processing was initiated";
                AddPassThrough(body, s, always: false);
                body["templates"] = new JsonObject();
                body["transcript"] = null;
                body["error"] = MsaErrors.Envelope("session_expired", $"Session '{s.SessionId}' has expired",
                    new JsonObject { ["session_id"] = s.SessionId, ["expired_at"] = Time(s.ExpiredAt ?? s.ExpiresAt) })["error"]!.DeepClone();
                return (body, StatusCodes.Status410Gone);
            }

            default:
            {
                var body = Common(s);
                body["model_used"] = s.Model;
                if (s.LanguageDetected is { } language)
                {
                    // Only what recognition really detected; a session that failed before that has none.
                    body["language_detected"] = language;
                }

                AddPassThrough(body, s, always: false);
                if (s.Status == SessionStatus.Failed)
                {
                    body["error"] = new JsonObject { ["code"] = s.ErrorCode, ["message"] = s.ErrorMessage };
                    return (body, StatusCodes.Status200OK);
                }

                body["completed_at"] = s.CompletedAt is { } done ? Time(done) : null;
                body["templates"] = s.TemplateResultsJson is null ? new JsonObject() : JsonNode.Parse(s.TemplateResultsJson);
                body["transcript"] = s.Transcript ?? "";
                if (s.Status == SessionStatus.Partial)
                {
                    body["audio_files_processed"] = s.AudioFilesProcessed;
                    body["processing_errors"] = new JsonArray(s.ProcessingErrors.Select(e => (JsonNode)new JsonObject
                    {
                        ["type"] = e.Type,
                        ["message"] = e.Message,
                        ["file"] = e.File,
                    }).ToArray());
                    return (body, StatusCodes.Status206PartialContent);
                }

                return (body, StatusCodes.Status200OK);
            }
        }
    }

    public static JsonObject Ended(SessionView s)
    {
        var body = new JsonObject
        {
            ["session_id"] = s.SessionId,
            ["status"] = s.Status.ToWire(),
            ["message"] = "Session ended. Processing started.",
            ["audio_files_received"] = s.AudioFiles.Count,
            ["audio_files"] = Files(s),
            ["audio_duration_ms"] = s.TotalDurationMs,
        };
        return body;
    }

    /// <summary>An upload's reply: the protocol's fields, plus the reference server's <c>success</c>, <c>filename</c> and <c>size_bytes</c>.</summary>
    public static JsonObject ChunkReceived(ChunkReceipt r, bool single, long sizeBytes) => single
        ? new JsonObject
        {
            ["session_id"] = r.SessionId,
            ["file_name"] = r.FileName,
            ["duration_ms"] = r.ChunkDurationMs,
            ["audio_files_received"] = r.AudioFilesReceived,
            ["status"] = "received",
            ["success"] = true,
            ["filename"] = r.FileName,
            ["size_bytes"] = sizeBytes,
        }
        : new JsonObject
        {
            ["session_id"] = r.SessionId,
            ["chunk_index"] = r.Index,
            ["file_name"] = r.FileName,
            ["chunk_duration_ms"] = r.ChunkDurationMs,
            ["total_duration_ms"] = r.TotalDurationMs,
            ["audio_files_received"] = r.AudioFilesReceived,
            ["status"] = "received",
            ["success"] = true,
            ["filename"] = r.FileName,
            ["size_bytes"] = sizeBytes,
        };

    private static JsonObject Common(SessionView s) => new()
    {
        ["session_id"] = s.SessionId,
        ["status"] = s.Status.ToWire(),
        ["created_at"] = Time(s.CreatedAt),
        ["audio_files_received"] = s.AudioFiles.Count,
        ["audio_files"] = Files(s),
        ["audio_duration_ms"] = s.TotalDurationMs,
    };

    private static JsonArray Files(SessionView s) => new(s.AudioFiles.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());

    /// <summary>additional_data unchanged; echoed as metadata as well when the client used the first version's name.</summary>
    private static void AddPassThrough(JsonObject body, SessionView s, bool always)
    {
        if (s.AdditionalDataJson is null && !always)
        {
            return;
        }

        body["additional_data"] = s.AdditionalDataJson is null ? new JsonObject() : JsonNode.Parse(s.AdditionalDataJson);
        if (s.AdditionalDataAsMetadata)
        {
            body["metadata"] = s.AdditionalDataJson is null ? new JsonObject() : JsonNode.Parse(s.AdditionalDataJson);
        }
    }
}
