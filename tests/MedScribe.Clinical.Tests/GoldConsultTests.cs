using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Clinical.Tests;

/// <summary>
/// The consults the extractor's rules were written against (01–16), each exactly against its gold annotation.
/// The others (17–20) are unseen: the extraction benchmark scores them apart, so no rule is tuned to them here.
/// </summary>
public sealed class GoldConsultTests
{
    public static TheoryData<string> Scripts() => new(ConsultAudio.RulesWrittenAgainst);

    [Fact]
    public void Every_consult_the_rules_were_written_against_is_in_the_shared_set()
    {
        var shared = ConsultAudio.Scripts().Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.All(ConsultAudio.RulesWrittenAgainst, id => Assert.Contains(id, shared));
        Assert.True(shared.Count > ConsultAudio.RulesWrittenAgainst.Count, "the shared set has consults to measure the rules on");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Medications_vitals_problems_and_orders_match_the_gold_annotation(string id)
    {
        var script = Path.Combine(ConsultAudio.ConsultsDirectory, id + ".txt");
        var gold = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(script, ".json")))!;
        var facts = ClinicalExtractor.Default.Extract(ClinicalTranscript.FromText(File.ReadAllText(script)));

        Assert.Equal(
            gold["medications"]!.AsArray().Select(m => (m!["name"]!.GetValue<string>(), m["action"]!.GetValue<string>())).Order(),
            facts.Medications.Select(m => (m.Name, m.Action)).Order());
        foreach (var m in gold["medications"]!.AsArray())
        {
            var ours = facts.Medications.Single(x => x.Name == m!["name"]!.GetValue<string>());
            Assert.Equal(m!["dosage"]?.GetValue<string>(), ours.Dosage);
        }

        var vitals = gold["vitals"]!.AsObject();
        Assert.Equal(vitals.Count(v => !v.Key.EndsWith("_unit", StringComparison.Ordinal)), facts.Vitals.Count(v => v.Kind != "pain_score"));
        if (vitals["heart_rate"] is { } heartRate)
        {
            Assert.Equal(heartRate.GetValue<double>(), facts.Vitals.Single(v => v.Kind == "heart_rate").Value);
        }

        Assert.Equal(
            gold["problems"]!.AsArray().Select(p => p!["icd10"]!.GetValue<string>().Split('.')[0]).Order(),
            facts.Problems.Select(p => p.Code!.Split('.')[0]).Order());
        Assert.Equal(gold["orders"]!.AsArray().Count, facts.Orders.Count);
        Assert.Equal(gold["allergies"]!.AsArray().Count, facts.Allergies.Count(a => a.Substance != "NKDA"));
        Assert.All(facts.Medications, m => Assert.NotEmpty(m.Evidence));
        Assert.All(facts.Problems, p => Assert.NotEmpty(p.Evidence));
    }

    [Fact]
    public void The_referral_letter_and_visit_summary_are_composed_from_the_consults_facts()
    {
        var script = Path.Combine(ConsultAudio.ConsultsDirectory, "08-afib-anticoagulation.txt");
        var facts = ClinicalExtractor.Default.Extract(ClinicalTranscript.FromText(File.ReadAllText(script)));

        var letter = Templates.TemplateRenderer.Render("referral_letter", facts);
        Assert.Equal("cardiology", letter["to_specialty"]!.GetValue<string>());
        Assert.Contains("restore a normal rhythm", letter["questions"]!.GetValue<string>());
        Assert.Contains("apixaban 5 mg twice daily", letter["current_medications"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.DoesNotContain("aspirin", letter["current_medications"]!.ToJsonString());
        Assert.StartsWith("Dear cardiology colleague,", letter["letter"]!.GetValue<string>());

        var summary = Templates.TemplateRenderer.Render("discharge_summary", facts);
        Assert.Equal("2 weeks", summary["follow_up"]!.GetValue<string>());
        Assert.Contains("atrial fibrillation (I48.91)", summary["diagnoses"]!.AsArray().Select(d => d!.GetValue<string>()));
        var instructions = Templates.TemplateRenderer.Render("patient_instructions", facts);
        Assert.Contains(instructions["items"]!.AsArray(), i => i!["text"]!.GetValue<string>().StartsWith("Go to the emergency room", StringComparison.Ordinal));
        Assert.Contains("Stop taking aspirin.", instructions["summary"]!.GetValue<string>());
    }
}
