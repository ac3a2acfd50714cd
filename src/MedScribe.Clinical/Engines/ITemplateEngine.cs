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

    /// <summary>Fewer words than this is not a consult anyone can take a note from.</summary>
    public const int MinimumWords = 12;

    /// <summary>Refuses a clinical template for a transcript too short to take a note from (<c>insufficient_audio</c>), whatever the engine.</summary>
    public static void EnsureEnoughSpeech(TemplateJob job)
    {
        var words = job.Utterances.Sum(u => Text.Tokens.Words(u.Text).Length);
        if (job.TemplateId != "transcript" && words < MinimumWords)
        {
            throw new TemplateExtractionException(InsufficientAudio,
                $"The transcript has {words} words; at least {MinimumWords} are needed to fill '{job.TemplateId}'.");
        }
    }
}
