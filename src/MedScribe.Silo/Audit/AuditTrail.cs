using System.Threading.Channels;
using MedScribe.Abstractions.Audit;
using MedScribe.Silo.Api.Msa;

namespace MedScribe.Silo.Audit;

/// <summary>
/// Hands audit records to the append-only log off the request path: a bounded queue drained in batches, retried
/// while storage is away, and flushed when the host stops. A full queue is logged as an error, never silently.
/// </summary>
public sealed class AuditTrail(IAuditLog log, ILogger<AuditTrail> logger) : BackgroundService
{
    public const int Capacity = 100_000;
    private readonly Channel<AuditRecord> _queue = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _dropped;

    public void Record(AuditRecord record)
    {
        if (!_queue.Writer.TryWrite(record) && Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            logger.LogError("The audit queue is full ({Capacity} records): {Dropped} records could not be kept; is storage reachable?", Capacity, Interlocked.Read(ref _dropped));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditRecord>(500);
        // Drained to the end even while stopping: StopAsync completes the queue, and what it holds is written.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 500 && _queue.Reader.TryRead(out var record))
            {
                batch.Add(record);
            }

            for (var delay = TimeSpan.FromMilliseconds(200); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
            {
                try
                {
                    await log.AppendAsync(batch, CancellationToken.None);
                    break;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested || delay < TimeSpan.FromSeconds(5))
                {
                    logger.LogWarning(e, "Writing {Count} audit records failed; retrying in {Delay}", batch.Count, delay);
                    await Task.Delay(delay, CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "{Count} audit records could not be written before the host stopped", batch.Count);
                    break;
                }
            }

            batch.Clear();
        }
    }
}

/// <summary>Records every request under <c>/v1</c> and <c>/admin</c> as it finally left: who, what, when, from where, how it ended.</summary>
public static class AuditMiddleware
{
    /// <summary>Route values that name what a request touched; nothing else of the request is kept.</summary>
    private static readonly string[] ResourceKeys = ["tenantId", "sessionId", "templateId", "webhookId", "deliveryId", "keyId"];

    public static IApplicationBuilder UseAuditTrail(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") && !path.StartsWithSegments("/admin"))
        {
            await next(context);
            return;
        }

        var at = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        try
        {
            await next(context);
        }
        finally
        {
            var admin = path.StartsWithSegments("/admin");
            var tenant = admin ? context.GetRouteValue("tenantId") as string : MsaCaller.TenantIdOrNull(context);
            var key = admin ? null : MsaCaller.KeyId(context);
            var actor = admin
                ? context.User.Identity?.IsAuthenticated == true ? "admin" : "anonymous"
                : key is null ? "anonymous" : $"tenant:{tenant}/key:{key}";
            var endpoint = context.GetEndpoint() as RouteEndpoint;
            var resource = string.Join(' ', ResourceKeys
                .Select(k => (Key: k, Value: context.GetRouteValue(k) as string))
                .Where(v => v.Value is { Length: > 0 and <= 128 })
                .Select(v => $"{v.Key[..^2]}:{v.Value}"));
            context.RequestServices.GetRequiredService<AuditTrail>().Record(new AuditRecord(
                at, actor, tenant, key, context.Request.Method, endpoint?.RoutePattern.RawText ?? "(no route)", resource,
                context.Response.StatusCode, context.Connection.RemoteIpAddress?.ToString() ?? "", context.TraceIdentifier));
        }
    });
}
