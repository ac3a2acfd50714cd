using System.Globalization;
using MedScribe.Clinical;
using MedScribe.Clinical.Lexicons;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Every drug of the lexicon said aloud, by its generic name and again by its first other name (a brand),
/// in a plain prescribing sentence spoken by festival, recognised by the embedded speech engine and read by
/// the extractor: how many are found, with the dose and the decision said, and what else is reported. No
/// consult is involved, so the figures say how the recogniser and the sound matching cover the lexicon, not
/// how the rules fit a consult's phrasing. The sentences are written here, one of eight shapes per drug.
/// </summary>
public static class SpokenDrugsBenchmark
{
    private const int DrugsPerScript = 24;

    /// <summary>A clinician's sentence with a dose ({1}) and without one, the patient's answer, and the decision it states.</summary>
    private static readonly (string Dosed, string Plain, string Patient, string Action)[] Shapes =
    [
        ("I'd like to start you on {0} {1} once a day.", "I'd like to start you on {0} once a day.", "Okay, I can do that.", "start"),
        ("Keep taking your {0} {1} twice a day.", "Keep taking your {0} twice a day.", "Sure.", "continue"),
        ("We'll go up on the {0} to {1} daily.", "We'll increase the {0}.", "All right.", "increase"),
        ("I want you to stop the {0} for now.", "I want you to stop the {0} for now.", "Okay.", "stop"),
        ("Have you been taking the {0} {1} every morning?", "Have you been taking the {0} every morning?", "Yes, every morning.", "continue"),
        ("I'm sending a prescription for {0} {1} at bedtime.", "I'm sending a prescription for {0} at bedtime.", "Thank you.", "start"),
        ("Let's continue the {0} {1} as before.", "Let's continue the {0} as before.", "Sounds good.", "continue"),
        ("We're going to cut the {0} back to {1} a day.", "We're going to cut back on the {0}.", "Okay, less of it.", "decrease"),
    ];

    public static async Task RunAsync(bool verbose)
    {
        var lexicon = ClinicalLexicon.Default;
        // A typical spoken dose per drug, from the speech corpus's drug list: its middle dose (of its first line, when it has several units).
        var doses = MedScribe.Speech.LanguageModel.ClinicalCorpus.Drugs(MedScribe.Speech.PocketSphinx.MedicalSpeechModel.DefaultDataDirectory)
            .DistinctBy(d => d.Name, StringComparer.Ordinal)
            .ToDictionary(d => d.Name, d => $"{d.Doses[d.Doses.Count / 2]} {d.Unit}", StringComparer.Ordinal);
        var byDrug = lexicon.DrugSpellings.GroupBy(s => s.Drug.Generic).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var generics = byDrug.Select(g => (Said: g.Key, Drug: g.Key)).ToList();
        var brands = byDrug.Select(g => (Said: g.Select(s => s.Spelling).FirstOrDefault(s => s != g.Key), Drug: g.Key))
            .Where(p => p.Said is not null).Select(p => (Said: p.Said!, p.Drug)).ToList();
        Console.WriteLine($"{generics.Count} drugs by generic name and {brands.Count} by their first other name, {Shapes.Length} sentence shapes, {DrugsPerScript} drugs a recording:");
        var extractor = ExtractionBenchmark.Extractor;
        foreach (var (label, said) in new[] { ("generic names", generics), ("other names (brands, spoken variants)", brands) })
        {
            var scripts = Write(label[..5], said, doses);
            var transcripts = await SpeechTranscripts.GetAsync(scripts.Select(s => s.Path).ToList());
            var (found, dosed, dosedFound, decided, extra, misses, wrong) = (0, 0, 0, 0, new List<string>(), new List<string>(), new List<string>());
            foreach (var script in scripts)
            {
                var facts = extractor.Extract(transcripts[script.Path]);
                var turns = (await ConsultAudio.GetAsync(script.Path)).Turns;
                var reported = facts.Medications.ToLookup(m => m.Name.ToLowerInvariant());
                foreach (var line in script.Lines)
                {
                    var match = reported[line.Drug].FirstOrDefault();
                    if (match is null)
                    {
                        misses.Add($"{line.Said}: \"{SpokenScripts.HeardText(transcripts[script.Path], turns[line.Index])}\"");
                        continue;
                    }

                    found++;
                    decided += match.Action == line.Action ? 1 : 0;
                    if (match.Action != line.Action)
                    {
                        wrong.Add($"{line.Said}: {match.Action} for {line.Action}, \"{SpokenScripts.HeardText(transcripts[script.Path], turns[line.Index])}\"");
                    }

                    if (line.Dose is not null)
                    {
                        dosed++;
                        dosedFound += match.Dosage is { } d && Normal(d).Contains(Normal(line.Dose), StringComparison.Ordinal) ? 1 : 0;
                    }
                }

                var spoken = script.Lines.Select(l => l.Drug).ToHashSet();
                // The name with the words it was read from, so a name reported but never said can be traced.
                extra.AddRange(reported.Where(g => !spoken.Contains(g.Key)).Select(g => $"{g.Key} (\"{g.First().Evidence.FirstOrDefault()?.Text}\")"));
            }

            Console.WriteLine($"| {label} | found {found} of {said.Count} ({(double)found / said.Count:P1}) | dose right {dosedFound} of {dosed} found with a dose | decision right {decided} of {found} | reported but not said: {extra.Count} |");
            if (verbose)
            {
                Console.WriteLine($"    reported but not said: {string.Join(", ", extra)}");
                foreach (var miss in misses)
                {
                    Console.WriteLine($"    missed {miss}");
                }

                foreach (var decision in wrong)
                {
                    Console.WriteLine($"    decision {decision}");
                }
            }
        }
    }

    private sealed record Line(int Index, string Said, string Drug, string? Dose, string Action);

    private sealed record Script(string Path, IReadOnlyList<Line> Lines);

    private static List<Script> Write(string prefix, IReadOnlyList<(string Said, string Drug)> said, IReadOnlyDictionary<string, string> doses)
    {
        var scripts = new List<Script>();
        for (var start = 0; start < said.Count; start += DrugsPerScript)
        {
            var lines = new List<Line>();
            var text = new System.Text.StringBuilder();
            foreach (var (i, (name, drug)) in said.Skip(start).Take(DrugsPerScript).Select((p, i) => (i, p)))
            {
                var shape = Shapes[(start + i) % Shapes.Length];
                var dose = shape.Dosed.Contains("{1}", StringComparison.Ordinal) && doses.TryGetValue(drug, out var d) ? d : null;
                text.Append("D: ").AppendLine(string.Format(CultureInfo.InvariantCulture, dose is null ? shape.Plain : shape.Dosed, name, dose));
                text.Append("P: ").AppendLine(shape.Patient);
                lines.Add(new Line(2 * i, name, drug, dose, shape.Action));
            }

            scripts.Add(new Script(SpokenScripts.Save("spoken-drugs", $"{prefix}-{start / DrugsPerScript:D2}", text.ToString()), lines));
        }

        return scripts;
    }

    private static string Normal(string dose) => dose.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)
        .Replace("milligrams", "mg", StringComparison.Ordinal).Replace("micrograms", "mcg", StringComparison.Ordinal)
        .Replace("puffs", "puff", StringComparison.Ordinal).Replace("units", "unit", StringComparison.Ordinal);


}
