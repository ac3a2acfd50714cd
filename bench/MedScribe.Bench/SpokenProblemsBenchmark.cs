using MedScribe.Clinical;
using MedScribe.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Every problem of the lexicon (its first spoken name) in short clinician sentences, asserted and not: from the text
/// (every spoken name) and, with <c>--speech</c>, spoken by festival and recognised by the embedded speech engine. How
/// many asserted problems are coded (exactly, or in the right ICD-10 category), and how many problems only denied or
/// asked about are reported. No consult is involved; the sentences are written here.
/// </summary>
public static class SpokenProblemsBenchmark
{
    private const int ProblemsPerScript = 24;

    private static readonly string[] Asserted =
    [
        "I think this is {0}.", "You have {0}.", "This looks like {0}.", "Your {0} is well controlled.", "We're treating your {0}.", "It sounds like {0}.",
        "So you've got {0}.", "What we're dealing with is {0}.", "The diagnosis is {0}.", "You've had {0} for years.", "She has {0}.",
    ];

    private static readonly string[] NotAsserted =
    [
        "I don't think this is {0}.", "There's no sign of {0}.", "Does anyone in your family have {0}?", "We ruled out {0}.",
        "P: My mother had {0}.", "If you notice {0}, call us.", "P: I read about {0} online.",
    ];

    /// <summary>Shapes written after the rules were mended for the first ones, first measured as they stand (figures in the session notes).</summary>
    private static readonly string[] LaterAsserted =
    [
        "Your exam and history fit with {0}.", "That's {0}, without a doubt.", "We'll manage your {0} with lifestyle changes for now.",
        "Looking at everything, I'd call this {0}.", "Your {0} has gotten worse since last time.", "The main issue today is {0}.",
    ];

    private static readonly string[] LaterNotAsserted =
    [
        "We should check whether this could be {0}.", "P: Could this be {0}?", "Nothing here suggests {0}.",
        "Your father's {0} doesn't mean you'll get it.", "We need to rule out {0}.",
    ];

    /// <summary>A third batch, written in session 16 after the rest, first measured as they stand; "P: " opens a patient's turn.</summary>
    private static readonly string[] ThirdAsserted =
    [
        "P: I've had {0} since I was a kid.", "P: My {0} has been acting up.", "Your symptoms point to {0}.", "Based on the test results, you have {0}.",
        "This is a flare of your {0}.", "You're dealing with {0}, which is common.", "We'll keep an eye on your {0}.", "I'm diagnosing you with {0}.",
    ];

    private static readonly string[] ThirdNotAsserted =
    [
        "P: Is it possible I have {0}?", "This isn't {0}.", "{0} runs in your family, so we'll watch for it.", "We'll test you for {0}.",
        "P: My brother was just diagnosed with {0}.",
    ];

    /// <summary>A fourth batch, written later in session 16: the patient's answer to the clinician's history question.</summary>
    private static readonly string[] FourthAsserted =
    [
        "D: Any other medical problems?\nP: Just {0}.", "D: Do you have any chronic conditions?\nP: Yes, {0}.",
        "D: What other health issues do you have?\nP: {0}, that's it.", "D: Anything else you're treated for?\nP: Only {0}.",
    ];

    private static readonly string[] FourthNotAsserted =
    [
        "D: Any history of {0}?\nP: No.", "D: Any medical problems?\nP: No, nothing. My dad has {0}.", "D: Any other medical problems?\nP: No. I was tested for {0} once, but it was negative.",
    ];

    /// <summary>
    /// A fifth batch, written in session 17 before any rule for it and first measured as the rules stood: results that confirm
    /// or exclude, the patient telling a diagnosis someone made, and risk or screening talk.
    /// </summary>
    private static readonly string[] FifthAsserted =
    [
        "The test confirmed {0}.", "You tested positive for {0}.", "Your screening test came back positive for {0}.", "Everything points to {0}.",
        "My working diagnosis is {0}.", "It's most likely {0}.", "We're looking at {0} here.", "P: I was diagnosed with {0} last year.",
        "P: I've got {0}.", "P: I'm being treated for {0}.", "P: The doctor said it was {0}.", "P: They told me I have {0}.",
    ];

    private static readonly string[] FifthNotAsserted =
    [
        "We'll screen for {0} at your next visit.", "The test for {0} was negative.", "You tested negative for {0}.", "Let's make sure it isn't {0}.",
        "{0} is unlikely.", "P: I'm worried it might be {0}.", "Your risk of {0} is low.", "This medicine lowers the risk of {0}.",
        "P: My grandmother died of {0}.",
    ];

