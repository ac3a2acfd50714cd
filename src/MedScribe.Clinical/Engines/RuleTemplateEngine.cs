using System.Text.Json.Nodes;
using MedScribe.Abstractions.Templates;
using MedScribe.Clinical.Templates;

namespace MedScribe.Clinical.Engines;

/// <summary>The embedded engine: the rule-based clinical extractor, no network, deterministic.</summary>
public sealed class RuleTemplateEngine(ClinicalExtractor extractor) : ITemplateEngine
{
    public string Name => "rules";

    public Task<JsonNode?> ExtractAsync(TemplateJob job, CancellationToken cancellationToken)
    {
        TemplateExtractionException.EnsureEnoughSpeech(job);
        var facts = extractor.Extract(ClinicalTranscript.FromSegments(job.Utterances));
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

