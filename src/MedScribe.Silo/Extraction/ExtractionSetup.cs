using MedScribe.Clinical;
using MedScribe.Clinical.Engines;
using MedScribe.Grains.Templates;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Extraction;

/// <summary>Wires the configured extraction engine behind the template grains.</summary>
public static class ExtractionSetup
{
    public static readonly string[] Engines = ["rules", "llm"];

    public static WebApplicationBuilder AddScribeExtraction(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExtractionSettings>().BindConfiguration(ExtractionSettings.Section)
            .Validate(s => Engines.Contains(s.Engine), $"Extraction:Engine must be one of {string.Join(", ", Engines)}.")
            .Validate(s => s.TemplateTimeout > TimeSpan.Zero, "Extraction:TemplateTimeout must be positive.")
            .Validate(s => s.Engine != "llm" || Uri.TryCreate(s.Llm.BaseUrl, UriKind.Absolute, out _),
                "Extraction:Llm:BaseUrl must be an absolute URL when Extraction:Engine is llm.")
            .Validate(s => s.Llm.Retries is >= 0 and <= 10, "Extraction:Llm:Retries must be between 0 and 10.")
            .Validate(s => s.Llm.Timeout > TimeSpan.Zero, "Extraction:Llm:Timeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<ExtractionSettings>>().Value);
        builder.Services.AddSingleton(services => CreateExtractor(services.GetRequiredService<ExtractionSettings>(), services.GetRequiredService<ILogger<ClinicalExtractor>>()));
        builder.Services.AddSingleton<TemplateRunner>();
        builder.Services.AddSingleton<ITemplateEngine>(services =>
        {
            var settings = services.GetRequiredService<ExtractionSettings>();
            return settings.Engine == "llm"
                ? new LlmTemplateEngine(LlmTemplateEngine.CreateChatClient(settings.Llm), settings.Llm, services.GetRequiredService<ILogger<LlmTemplateEngine>>())
                : new RuleTemplateEngine(services.GetRequiredService<ClinicalExtractor>());
        });
        return builder;
    }

    /// <summary>The rule extractor, matching misheard drug names by sound when the pronunciation dictionary is there.</summary>
    public static ClinicalExtractor CreateExtractor(ExtractionSettings settings, ILogger logger)
    {
        if (settings.PronunciationDictionary.Length == 0)
        {
            logger.LogInformation("Drug names are matched by spelling only (Extraction:PronunciationDictionary is empty).");
            return ClinicalExtractor.Default;
        }

        if (!File.Exists(settings.PronunciationDictionary))
        {
            logger.LogWarning("Drug names are matched by spelling only: the pronunciation dictionary {Path} (Extraction:PronunciationDictionary; Debian package pocketsphinx-en-us) does not exist.",
                settings.PronunciationDictionary);
            return ClinicalExtractor.Default;
        }

        var soundAlike = MedScribe.Clinical.Lexicons.SoundAlikeTerms.Load(MedScribe.Clinical.Lexicons.ClinicalLexicon.Default, settings.PronunciationDictionary);
        logger.LogInformation("Drug names are also matched by sound: {Count} drug spellings pronounced from {Path} and medical.dict.", soundAlike.PronouncedDrugs, settings.PronunciationDictionary);
        return new ClinicalExtractor(MedScribe.Clinical.Lexicons.ClinicalLexicon.Default, soundAlike);
    }
}
