using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Abstractions.Tenancy;
using MedScribe.Abstractions.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace MedScribe.Grains.Sessions;

/// <summary>One consult: chunk manifest, lifecycle, results. Every transition is persisted before it is acknowledged.</summary>
public sealed class SessionGrain(
    [PersistentState("session", GrainStorageNames.Blobs)] IPersistentState<SessionState> state,
    ISessionPipeline pipeline,
    IAudioStore audio,
    IOptions<SessionLimits> limits,
    TimeProvider clock,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";
    private const string WatchdogReminder = "processing-watchdog";
    private const string PublishReminder = "publish-events";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How long an acknowledged chunk may wait in memory before the manifest is saved.</summary>
    private static readonly TimeSpan ManifestFlushDelay = TimeSpan.FromSeconds(2);

    /// <summary>Stream tokens issued by this activation (single-use, short-lived: not worth persisting).</summary>
    private readonly Dictionary<string, (string Tenant, DateTimeOffset Expires)> _streamTokens = [];

    private Task? _processing;
    private bool _unsaved;
    private IGrainTimer? _flush;

    private SessionState State => state.State;
    private string SessionId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Chunks are acknowledged once their blob is written and the manifest is saved behind them;
        // after a crash the stored blobs are the truth for a session that is still open.
        if (State.Exists && State.Status is SessionStatus.Created or SessionStatus.Recording)
        {
            var stored = await audio.ListAsync(SessionBlobs.Prefix(State.TenantId, SessionId), cancellationToken);
            var (changed, superseded) = await SessionBlobs.ReconcileAsync(State.Chunks, stored, audio, cancellationToken);
            if (changed)
            {
                State.Status = State.Chunks.Count > 0 ? SessionStatus.Recording : SessionStatus.Created;
                await SaveAsync();
                logger.LogInformation("Session {SessionId}: manifest rebuilt from stored audio ({Count} files)", SessionId, State.Chunks.Count);
            }

            foreach (var name in superseded)
            {
                await audio.DeleteAsync(name, cancellationToken);
            }
        }

        // Events saved by an activation that died before handing them over.
        await PublishAsync();

        // A session in processing whose silo died goes on here at once, not at the watchdog's next tick.
        if (State.Exists && State.Status == SessionStatus.Processing)
        {
            logger.LogInformation("Session {SessionId}: processing resumed on activation", SessionId);
            StartProcessing();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsaved)
        {
            await SaveAsync();
        }
    }

    public async Task<SessionView> CreateAsync(SessionSpec spec)
    {
        SessionLifecycle.Create(State, SessionId, spec, clock.GetUtcNow());
        Raise(WebhookEvents.Started);
        await SaveAsync();
        await PublishAsync();
        var dueIn = State.ExpiresAt - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(ExpiryReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, ReminderPeriod);
        return State.ToView();
    }

    public async Task<SessionView> GetAsync(string tenantId)
    {
        SessionLifecycle.EnsureVisibleTo(State, SessionId, tenantId);
        await ExpireIfDueAsync();
        return State.ToView();
    }

    public async Task<IReadOnlyList<TranscriptSegment>> GetTranscriptLinesAsync(string tenantId)
    {
        SessionLifecycle.EnsureVisibleTo(State, SessionId, tenantId);
        await ExpireIfDueAsync();
        return State.Outcome?.Segments ?? [];
    }

    public async Task<UploadTicket> PrepareUploadAsync(string tenantId, int? index, string fileName, string contentType, bool single, bool appendWhenUnnumbered = false,
        int? streamGeneration = null)
    {
        SessionLifecycle.EnsureVisibleTo(State, SessionId, tenantId);
        await ExpireIfDueAsync();
        EnsureCurrentStream(streamGeneration);
        if (index is null && appendWhenUnnumbered && !single && State.Spec!.UploadType != "single")
        {
            // The reference client's route names each file: it is the next chunk, after every one held.
            index = State.Chunks.Count == 0 ? 0 : State.Chunks.Max(c => c.Index) + 1;
        }

        single |= State.Spec!.UploadType == "single" && index is null;
        if (index is null && !single)
        {
            throw ProtocolException.InvalidRequest(
                $"Cannot tell the chunk index of '{fileName}': name chunks {{base}}_{{N}}.{{ext}} (N zero-based, not zero-padded) or send X-Chunk-Index.",
                new { field = "file_name", file_name = fileName });
        }

        var chunkIndex = index ?? 0;
        SessionLifecycle.EnsureAcceptsAudio(State, chunkIndex, fileName, contentType, single, limits.Value);
        // A fresh name per upload: a re-sent index never overwrites audio the manifest still points at.
        return new UploadTicket(chunkIndex, single, SessionBlobs.Name(State.TenantId, SessionId, chunkIndex, fileName),
            State.ProbeCarryIndex == chunkIndex - 1 ? State.ProbeCarry : null);
    }

    public async Task<ChunkReceipt> AddChunkAsync(string tenantId, ChunkUpload chunk, byte[]? probeCarry = null, int? streamGeneration = null)
    {
        SessionLifecycle.EnsureVisibleTo(State, SessionId, tenantId);
        try
        {
            await ExpireIfDueAsync();
            EnsureCurrentStream(streamGeneration);
            SessionLifecycle.EnsureAcceptsAudio(State, chunk.Index, chunk.FileName, chunk.ContentType, State.Spec!.UploadType == "single", limits.Value);
        }
        catch
        {
            // The session changed while the audio streamed in (ended or expired): nothing refers to the blob.
            await audio.DeleteAsync(chunk.BlobName);
            throw;
        }

        var replaced = SessionLifecycle.AddChunk(State, chunk, limits.Value);
        // The blob already makes this chunk durable (see OnActivateAsync), so the manifest is saved
        // behind the acknowledgement instead of costing a storage write per chunk.
        _unsaved = true;
        _flush ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(ManifestFlushDelay, Timeout.InfiniteTimeSpan));
        if (replaced is not null && replaced.BlobName != chunk.BlobName)
        {
            await audio.DeleteAsync(replaced.BlobName);
        }

        if (chunk.Index >= State.ProbeCarryIndex)
        {
            (State.ProbeCarry, State.ProbeCarryIndex) = (probeCarry, probeCarry is null ? -1 : chunk.Index);
        }

        // Transcription starts now, on the transcription's own grain; this turn does not wait for it.
        await pipeline.AudioArrivedAsync(SessionId, chunk, TranscriptionOptions());
        return new ChunkReceipt(SessionId, chunk.Index, chunk.FileName, chunk.DurationMs,
            State.Chunks.Sum(c => c.DurationMs ?? 0), State.Chunks.Count, replaced is not null);
    }

    public async Task<StreamToken> IssueStreamTokenAsync(string tenantId, TimeSpan lifetime)
    {
        SessionLifecycle.EnsureVisibleTo(State, SessionId, tenantId);
        EnsureStreaming();
        var now = clock.GetUtcNow();
        foreach (var stale in _streamTokens.Where(t => t.Value.Expires <= now).Select(t => t.Key).ToList())
        {
            _streamTokens.Remove(stale);
        }

        var token = "st_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        _streamTokens[token] = (tenantId, now + lifetime);
        DelayDeactivation(lifetime);
        return new StreamToken(token, now + lifetime);
    }

    public Task<string> RedeemStreamTokenAsync(string token)
    {
        if (!State.Exists || !_streamTokens.Remove(token, out var issued) || issued.Expires <= clock.GetUtcNow())
        {
            throw new ProtocolException("authentication_failed", 401, "The stream token is unknown, used or expired: ask for a new one.");
        }

        return Task.FromResult(issued.Tenant);
    }

    public async Task<StreamPosition> OpenStreamAsync(string tenantId, string format)
    {
        SessionLifecycle.EnsureVisibleTo(State, SessionId, tenantId);
        await ExpireIfDueAsync();
        EnsureStreaming();
        SessionLifecycle.EnsureCanEnd(State);
        if (format.Length == 0)
        {
            format = State.StreamFormat ?? throw ProtocolException.InvalidRequest("This stream never started: send start with its format.", new { field = "format" });
        }

        if (State.StreamFormat is { } started && started != format)
        {
            throw ProtocolException.InvalidRequest($"This session's stream is {started}; a resumed stream must keep its format.",
                new { field = "format", session_format = started, provided_format = format });
        }

        // A new socket supersedes any earlier one still draining: the client resumes from what is held now.
        State.StreamFormat = format;
        State.StreamGeneration++;
        await SaveAsync();

        // PCM streams are stored as WAV files, each with its 44-byte header.
        var header = format.StartsWith("audio/pcm", StringComparison.Ordinal) ? 44 : 0;
        return new StreamPosition(State.Chunks.Count == 0 ? 0 : State.Chunks.Max(c => c.Index) + 1, State.Chunks.Sum(c => c.Length - header), format,
            State.StreamGeneration);
    }

    private void EnsureCurrentStream(int? generation)
    {
        if (generation is { } g && g != State.StreamGeneration)
        {
            throw new ProtocolException("stream_superseded", 409, "A newer connection has taken over this live session's stream.",
                new { session_id = SessionId });
        }
    }

    private void EnsureStreaming()
    {
        if (State.Spec!.UploadType != "stream")
        {
            throw ProtocolException.InvalidRequest($"This session was created with upload_type '{State.Spec.UploadType}'; only a 'stream' session has a stream.",
                new { field = "upload_type", upload_type = State.Spec.UploadType });
        }
    }

    public async Task<SessionView> EndAsync(string tenantId, int? audioFilesSent)
    {
        SessionLifecycle.EnsureVisibleTo(State, SessionId, tenantId);
        await ExpireIfDueAsync();
        SessionLifecycle.EnsureCanEnd(State);
        // The watchdog resumes processing on whichever silo holds the session after a crash. It is registered
        // before the processing state is saved: a silo that dies in between leaves a saved session in
        // processing with its watchdog, never without one (a watchdog that finds the session still open
        // removes itself).
        await this.RegisterOrUpdateReminder(WatchdogReminder, limits.Value.WatchdogPeriod, limits.Value.WatchdogPeriod);
        SessionLifecycle.End(State, audioFilesSent, clock.GetUtcNow());
        Raise(WebhookEvents.Ended);
        await SaveAsync();
        await PublishAsync();
        await this.UnregisterReminderIfExistsAsync(ExpiryReminder);
        StartProcessing();
        return State.ToView();
    }

    public Task TranscribedAsync(long transcribedMs)
    {
        // Kept in memory and saved with the next save: a lost update only shows an older figure for a while.
        State.TranscribedMs = Math.Max(State.TranscribedMs, transcribedMs);
        return Task.CompletedTask;
    }

    /// <summary>Records the pipeline's outcome and finishes the session (in this activation's context, after processing).</summary>
    private async Task CompleteProcessingAsync(PipelineOutcome outcome)
    {
        if (SessionLifecycle.Finish(State, outcome, clock.GetUtcNow()))
        {
            Raise(State.Status switch
            {
                SessionStatus.Completed => WebhookEvents.Completed,
                SessionStatus.Partial => WebhookEvents.Partial,
                _ => WebhookEvents.Failed,
            });
            await SaveAsync();
            logger.LogInformation("Session {SessionId} finished {Status}", SessionId, State.Status.ToWire());
            await PublishAsync();
        }

        await this.UnregisterReminderIfExistsAsync(WatchdogReminder);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var published = await PublishAsync();
        switch (reminderName)
        {
            case PublishReminder when published:
                await this.UnregisterReminderIfExistsAsync(PublishReminder);
                break;
            case ExpiryReminder:
                await ExpireIfDueAsync();
                if (State.Status != SessionStatus.Created && State.Status != SessionStatus.Recording)
                {
                    await this.UnregisterReminderIfExistsAsync(ExpiryReminder);
                }

                break;
            case WatchdogReminder when State.Status == SessionStatus.Processing:
                StartProcessing();
                break;
            case WatchdogReminder:
                await this.UnregisterReminderIfExistsAsync(WatchdogReminder);
                break;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        _flush?.Dispose();
        _flush = null;
        if (_unsaved)
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        _unsaved = false;
        await state.WriteStateAsync();
    }

    private async Task ExpireIfDueAsync()
    {
        if (SessionLifecycle.ExpireIfDue(State, clock.GetUtcNow()))
        {
            Raise(WebhookEvents.Expired);
            await SaveAsync();
            await pipeline.DiscardAsync(SessionId);
            logger.LogInformation("Session {SessionId} expired", SessionId);
            await PublishAsync();
        }
    }

    /// <summary>The most one of this session's files may decode to (see <see cref="SessionLimits.DecodeCapMs"/>).</summary>
    private TranscriptionOptions TranscriptionOptions() => new(DecodeCapMs(), State.Spec!.LanguageHints);

    private long DecodeCapMs() => SessionLimits.DecodeCapMs(State.Spec!.UploadType == "single" ? State.Spec.MaxDuration : limits.Value.MaxChunkDuration);

    private void Raise(string eventName) => State.PendingEvents.Add(new PendingSessionEvent(eventName, clock.GetUtcNow()));

    /// <summary>
    /// Hands saved events to the tenant's subscribers, whose outboxes persist them. Each event has a stable id,
    /// so handing one over twice (after a crash, or a retry after a partial failure) still makes one delivery.
    /// On failure a reminder retries; the caller's transition is not undone.
    /// </summary>
    private async Task<bool> PublishAsync()
    {
        if (State.PendingEvents.Count == 0)
        {
            return true;
        }

        try
        {
            var subscriptions = await GrainFactory.GetGrain<ITenantGrain>(State.TenantId).GetWebhooksAsync();
            foreach (var pending in State.PendingEvents.ToList())
            {
                // The event names the session; a full payload is read from it when the delivery is sent.
                var evt = new WebhookEvent($"{SessionId}/{pending.Name}", pending.Name, SessionId, pending.At);
                await Task.WhenAll(subscriptions
                    .Where(w => w.Active && w.Events.Contains(pending.Name))
                    .Select(w => GrainFactory.GetGrain<IWebhookGrain>(w.WebhookId).EnqueueAsync(evt)));
                State.PendingEvents.Remove(pending);
            }

            // Saved behind, like the manifest: publishing again after a crash is harmless.
            _unsaved = true;
            _flush ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(ManifestFlushDelay, Timeout.InfiniteTimeSpan));
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Session {SessionId}: {Count} webhook events not handed over yet; a reminder retries", SessionId, State.PendingEvents.Count);
            await this.RegisterOrUpdateReminder(PublishReminder, ReminderPeriod, ReminderPeriod);
            return false;
        }
    }

    private void StartProcessing()
    {
        if (State.Status != SessionStatus.Processing || _processing is { IsCompleted: false })
        {
            return;
        }

        var view = State.ToView();
        var chunks = State.Chunks.OrderBy(c => c.Index).ToList();
        var timeout = limits.Value.ProcessingTimeout;
        var options = TranscriptionOptions();
        // The pipeline runs off the grain's turns, so polling and uploads are answered meanwhile; its outcome
        // is applied back in this activation's context when it is done.
        _processing = ProcessAsync();
        DelayDeactivation(timeout);

        async Task ProcessAsync()
        {
            var outcome = await Task.Run(() => RunPipelineAsync(view, chunks, options, timeout));
            await CompleteProcessingAsync(outcome);
        }
    }

    private async Task<PipelineOutcome> RunPipelineAsync(SessionView view, IReadOnlyList<ChunkUpload> chunks, TranscriptionOptions options, TimeSpan timeout)
    {
        if (chunks.Count == 0)
        {
            return PipelineOutcome.Failed("audio_too_short", "The session was ended without any audio.");
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await pipeline.RunAsync(view, chunks, options, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return PipelineOutcome.Failed("timeout", $"Processing did not finish within {timeout}.");
        }
        catch (Exception e)
        {
            // The session must end in a state the client can see; the cause goes to the log, not the response.
            logger.LogError(e, "Processing session {SessionId} failed", view.SessionId);
            return PipelineOutcome.Failed("internal_error", "Processing failed unexpectedly; see the service logs for this session id.");
        }
    }
}
