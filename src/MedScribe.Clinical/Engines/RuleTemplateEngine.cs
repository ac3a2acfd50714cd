using System.Text.Json.Nodes;
using MedScribe.Abstractions.Templates;
using MedScribe.Clinical.Templates;

namespace MedScribe.Clinical.Engines;

/// <summary>The embedded engine: the rule-based clinical extractor, no network, deterministic.</summary>
public sealed class RuleTemplateEngine(ClinicalExtractor extractor) : ITemplateEngine
{
    /// <summary>Fewer words than this is not a consult anyone can take a note from.</summary>
    public const int MinimumWords = 12;

    public string Name => "rules";

    public Task<JsonNode?> ExtractAsync(TemplateJob job, CancellationToken cancellationToken)
    {
        var transcript = ClinicalTranscript.FromSegments(job.Utterances);
        if (job.TemplateId != "transcript" && transcript.WordCount < MinimumWords)
        {
            throw new TemplateExtractionException(TemplateExtractionException.InsufficientAudio,
                $"The transcript has {transcript.WordCount} words; at least {MinimumWords} are needed to fill '{job.TemplateId}'.");
        }

        var facts = extractor.Extract(transcript);
        if (job.Custom is { } custom)
        {
            var understood = custom.Sections.Where(TemplateRenderer.Understands).Select(s => s.Key).ToList();
            if (understood.Count == 0)
            {
                throw new TemplateExtractionException(TemplateExtractionException.ExtractionFailed,
                    $"The rule engine recognises none of the sections of '{custom.Id}' ({string.Join(", ", custom.Sections.Select(s => s.Key))}); name them after a note part such as subjective, medications, plan or follow-up, or configure the LLM engine.");
            }

            return Task.FromResult<JsonNode?>(TemplateRenderer.RenderCustom(custom, facts));
        }

        if (!BuiltInTemplates.Contains(job.TemplateId))
        {
            throw new TemplateExtractionException(TemplateExtractionException.ExtractionFailed, $"'{job.TemplateId}' is not a template this engine knows.");
        }

        return Task.FromResult<JsonNode?>(TemplateRenderer.Render(job.TemplateId, facts));
    }
}

