using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Webhooks;
using MedScribe.Grains.Sessions;
using MedScribe.Grains.Webhooks;
using MedScribe.Silo.Api.Admin;
using MedScribe.Silo.Api.Msa;
using MedScribe.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedScribe.Silo.Api;

/// <summary>Wires and maps the MedScribeAlliance API and the admin API.</summary>
public static class ScribeApiExtensions
{
    public static WebApplicationBuilder AddScribeApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MsaSettings>().BindConfiguration(MsaSettings.Section)
            .Validate(s => s.MaxChunkBytes > 0 && s.MaxChunkDurationSeconds > 0 && s.MaxSessionDurationSeconds > 0,
                "Msa:MaxChunkBytes, Msa:MaxChunkDurationSeconds and Msa:MaxSessionDurationSeconds must be positive.")
            .Validate(s => s.StreamChunkSeconds >= 1 && s.StreamChunkSeconds < s.MaxChunkDurationSeconds,
                "Msa:StreamChunkSeconds must be at least 1 and less than Msa:MaxChunkDurationSeconds.")
            .Validate(s => s.PublicBaseUrl.Length == 0 || Uri.TryCreate(s.PublicBaseUrl, UriKind.Absolute, out _),
                "Msa:PublicBaseUrl must be an absolute URL.")
            .Validate(s => s.SecurityContact.Length == 0 || s.SecurityContact.StartsWith("mailto:", StringComparison.Ordinal)
                    || s.SecurityContact.StartsWith("https://", StringComparison.Ordinal) || s.SecurityContact.StartsWith("tel:", StringComparison.Ordinal),
                "Msa:SecurityContact must be a mailto:, tel: or https:// URI (RFC 9116).")
            .Validate(s => (s.SecurityPolicyUrl.Length == 0 || s.SecurityPolicyUrl.StartsWith("https://", StringComparison.Ordinal))
                    && (s.ChangelogUrl.Length == 0 || Uri.TryCreate(s.ChangelogUrl, UriKind.Absolute, out _)),
                "Msa:SecurityPolicyUrl must be an https:// URL and Msa:ChangelogUrl an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddOptions<SessionLimits>().BindConfiguration(SessionLimits.Section)
            .Configure<Microsoft.Extensions.Options.IOptions<MsaSettings>>((limits, msa) => limits.MaxChunkDuration = TimeSpan.FromSeconds(msa.Value.MaxChunkDurationSeconds));
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<WebhookSettings>()
            .Configure(s =>
            {
                // A developer's receiver is usually http://localhost; configuration still overrides this.
                s.RequireHttps = !isDevelopment;
                s.AllowPrivateTargets = isDevelopment;
            })
            .BindConfiguration(WebhookSettings.Section)
            .Validate(s => TryParseSchedule(s.RetrySchedule), "Webhooks:RetrySchedule must be comma-separated delays with units (ms, s, m, h, d), e.g. 0s,5s,5m,30m.")
            .Validate(s => s.AttemptTimeout > TimeSpan.Zero && s.MaxConcurrentAttempts > 0 && s.MaxPerTenant > 0 && s.Jitter is >= 0 and < 1,
                "Webhooks:AttemptTimeout, MaxConcurrentAttempts and MaxPerTenant must be positive and Webhooks:Jitter in [0, 1).")
            .ValidateOnStart();
        builder.Services.AddWebhookDelivery();
        builder.Services.AddSingleton<IWebhookPayloads, MsaWebhookPayloads>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MsaPaths>();
        builder.Services.AddSingleton<MedScribe.Silo.Audit.AuditTrail>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MedScribe.Silo.Audit.AuditTrail>());
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddSingleton<MsaCaller>();
        builder.Services.AddSingleton<TenantProvisioning>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TenantProvisioning>());
        return builder;
    }

    public static WebApplication MapScribeApi(this WebApplication app)
    {
        app.MapDiscoveryApi();
        var v1 = app.MapGroup("/v1").AddEndpointFilter<MsaCaller>().WithTags("MedScribeAlliance");
        v1.MapSessionsApi();
        v1.MapTemplatesApi();
        v1.MapFhirApi();
        v1.MapAudioUploadApi();
        v1.MapStreamTokenApi();
        app.MapStreamApi();
        v1.MapWebhooksApi();
        app.MapTenantsAdminApi();
        MedScribe.Silo.Audit.AuditApi.MapAuditApi(app);
        app.MapWebApp();
        return app;
    }

    private static bool TryParseSchedule(string text)
    {
        try
        {
            WebhookRetryPolicy.ParseSchedule(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
