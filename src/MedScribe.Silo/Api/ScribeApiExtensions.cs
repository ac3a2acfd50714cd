using MedScribe.Abstractions.Sessions;
using MedScribe.Grains.Sessions;
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
            .Validate(s => s.PublicBaseUrl.Length == 0 || Uri.TryCreate(s.PublicBaseUrl, UriKind.Absolute, out _),
                "Msa:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.AddOptions<SessionLimits>().BindConfiguration(SessionLimits.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MsaPaths>();
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddSingleton<MsaCaller>();
        builder.Services.AddSingleton<SpeechLanguages>();
        builder.Services.TryAddSingleton<ISessionPipeline, UnconfiguredPipeline>();
        builder.Services.AddSingleton<TenantProvisioning>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TenantProvisioning>());
        return builder;
    }

    public static WebApplication MapScribeApi(this WebApplication app)
    {
        app.UseMsaErrors();
        app.MapDiscoveryApi();
        var v1 = app.MapGroup("/v1").AddEndpointFilter<MsaCaller>().WithTags("MedScribeAlliance");
        v1.MapSessionsApi();
        v1.MapAudioUploadApi();
        app.MapTenantsAdminApi();
        return app;
    }
}
