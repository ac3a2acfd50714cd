using MedScribe.Clinical.Lexicons;
using System.Diagnostics;
using System.Text.Json.Nodes;
using MedScribe.Abstractions.Templates;
using MedScribe.Clinical;
using MedScribe.Clinical.Templates;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Clinical extraction over every public consult with the rule engine: field precision, recall and F1
/// against the gold annotations, SOAP key-fact recall, negation errors and hallucinated medications,
/// from the gold script and (optionally) from the speech engine's transcript of its festival audio; then
/// the time to render every template of a 10-minute consult on one core.
/// </summary>
public static class ExtractionBenchmark
{
    public static async Task RunAsync(bool speech, bool verbose)
    {
        var scripts = ConsultAudio.Scripts();
        Console.WriteLine(Extractor.MatchesBySound
            ? "Drug names are matched by spelling and by sound (the pronunciation dictionary is installed)."
            : "Drug names are matched by spelling only: the pronunciation dictionary is not installed (Debian package pocketsphinx-en-us).");
        var golds = scripts.ToDictionary(s => s, s => JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(s, ".json")))!);
        ReportApart("From the gold scripts", scripts.Select(s => Evaluate(Path.GetFileNameWithoutExtension(s), golds[s], ClinicalTranscript.FromText(File.ReadAllText(s)))).ToList(), verbose);
        if (speech)
        {
            var transcripts = await SpeechTranscripts.GetAsync(scripts);
            ReportApart("From the embedded speech engine's transcripts of the festival audio", scripts.Select(s => Evaluate(Path.GetFileNameWithoutExtension(s), golds[s], transcripts[s])).ToList(), verbose);
        }

        Console.WriteLine();
        Timing(scripts);
    }

    /// <summary>
    /// Consult scripts with no gold annotation (a folder of "D: …" / "P: …" scripts): each is spoken by festival and recognised
    /// by the embedded speech engine as the shared consults are, and what the extractor finds in the recognised transcript is
    /// scored against what it finds in the script's own text. Says what speech alone loses, on consults no rule was written
    /// against, without writing their annotations first.
    /// </summary>
    /// <remarks>
    /// A script with an annotation beside it (<c>name.json</c>, the consults' shape) is scored against that instead, from its text as
    /// well as from its speech; <paramref name="save"/> writes the extraction from each script's text there first, so that another
    /// build can be scored against the same reference. Scripts the folder's <c>held-out.txt</c> names are reported apart.
    /// </remarks>
    public static async Task SpeechLossAsync(string directory, bool verbose, bool save)
    {
        var scripts = Directory.GetFiles(directory, "*.txt").Where(f => Path.GetFileName(f) != "held-out.txt").Order(StringComparer.Ordinal).ToList();
        var references = scripts.ToDictionary(s => s, s => Path.ChangeExtension(s, ".json"));
        foreach (var script in save ? scripts : [])
        {
            File.WriteAllText(references[script], FromText(Extractor.Extract(ClinicalTranscript.FromText(File.ReadAllText(script)))).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        var annotated = scripts.Count(s => File.Exists(references[s]));
        Console.WriteLine($"{scripts.Count} scripts of {Path.GetFullPath(directory)}: the extraction from the recognised speech scored against "
            + (annotated == 0 ? "the extraction from the script's text." : $"the annotation beside the script ({annotated} of them), else the extraction from its text."));
        var golds = scripts.ToDictionary(s => s, s => File.Exists(references[s])
            ? JsonNode.Parse(File.ReadAllText(references[s]))!
            : FromText(Extractor.Extract(ClinicalTranscript.FromText(File.ReadAllText(s)))));
        var heldOut = HeldOut(directory);
        if (annotated > 0)
        {
            ReportHeldOutApart("From the scripts' text, against their annotations",
                scripts.Select(s => Evaluate(Path.GetFileNameWithoutExtension(s), golds[s], ClinicalTranscript.FromText(File.ReadAllText(s)))).ToList(), heldOut, verbose);
        }

        var transcripts = await SpeechTranscripts.GetAsync(scripts);
        ReportHeldOutApart("From the recognised speech", scripts.Select(s => Evaluate(Path.GetFileNameWithoutExtension(s), golds[s], transcripts[s])).ToList(), heldOut, verbose);
    }

    /// <summary>
    /// The scripts a folder's <c>held-out.txt</c> names (one per line, <c>#</c> comments): written with the others but kept out of
    /// rule writing, so their figures say how the rules generalise. Their misses are never printed, so they cannot be read by accident.
    /// </summary>
    private static HashSet<string> HeldOut(string directory)
    {
        var file = Path.Combine(directory, "held-out.txt");
        return File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    private static void ReportHeldOutApart(string source, IReadOnlyList<ConsultScore> scores, HashSet<string> heldOut, bool verbose)
    {
        var written = scores.Where(s => !heldOut.Contains(s.Id)).ToList();
        Console.WriteLine(heldOut.Count == 0 ? $"{source}:" : $"{source}, the {written.Count} scripts rules may be written against:");
        Report(written, verbose);
        var held = scores.Where(s => heldOut.Contains(s.Id)).ToList();
        if (held.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"{source}, the {held.Count} held-out scripts ({string.Join(", ", held.Select(s => s.Id))}), without their misses:");
            Report(held, verbose: false);
        }

        Console.WriteLine();
    }

    /// <summary>The facts found in a script's text, written as a gold annotation (no SOAP facts, no denied findings).</summary>
    private static JsonNode FromText(ClinicalFacts facts)
    {
        var vitals = new JsonObject();
        foreach (var vital in facts.Vitals.Where(v => v.Kind != "pain_score"))
        {
            switch (vital.Kind)
            {
                case "blood_pressure": vitals[vital.Kind] = $"{vital.Value:0.###}/{vital.Second:0.###}"; break;
                case "temperature" or "weight": vitals[vital.Kind] = vital.Value; vitals[vital.Kind + "_unit"] = vital.Unit; break;
                default: vitals[vital.Kind] = vital.Value; break;
            }
        }

        return new JsonObject
        {
            ["vitals"] = vitals,
            ["medications"] = new JsonArray(facts.Medications.Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["dosage"] = m.Dosage, ["frequency"] = m.Frequency, ["action"] = m.Action }).ToArray()),
            ["allergies"] = new JsonArray(facts.Allergies.Where(a => a.Substance != "NKDA").Select(a => (JsonNode)new JsonObject { ["substance"] = a.Substance }).ToArray()),
            ["problems"] = new JsonArray(facts.Problems.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["icd10"] = p.Code }).ToArray()),
            ["orders"] = new JsonArray(facts.Orders.Select(o => (JsonNode)new JsonObject { ["type"] = o.Type, ["name"] = o.Name }).ToArray()),
            ["follow_up"] = facts.FollowUp?.Interval,
            ["negated_findings"] = new JsonArray(),
            ["soap"] = new JsonObject { ["subjective"] = new JsonArray(), ["objective"] = new JsonArray(), ["assessment"] = new JsonArray(), ["plan"] = new JsonArray() },
        };
    }

    /// <summary>The consults the rules were written against, then the unseen ones: only the second says how the rules generalise.</summary>
    private static void ReportApart(string source, IReadOnlyList<ConsultScore> scores, bool verbose)
    {
        var seen = scores.Where(s => ConsultAudio.RulesWrittenAgainst.Contains(s.Id)).ToList();
        var unseen = scores.Except(seen).ToList();
        Console.WriteLine($"{source}, the {seen.Count} consults the rules were written against:");
        Report(seen, verbose);
        if (unseen.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"{source}, the {unseen.Count} consults no rule was written against ({string.Join(", ", unseen.Select(s => s.Id[..2]))}):");
            Report(unseen, verbose);
        }

        Console.WriteLine();
    }

    /// <summary>The extractor as the service builds it: drug names matched by sound when the pronunciation dictionary is installed.</summary>
    internal static readonly ClinicalExtractor Extractor = new MedScribe.Grains.Templates.ExtractionSettings().PronunciationDictionary is var dictionary && File.Exists(dictionary)
        ? new ClinicalExtractor(ClinicalLexicon.Default, SoundAlikeTerms.Load(ClinicalLexicon.Default, dictionary))
        : ClinicalExtractor.Default;

    private static ConsultScore Evaluate(string id, JsonNode gold, ClinicalTranscript transcript)
    {
        var facts = Extractor.Extract(transcript);
        var results = BuiltInTemplates.All.ToDictionary(t => t.Id, t => (JsonNode?)TemplateRenderer.Render(t.Id, facts));
        return ExtractionEvaluation.Score(id, gold, results, string.Join('\n', transcript.Utterances.Select(u => u.Text)),
            facts.Transcript.Sentences.SelectMany(s => s.Words).ToList());
    }

    private static void Report(IReadOnlyList<ConsultScore> scores, bool verbose)
    {
        Console.WriteLine($"| consult | {string.Join(" | ", ExtractionEvaluation.FieldNames.Select(f => f + " F1"))} | SOAP facts (S/O/A/P) | A+P verbatim | negation errors | hallucinated meds |");
        Console.WriteLine($"|---|{string.Concat(ExtractionEvaluation.FieldNames.Select(_ => "---|"))}---|---|---|---|");
        foreach (var s in scores)
        {
            var soap = s.Soap.Values.Aggregate((0, 0), (a, b) => (a.Item1 + b.Recalled, a.Item2 + b.Total));
            var sections = string.Join(" ", new[] { "subjective", "objective", "assessment", "plan" }.Select(x => $"{s.Soap[x].Recalled}/{s.Soap[x].Total}"));
            var copied = s.Verbatim.Runs == 0 ? "-" : $"{100.0 * s.Verbatim.Copied / s.Verbatim.Runs:F0}%";
            Console.WriteLine($"| {s.Id} | {string.Join(" | ", ExtractionEvaluation.FieldNames.Select(f => $"{s.Fields[f].F1:F2}"))} | {sections} | {copied} | {s.NegationErrors.Count} | {s.HallucinatedMedications.Count} |");
            if (verbose)
            {
                foreach (var miss in s.Misses.Concat(s.NegationErrors.Select(n => $"negation error: {n}")).Concat(s.HallucinatedMedications.Select(h => $"hallucinated: {h}")))
                {
                    Console.WriteLine($"    {miss}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| field | precision | recall | F1 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var field in ExtractionEvaluation.FieldNames)
        {
            var total = scores.Select(s => s.Fields[field]).Aggregate(FieldScore.Zero, (a, b) => a + b);
            Console.WriteLine($"| {field} | {total.Precision:F3} | {total.Recall:F3} | **{total.F1:F3}** ({total.TruePositives} of {total.Gold} gold, {total.Reported} reported) |");
        }

        foreach (var section in new[] { "subjective", "objective", "assessment", "plan" })
        {
            var (recalled, all) = scores.Select(s => s.Soap[section]).Aggregate((0, 0), (a, b) => (a.Item1 + b.Recalled, a.Item2 + b.Total));
            Console.WriteLine($"| SOAP {section} key facts | | {(double)recalled / all:F3} | ({recalled} of {all}) |");
        }

        var (allCopied, allRuns) = scores.Select(s => s.Verbatim).Aggregate((0, 0), (a, b) => (a.Item1 + b.Copied, a.Item2 + b.Runs));
        Console.WriteLine($"| assessment and plan: 8-word runs copied verbatim from the transcript | | | {(allRuns == 0 ? 0 : (double)allCopied / allRuns):P1} ({allCopied} of {allRuns}) |");
        var (subjectiveCopied, subjectiveRuns) = scores.Select(s => s.SubjectiveVerbatim).Aggregate((0, 0), (a, b) => (a.Item1 + b.Copied, a.Item2 + b.Runs));
        Console.WriteLine($"| subjective: 8-word runs copied verbatim from the transcript | | | {(subjectiveRuns == 0 ? 0 : (double)subjectiveCopied / subjectiveRuns):P1} ({subjectiveCopied} of {subjectiveRuns}) |");
        var parts = scores.Select(s => s.TupleParts).Aggregate(TupleParts.Zero, (a, b) => a + b);
        Console.WriteLine($"medications with the right name ({parts.NameMatched}): dose differs {parts.Dose} ({parts.DoseEmpty} left empty), frequency differs {parts.Frequency} ({parts.FrequencyEmpty} left empty), action differs {parts.Action}");
        var bySound = scores.SelectMany(s => s.FoundBySound).ToList();
        Console.WriteLine($"medications found by sound (a name heard as other words, followed by a dose): {bySound.Count}{(bySound.Count == 0 ? "" : $" ({string.Join(", ", bySound)})")}");
        Console.WriteLine($"negation errors (a denied finding reported as present): {scores.Sum(s => s.NegationErrors.Count)}; hallucinated medications (no support in the transcript): {scores.Sum(s => s.HallucinatedMedications.Count)}");
    }

    /// <summary>Every template of a 10-minute consult (two consults' scripts back to back, about 600 s of speech) on one thread.</summary>
    private static void Timing(IReadOnlyList<string> scripts)
    {
        var text = string.Join('\n', scripts.Take(2).Select(File.ReadAllText)) + "\n" + File.ReadAllText(scripts[2]);
        var transcript = ClinicalTranscript.FromText(text);
        var words = transcript.WordCount;
        for (var i = 0; i < 5; i++)
        {
            RenderAll(transcript);
        }

        var times = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            RenderAll(transcript);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"All {BuiltInTemplates.All.Count} templates of a {transcript.Utterances.Count}-utterance, {words}-word consult (about {words / 150.0:F0} minutes of speech at 150 words a minute), one thread, fresh extraction each run: median {times[times.Count / 2]:F1} ms, p90 {times[(int)(times.Count * 0.9)]:F1} ms (target < 200 ms)");
    }

    private static void RenderAll(ClinicalTranscript transcript)
    {
        var facts = Extractor.Extract(transcript);
        foreach (var template in BuiltInTemplates.All)
        {
            TemplateRenderer.Render(template.Id, facts).ToJsonString();
        }
    }
}
