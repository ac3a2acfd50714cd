using System.Text.Json.Nodes;
using MedScribe.Abstractions.Templates;

namespace MedScribe.Clinical.Engines;

/// <summary>Fills one template from a transcript: the rule engine (embedded default) or an LLM engine.</summary>
public interface ITemplateEngine
{
    /// <summary>The engine's name, for logs and <c>model_used</c>-style reporting.</summary>
    string Name { get; }

    /// <summary>The template's data; throws <see cref="TemplateExtractionException"/> with an MSA code when it cannot.</summary>
    Task<JsonNode?> ExtractAsync(TemplateJob job, CancellationToken cancellationToken);
}

/// <summary>A template that could not be filled, with its MSA template error code.</summary>
public sealed class TemplateExtractionException(string code, string message) : Exception(message)
{
    public const string ExtractionFailed = "extraction_failed";
    public const string InsufficientAudio = "insufficient_audio";

    public string Code { get; } = code;
}
