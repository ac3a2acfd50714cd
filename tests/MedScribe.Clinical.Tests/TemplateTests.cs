using System.Text.Json.Nodes;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Templates;
using MedScribe.Clinical.Engines;
using MedScribe.Clinical.Templates;

namespace MedScribe.Clinical.Tests;

public sealed class TemplateTests
{
    private static readonly string[] Visit =
    [
        "D: Good morning. What brings you in today?",
        "P: For about two weeks I've had a cough and I get short of breath on the stairs. No fever.",
        "D: Any allergies to medications?",
        "P: No.",
        "D: Your blood pressure is one thirty over eighty and your oxygen level is ninety six percent.",
        "D: Your lungs have some wheezing on both sides.",
        "D: This looks like acute bronchitis. I'm starting albuterol, two puffs inhaled every four hours as needed.",
        "D: I'm also ordering a chest x-ray. Drink plenty of fluids. I'll see you back in two weeks.",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TemplateJob Job(string templateId, CustomTemplate? custom = null, params string[] lines) =>
        new("ses_test", templateId, custom, Segments(lines.Length == 0 ? Visit : lines), null, TimeSpan.FromMinutes(1));

    private static IReadOnlyList<TranscriptSegment> Segments(IReadOnlyList<string> lines) =>
        lines.Select((l, i) => new TranscriptSegment(l.StartsWith("D:") ? "Doctor" : "Patient", l[3..], i * 5000, i * 5000 + 4000, 0.9)).ToList();

    [Fact]
    public async Task Every_built_in_template_gives_an_object_or_an_array_of_objects_as_the_official_schema_requires()
    {
        var engine = new RuleTemplateEngine(ClinicalExtractor.Default);
        foreach (var template in BuiltInTemplates.All)
        {
            var data = await engine.ExtractAsync(Job(template.Id), Cancel);
            Assert.True(data is JsonObject || data is JsonArray array && array.All(i => i is JsonObject), $"{template.Id}: {data?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task The_note_is_composed_from_what_was_said_with_evidence_pointing_at_lines_and_times()
    {
        var engine = new RuleTemplateEngine(ClinicalExtractor.Default);
        var soap = (await engine.ExtractAsync(Job("soap"), Cancel))!.AsObject();
        Assert.Contains("BP 130/80", soap["objective"]!.GetValue<string>());
        Assert.Contains("Acute bronchitis (J20.9), newly diagnosed", soap["assessment"]!.GetValue<string>());
        Assert.Contains("Start albuterol 2 puffs inhaled every 4 hours as needed", soap["plan"]!.GetValue<string>());
        Assert.Contains("Denies: fever", soap["subjective"]!.GetValue<string>());

        var medications = (await engine.ExtractAsync(Job("medications"), Cancel))!.AsArray();
        var evidence = medications[0]!["evidence"]![0]!;
        Assert.Equal((6, 30000L, 34000L), (evidence["utterance"]!.GetValue<int>(), evidence["start_ms"]!.GetValue<long>(), evidence["end_ms"]!.GetValue<long>()));

        var orders = (await engine.ExtractAsync(Job("orders"), Cancel))!.AsArray();
        Assert.Equal(("imaging", "chest x-ray", "71046"), (orders[0]!["type"]!.GetValue<string>(), orders[0]!["name"]!.GetValue<string>(), orders[0]!["code"]!["code"]!.GetValue<string>()));
        var followUp = (await engine.ExtractAsync(Job("follow_up"), Cancel))!;
        Assert.Equal("2 weeks", followUp["interval"]!.GetValue<string>());
        var allergies = (await engine.ExtractAsync(Job("allergies"), Cancel))!.AsArray();
        Assert.Equal("NKDA", allergies[0]!["substance"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_custom_template_fills_the_sections_it_recognises_and_leaves_the_others_null()
    {
        var custom = new CustomTemplate("cardio_note", "Cardio note", "", [
            new TemplateSection("meds", "Medications", "Every medication with its dose"),
            new TemplateSection("plan", "Plan", "What happens next"),
            new TemplateSection("weather", "Weather", "How was the weather"),
        ]);

        var data = (await new RuleTemplateEngine(ClinicalExtractor.Default).ExtractAsync(Job("cardio_note", custom), Cancel))!.AsObject();

        Assert.Contains("albuterol 2 puffs", data["meds"]!.GetValue<string>());
        Assert.Contains("Follow up in 2 weeks", data["plan"]!.GetValue<string>());
        Assert.Null(data["weather"]);
        Assert.Equal(["meds", "plan", "weather"], data.Select(p => p.Key));
    }

    [Fact]
    public async Task A_template_fails_with_its_code_when_it_cannot_be_filled()
    {
        var engine = new RuleTemplateEngine(ClinicalExtractor.Default);
        var tooShort = await Assert.ThrowsAsync<TemplateExtractionException>(() => engine.ExtractAsync(Job("soap", null, "D: Hello.", "P: Hi."), Cancel));
        Assert.Equal("insufficient_audio", tooShort.Code);

        var unreadable = new CustomTemplate("odd", "Odd", "", [new TemplateSection("weather", "Weather", "How was the weather")]);
        var failed = await Assert.ThrowsAsync<TemplateExtractionException>(() => engine.ExtractAsync(Job("odd", unreadable), Cancel));
        Assert.Equal("extraction_failed", failed.Code);
        Assert.Contains("weather", failed.Message);
    }

    [Fact]
    public void Rendering_every_template_of_a_consult_is_deterministic()
    {
        var facts = ClinicalExtractor.Default.Extract(ClinicalTranscript.FromSegments(Segments(Visit)));
        var again = ClinicalExtractor.Default.Extract(ClinicalTranscript.FromSegments(Segments(Visit)));
        foreach (var template in BuiltInTemplates.All)
        {
            Assert.Equal(TemplateRenderer.Render(template.Id, facts).ToJsonString(), TemplateRenderer.Render(template.Id, again).ToJsonString());
        }
    }
}
