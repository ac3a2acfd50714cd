using MedScribe.Abstractions.Sessions;

namespace MedScribe.Abstractions.Templates;

/// <summary>One template to fill from a finished transcript. The transcript is text (kilobytes), never audio.</summary>
[GenerateSerializer, Immutable]
public sealed record TemplateJob(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string TemplateId,
    [property: Id(2)] CustomTemplate? Custom,
    [property: Id(3)] IReadOnlyList<TranscriptSegment> Utterances,
    [property: Id(4)] string? AdditionalDataJson,
    [property: Id(5)] TimeSpan Timeout);

/// <summary>A template's entry in the session result: <c>success</c> with data, or <c>failed</c> with a code.</summary>
[GenerateSerializer, Immutable]
public sealed record TemplateOutcome(
    [property: Id(0)] string TemplateId,
    [property: Id(1)] string? DataJson,
    [property: Id(2)] string? ErrorCode,
    [property: Id(3)] string? ErrorMessage)
{
    public bool Succeeded => ErrorCode is null;

    public static TemplateOutcome Failed(string templateId, string code, string message) => new(templateId, null, code, message);
}

/// <summary>
/// Fills one template from a transcript with the configured extraction engine. A <c>[StatelessWorker]</c>
/// keyed by template id (tenant-scoped for custom templates), so one popular template is never a
/// cluster-wide bottleneck.
/// </summary>
public interface ITemplateGrain : IGrainWithStringKey
{
    /// <summary>Extracts the template; a failure is reported in the outcome with its MSA code, not thrown. Cancelling the token cancels the engine.</summary>
    Task<TemplateOutcome> ExtractAsync(TemplateJob job, CancellationToken cancellationToken = default);
}
