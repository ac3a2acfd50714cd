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
        builder.Services.AddSingleton(ClinicalExtractor.Default);
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
}
