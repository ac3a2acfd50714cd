using MedScribe.Abstractions.Storage;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Tenancy;
using MedScribe.Abstractions.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace MedScribe.Grains.Webhooks;

/// <summary>Persisted settings of one subscription. Its deliveries live in the outbox, not here.</summary>
[GenerateSerializer]
public sealed class WebhookState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string TenantId { get; set; } = "";
    [Id(2)] public string Url { get; set; } = "";
    [Id(3)] public List<string> Events { get; set; } = [];
    [Id(4)] public string Secret { get; set; } = "";
    [Id(5)] public bool FullPayload { get; set; }
    [Id(6)] public bool Active { get; set; }
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public string? DisabledReason { get; set; }
}

/// <summary>
/// One subscriber endpoint with a durable outbox. A delivery is written to the outbox before its first
/// attempt; attempts run off the grain's turn, at most <see cref="WebhookSettings.MaxConcurrentAttempts"/>
/// at once, and report back as grain calls. A timer wakes the grain for the next due attempt; a reminder is
/// the durable backstop that brings pending deliveries back on another silo after a crash.
/// </summary>
public sealed class WebhookGrain(
    [PersistentState("webhook", GrainStorageNames.Tables)] IPersistentState<WebhookState> state,
    IWebhookOutbox outbox,
    WebhookSender sender,
    IOptions<WebhookSettings> settings,
    TimeProvider clock,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IRemindable
{
    private const string OutboxReminder = "outbox";
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private readonly Dictionary<string, WebhookDelivery> _pending = [];
    private readonly HashSet<string> _inFlight = [];
    private IGrainTimer? _wake;
    private DateTimeOffset _wakeAt = DateTimeOffset.MaxValue;
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    private WebhookState S => state.State;
    private string WebhookId => this.GetPrimaryKeyString();

    /// <summary>Stable per subscription and event, so an event published twice is one delivery.</summary>
    public static string DeliveryId(string webhookId, string eventId) =>
        "dlv_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(webhookId + "\n" + eventId)))[..24];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Exists && S.Active)
        {
            await LoadPendingAsync(cancellationToken);
            Pump();
        }
    }

    public async Task<WebhookView> CreateAsync(string tenantId, WebhookSpec spec)
    {
        if (S.Exists)
        {
            throw new InvalidOperationException($"Webhook '{WebhookId}' already exists.");
        }

        state.State = new WebhookState
        {
            Exists = true,
            TenantId = tenantId,
            Url = spec.Url,
            Events = spec.Events.ToList(),
            Secret = spec.Secret,
            FullPayload = spec.FullPayload,
            Active = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var view = View();
        var tenant = GrainFactory.GetGrain<ITenantGrain>(tenantId);
        await tenant.AddWebhookAsync(view, settings.Value.MaxPerTenant);
        try
        {
            await state.WriteStateAsync();
            await this.RegisterOrUpdateReminder(OutboxReminder, settings.Value.OutboxCheckPeriod, settings.Value.OutboxCheckPeriod);
        }
        catch
        {
            await tenant.RemoveWebhookAsync(WebhookId);
            state.State = new WebhookState();
            throw;
        }

        return view;
    }

    public async Task DeleteAsync(string tenantId)
    {
        EnsureVisibleTo(tenantId);
        await GrainFactory.GetGrain<ITenantGrain>(S.TenantId).RemoveWebhookAsync(WebhookId);
        _pending.Clear();
        DisarmTimer();
        await outbox.DeleteAllAsync(WebhookId);
        await state.ClearStateAsync();
        state.State = new WebhookState();
        await this.UnregisterReminderIfExistsAsync(OutboxReminder);
        DeactivateOnIdle();
    }

    public async Task<string?> EnqueueAsync(WebhookEvent evt)
    {
        if (!S.Exists || !S.Active || evt.Name != WebhookEvents.Test && !S.Events.Contains(evt.Name))
        {
            return null;
        }

        var id = DeliveryId(WebhookId, evt.EventId);
        if (_pending.ContainsKey(id) || _inFlight.Contains(id))
        {
            return id;
        }

        var now = clock.GetUtcNow();
        var delivery = new WebhookDelivery(id, WebhookId, evt.EventId, evt.Name, evt.SessionId, now, Body(evt), WebhookDeliveryStatus.Pending, [], now);
        // Persisted before the first attempt. A delivery that exists already was published before a crash:
        // it is either loaded as pending at activation or finished, and either way not created twice.
        if (await outbox.AddAsync(delivery))
        {
            _pending[id] = delivery;
            Pump();
        }

        return id;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> GetDeliveriesAsync(string tenantId, int limit)
    {
        EnsureVisibleTo(tenantId);
        var deliveries = await outbox.ListAsync(WebhookId, pendingOnly: false);
        return deliveries.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.DeliveryId, StringComparer.Ordinal).Take(limit).ToList();
    }

    public async Task<WebhookDelivery> RetryAsync(string tenantId, string deliveryId)
    {
        EnsureVisibleTo(tenantId);
        EnsureActive();
        var delivery = _pending.GetValueOrDefault(deliveryId)
            ?? await outbox.GetAsync(WebhookId, deliveryId)
            ?? throw new ProtocolException("delivery_not_found", 404, $"Webhook '{WebhookId}' has no delivery '{deliveryId}'.",
                new { webhook_id = WebhookId, delivery_id = deliveryId });
        if (_inFlight.Contains(deliveryId))
        {
            return delivery;
        }

        delivery = delivery with { Status = WebhookDeliveryStatus.Pending, NextAttemptAt = clock.GetUtcNow() };
        await outbox.UpdateAsync(delivery);
        _pending[deliveryId] = delivery;
        Pump();
        return delivery;
    }

    public async Task<string> SendTestAsync(string tenantId)
    {
        EnsureVisibleTo(tenantId);
        EnsureActive();
        var evt = new WebhookEvent("test_" + Guid.NewGuid().ToString("N"), WebhookEvents.Test, null, clock.GetUtcNow());
        return (await EnqueueAsync(evt))!;
    }

    public async Task AttemptEndedAsync(WebhookDelivery delivery, bool gone)
    {
        _inFlight.Remove(delivery.DeliveryId);
        if (!S.Exists)
        {
            return;
        }

        if (delivery.Status == WebhookDeliveryStatus.Pending && S.Active)
        {
            _pending[delivery.DeliveryId] = delivery;
        }
        else
        {
            _pending.Remove(delivery.DeliveryId);
        }

        if (gone && S.Active)
        {
            await DisableAsync($"The endpoint answered 410 Gone at {delivery.Attempts[^1].At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}.");
        }

        Pump();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!S.Exists)
        {
            await this.UnregisterReminderIfExistsAsync(reminderName);
            return;
        }

        if (S.Active)
        {
            // Picks up anything a failed write or a lost activation left behind; cheap when nothing is pending.
            await LoadPendingAsync(CancellationToken.None);
            Pump();
        }

        var now = clock.GetUtcNow();
        if (now - _prunedAt > PruneEvery)
        {
            _prunedAt = now;
            var pruned = await outbox.PruneAsync(WebhookId, now - settings.Value.Retention);
            if (pruned > 0)
            {
                logger.LogInformation("Webhook {WebhookId}: {Count} deliveries older than {Retention} removed from the log", WebhookId, pruned, settings.Value.Retention);
            }
        }
    }

    private WebhookView View() => new(WebhookId, S.TenantId, S.Url, S.Events, S.FullPayload, S.Active, S.CreatedAt, S.DisabledReason);

    private async Task LoadPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var delivery in await outbox.ListAsync(WebhookId, pendingOnly: true, cancellationToken))
        {
            if (!_inFlight.Contains(delivery.DeliveryId))
            {
                _pending[delivery.DeliveryId] = delivery;
            }
        }
    }

    private async Task DisableAsync(string reason)
    {
        S.Active = false;
        S.DisabledReason = reason;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantGrain>(S.TenantId).UpdateWebhookAsync(View());
        logger.LogWarning("Webhook {WebhookId} of tenant {TenantId} disabled: {Reason}", WebhookId, S.TenantId, reason);
        foreach (var delivery in _pending.Values.ToList())
        {
            await outbox.UpdateAsync(delivery with { Status = WebhookDeliveryStatus.Failed, NextAttemptAt = null });
        }

        _pending.Clear();
        DisarmTimer();
    }

    /// <summary>Starts every due attempt there is room for and sets the timer for the next one.</summary>
    private void Pump()
    {
        if (!S.Exists || !S.Active)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var waiting = _pending.Values.Where(d => !_inFlight.Contains(d.DeliveryId)).OrderBy(d => d.NextAttemptAt ?? DateTimeOffset.MaxValue).ToList();
        var room = settings.Value.MaxConcurrentAttempts - _inFlight.Count;
        foreach (var delivery in waiting.Where(d => d.NextAttemptAt <= now).Take(Math.Max(room, 0)))
        {
            _inFlight.Add(delivery.DeliveryId);
            Launch(delivery);
        }

        var next = waiting.Where(d => !_inFlight.Contains(d.DeliveryId)).Select(d => d.NextAttemptAt).FirstOrDefault(t => t is not null);
        // With every slot busy the next attempt starts when one reports back, not on the timer.
        if (next is { } due && _inFlight.Count < settings.Value.MaxConcurrentAttempts)
        {
            Arm(due, now);
        }
        else
        {
            DisarmTimer();
        }
    }

    private void Launch(WebhookDelivery delivery)
    {
        var target = new WebhookTarget(WebhookId, S.TenantId, S.Url, S.Secret, S.FullPayload);
        var self = this.AsReference<IWebhookGrain>();
        _ = Task.Run(async () =>
        {
            var (updated, gone) = await sender.AttemptAsync(target, delivery);
            try
            {
                await self.AttemptEndedAsync(updated, gone);
            }
            catch (Exception e)
            {
                // The outcome is already in the outbox; the next activation or reminder tick carries on from there.
                logger.LogWarning(e, "Webhook {WebhookId}: could not report delivery {DeliveryId}", target.WebhookId, delivery.DeliveryId);
            }
        });
    }

    private void Arm(DateTimeOffset due, DateTimeOffset now)
    {
        if (_wake is not null && _wakeAt <= due)
        {
            return;
        }

        DisarmTimer();
        _wakeAt = due;
        var wait = due > now ? due - now : TimeSpan.Zero;
        _wake = this.RegisterGrainTimer(WakeAsync, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = true });
    }

    private Task WakeAsync(CancellationToken cancellationToken)
    {
        DisarmTimer();
        Pump();
        return Task.CompletedTask;
    }

    private void DisarmTimer()
    {
        _wake?.Dispose();
        _wake = null;
        _wakeAt = DateTimeOffset.MaxValue;
    }

    private string Body(WebhookEvent evt)
    {
        var body = new JsonObject
        {
            ["event"] = evt.Name,
            ["timestamp"] = evt.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        if (evt.SessionId is { } sessionId)
        {
            body["session_id"] = sessionId;
        }
        else
        {
            body["webhook_id"] = WebhookId;
        }

        // Only the envelope is stored; a full payload's data is read from the session at each attempt.
        return body.ToJsonString();
    }

    private void EnsureVisibleTo(string tenantId)
    {
        if (!S.Exists || S.TenantId != tenantId)
        {
            throw WebhookNotFound(WebhookId);
        }
    }

    private void EnsureActive()
    {
        if (!S.Active)
        {
            throw new ProtocolException("webhook_disabled", 409, $"Webhook '{WebhookId}' is disabled: {S.DisabledReason} Register it again to resume deliveries.",
                new { webhook_id = WebhookId, reason = S.DisabledReason });
        }
    }

    public static ProtocolException WebhookNotFound(string webhookId) =>
        new("webhook_not_found", 404, $"Webhook '{webhookId}' was not found", new { webhook_id = webhookId });
}
