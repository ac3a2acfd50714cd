using System.Globalization;
using MedScribe.Clinical;
using MedScribe.Clinical.Lexicons;

namespace MedScribe.Bench;

/// <summary>
/// Every orderable and referral target of the lexicon, by each name it is said by, in sentences that order it and in
/// sentences that only speak of it (a result already in, a test declined, asked about, or kept for later): how many orders
/// are found with their type and name, and how many mentions that order nothing are reported. Read from the text; the
/// sentences are written here, one shape per name in turn; no consult is involved.
/// </summary>
public static class SpokenOrdersBenchmark
{
    /// <summary>A sentence with {0} the name said (with its article where it takes one), and whether it orders it.</summary>
    private static readonly (string Sentence, bool Orders)[] OrderShapes =
    [
        ("I'm ordering {0} today.", true),
        ("Let's get {0} before your next visit.", true),
        ("I'd like you to have {0}.", true),
        ("We'll do {0} in three months.", true),
        ("I'll put in an order for {0}.", true),
        ("You'll need {0} next week.", true),
        ("Let's schedule {0}.", true),
        ("I'm going to send you for {0}.", true),
        ("The plan is {0}, and then we'll go from there.", true),
        ("I'd recommend {0}.", true),
        ("Before you leave, the nurse will set up {0}.", true),
        ("You had {0} last year, and it was normal.", false),
        ("We don't need {0} right now.", false),
        ("Have you ever had {0}?", false),
        ("If things get worse, we may need {0}.", false),
        ("The results of {0} from the hospital looked good.", false),
    ];

    /// <summary>Shapes written after the rules were mended for the first ones, first measured as they stand (figures in the session notes).</summary>
    private static readonly (string Sentence, bool Orders)[] LaterOrderShapes =
    [
        ("Let's check {0} while you're here.", true),
        ("I want {0} done this week.", true),
        ("We'll arrange {0} at the hospital.", true),
        ("Go to the lab on your way out for {0}.", true),
        ("Please get {0} before we meet again.", true),
        ("I'm also requesting {0}.", true),
        ("Your last {0} was fine, so no changes.", false),
        ("We could think about {0} next year.", false),
        ("There's no need for {0} at this point.", false),
        ("I reviewed {0} from your last visit.", false),
    ];

    private static readonly (string Sentence, bool Orders)[] LaterReferralShapes =
    [
        ("I'd like you to see {0} about this.", true),
        ("We'll get you in with {0}.", true),
        ("You don't need {0} for this.", false),
    ];

    /// <summary>A third batch, written in session 16 after the rest, first measured as they stand.</summary>
    private static readonly (string Sentence, bool Orders)[] ThirdOrderShapes =
    [
        ("We should get {0} to rule that out.", true),
        ("I'm going to have you do {0}.", true),
        ("Let me order {0} for you.", true),
        ("We'll need to repeat {0} in six weeks.", true),
        ("The next step is {0}.", true),
        ("I'll get {0} scheduled.", true),
        ("I'm sending an order for {0} to the lab.", true),
        ("Why don't we do {0}?", true),
        ("{0} came back normal.", false),
        ("Your insurance may not cover {0}.", false),
        ("I don't think {0} would change anything.", false),
        ("Last time we talked about {0}, but you weren't ready.", false),
    ];

    /// <summary>A fourth batch, written later in session 16 (plan headings, a wish, a start, a sample to bring), first measured as they stand.</summary>
    private static readonly (string Sentence, bool Orders)[] FourthOrderShapes =
    [
        ("Labs today: {0}.", true),
        ("For testing, {0} and that's it for now.", true),
        ("I'd like to see {0} in six weeks.", true),
        ("We're going to start with {0}.", true),
        ("Another thing I want is {0}.", true),
        ("{0} would help sort this out, so let's do that.", true),
        ("Have {0} done fasting.", true),
        ("Make sure you get {0} before your next visit.", true),
        ("You'll get a call to schedule {0}.", true),
        ("Plan is {0} and a follow up visit.", true),
        ("You had {0} done at the other clinic, right?", false),
        ("{0} isn't needed at your age.", false),
        ("We'll hold off on {0} for now.", false),
    ];

    private static readonly (string Sentence, bool Orders)[] FourthReferralShapes =
    [
        ("Referral to {0} is in.", true),
        ("I'm putting in a consult to {0}.", true),
        ("We'll have {0} see you.", true),
        ("Keep seeing {0} as usual.", false),
    ];

