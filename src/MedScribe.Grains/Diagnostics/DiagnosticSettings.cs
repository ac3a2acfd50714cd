namespace MedScribe.Grains.Diagnostics;

/// <summary>
/// Settings of the Dx0 diagnostic conversation and its logins (section <c>Dx0</c>; the seed's environment
/// variables UI_BUDGET_LIMIT, MESSAGE_RATE_LIMIT, MESSAGE_RATE_WINDOW, FAILED_LOGIN_LIMIT and FAILED_LOGIN_COOLDOWN
/// override it).
/// </summary>
public sealed class DiagnosticSettings
{
    public const string Section = "Dx0";

    /// <summary>Each question round costs this, as the physician visit fee of the published benchmark.</summary>
    public decimal VisitFee { get; set; } = 300m;

    /// <summary>A session's budget unless the socket's <c>budget</c> parameter sets another.</summary>
    public decimal BudgetLimit { get; set; } = 5000m;

    /// <summary>The largest budget a socket may ask for.</summary>
    public decimal MaxBudget { get; set; } = 1_000_000m;

    public int MessageRateLimit { get; set; } = 30;

    public TimeSpan MessageRateWindow { get; set; } = TimeSpan.FromSeconds(60);

    public int FailedLoginLimit { get; set; } = 5;

    public TimeSpan FailedLoginCooldown { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The case a session starts with; empty spreads sessions over the library.</summary>
    public string DefaultCase { get; set; } = "";

    /// <summary>A folder of further case files (same format as data/dx0/cases); empty for the embedded library only.</summary>
    public string CasesPath { get; set; } = "";

    /// <summary>
    /// An operator's test catalog: a CSV with the columns <c>test_name,cpt_code,price</c> (the format of
    /// data/test-prices.csv), merged over the built-in catalog; empty for the built-in one only.
    /// </summary>
    public string TestCatalogPath { get; set; } = "";

    /// <summary>How often an ended or expired physician session is looked at and deleted with its conversation (the seed's session_cleanup_interval).</summary>
    public TimeSpan SessionCleanupInterval { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>How long one engine call (gatekeeper or judge) may take.</summary>
    public TimeSpan EngineTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
