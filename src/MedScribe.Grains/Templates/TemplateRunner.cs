using System.Text.Json.Nodes;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Templates;
using MedScribe.Abstractions.Tenancy;
using Microsoft.Extensions.Logging;

namespace MedScribe.Grains.Templates;

/// <summary>Settings of clinical extraction (section <c>Extraction</c>).</summary>
public sealed class ExtractionSettings
{
    public const string Section = "Extraction";

    /// <summary><c>rules</c> (embedded, the default) or <c>llm</c> (an OpenAI-compatible chat endpoint).</summary>
    public string Engine { get; set; } = "rules";

    /// <summary>How long one template may take before it fails with <c>timeout</c> (the others still stand).</summary>
    public TimeSpan TemplateTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public MedScribe.Clinical.Engines.LlmSettings Llm { get; set; } = new();

    /// <summary>
    /// The general pronunciation dictionary (CMU format) that drug names a speech engine heard as other words are
    /// matched against by sound; the Debian package pocketsphinx-en-us installs it. Empty turns matching by sound off.
    /// </summary>
    public string PronunciationDictionary { get; set; } = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";
}

/// <summary>
/// Fills a session's requested templates from its transcript, all at once across the <see cref="ITemplateGrain"/>
/// pool, each with its own timeout: <c>transcript</c> from the transcript itself, built-ins by id, the
/// tenant's own templates by their definition, and an unknown id as <c>template_not_found</c>.
/// </summary>
public sealed class TemplateRunner(IGrainFactory grains, ExtractionSettings settings, ILogger<TemplateRunner> logger)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public async Task<(JsonObject Results, bool AnyFailed)> RunAsync(SessionView session, string tenantId, string transcript, IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken)
    {
        var custom = session.Templates.Any(t => !BuiltInTemplates.Contains(t))
            ? (await grains.GetGrain<ITenantGrain>(tenantId).GetTemplatesAsync()).ToDictionary(t => t.Id)
            : [];
        var outcomes = await Task.WhenAll(session.Templates.Distinct().Select(async id =>
        {
            if (id == "transcript")
            {
                return new TemplateOutcome(id, TranscriptData(transcript, segments).ToJsonString(), null, null);
            }

            CustomTemplate? definition = null;
            if (!BuiltInTemplates.Contains(id) && !custom.TryGetValue(id, out definition))
            {
                return TemplateOutcome.Failed(id, "template_not_found", $"Template '{id}' is not available: it is neither built in nor one of this tenant's templates.");
            }

            var key = definition is null ? id : $"{tenantId}/{id}";
            var job = new TemplateJob(session.SessionId, id, definition, segments, session.AdditionalDataJson, settings.TemplateTimeout);
            // The grain keeps the deadline; this one is the backstop for a grain that does not answer at all.
            var call = grains.GetGrain<ITemplateGrain>(key).ExtractAsync(job, cancellationToken);
            if (await Task.WhenAny(call, Task.Delay(settings.TemplateTimeout + Grace, cancellationToken)) == call)
            {
                return await call;
            }

            logger.LogWarning("Session {SessionId}: template {Template} did not answer within {Timeout}", session.SessionId, id, settings.TemplateTimeout + Grace);
            return TemplateOutcome.Failed(id, "timeout", $"Template '{id}' was not filled within {settings.TemplateTimeout}; the other templates are unaffected.");
        }));

        var results = new JsonObject();
        foreach (var outcome in outcomes)
        {
            results[outcome.TemplateId] = outcome.Succeeded
                ? new JsonObject { ["status"] = "success", ["data"] = JsonNode.Parse(outcome.DataJson ?? "{}") }
                : new JsonObject { ["status"] = "failed", ["error"] = new JsonObject { ["code"] = outcome.ErrorCode, ["message"] = outcome.ErrorMessage } };
        }

        return (results, outcomes.Any(o => !o.Succeeded));
    }

    /// <summary>
    /// The <c>transcript</c> template's data: the official schema wants an object, so the labelled text
    /// comes with its lines' speakers, audio times and confidences (line numbers are evidence indexes).
    /// </summary>
    public static JsonObject TranscriptData(string transcript, IReadOnlyList<TranscriptSegment> segments) => new()
    {
        ["text"] = transcript,
        ["utterances"] = new JsonArray(segments.Select(s => (JsonNode)new JsonObject
        {
            ["speaker"] = s.Speaker,
            ["text"] = s.Text,
            ["start_ms"] = s.StartMs,
            ["end_ms"] = s.EndMs,
            ["confidence"] = s.Confidence,
        }).ToArray()),
    };
}
