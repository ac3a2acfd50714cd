using System.Security.Cryptography;
using MedScribe.Clinical.Engines;
using MedScribe.Diagnostics;
using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Gatekeeping;
using MedScribe.Diagnostics.Judging;
using MedScribe.Diagnostics.Testing;
using MedScribe.Grains.Diagnostics;
using MedScribe.Silo.Auth;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Dx0;

/// <summary>The Development users and their passwords, for the start-up banner.</summary>
public sealed record Dx0DevUsers(string PhysicianPassword, string AdminPassword, bool PhysicianGenerated, bool AdminGenerated)
{
    public const string PhysicianUser = "physician";
    public const string AdminUser = "admin";
    public const string PhysicianPasswordVariable = "DX0_PHYSICIAN_PASSWORD";
    public const string AdminPasswordVariable = "DX0_ADMIN_PASSWORD";
}

/// <summary>Names the seed environment variable that could not be read.</summary>
public sealed class SeedEnvironmentValidation : IValidateOptions<Dx0Settings>
{
    public ValidateOptionsResult Validate(string? name, Dx0Settings options) =>
        options.SeedEnvironmentError.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.SeedEnvironmentError);
}

/// <summary>Wires and maps the Dx0 physician API under <c>/api/v1</c>.</summary>
public static class Dx0Setup
{
    /// <summary>User names that, with a well-known password, make a production start refuse.</summary>
    private static readonly string[] DefaultUserNames = ["admin", "admin_user", "physician", "physician1", "test", "user"];