    private static readonly (string Sentence, bool Orders)[] ThirdReferralShapes =
    [
        ("I'm going to get you a referral to {0}.", true),
        ("I think {0} should take a look at this.", true),
        ("{0} will call you to set up a visit.", true),
        ("You saw {0} in the spring, right?", false),
    ];

    private static readonly (string Sentence, bool Orders)[] ReferralShapes =
    [
        ("I'm referring you to {0}.", true),
        ("Let's have you see {0} about this.", true),
        ("I'll put in a referral to {0}.", true),
        ("I'll send you to {0} for this.", true),
        ("Did you ever see {0} before?", false),
        ("Your visit with {0} last year went well.", false),
    ];

    /// <summary>
    /// A fifth batch, written in session 17 before any rule for it and first measured as the rules stood: being due, a
    /// dictated order, what the nurse or the front desk will do; and what is up to date, already done or can wait.
    /// </summary>
    private static readonly (string Sentence, bool Orders)[] FifthOrderShapes =
    [
        ("You're due for {0}, so we'll do that today.", true),
        ("Let's go ahead and get {0}.", true),
        ("I'd like to get {0} on you.", true),
        ("We'll send off {0}.", true),
        ("I'm checking {0} today.", true),
        ("The nurse will draw {0} before you go.", true),
        ("I'll have the front desk set up {0}.", true),
        ("Order {0}.", true),
        ("You're up to date on {0}.", false),
        ("We checked {0} in March and it was fine.", false),
        ("{0} can wait until next year.", false),
        ("You already had {0} this year.", false),
        ("P: Do I need {0}?\nD: Not this time.", false),
    ];

    private static readonly (string Sentence, bool Orders)[] FifthReferralShapes =
    [
        ("I'd like {0} to weigh in on this.", true),
        ("I'm going to loop in {0}.", true),
        ("You should see {0} for this.", true),
        ("{0} can help with this, so I'll set that up.", true),
        ("You're already followed by {0}, so no new referral.", false),
        ("P: Should I see {0}?\nD: Not yet, let's see how you do.", false),
    ];

    /// <summary>
    /// A sixth batch, written in session 18 before any rule for it and first measured as the rules stood: the order said across
    /// turns (asked for, asked about), as a step of a plan, as what will be seen; and the test only wished for, skipped or
    /// made conditional. A shape opened by "D: " or "P: " is a whole exchange.
    /// </summary>
    private static readonly (string Sentence, bool Orders)[] SixthOrderShapes =
    [
        ("D: We need to check something.\nP: What kind of test?\nD: {0}.", true),
        ("P: Can I get {0}?\nD: Sure, I'll order it.", true),
        ("I'd like two things today: {0}, and a follow up visit.", true),
        ("The plan for today is simple. First, {0}.", true),
        ("To figure this out, I'm getting {0}.", true),
        ("Let's get {0} and see what it shows.", true),
        ("I put in for {0}.", true),
        ("We'll see what {0} shows, and go from there.", true),
        ("You'll have {0} done at the hospital next week.", true),
        ("P: Can I get {0}?\nD: I don't think you need it.", false),
        ("{0} isn't necessary unless this gets worse.", false),
        ("We'll skip {0} this time.", false),
        ("I'd only order {0} if the pain spreads.", false),
        ("Your {0} from the emergency room was normal.", false),
    ];

    private static readonly (string Sentence, bool Orders)[] SixthReferralShapes =
    [
        ("P: Should I see someone about this?\nD: Yes, {0}. I'll put in the referral.", true),
        ("I want {0} to see you this month.", true),
        ("Next step is a visit with {0}.", true),
        ("P: Do I need {0}?\nD: No, we can handle it here.", false),
        ("If it doesn't improve, I'd send you to {0}.", false),
    ];

    /// <summary>A sentence to read; <see cref="Batch"/> 0 for the first shapes, 1 for the later, 2 and 3 for those written in session 16.</summary>
    private sealed record Case(string Said, string Type, string Name, bool Orders, string Shape, int Batch);

