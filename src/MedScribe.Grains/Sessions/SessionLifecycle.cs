using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Audio;

namespace MedScribe.Grains.Sessions;

/// <summary>
/// Owns every allowed transition of a session: created → recording → processing → completed /
/// partial / failed, and created/recording → expired at <c>expires_at</c>. Pure: no I/O, time is passed in.
/// </summary>
public static class SessionLifecycle
{
    public static void Create(SessionState state, string sessionId, SessionSpec spec, DateTimeOffset now)
    {
        if (state.Exists)
        {
            throw new ProtocolException("invalid_request", 409, $"Session '{sessionId}' already exists.", new { session_id = sessionId });
        }

        state.SessionId = sessionId;
        state.TenantId = spec.TenantId;
        state.Spec = spec;
        state.Status = SessionStatus.Created;
        state.CreatedAt = now;
        state.ExpiresAt = now + spec.MaxDuration;
    }

    /// <summary>Another tenant's session, or none at all, is session_not_found: ids never leak across tenants.</summary>
    public static void EnsureVisibleTo(SessionState state, string sessionId, string tenantId)
    {
        if (!state.Exists || !string.Equals(state.TenantId, tenantId, StringComparison.Ordinal))
        {
            throw ProtocolException.SessionNotFound(sessionId);
        }
    }

    /// <summary>Moves an un-ended session past its <c>expires_at</c> to expired; returns true when it changed.</summary>
    public static bool ExpireIfDue(SessionState state, DateTimeOffset now)
    {
        if (state.Status is not (SessionStatus.Created or SessionStatus.Recording) || now < state.ExpiresAt)
        {
            return false;
        }

        state.Status = SessionStatus.Expired;
        state.ExpiredAt = state.ExpiresAt;
        return true;
    }

    public static void EnsureAcceptsAudio(SessionState state, int index, string fileName, string contentType, bool single, SessionLimits limits)
    {
        EnsureNotExpired(state);
        if (state.Status is not (SessionStatus.Created or SessionStatus.Recording))
        {
            // The reference server's code for an upload after /end.
            throw new ProtocolException("session_ended", 400, "Cannot upload audio to ended session",
                new { session_id = state.SessionId, status = state.Status.ToWire() });
        }

        var spec = state.Spec!;
        if (single && state.Chunks.Count > 0 && state.Chunks.All(c => c.Index == index))
        {
            throw new ProtocolException("audio_already_received", 409,
                "This session already has its complete recording; a second X-Upload-Type: complete upload does not replace it.",
                new { session_id = state.SessionId, file_name = state.Chunks[0].FileName });
        }

        if (single && state.Chunks.Any(c => c.Index != index))
        {
            throw ProtocolException.InvalidRequest("A single-file upload must be the session's only audio file.",
                new { session_id = state.SessionId, audio_files_received = state.Chunks.Count });
        }

        if (!single && spec.UploadType == "single" && state.Chunks.Count > 0 && state.Chunks.All(c => c.Index != index))
        {
            throw ProtocolException.InvalidRequest("This session was created with upload_type 'single' and already has its file.",
                new { upload_type = spec.UploadType });
        }

        var other = state.Chunks.FirstOrDefault(c => c.Index != index);
        if (other is not null && !AudioFormats.SameFormat(other.ContentType, contentType))
        {
            throw new ProtocolException("invalid_audio_format", 400,
                $"All audio files of a session must use one format; this session uses {other.ContentType}.",
                new { provided_format = contentType, session_format = other.ContentType, file_name = fileName });
        }

        var most = spec.UploadType == "stream" ? limits.MaxStreamChunks : limits.MaxChunks;
        if (state.Chunks.All(c => c.Index != index) && state.Chunks.Count >= most)
        {
            throw ProtocolException.InvalidRequest($"A session accepts at most {most} audio files.",
                new { max_audio_files = most, chunk_index = index });
        }
    }

