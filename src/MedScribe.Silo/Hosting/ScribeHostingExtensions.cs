using MedScribe.Silo.Api.OpenApi;
using System.Net;
using System.Security.Cryptography;
using MedScribe.AzureStorage;
using MedScribe.Silo.Api.Msa;
using MedScribe.Silo.Audit;
using MedScribe.Grains.Diagnostics;
using MedScribe.Silo.Api.Dx0;
using MedScribe.Silo.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace MedScribe.Silo.Hosting;

/// <summary>Wires the host: settings, the Orleans silo on Azure Storage, and the operations surface.</summary>
public static class ScribeHostingExtensions
{
    /// <summary>Binds and validates every setting section; invalid settings stop the host before it starts.</summary>
    public static WebApplicationBuilder AddScribeSettings(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddDx0SeedEnvironment();
        // Kestrel refuses what is past its limits before the app sees it, outside the envelope; its limits sit above
        // the API's own (MsaErrors), which answer 414 and 431 in the envelope.
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestLineSize = MsaErrors.KestrelRequestLineBytes;
            o.Limits.MaxRequestHeadersTotalSize = MsaErrors.KestrelHeaderBytes;
        });
        builder.Services.AddOptions<StorageSettings>().BindConfiguration(StorageSettings.Section)
            .ValidateDataAnnotations()
            .Validate(s => s.IsComplete, StorageSettings.MissingAccount)
            .ValidateOnStart();
        builder.Services.AddOptions<ClusterSettings>().BindConfiguration(ClusterSettings.Section)
            .ValidateDataAnnotations()
            .Validate(s => s.AdvertisedAddress is not null,
                "Orleans:AdvertisedIPAddress must be an IP address.")
            .Validate(s => s.SiloPort != s.GatewayPort, "Orleans:SiloPort and Orleans:GatewayPort must differ.")
            .ValidateOnStart();

        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AdminSettings>().BindConfiguration(AdminSettings.Section)
            .PostConfigure(s =>
            {
                if (isDevelopment && string.IsNullOrEmpty(s.ApiKey))
                {
                    s.ApiKey = "adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                }
            })
            .Validate(s => s.ApiKey.Length >= 24,
                "Admin:ApiKey must be set to at least 24 characters (environment variable Admin__ApiKey); only Development generates one.")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Runs an Orleans silo in this process with membership, grain state and reminders on Azure Storage.</summary>
    public static WebApplicationBuilder AddScribeCluster(this WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var prefix = storage.Prefix;
        var dx0 = builder.Configuration.GetSection(Dx0Settings.Section).Get<Dx0Settings>() ?? new Dx0Settings();
        // Built when the silo first needs it, after ScribeStartup has validated the settings and probed the account.
        var account = new Lazy<StorageAccount>(() => storage.CreateAccount());

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                })
                .Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = cluster.SiloPort;
                    o.GatewayPort = cluster.GatewayPort;
                    if (cluster.AdvertisedAddress is { } advertised)
                    {
                        o.AdvertisedIPAddress = advertised;
                    }
                })
                .UseScribeAzureStorage(account, prefix, cluster.ServiceId)
                .AddBlobAudioStore(account, StorageNames.Container(prefix, "", "audio"))
                .AddTableWebhookOutbox(account, StorageNames.Table(prefix, "webhookdeliveries"))
                .AddTableAuditLog(account, StorageNames.Table(prefix, "audit"))
                .AddDx0Storage(dx0, account, prefix, cluster.ServiceId)
                .UseSystemTextJsonGrainStorageSerializer()
                .AddDashboard();
        });
        return builder;
    }

    /// <summary>The grain storage of the Dx0 sessions, as SESSION_BACKEND says: the cluster's Azure Storage, memory, or Redis.</summary>
    private static ISiloBuilder AddDx0Storage(this ISiloBuilder silo, Dx0Settings dx0, Lazy<StorageAccount> account, string prefix, string serviceId) => dx0.SessionBackend switch
    {
        "memory" => silo.AddMemoryGrainStorage(DiagnosticStorage.Name),
        "redis" when Uri.TryCreate(dx0.RedisUrl, UriKind.Absolute, out var redis) => silo.AddRedisGrainStorage(DiagnosticStorage.Name, o =>
        {
            var options = new StackExchange.Redis.ConfigurationOptions { Ssl = redis.Scheme == "rediss", AbortOnConnectFail = false };
            options.EndPoints.Add(redis.Host, redis.IsDefaultPort || redis.Port <= 0 ? 6379 : redis.Port);
            var userInfo = Uri.UnescapeDataString(redis.UserInfo);
            options.Password = dx0.RedisPassword.Length > 0 ? dx0.RedisPassword : userInfo.Contains(':') ? userInfo[(userInfo.IndexOf(':') + 1)..] : null;
            o.ConfigurationOptions = options;
            // An ended physician session's cleanup deletes its keys rather than leaving empty records.
            o.DeleteStateOnClear = true;
        }),
        // A conversation grows with every step: blobs, as the sessions' state.
        _ => silo.AddScribeBlobGrainStorage(DiagnosticStorage.Name, account, prefix, serviceId),
    };

    /// <summary>Health checks, admin authentication and the OpenAPI document.</summary>
    public static WebApplicationBuilder AddScribeOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new StorageProbe(services.GetRequiredService<IOptions<StorageSettings>>().Value));
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<SiloHealthCheck>("silo", tags: ["ready"]);
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminKeyAuthenticationHandler.Policy, policy => policy
                .AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName)
                .RequireRole("admin"));
        // Prometheus /metrics on the app itself: HTTP server metrics, Orleans' own meter, the Dx0 instruments and
        // the windows of speech this silo recognized.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(Dx0Metrics.MeterName, "Microsoft.Orleans", MedScribe.Grains.Transcription.RecognitionGrain.MeterName)
            .AddPrometheusExporter());
        // The routes; ApiDocument completes them with schemas, examples and responses.
        builder.Services.AddOpenApi("v1");
        return builder;
    }

    /// <summary>Maps health, the API reference and the dashboard.</summary>
    public static WebApplication MapScribeOperations(this WebApplication app)
    {
        // The audit trail sees every answer as it finally left; the error boundary wraps everything, authentication
        // included, and turns HEAD into GET before routing.
        app.UseAuditTrail();
        app.UseMsaErrors();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new()
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthResponse.WriteAsync,
        }).ExcludeFromDescription();

        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapApiDocument();
        app.MapScalarApiReference("/docs", o => o
            .WithTitle("MedScribe.Orleans API")
            .WithOpenApiRoutePattern(MedScribe.Silo.Api.OpenApi.ApiDocument.Route));
        // The dashboard's own routes are Orleans', not our API: they stay out of the document.
        app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(AdminKeyAuthenticationHandler.Policy).ExcludeFromDescription();
        return app;
    }
}