    public static void Run(bool verbose)
    {
        var lexicon = ClinicalLexicon.Default;
        var cases = new List<Case>();
        foreach (var (shapes, batch) in new[] { (OrderShapes, 0), (LaterOrderShapes, 1), (ThirdOrderShapes, 2), (FourthOrderShapes, 3), (FifthOrderShapes, 4), (SixthOrderShapes, 5) })
        {
            foreach (var (k, (spelling, order)) in lexicon.OrderSpellings.Index())
            {
                // Names take the shapes in turn, counted as when there were two batches, so earlier figures stay comparable.
                var (sentence, orders) = shapes[(batch * lexicon.OrderSpellings.Count + k) % shapes.Length];
                cases.Add(new Case(string.Format(CultureInfo.InvariantCulture, sentence, WithArticle(spelling)), order.Type, order.Name, orders, sentence, batch));
            }
        }

        foreach (var (shapes, batch) in new[] { (ReferralShapes, 0), (LaterReferralShapes, 1), (ThirdReferralShapes, 2), (FourthReferralShapes, 3), (FifthReferralShapes, 4), (SixthReferralShapes, 5) })
        {
            foreach (var (j, (spelling, specialty)) in lexicon.SpecialtySpellings.Index())
            {
                var (sentence, orders) = shapes[(2 * lexicon.OrderSpellings.Count + batch * lexicon.SpecialtySpellings.Count + j) % shapes.Length];
                cases.Add(new Case(string.Format(CultureInfo.InvariantCulture, sentence, spelling), "referral", specialty, orders, sentence, batch));
            }
        }

        var extractor = ExtractionBenchmark.Extractor;
        var results = cases.Select(c =>
        {
            // A shape opened by "P: " is an exchange, written with its turns; any other is the clinician's.
            var turns = c.Said.StartsWith("P: ", StringComparison.Ordinal) || c.Said.StartsWith("D: ", StringComparison.Ordinal) ? SpokenScripts.Capitalised(c.Said) : $"D: {Capitalised(c.Said)}";
            var reported = extractor.Extract(ClinicalTranscript.FromText($"{turns}\nP: Okay.")).Orders;
            var found = reported.Any(o => o.Type == c.Type && (o.Name == c.Name || o.Name.StartsWith(c.Name + " in ", StringComparison.Ordinal)));
            return (Case: c, Right: c.Orders ? found : reported.Count == 0, Reported: string.Join("; ", reported.Select(o => $"{o.Type}: {o.Name}")));
        }).ToList();
        foreach (var (shapes, batch) in new[] { ("first shapes", 0), ("later shapes", 1), ("third batch", 2), ("fourth batch", 3), ("fifth batch", 4), ("sixth batch", 5) })
        {
            foreach (var (label, orders) in new[] { ("ordering sentences", true), ("sentences that order nothing", false) })
            {
                foreach (var (kind, referral) in new[] { ("orders", false), ("referrals", true) })
                {
                    var set = results.Where(r => r.Case.Batch == batch && r.Case.Orders == orders && (r.Case.Type == "referral") == referral).ToList();
                    Console.WriteLine($"| {shapes}: {kind}, {label} | {(orders ? "found" : "nothing reported")} {set.Count(r => r.Right)} of {set.Count} ({(double)set.Count(r => r.Right) / Math.Max(1, set.Count):P1}) |");
                }
            }
        }

        if (!verbose)
        {
            return;
        }

        foreach (var shape in results.GroupBy(r => r.Case.Shape))
        {
            Console.WriteLine($"    {shape.Count(r => r.Right),3} of {shape.Count(),3}  {shape.Key}");
        }

        foreach (var (c, _, reported) in results.Where(r => !r.Right))
        {
            Console.WriteLine($"    wrong: {c.Said} [want {(c.Orders ? $"{c.Type}: {c.Name}" : "nothing")}] got [{reported}]");
        }
    }

    /// <summary>"a chest x-ray", "an MRI", "stool studies", "CPAP": the article a clinician would say, if any.</summary>
    private static string WithArticle(string name)
    {
        var first = name.Split(' ')[0];
        if (name.EndsWith('s') && !name.EndsWith("sis", StringComparison.Ordinal) || first is "a" or "an" or "the" || name.StartsWith("blood work", StringComparison.Ordinal))
        {
            return name;
        }

        // Initialisms are said letter by letter ("an MRI", "an HIV test", "a CBC").
        var initialism = first.Length <= 5 && first.All(char.IsLetter) && !first.Any(ch => "aeiou".Contains(char.ToLowerInvariant(ch))) || first.All(char.IsUpper) && first.Length > 1;
        var vowelSound = initialism ? "aefhilmnorsx".Contains(char.ToLowerInvariant(first[0])) : "aeiou".Contains(char.ToLowerInvariant(first[0]));
        return (vowelSound ? "an " : "a ") + name;
    }

    private static string Capitalised(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
