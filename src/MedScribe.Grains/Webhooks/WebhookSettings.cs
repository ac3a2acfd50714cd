namespace MedScribe.Grains.Webhooks;

/// <summary>Webhook delivery settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    /// <summary>Only <c>https://</c> targets are accepted. On by default; Development turns it off.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Allows private, loopback, link-local and cloud-metadata targets. Off by default (the SSRF guard);
    /// Development and tests on loopback turn it on.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>How long one attempt may take, connection included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Delay before each attempt, the first usually 0: ten attempts over about three days by default.
    /// Values are numbers with a unit: <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>.
    /// </summary>
    public string RetrySchedule { get; set; } = "0s,5s,5m,30m,2h,5h,10h,14h,20h,24h";

    /// <summary>Each scheduled delay is spread by up to this fraction either way, so retries do not arrive in waves.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>A receiver's <c>Retry-After</c> is honoured up to this long.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts in flight at once to one subscription.</summary>
    public int MaxConcurrentAttempts { get; set; } = 8;

    /// <summary>Subscriptions one tenant may hold.</summary>
    public int MaxPerTenant { get; set; } = 20;

    /// <summary>Period of each subscription's reminder, the durable backstop that resumes deliveries on another silo.</summary>
    public TimeSpan OutboxCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Finished deliveries stay in the delivery log this long.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The parsed <see cref="RetrySchedule"/>.</summary>
    public IReadOnlyList<TimeSpan> Schedule => WebhookRetryPolicy.ParseSchedule(RetrySchedule);
}
