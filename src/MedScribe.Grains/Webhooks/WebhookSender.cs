using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MedScribe.Abstractions.Webhooks;
using MedScribe.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedScribe.Grains.Webhooks;

/// <summary>Where and how one subscription is reached, and whether it wants the session with each event.</summary>
public sealed record WebhookTarget(string WebhookId, string TenantId, string Url, string Secret, bool FullPayload);

/// <summary>
/// Makes one attempt of a delivery: adds the session's data for a full-payload subscription (read now, so no
/// event or outbox row carries a session), signs it afresh, POSTs it (no redirects, through the SSRF guard,
/// bounded by the attempt timeout), records the attempt in the outbox and decides the next one.
/// Never throws: whatever happens becomes the attempt's outcome.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly IWebhookOutbox _outbox;
    private readonly IWebhookPayloads _payloads;
    private readonly WebhookSettings _settings;
    private readonly IReadOnlyList<TimeSpan> _schedule;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookSender> _logger;

    public WebhookSender(IWebhookOutbox outbox, IWebhookPayloads payloads, IOptions<WebhookSettings> settings, TimeProvider clock, ILogger<WebhookSender> logger)
    {
        _outbox = outbox;
        _payloads = payloads;
        _settings = settings.Value;
        _schedule = _settings.Schedule;
        _clock = clock;
        _logger = logger;
        var guard = new WebhookTargetGuard(_settings.AllowPrivateTargets);
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = guard.ConnectAsync,
            ConnectTimeout = _settings.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 64,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("MedScribe.Orleans-Webhooks/1.0");
    }

    /// <summary>Attempts <paramref name="delivery"/> once; returns it with the attempt recorded, and whether the target answered 410 Gone.</summary>
    public async Task<(WebhookDelivery Delivery, bool Gone)> AttemptAsync(WebhookTarget target, WebhookDelivery delivery)
    {
        var started = _clock.GetUtcNow();
        int? status = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(_settings.AttemptTimeout);
        try
        {
            var body = Encoding.UTF8.GetBytes(await BodyAsync(target, delivery, timeout.Token));
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            // Signed at send time: every attempt carries a fresh timestamp, within the receiver's tolerance.
            request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(target.Secret, started, body));
            request.Headers.Add(WebhookHeaders.DeliveryId, delivery.DeliveryId);
            request.Headers.Add(WebhookHeaders.Event, delivery.Event);
            request.Headers.Add(WebhookHeaders.StandardId, delivery.DeliveryId);
            request.Headers.Add(WebhookHeaders.StandardTimestamp, started.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookHeaders.StandardSignature, WebhookSignature.StandardSignature(target.Secret, delivery.DeliveryId, started, body));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            retryAfter = WebhookRetryPolicy.RetryAfter(response.Headers.RetryAfter, _clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            error = $"No answer within {_settings.AttemptTimeout.TotalSeconds:0.#} s.";
        }
        catch (SessionPayloadException e)
        {
            error = e.Message;
        }
        catch (Exception e) when (Refusal(e) is { } refused)
        {
            error = refused.Message;
        }
        catch (HttpRequestException e)
        {
            error = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Webhook {WebhookId} delivery {DeliveryId} failed unexpectedly", target.WebhookId, delivery.DeliveryId);
            error = e.Message;
        }

        var attempt = new WebhookAttempt(started, status, error, watch.ElapsedMilliseconds);
        var succeeded = status is >= 200 and < 300;
        var gone = status == 410;
        var attempts = delivery.Attempts.Append(attempt).ToList();
        var delay = succeeded || gone
            ? null
            : WebhookRetryPolicy.NextDelay(attempts.Count, _schedule, _settings.Jitter, Random.Shared.NextDouble(), retryAfter, _settings.MaxRetryAfter);
        var updated = delivery with
        {
            Attempts = attempts,
            Status = succeeded ? WebhookDeliveryStatus.Delivered : delay is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending,
            NextAttemptAt = delay is { } wait ? _clock.GetUtcNow() + wait : null,
        };

        _logger.LogInformation(
            "Webhook {WebhookId} delivery {DeliveryId} ({Event}) attempt {Attempt}: {Outcome} in {LatencyMs} ms; {Next}",
            target.WebhookId, delivery.DeliveryId, delivery.Event, attempts.Count, status?.ToString() ?? error, attempt.LatencyMs,
            updated.NextAttemptAt is { } next ? $"next attempt at {next:O}" : updated.Status);
        try
        {
            await _outbox.UpdateAsync(updated);
        }
        catch (Exception e)
        {
            // The row still says pending: after a restart the delivery is sent again, with the same delivery id.
            _logger.LogWarning(e, "Webhook {WebhookId} delivery {DeliveryId}: the attempt could not be recorded", target.WebhookId, delivery.DeliveryId);
        }

        return (updated, gone);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The stored envelope, with the session as <c>GET /v1/sessions/{id}</c> shows it now for a full-payload subscription.</summary>
    private async Task<string> BodyAsync(WebhookTarget target, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (!target.FullPayload || delivery.SessionId is not { } sessionId)
        {
            return delivery.Body;
        }

        string data;
        try
        {
            data = await _payloads.SessionDataAsync(target.TenantId, sessionId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SessionPayloadException($"The session's payload could not be read ({e.Message}); the attempt is retried.", e);
        }

        var body = System.Text.Json.Nodes.JsonNode.Parse(delivery.Body)!.AsObject();
        body["data"] = System.Text.Json.Nodes.JsonNode.Parse(data);
        return body.ToJsonString();
    }

    private sealed class SessionPayloadException(string message, Exception inner) : Exception(message, inner);

    private static WebhookTargetRefusedException? Refusal(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
