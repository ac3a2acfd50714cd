using MedScribe.Abstractions.Tenancy;
using MedScribe.Grains.Tenancy;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedScribe.Silo.Hosting;

/// <summary>A tenant provisioned from configuration (<c>Tenants:{id}:…</c>); keys are given only as SHA-256 hashes.</summary>
public sealed class TenantSettings
{
    public string Name { get; set; } = "";
    public int RequestsPerMinute { get; set; }
    public List<string> KeyHashes { get; set; } = [];
}

/// <summary>The development tenant, created only in the Development environment.</summary>
public sealed class DevTenantSettings
{
    public const string Section = "DevTenant";
    public const string TenantId = "dev";

    /// <summary>Fixes the dev tenant's key (e.g. <c>DevTenant__ApiKey=sk_test_…</c>); generated and printed when empty.</summary>
    public string ApiKey { get; set; } = "";
}

/// <summary>Creates the configured tenants and their keys before the host starts serving.</summary>
public sealed class TenantProvisioning(
    IGrainFactory grains,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<TenantProvisioning> logger) : IHostedService
{
    /// <summary>The dev tenant's key for this run, for the start-up banner; null outside Development.</summary>
    public string? DevApiKey { get; private set; }

    public bool DevApiKeyGenerated { get; private set; }

    /// <summary>How long start-up keeps retrying what the cluster rejects while it converges.</summary>
    public static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ProvisionAsync();
                return;
            }
            catch (InconsistentStateException e) when (attempt < 3)
            {
                // A tenant grain left active by a silo that crashed may hold a stale ETag; the failed write
                // deactivates it and the next attempt reads the current state.
                logger.LogWarning("Tenant provisioning met a concurrent change ({Reason}); retrying", e.Message);
            }
            catch (Exception e) when (IsConvergence(e) && DateTimeOffset.UtcNow - started < ConvergenceTimeout)
            {
                // A silo restarted on the address it died on may find grains still placed on its dead incarnation
                // until the cluster declares that incarnation dead: wait for the cluster, not abort the host.
                logger.LogWarning("Tenant provisioning: the cluster is still converging ({Reason}); retrying in {Delay} ms", e.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 4000));
            }
        }
    }

    /// <summary>Rejections a cluster gives while membership converges after a silo died.</summary>
    public static bool IsConvergence(Exception e) =>
        e is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException
        || (e is OrleansException && e.InnerException is { } inner && IsConvergence(inner));

    private async Task ProvisionAsync()
    {
        foreach (var section in configuration.GetSection("Tenants").GetChildren())
        {
            var tenant = section.Get<TenantSettings>() ?? new TenantSettings();
            var grain = grains.GetGrain<ITenantGrain>(section.Key);
            await grain.EnsureAsync(tenant.Name.Length > 0 ? tenant.Name : section.Key, tenant.RequestsPerMinute);
            foreach (var hash in tenant.KeyHashes)
            {
                await grain.AddKeyHashAsync(hash.Trim().ToLowerInvariant(), "configured");
            }

            logger.LogInformation("Tenant {TenantId} provisioned with {KeyCount} configured key hashes", section.Key, tenant.KeyHashes.Count);
        }

        if (environment.IsDevelopment())
        {
            var configured = configuration.GetSection(DevTenantSettings.Section).Get<DevTenantSettings>()?.ApiKey;
            DevApiKeyGenerated = string.IsNullOrWhiteSpace(configured);
            DevApiKey = DevApiKeyGenerated ? ApiKeys.Generate(live: false) : configured!.Trim();
            var dev = grains.GetGrain<ITenantGrain>(DevTenantSettings.TenantId);
            await dev.EnsureAsync("Development tenant", 0);
            await dev.AddKeyHashAsync(ApiKeys.Hash(DevApiKey), ApiKeys.DisplayPrefix(DevApiKey));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