    /// <summary>Records an upload; returns the chunk it replaced (same index), if any.</summary>
    public static ChunkUpload? AddChunk(SessionState state, ChunkUpload chunk, SessionLimits limits)
    {
        var replaced = state.Chunks.FirstOrDefault(c => c.Index == chunk.Index);
        var total = state.Chunks.Where(c => c.Index != chunk.Index).Sum(c => c.Length) + chunk.Length;
        if (total > limits.MaxSessionBytes)
        {
            throw new ProtocolException("invalid_request", 413,
                $"The session's audio would exceed {limits.MaxSessionBytes} bytes in all.",
                new { max_session_bytes = limits.MaxSessionBytes, chunk_index = chunk.Index });
        }

        if (replaced is not null)
        {
            state.Chunks.Remove(replaced);
        }

        state.Chunks.Add(chunk);
        state.Status = SessionStatus.Recording;
        return replaced;
    }

    public static void End(SessionState state, int? audioFilesSent, DateTimeOffset now)
    {
        EnsureCanEnd(state);
        state.Status = SessionStatus.Processing;
        state.EndedAt = now;
        state.AudioFilesSent = audioFilesSent;
    }

    /// <summary>Refuses an end for a session that has expired or already ended.</summary>
    public static void EnsureCanEnd(SessionState state)
    {
        EnsureNotExpired(state);
        if (state.Status is not (SessionStatus.Created or SessionStatus.Recording))
        {
            throw ProtocolException.InvalidRequest($"Session '{state.SessionId}' has already ended.",
                new { session_id = state.SessionId, status = state.Status.ToWire() });
        }
    }

    /// <summary>Applies the processing outcome; only a processing session accepts one (later duplicates are ignored).</summary>
    public static bool Finish(SessionState state, PipelineOutcome outcome, DateTimeOffset now)
    {
        if (state.Status != SessionStatus.Processing)
        {
            return false;
        }

        // The transcript is kept once: as its timed lines when there are any (the text is those lines joined).
        state.Outcome = outcome.Segments is { Count: > 0 } ? outcome with { Transcript = null } : outcome;
        state.ProbeCarry = null;

        if (outcome.ErrorCode is null && MissingAudio(state) is { Count: > 0 } missing)
        {
            state.Outcome = state.Outcome with { ProcessingErrors = [.. state.Outcome.ProcessingErrors, .. missing] };
        }

        state.CompletedAt = now;
        state.Status = state.Outcome.ErrorCode is not null ? SessionStatus.Failed
            : state.Outcome.ProcessingErrors.Count > 0 || state.Outcome.AnyTemplateFailed ? SessionStatus.Partial
                : SessionStatus.Completed;
        return true;
    }

    /// <summary>
    /// Spec decision 3: every index missing at <c>/end</c>, below the highest received or below the client's
    /// <c>audio_files_sent</c>, is one <c>processing_errors</c> entry naming it (the note is made from what arrived).
    /// </summary>
    public static IReadOnlyList<ProcessingError> MissingAudio(SessionState state)
    {
        if (state.Spec?.UploadType == "single" || state.Chunks.Count == 0)
        {
            return [];
        }

        var received = state.Chunks.Select(c => c.Index).ToHashSet();
        var highest = received.Max();
        var expected = Math.Max(highest + 1, state.AudioFilesSent ?? 0);
        return Enumerable.Range(0, expected).Where(i => !received.Contains(i))
            .Select(i => new ProcessingError("missing_audio",
                state.AudioFilesSent > state.Chunks.Count
                    ? $"Audio file {i} never arrived: /end said {state.AudioFilesSent} files were sent, {state.Chunks.Count} arrived."
                    : $"Audio file {i} never arrived: indexes up to {highest} were received, {i} was not.",
                null))
            .ToList();
    }

    private static void EnsureNotExpired(SessionState state)
    {
        if (state.Status == SessionStatus.Expired)
        {
            throw ProtocolException.SessionExpired(state.SessionId, state.ExpiredAt ?? state.ExpiresAt);
        }
    }
}
