namespace MedScribe.Silo.Api.Msa;

/// <summary>MedScribeAlliance API settings, bound from the <c>Msa</c> section.</summary>
public sealed class MsaSettings
{
    public const string Section = "Msa";

    /// <summary>Public base address of this service (e.g. https://scribe.example.com); when empty, taken from each request.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Largest accepted audio upload, in bytes.</summary>
    public long MaxChunkBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>A live session's socket stores the audio received as the session's next file this often (seconds).</summary>
    public int StreamChunkSeconds { get; set; } = 1;

    /// <summary>Longest accepted chunk, advertised as max_chunk_duration_seconds.</summary>
    public int MaxChunkDurationSeconds { get; set; } = 20;

    /// <summary>Largest accepted additional_data, as UTF-8 JSON bytes (the spec asks for at least 4 KB).</summary>
    public int MaxAdditionalDataBytes { get; set; } = 16 * 1024;

    /// <summary>Most templates one session may request.</summary>
    public int MaxTemplatesPerSession { get; set; } = 15;

    /// <summary>Most templates a tenant may define (<c>409 template_limit_reached</c> beyond).</summary>
    public int MaxTemplatesPerTenant { get; set; } = 100;

    /// <summary>Longest a session may stay open before /end, per model.</summary>
    public int MaxSessionDurationSeconds { get; set; } = 3600;

    /// <summary>Where security reports go (<c>mailto:security@example.com</c> or an https URL): discovery's <c>service.security_contact</c> and security.txt's Contact.</summary>
    public string SecurityContact { get; set; } = "";

    /// <summary>The operator's security or disclosure policy (https URL): discovery's <c>service.security_policy_url</c> and security.txt's Policy.</summary>
    public string SecurityPolicyUrl { get; set; } = "";

    /// <summary>The service's changelog (https URL): discovery's <c>service.changelog_url</c>.</summary>
    public string ChangelogUrl { get; set; } = "";

    /// <summary>Requests per minute per tenant when the tenant sets none; 0 turns rate limiting off.</summary>
    public int DefaultRequestsPerMinute { get; set; } = 6000;
}