    public static WebApplicationBuilder AddScribeDx0(this WebApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<Dx0Settings>().BindConfiguration(Dx0Settings.Section)
            .PostConfigure(s =>
            {
                if (isDevelopment && string.IsNullOrEmpty(s.SecretKey))
                {
                    s.SecretKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                }
            })
            .Validate(s => s.SecretKey.Length >= 32, "UI_SECRET_KEY (or Dx0:SecretKey) must be set to at least 32 characters; only Development generates one.")
            .Validate(s => isDevelopment || !Dx0Settings.DefaultSecrets.Contains(s.SecretKey, StringComparer.OrdinalIgnoreCase),
                "UI_SECRET_KEY is a well-known default; set a secret of your own.")
            .Validate(s => s.TokenTtl > TimeSpan.Zero && s.SessionTtl > TimeSpan.Zero, "UI_TOKEN_TTL and Dx0:SessionTtl must be positive.")
            .Validate(s => s.SessionBackend != "sqlite",
                "SESSION_BACKEND=sqlite is not offered by this cluster: Dx0 sessions are Orleans grain state; use azure (default), memory or redis.")
            .Validate(s => Dx0Settings.Backends.Contains(s.SessionBackend), $"SESSION_BACKEND must be one of {string.Join(", ", Dx0Settings.Backends)}.")
            .Validate(s => s.SessionBackend != "redis" || Uri.TryCreate(s.RedisUrl, UriKind.Absolute, out _), "REDIS_URL must be set (redis://host:port) when SESSION_BACKEND=redis.")
            .Validate(s => Dx0Settings.Engines.Contains(s.Engine), $"Dx0:Engine must be one of {string.Join(", ", Dx0Settings.Engines)}.")
            .Validate(s => s.Engine != "llm" || Uri.TryCreate(s.Llm.BaseUrl, UriKind.Absolute, out _), "Dx0:Llm:BaseUrl must be an absolute URL when Dx0:Engine is llm.")
            .Validate(s => s.SentryDsn.Length == 0 || IsSentryDsn(s.SentryDsn), "SENTRY_DSN must be a Sentry DSN such as https://<key>@<host>/<project>.")
            .Validate(s => s.TrustedProxies.All(p => System.Net.IPAddress.TryParse(p, out _)), "Dx0:TrustedProxies must be IP addresses.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Dx0Settings>, SeedEnvironmentValidation>();
        builder.Services.AddOptions<DiagnosticSettings>().BindConfiguration(DiagnosticSettings.Section)
            .Validate(s => s.VisitFee >= 0 && s.BudgetLimit > 0 && s.MaxBudget >= s.BudgetLimit,
                "Dx0: VisitFee must not be negative, UI_BUDGET_LIMIT must be positive and at most Dx0:MaxBudget.")
            .Validate(s => s.MessageRateLimit > 0 && s.MessageRateWindow > TimeSpan.Zero, "MESSAGE_RATE_LIMIT and MESSAGE_RATE_WINDOW must be positive.")
            .Validate(s => s.FailedLoginLimit > 0 && s.FailedLoginCooldown > TimeSpan.Zero, "FAILED_LOGIN_LIMIT and FAILED_LOGIN_COOLDOWN must be positive.")
            .Validate(s => s.EngineTimeout > TimeSpan.Zero, "Dx0:EngineTimeout must be positive.")
            .Validate(s => s.SessionCleanupInterval >= TimeSpan.FromMinutes(1),
                "SESSION_CLEANUP_INTERVAL (Dx0:SessionCleanupInterval) must be at least 60 seconds, the shortest period of an Orleans reminder.")
            .ValidateOnStart();

        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<IOptions<DiagnosticSettings>>().Value;
            var library = CaseLibrary.Load(TestCatalog.Load(settings.TestCatalogPath), settings.CasesPath);
            return settings.DefaultCase.Length == 0 || library.Find(settings.DefaultCase) is not null
                ? library
                : throw new CaseLibraryException($"Dx0:DefaultCase '{settings.DefaultCase}' is not in the case library ({string.Join(", ", library.Cases.Select(c => c.Id))}).");
        });
        // What physicians order from: the built-in catalog, the operator's CSV and the tests only cases price.
        builder.Services.AddSingleton(services => services.GetRequiredService<CaseLibrary>().Catalog);
        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<IOptions<Dx0Settings>>().Value;
            return new LlmDiagnosticEngine(LlmTemplateEngine.CreateChatClient(settings.Llm), settings.Llm, services.GetRequiredService<ILogger<LlmDiagnosticEngine>>());
        });
        builder.Services.AddSingleton<IGatekeeper>(services => UsesLlm(services) ? services.GetRequiredService<LlmDiagnosticEngine>() : new RuleGatekeeper(services.GetRequiredService<TestCatalog>()));
        builder.Services.AddSingleton<IJudge>(services => UsesLlm(services) ? services.GetRequiredService<LlmDiagnosticEngine>() : new RuleJudge());

        var devUsers = isDevelopment ? DevUsers(builder.Configuration) : null;
        if (devUsers is not null)
        {
            builder.Services.AddSingleton(devUsers);
        }

        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<IOptions<Dx0Settings>>().Value;
            var extra = devUsers is null
                ? []
                : new[]
                {
                    new PhysicianUser(Dx0DevUsers.PhysicianUser, BCrypt.Net.BCrypt.HashPassword(devUsers.PhysicianPassword, 10), "default"),
                    new PhysicianUser(Dx0DevUsers.AdminUser, BCrypt.Net.BCrypt.HashPassword(devUsers.AdminPassword, 10), "admin"),
                };
            var users = new PhysicianUsers(settings.UsersFile, extra);
            if (!isDevelopment)
            {
                EnsureProductionUsers(users, settings);
            }

            return users;
        });
        builder.Services.AddSingleton<PhysicianPasswords>();
        builder.Services.AddSingleton<PhysicianTokens>();
        builder.Services.AddSingleton<PhysicianCaller>();
        builder.Services.AddSingleton<ClientAddress>();
        builder.Services.AddSingleton<Dx0Metrics>();

        // An invalid DSN is left to the settings validation, which names it; Sentry itself would abort the process.
        var sentryDsn = builder.Configuration["Dx0:SentryDsn"];
        if (IsSentryDsn(sentryDsn))
        {
            builder.WebHost.UseSentry(o =>
            {
                o.Dsn = sentryDsn;
                o.SendDefaultPii = false;
            });
        }

        return builder;
    }

    public static WebApplication MapScribeDx0(this WebApplication app)
    {
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        var api = app.MapGroup("/api/v1").AddEndpointFilter<Dx0ProblemFilter>().WithTags("Dx0 physician API");
        api.MapDx0AuthApi();
        api.MapDx0CaseApi();
        api.MapDx0SocketApi();
        api.MapDx0FhirApi();
        api.MapDx0UiApi();
        return app;
    }

    /// <summary>Resolves everything Dx0 needs at start-up, so a bad users file or case folder stops the host with a plain message.</summary>
    public static void Verify(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<Dx0Settings>>().Value;
        _ = services.GetRequiredService<IOptions<DiagnosticSettings>>().Value;
        _ = services.GetRequiredService<CaseLibrary>();
        _ = services.GetRequiredService<PhysicianUsers>();
    }

    private static bool IsSentryDsn(string? dsn) =>
        Uri.TryCreate(dsn, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length > 0 && uri.AbsolutePath.Trim('/').Length > 0;

    private static bool UsesLlm(IServiceProvider services) => services.GetRequiredService<IOptions<Dx0Settings>>().Value.Engine == "llm";

    private static Dx0DevUsers DevUsers(IConfiguration configuration)
    {
        var physician = configuration[Dx0DevUsers.PhysicianPasswordVariable];
        var admin = configuration[Dx0DevUsers.AdminPasswordVariable];
        return new Dx0DevUsers(
            string.IsNullOrEmpty(physician) ? Generated() : physician,
            string.IsNullOrEmpty(admin) ? Generated() : admin,
            string.IsNullOrEmpty(physician),
            string.IsNullOrEmpty(admin));

        static string Generated() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
    }

    private static void EnsureProductionUsers(PhysicianUsers users, Dx0Settings settings)
    {
        if (users.FilePath is null || !File.Exists(users.FilePath))
        {
            throw new PhysicianUsersException(
                $"Dx0:UsersFile must name the users file ({(users.FilePath ?? "not set")}); create it with 'MedScribe.Silo users add <name> --file <path>'. Production has no default users.");
        }

        if (users.All.Count == 0)
        {
            throw new PhysicianUsersException($"The users file {users.FilePath} has no users; add one with 'MedScribe.Silo users add'.");
        }

        foreach (var user in users.All.Where(u => DefaultUserNames.Contains(u.Username)))
        {
            foreach (var weak in (string[])["password", "test", "changeme", user.Username])
            {
                if (BCrypt.Net.BCrypt.Verify(weak, user.PasswordHash))
                {
                    throw new PhysicianUsersException($"The users file {users.FilePath}: user '{user.Username}' has a well-known default password; change it before running in production.");
                }
            }
        }
    }
}
