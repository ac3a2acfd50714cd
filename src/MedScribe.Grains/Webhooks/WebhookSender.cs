using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MedScribe.Abstractions.Webhooks;
using MedScribe.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedScribe.Grains.Webhooks;

/// <summary>Where and how one subscription is reached.</summary>
public sealed record WebhookTarget(string WebhookId, string Url, string Secret);

/// <summary>
/// Makes one attempt of a delivery: signs it afresh, POSTs it (no redirects, through the SSRF guard,
/// bounded by the attempt timeout), records the attempt in the outbox and decides the next one.
/// Never throws: whatever happens becomes the attempt's outcome.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly IWebhookOutbox _outbox;
    private readonly WebhookSettings _settings;
    private readonly IReadOnlyList<TimeSpan> _schedule;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookSender> _logger;

    public WebhookSender(IWebhookOutbox outbox, IOptions<WebhookSettings> settings, TimeProvider clock, ILogger<WebhookSender> logger)
    {
        _outbox = outbox;
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
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        int? status = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(_settings.AttemptTimeout);
        try
        {
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
