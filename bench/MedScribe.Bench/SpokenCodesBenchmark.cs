using System.Globalization;
using MedScribe.Clinical;
using MedScribe.Clinical.Lexicons;

namespace MedScribe.Bench;

/// <summary>
/// ICD-10-CM as specific as what was said: every refinement of the lexicon (<c>problem-refinements.tsv</c>: severity,
/// laterality, extent, acuity, a complication) by each of its cues, said with the problem's name in a sentence shape where
/// the refining words come before it or after, from the clinician or the patient; and, for a cue that is a finding, said as
/// absent. Right when the problem is reported with the refined code (or, for an absent finding, without that refinement).
/// Read from the text; the sentences are written here; no consult is involved.
/// </summary>
public static class SpokenCodesBenchmark
{
    /// <summary>Turns with {0} the problem's name and {1} the words that refine it.</summary>
    private static readonly string[] Shapes =
    [
        "D: You have {0}, {1}.",
        "D: With {1}, this is {0}.",
        "D: On the exam I see {1}.\nP: Okay.\nD: So this is {0}.",
        "D: What have you noticed?\nP: {1}, mostly.\nD: So you have {0}.",
        "D: This is {0}.\nP: Is it serious?\nD: It's {1}, and we can treat it.",
        "D: I think this is {0}. It looks {1} to me.",
    ];

    /// <summary>Shapes written after the rules were mended for the first ones, first measured as they stand (figures in the session notes).</summary>
    private static readonly string[] LaterShapes =
    [
        "D: Your {0} is {1}.",
        "P: It's been {1} lately.\nD: I hear you.\nD: Okay, this is {0}.",
        "D: We're treating {0}.\nP: All right.\nD: And I'd call it {1}.",
        "D: Looking at everything, {1}, so {0}.",
    ];

    /// <summary>A cue said as absent, with {0} the name and {1} the cue: the refinement must not be made.</summary>
    private const string Absent = "D: There's no {1} that I can see. This is {0}.";

    /// <summary>Later: a cue asked about and denied, or denied by the patient.</summary>
    private static readonly string[] LaterAbsent =
    [
        "D: Any {1}?\nP: No.\nD: So this is {0}.",
        "P: I haven't had any {1}.\nD: Good. This is {0}.",
    ];

    public static void Run(bool verbose)
    {
        var lexicon = ClinicalLexicon.Default;
        var names = lexicon.ProblemSpellings.GroupBy(p => p.Problem.Code).ToDictionary(g => g.Key, g => g.First().Spelling);
        var cases = new List<(string Text, string Want, string Shape, bool Absent, bool Later)>();
        foreach (var refinement in lexicon.Refinements)
        {
            // The cues of the refinements the base code itself comes from, back to a problem the lexicon names.
            var chain = new List<string>();
            var root = refinement.BaseCode;
            while (!names.ContainsKey(root) && lexicon.Refinements.FirstOrDefault(r => r.Code == root) is { } before)
            {
                chain.Insert(0, string.Join(' ', before.Cues[0]));
                root = before.BaseCode;
            }

            if (!names.TryGetValue(root, out var name))
            {
                continue;
            }

            foreach (var cue in refinement.Cues.Select(c => string.Join(' ', c)))
            {
                var said = string.Join(" and ", chain.Append(cue));
                // "With no aura, this is …" is no sentence anyone says.
                var shapes = Shapes.Where(s => !s.StartsWith("D: With", StringComparison.Ordinal) || cue.Split(' ')[0] is not ("no" or "not" or "without"))
                    .Select(s => (Shape: s, Later: false)).Concat(LaterShapes.Select(s => (Shape: s, Later: true)));
                foreach (var (shape, later) in shapes)
                {
                    cases.Add((string.Format(CultureInfo.InvariantCulture, shape, name, said), refinement.Code, shape, false, later));
                }

                // A cue that is itself a denial ("no aura") is not said as absent.
                if (chain.Count == 0 && cue.Split(' ')[0] is not ("no" or "not" or "without"))
                {
                    foreach (var (shape, later) in LaterAbsent.Select(s => (s, true)).Prepend((Absent, false)))
                    {
                        cases.Add((string.Format(CultureInfo.InvariantCulture, shape, name, cue), refinement.Code, shape, true, later));
                    }
                }
            }
        }

        var extractor = ExtractionBenchmark.Extractor;
        var results = cases.Select(c =>
        {
            var text = SpokenScripts.Capitalised(c.Text);
            var problems = extractor.Extract(ClinicalTranscript.FromText(text + "\nP: Okay.")).Problems;
            var category = c.Want.Split('.')[0];
            var found = problems.Any(p => p.Code is { } code && (code.Split('.')[0] == category || lexicon.Refinements.Any(r => r.Code == c.Want && r.BaseCode.Split('.')[0] == code.Split('.')[0])));
            var right = c.Absent ? found && problems.All(p => p.Code != c.Want) : problems.Any(p => p.Code == c.Want);
            return (c.Text, c.Want, c.Shape, c.Absent, c.Later, Found: found, Right: right, Reported: string.Join("; ", problems.Select(p => $"{p.Name}|{p.Code}")));
        }).ToList();

        foreach (var (label, absent, later) in new[]
        {
            ("refining words said, first shapes", false, false), ("a finding said as absent, first shapes", true, false),
            ("refining words said, later shapes", false, true), ("a finding said as absent, later shapes", true, true),
        })
        {
            var set = results.Where(r => r.Absent == absent && r.Later == later).ToList();
            Console.WriteLine($"| {label} | {set.Count} | problem found {set.Count(r => r.Found)} | code right {set.Count(r => r.Right)} ({(double)set.Count(r => r.Right) / Math.Max(1, set.Count):P1}) |");
        }

        Console.WriteLine("by shape (code right of said):");
        foreach (var shape in results.GroupBy(r => r.Shape))
        {
            Console.WriteLine($"    {shape.Count(r => r.Right),4} of {shape.Count(),4}  {shape.Key.Replace("\n", " / ", StringComparison.Ordinal)}");
        }

        if (verbose)
        {
            foreach (var r in results.Where(r => !r.Right))
            {
                Console.WriteLine($"    wrong: {r.Text.Replace("\n", " / ", StringComparison.Ordinal)} [want {(r.Absent ? "not " : "")}{r.Want}] got [{r.Reported}]");
            }
        }
    }
}