    /// <summary>
    /// A sixth batch, written in session 18 before any rule for it and first measured as the rules stood: a problem named on
    /// the way to something else (a reason, a plan, a comparison), its state, and talk of it that asserts nothing.
    /// </summary>
    private static readonly string[] SixthAsserted =
    [
        "Because of your {0}, we need to be careful with some medicines.", "Given your {0}, I want to check a few things today.",
        "P: I have {0}, but it's been quiet lately.", "With your {0}, this is what we'd expect to see.", "P: They found {0} when I was in the hospital last year.",
        "Your {0} is flaring again.", "For the {0}, let's start with a medicine.", "As for your {0}, it's stable.", "I'm adding {0} to your problem list.",
        "D: So, what's going on today?\nP: My {0} is worse.", "P: I've been living with {0} for about ten years.", "That confirms it's {0}.",
    ];

    private static readonly string[] SixthNotAsserted =
    [
        "I don't see any {0}.", "We talked about {0}, but your tests don't show it.", "Some people with this go on to get {0}, but you don't have it.",
        "The medicine can cause {0} in rare cases.", "P: I was afraid it was {0}, but the test was normal.", "Call us if you think you have {0}.",
        "Being overweight raises the chance of {0}.",
    ];

    /// <summary>Two problems in one sentence ({0} and {1}), written with the sixth batch; both must be coded.</summary>
    private static readonly string[] PairAsserted =
    [
        "You have {0} and {1}.", "P: I have {0} and {1}.", "We're treating your {0}, and your {1} is stable.", "So today it's {0}, on top of your {1}.",
        "P: I've got {0}, and also {1}.", "Your {0} and {1} are both under control.",
    ];

    private static readonly string[] Answers = ["Okay.", "I see.", "All right.", "Good to know."];

    /// <summary>
    /// The sentence in its turn and the other speaker's answer, each turn capitalised: a shape opened by "P: " is the
    /// patient's, one opened by "D: " a whole exchange, any other the clinician's.
    /// </summary>
    private static string Turns(string said, int i) =>
        said.StartsWith("D: ", StringComparison.Ordinal) || said.StartsWith("P: ", StringComparison.Ordinal)
            ? $"{SpokenScripts.Capitalised(said)}\nD: {Answers[i % Answers.Length]}"
            : $"{SpokenScripts.Capitalised("D: " + said)}\nP: {Answers[i % Answers.Length]}";

    public static async Task RunAsync(bool speech, bool verbose)
    {
        var entries = Clinical.Lexicons.ClinicalLexicon.Default.ProblemSpellings
            .GroupBy(p => p.Problem.Code)
            .Select(g => (Code: g.Key, Names: g.Select(p => p.Spelling).ToArray()))
            .ToList();
        var extractor = ExtractionBenchmark.Extractor;
        var allNames = entries.SelectMany(e => e.Names.Select(n => (Name: n, e.Code))).ToList();
        Console.WriteLine($"{entries.Count} problems, {allNames.Count} spoken names; {Asserted.Length} asserting and {NotAsserted.Length} other sentence shapes:");

        // From the text: every spoken name in every sentence shape, each sentence in its own small transcript.
        foreach (var (label, asserting, others) in new[] { ("first shapes", Asserted, NotAsserted), ("later shapes", LaterAsserted, LaterNotAsserted), ("third batch", ThirdAsserted, ThirdNotAsserted), ("fourth batch", FourthAsserted, FourthNotAsserted), ("fifth batch", FifthAsserted, FifthNotAsserted), ("sixth batch", SixthAsserted, SixthNotAsserted) })
        {
            var (exact, category, falseReports, misses) = (0, 0, 0, new List<string>());
            foreach (var (i, (name, code)) in allNames.Select((n, i) => (i, n)))
            {
                foreach (var shape in asserting)
                {
                    var said = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, name);
                    var reported = extractor.Extract(ClinicalTranscript.FromText(Turns(said, i))).Problems;
                    exact += reported.Any(p => p.Code == code) ? 1 : 0;
                    category += reported.Any(p => p.Code?.Split('.')[0] == code.Split('.')[0]) ? 1 : 0;
                    if (!reported.Any(p => p.Code?.Split('.')[0] == code.Split('.')[0]))
                    {
                        misses.Add($"{said} -> {string.Join(", ", reported.Select(p => p.Code))}");
                    }
                }

                foreach (var shape in others)
                {
                    // A shape opened by "P: " is the patient's, answered by the clinician.
                    var denied = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, name);
                    var wrongly = extractor.Extract(ClinicalTranscript.FromText(Turns(denied, i))).Problems;
                    if (wrongly.Count > 0)
                    {
                        falseReports++;
                        misses.Add($"not asserted, reported: {denied} -> {string.Join(", ", wrongly.Select(p => p.Code))}");
                    }
                }
            }

