using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Clinical.Tests;

/// <summary>Every public consult script against its gold annotation (the bench scores the rest).</summary>
public sealed class GoldConsultTests
{
    public static TheoryData<string> Scripts() => new(ConsultAudio.Scripts().Select(Path.GetFileNameWithoutExtension)!);

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
        Assert.All(facts.Medications.Concat<object>(facts.Problems), item => Assert.NotEmpty(((dynamic)item).Evidence));
    }
}
