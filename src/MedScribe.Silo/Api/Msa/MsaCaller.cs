using System.Collections.Concurrent;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Tenancy;
using MedScribe.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// Runs before every authenticated MSA endpoint: checks <c>MSA-Version</c>, resolves the API key
/// (X-API-Key, <c>Authorization: Bearer</c> or <c>Authorization: X-API-Key</c>) to its tenant, and
/// applies the tenant's rate limit. The tenant id is then in <see cref="TenantId"/>.
/// </summary>
public sealed class MsaCaller(IGrainFactory grains, TenantRateLimiter rateLimiter, ILogger<MsaCaller> logger) : IEndpointFilter
{
    public const string SupportedVersion = "0.1";
    private const string TenantItem = "msa.tenant";
    private const string KeyItem = "msa.key";

    /// <summary>The caller's key id, once the filter has run; null before (or for a refused key).</summary>
    public static string? KeyId(HttpContext context) => context.Items[KeyItem] as string;

    /// <summary>The caller's tenant, once the filter has run; null before.</summary>
    public static string? TenantIdOrNull(HttpContext context) => context.Items[TenantItem] as string;

    public static string TenantId(HttpContext context) =>
        context.Items[TenantItem] as string ?? throw new InvalidOperationException("The MSA caller filter did not run.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        await AuthenticateAsync(invocation.HttpContext);
        return await next(invocation);
    }

    /// <summary>Checks the caller's API key (and version header) and records the tenant; the endpoint filter of <c>/v1</c>, and the live stream's check when no token is given.</summary>
    public async Task<string> AuthenticateAsync(HttpContext context)
    {
        CheckVersion(context);

        var key = PresentedKey(context.Request)
            ?? throw new ProtocolException("authentication_failed", 401, "API key is required: send it as X-API-Key.");
        var identity = await grains.GetGrain<IApiKeyGrain>(ApiKeys.Hash(key)).ResolveAsync();
        if (identity is null)
        {
            logger.LogWarning("Rejected an unknown or revoked API key {KeyPrefix} for {Method} {Path}",
                ApiKeys.DisplayPrefix(key), context.Request.Method, context.Request.Path);
            throw new ProtocolException("authentication_failed", 401, "Invalid API key.");
        }

        logger.LogInformation("Tenant {TenantId} key {KeyId}: {Method} {Path}",
            identity.TenantId, identity.KeyId, context.Request.Method, context.Request.Path);
        rateLimiter.Acquire(identity, context.Response);
        context.Items[TenantItem] = identity.TenantId;
        context.Items[KeyItem] = identity.KeyId;
        return identity.TenantId;
    }

    private static void CheckVersion(HttpContext context)
    {
        var requested = context.Request.Headers["MSA-Version"].ToString();
        if (requested.Length > 0 && requested != SupportedVersion)
        {
            throw new ProtocolException("unsupported_version", 400, $"MSA-Version '{requested}' is not supported.",
                new { requested_version = requested, supported_versions = new[] { SupportedVersion } });
        }
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers["X-API-Key"].ToString().Trim();
        if (header.Length > 0)
        {
            return header;
        }

        var authorization = request.Headers.Authorization.ToString().Trim();
        foreach (var scheme in new[] { "Bearer ", "X-API-Key " })
        {
            if (authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var value = authorization[scheme.Length..].Trim();
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}

/// <summary>
/// Per-tenant fixed one-minute windows, counted on this silo. Every answer carries
/// <c>X-RateLimit-Limit/Remaining/Reset</c>; an exhausted window answers 429 with <c>Retry-After</c>.
/// </summary>
public sealed class TenantRateLimiter(IOptions<MsaSettings> settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();

    public void Acquire(ApiKeyIdentity identity, HttpResponse response)
    {
        var limit = identity.RequestsPerMinute > 0 ? identity.RequestsPerMinute : settings.Value.DefaultRequestsPerMinute;
        if (limit <= 0)
        {
            return;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var windowStart = now - now % 60;
        var window = _windows.AddOrUpdate(identity.TenantId,
            _ => new Window(windowStart, 1),
            (_, current) => current.Start == windowStart ? current with { Count = current.Count + 1 } : new Window(windowStart, 1));
        var reset = windowStart + 60;
        response.Headers["X-RateLimit-Limit"] = limit.ToString();
        response.Headers["X-RateLimit-Remaining"] = Math.Max(0, limit - window.Count).ToString();
        response.Headers["X-RateLimit-Reset"] = reset.ToString();
        if (window.Count > limit)
        {
            var retryAfter = Math.Max(1, reset - now);
            response.Headers.RetryAfter = retryAfter.ToString();
            throw new ProtocolException("rate_limit_exceeded", 429, $"Rate limit of {limit} requests per minute exceeded.",
                new { limit, window = "60s", retry_after_seconds = retryAfter });
        }
    }

    private sealed record Window(long Start, int Count);
}