            var (asserted, other) = (allNames.Count * asserting.Length, allNames.Count * others.Length);
            Console.WriteLine($"| from the text, {label}, every spoken name in every shape | coded exactly {exact} of {asserted} ({(double)exact / asserted:P1}) | right category {category} ({(double)category / asserted:P1}) | denied, asked or ruled out but reported: {falseReports} of {other} |");
            if (verbose)
            {
                misses.ForEach(m => Console.WriteLine($"    {m}"));
            }
        }

        // Two problems a sentence: each name with the name seven places on that is of another category.
        var (bothCoded, pairs, pairMisses) = (0, 0, new List<string>());
        foreach (var (i, (name, code)) in allNames.Select((n, i) => (i, n)))
        {
            var (otherName, otherCode) = Enumerable.Range(7, allNames.Count).Select(k => allNames[(i + k) % allNames.Count]).First(n => n.Code.Split('.')[0] != code.Split('.')[0]);
            foreach (var shape in PairAsserted)
            {
                var said = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, name, otherName);
                var reported = extractor.Extract(ClinicalTranscript.FromText(Turns(said, i))).Problems;
                pairs++;
                if (reported.Any(p => p.Code == code) && reported.Any(p => p.Code == otherCode))
                {
                    bothCoded++;
                }
                else
                {
                    pairMisses.Add($"pair: {said} -> {string.Join(", ", reported.Select(p => p.Code))} (want {code}, {otherCode})");
                }
            }
        }

        Console.WriteLine($"| from the text, sixth batch, two problems in one sentence | both coded exactly {bothCoded} of {pairs} ({(double)bothCoded / pairs:P1}) |");
        if (verbose)
        {
            pairMisses.ForEach(m => Console.WriteLine($"    {m}"));
        }

        if (!speech)
        {
            return;
        }

        // By voice: each problem's first name once, asserted, in recordings of 24.
        var scripts = new List<(string Path, List<(int Turn, string Said, string Code)> Lines)>();
        for (var start = 0; start < entries.Count; start += ProblemsPerScript)
        {
            var lines = new List<(int, string, string)>();
            var text = new System.Text.StringBuilder();
            foreach (var (i, entry) in entries.Skip(start).Take(ProblemsPerScript).Select((e, i) => (i, e)))
            {
                text.Append("D: ").AppendLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, Asserted[(start + i) % Asserted.Length], entry.Names[0]));
                text.Append("P: ").AppendLine(Answers[(start + i) % Answers.Length]);
                lines.Add((2 * i, entry.Names[0], entry.Code));
            }

            scripts.Add((SpokenScripts.Save("spoken-problems", $"problems-{start / ProblemsPerScript:D2}", text.ToString()), lines));
        }

        var transcripts = await SpeechTranscripts.GetAsync(scripts.Select(s => s.Path).ToList());
        var (heardExact, heardCategory, extra, heardMisses) = (0, 0, 0, new List<string>());
        foreach (var (path, lines) in scripts)
        {
            var reported = extractor.Extract(transcripts[path]).Problems;
            var turns = (await ConsultAudio.GetAsync(path)).Turns;
            foreach (var (turn, said, code) in lines)
            {
                heardExact += reported.Any(p => p.Code == code) ? 1 : 0;
                if (reported.Any(p => p.Code?.Split('.')[0] == code.Split('.')[0]))
                {
                    heardCategory++;
                }
                else
                {
                    heardMisses.Add($"{said} ({code}): \"{SpokenScripts.HeardText(transcripts[path], turns[turn])}\"");
                }
            }

            var categories = lines.Select(l => l.Code.Split('.')[0]).ToHashSet();
            extra += reported.Count(p => p.Code is null || !categories.Contains(p.Code.Split('.')[0]));
        }

        Console.WriteLine($"| by voice, each problem's first name | coded exactly {heardExact} of {entries.Count} ({(double)heardExact / entries.Count:P1}) | right category {heardCategory} ({(double)heardCategory / entries.Count:P1}) | reported but not said: {extra} |");
        if (verbose)
        {
            heardMisses.ForEach(m => Console.WriteLine($"    missed {m}"));
        }
    }
}
