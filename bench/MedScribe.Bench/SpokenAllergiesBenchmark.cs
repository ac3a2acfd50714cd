using System.Globalization;
using MedScribe.Clinical;
using MedScribe.Clinical.Lexicons;

namespace MedScribe.Bench;

/// <summary>
/// Allergies told in many ways after the allergy question (the allergen first or last, the reaction in the same sentence or
/// the next, a chart read back, a parent's account) and mentions that are no allergy of the patient's (a relative's, a drug
/// taken without trouble): every allergen that is not a single drug by each of its names, and every fifth drug of the lexicon.
/// Right when the allergen is reported with the reaction said, and nothing is reported for the others. Read from the text;
/// the sentences are written here; no consult is involved.
/// </summary>
public static class SpokenAllergiesBenchmark
{
    /// <summary>The answer to "Any allergies to medicines?" with {0} the allergen and {1} the reaction, and whether it is the patient's allergy.</summary>
    private static readonly (string Turns, bool Allergy)[] Shapes =
    [
        ("P: I'm allergic to {0}. It gave me {1}.", true),
        ("P: Yes, {0}. I broke out in {1}.", true),
        ("P: {0} gives me {1}.", true),
        ("P: Just {0}, I get {1} with it.", true),
        ("P: I can't take {0} because of {1}.", true),
        ("P: When I took {0} years ago I got {1}.", true),
        ("P: My mother says I had {1} from {0} as a baby, so I stay away from it.", true),
        ("D: I see an allergy to {0} in your chart, with {1}. Is that right?\nP: Yes, that's right.", true),
        ("P: No allergies that I know of. I do take {0} now and then.", false),
        ("P: No, but my sister is allergic to {0}.", false),
        ("P: None. I've taken {0} lots of times with no problem.", false),
        ("P: No. I took {0} for the itching last week.", false),
        ("P: No allergies. {0} made my rash better.", false),
    ];

    /// <summary>Shapes written after the rules were mended for the first ones, first measured as they stand (figures in the session notes).</summary>
    private static readonly (string Turns, bool Allergy)[] LaterShapes =
    [
        ("P: I had a bad reaction to {0} once, {1}.", true),
        ("P: {0} made me break out in {1}.", true),
        ("P: The only one is {0}. {1}.", true),
        ("P: I think I'm allergic to {0}, it gave me {1} once.", true),
        ("P: My son gets {1} from {0}.", true),
        ("P: My husband is the one with the {0} allergy.", false),
        ("P: No drug allergies, just seasonal stuff. I took {0} last winter.", false),
    ];

    /// <summary>A third batch, written in session 16 after the rest, first measured as they stand.</summary>
    private static readonly (string Turns, bool Allergy)[] ThirdShapes =
    [
        ("P: {0}, I think. I got {1} from it.", true),
        ("P: I'm allergic to {0}; I get {1}.", true),
        ("P: Only {0}. {1} when I took it.", true),
        ("D: It says here you react to {0}. What happens?\nP: I get {1}.", true),
        ("P: I had {1} after {0} once.", true),
        ("P: Nope, nothing. {0} works fine for me.", false),
        ("P: No, just the {0} I take every day.", false),
        ("P: No. My daughter can't take {0}, though.", false),
    ];

    /// <summary>A reaction as said, and as the extractor names it.</summary>
    private static readonly (string Said, string Named)[] Reactions =
    [
        ("hives", "hives"), ("a rash", "rash"), ("swelling in my lips", "swelling"), ("trouble breathing", "trouble breathing"), ("really bad nausea", "nausea"),
        ("itching all over", "itching"), ("vomiting", "vomiting"), ("welts", "hives"),
    ];

    public static void Run(bool verbose)
    {
        var lexicon = ClinicalLexicon.Default;
        var allergens = lexicon.AllergenSpellings.Concat(lexicon.DrugSpellings.Where((_, i) => i % 5 == 0).Select(d => (Spelling: d.Spelling, Allergen: d.Drug.Generic))).ToList();
        var extractor = ExtractionBenchmark.Extractor;
        var results = new List<(string Said, bool Allergy, string Shape, bool Found, bool Reaction, bool Nothing, string Reported, int Batch)>();
        foreach (var (i, (spelling, allergen), shapes, later) in allergens.Select((a, i) => (i, a, Shapes, 0)).Concat(allergens.Select((a, i) => (i, a, LaterShapes, 1)))
            .Concat(allergens.Select((a, i) => (i, a, ThirdShapes, 2))))
        {
            var (turns, allergy) = shapes[i % shapes.Length];
            var (said, named) = Reactions[i % Reactions.Length];
            var text = "D: Any allergies to medicines?\n" + string.Format(CultureInfo.InvariantCulture, turns, spelling, said);
            text = SpokenScripts.Capitalised(text);
            var reported = extractor.Extract(ClinicalTranscript.FromText(text + "\nD: Okay.")).Allergies;
            var match = reported.FirstOrDefault(a => lexicon.Allergens.FindAll(Clinical.Text.Tokens.Words(a.Substance)).Any(m => m.Value == allergen));
            // Nothing is reported, or no known drug allergies.
            var nothing = reported.All(a => a.Substance == Clinical.Extraction.AllergyExtractor.Nkda);
            results.Add((text.Replace("\n", " / ", StringComparison.Ordinal), allergy, turns, match is not null, match?.Reaction == named, nothing,
                string.Join("; ", reported.Select(a => $"{a.Substance}|{a.Reaction}")), later));
        }

        foreach (var (label, later) in new[] { ("first shapes", 0), ("later shapes", 1), ("third batch", 2) })
        {
            var told = results.Where(r => r.Batch == later && r.Allergy).ToList();
            var other = results.Where(r => r.Batch == later && !r.Allergy).ToList();
            Console.WriteLine($"| {label}: allergies told | found {told.Count(r => r.Found)} of {told.Count} ({(double)told.Count(r => r.Found) / told.Count:P1}), with the reaction {told.Count(r => r.Found && r.Reaction)} "
                + $"| no allergy of the patient's | nothing reported {other.Count(r => r.Nothing)} of {other.Count} |");
        }

        if (!verbose)
        {
            return;
        }

        foreach (var shape in results.GroupBy(r => r.Shape))
        {
            var right = shape.Count(r => r.Allergy ? r.Found && r.Reaction : r.Nothing);
            Console.WriteLine($"    {right,3} of {shape.Count(),3}  {shape.Key.Replace("\n", " / ", StringComparison.Ordinal)}");
        }

        foreach (var r in results.Where(r => r.Allergy ? !(r.Found && r.Reaction) : !r.Nothing))
        {
            Console.WriteLine($"    wrong: {r.Said} got [{r.Reported}]");
        }
    }
}
