using System.Globalization;
using MedScribe.Clinical.Engines;

namespace MedScribe.Silo.Api.Dx0;

/// <summary>
/// Host settings of the Dx0 physician API (section <c>Dx0</c>). The seed's environment variables (UI_SECRET_KEY,
/// UI_TOKEN_TTL, SESSION_BACKEND, REDIS_URL, REDIS_PASSWORD, SENTRY_DSN, …) override these; see
/// <see cref="Dx0SeedEnvironment"/>.
/// </summary>
public sealed class Dx0Settings
{
    public const string Section = "Dx0";
    public static readonly string[] Backends = ["azure", "memory", "redis"];
    public static readonly string[] Engines = ["rules", "llm"];

    /// <summary>HMAC-SHA256 key of the access tokens (UI_SECRET_KEY); at least 32 characters. Development generates one.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>Access-token lifetime (UI_TOKEN_TTL, seconds).</summary>
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Session and refresh-token lifetime; each refresh starts it again.</summary>
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromHours(24);

    public string Issuer { get; set; } = "medscribe-dx0";

    public string Audience { get; set; } = "medscribe-dx0-api";

    /// <summary>The YAML users file (<c>users: {name: {password: bcrypt, group}}</c>); managed with <c>MedScribe.Silo users …</c>.</summary>
    public string UsersFile { get; set; } = "";

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For is believed for the login lockout.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Where Dx0 sessions persist (SESSION_BACKEND): azure (the cluster's Azure Storage), memory, or redis.</summary>
    public string SessionBackend { get; set; } = "azure";

    public string RedisUrl { get; set; } = "";

    public string RedisPassword { get; set; } = "";

    /// <summary>Errors go to Sentry when set (SENTRY_DSN).</summary>
    public string SentryDsn { get; set; } = "";

    /// <summary>Gatekeeper and judge engine: rules (embedded) or llm (<see cref="Llm"/>).</summary>
    public string Engine { get; set; } = "rules";

    public LlmSettings Llm { get; set; } = new();

    /// <summary>Set by <see cref="Dx0SeedEnvironment"/> when a seed variable cannot be read; start-up then fails naming it.</summary>
    public string SeedEnvironmentError { get; set; } = "";

    /// <summary>Secrets that are known defaults and refused outside Development.</summary>
    public static readonly string[] DefaultSecrets = ["your-secret-key", "your-dev-key", "secret", "change-me", "changeme", "dev-secret-key"];
}

/// <summary>
/// Reads the seed's environment variables, with the seed's names, into the <c>Dx0</c> section (they win over
/// appsettings). Durations in the seed are seconds; a value that is not a positive number stops start-up.
/// </summary>
public static class Dx0SeedEnvironment
{
    private static readonly (string Variable, string Key, bool Seconds)[] Names =
    [
        ("UI_SECRET_KEY", "Dx0:SecretKey", false),
        ("UI_TOKEN_TTL", "Dx0:TokenTtl", true),
        ("UI_BUDGET_LIMIT", "Dx0:BudgetLimit", false),
        ("FAILED_LOGIN_LIMIT", "Dx0:FailedLoginLimit", false),
        ("FAILED_LOGIN_COOLDOWN", "Dx0:FailedLoginCooldown", true),
        ("MESSAGE_RATE_LIMIT", "Dx0:MessageRateLimit", false),
        ("MESSAGE_RATE_WINDOW", "Dx0:MessageRateWindow", true),
        ("SESSION_BACKEND", "Dx0:SessionBackend", false),
        ("REDIS_URL", "Dx0:RedisUrl", false),
        ("REDIS_PASSWORD", "Dx0:RedisPassword", false),
        ("SENTRY_DSN", "Dx0:SentryDsn", false),
        ("SESSION_CLEANUP_INTERVAL", "Dx0:SessionCleanupInterval", true),
    ];

    private static readonly HashSet<string> Numbers = ["UI_BUDGET_LIMIT", "FAILED_LOGIN_LIMIT", "MESSAGE_RATE_LIMIT"];
    private static readonly HashSet<string> Counts = ["FAILED_LOGIN_LIMIT", "MESSAGE_RATE_LIMIT"];

    public static IConfigurationBuilder AddDx0SeedEnvironment(this IConfigurationManager configuration)
    {
        var values = new Dictionary<string, string?>();
        var errors = new List<string>();
        foreach (var (variable, key, seconds) in Names)
        {
            if (configuration[variable] is not { Length: > 0 } value)
            {
                continue;
            }

            if (seconds || Numbers.Contains(variable))
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0 || double.IsInfinity(number)
                    || (Counts.Contains(variable) && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    errors.Add($"{variable}='{value}' must be a positive {(Counts.Contains(variable) ? "whole number" : "number")}{(seconds ? " of seconds" : "")}.");
                    continue;
                }

                value = seconds ? TimeSpan.FromSeconds(number).ToString("c", CultureInfo.InvariantCulture) : value;
            }

            values[key] = variable == "SESSION_BACKEND" ? value.ToLowerInvariant() : value;
        }

        if (errors.Count > 0)
        {
            values["Dx0:SeedEnvironmentError"] = string.Join(" ", errors);
        }

        return configuration.AddInMemoryCollection(values);
    }
}
