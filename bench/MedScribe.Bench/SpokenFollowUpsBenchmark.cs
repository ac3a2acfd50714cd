using System.Globalization;
using MedScribe.Clinical;

namespace MedScribe.Bench;

/// <summary>
/// The next visit said in many ways, with intervals said as people say them, and sentences with an interval that plan no
/// visit (how long a medicine takes, when something began, a call if things do not improve): how many visits are found
/// with their interval, and how many of the others report one. Read from the text; the sentences are written here (session
/// 16, first measured as the rules stood); no consult is involved.
/// </summary>
public static class SpokenFollowUpsBenchmark
{
    /// <summary>A clinician's sentence with {0} the interval, and whether it plans the next visit.</summary>
    private static readonly (string Sentence, bool Visit)[] Shapes =
    [
        ("I'll see you in {0}.", true),
        ("Let's follow up in {0}.", true),
        ("Come back in {0} so we can check on this.", true),
        ("We'll have you back in {0}.", true),
        ("Book a follow up appointment in {0}.", true),
        ("Let's get you back here in about {0}.", true),
        ("Plan to see me again in {0}.", true),
        ("Return to clinic in {0}.", true),
        ("I want to see you back in {0}, sooner if anything changes.", true),
        ("Next visit in {0}.", true),
        ("See you in {0}, and we'll go over the labs then.", true),
        ("Make an appointment at the front desk for {0} out.", true),
        ("Follow up is in {0}.", true),
        ("The medicine takes about {0} to work.", false),
        ("You said this started {0} ago.", false),
        ("Give the cream {0} before you judge it.", false),
    ];

    /// <summary>A second batch, written in session 17 before any rule for it and first measured as the rules stood.</summary>
    private static readonly (string Sentence, bool Visit)[] LaterShapes =
    [
        ("Let's recheck in {0}.", true),
        ("We'll touch base again in {0}.", true),
        ("Schedule a visit for {0} from now.", true),
        ("I'd like a follow up visit in {0}.", true),
        ("Come see me in {0}.", true),
        ("We'll reassess in {0}.", true),
        ("Check back with me in {0}.", true),
        ("Your next appointment should be in {0}.", true),
        ("We'll do a video visit in {0}.", true),
        ("If it's not better in {0}, call us.", false),
        ("Take it for {0}.", false),
        ("Your last visit was {0} ago.", false),
        ("The rash should fade over {0}.", false),
    ];

    private static readonly (string Said, string Written)[] LaterIntervals =
    [
        ("eight weeks", "8 weeks"), ("twelve weeks", "12 weeks"), ("two months", "2 months"), ("a week", "1 week"), ("one year", "1 year"), ("fourteen days", "14 days"),
    ];

    /// <summary>An interval as said, and as the follow-up writes it.</summary>
    private static readonly (string Said, string Written)[] Intervals =
    [
        ("two weeks", "2 weeks"), ("a month", "1 month"), ("three months", "3 months"), ("six weeks", "6 weeks"), ("a year", "1 year"),
        ("ten days", "10 days"), ("one week", "1 week"), ("a couple of weeks", "2 weeks"), ("six months", "6 months"),
    ];

    public static void Run(bool verbose)
    {
        var extractor = ExtractionBenchmark.Extractor;
        var allIntervals = Intervals.Concat(LaterIntervals).ToArray();
        var results = Shapes.SelectMany(shape => Intervals.Select(interval => (shape, interval, Later: false)))
            .Concat(Shapes.SelectMany(shape => LaterIntervals.Select(interval => (shape, interval, Later: true))))
            .Concat(LaterShapes.SelectMany(shape => allIntervals.Select(interval => (shape, interval, Later: true))))
            .Select(p =>
        {
            var (shape, interval, later) = p;
            var said = string.Format(CultureInfo.InvariantCulture, shape.Sentence, interval.Said);
            var followUp = extractor.Extract(ClinicalTranscript.FromText($"D: {said}\nP: Okay.")).FollowUp;
            var right = shape.Visit ? followUp?.Interval == interval.Written : followUp is null;
            return (said, shape.Sentence, shape.Visit, right, Reported: followUp?.Interval ?? "nothing", Later: later);
        }).ToList();
        foreach (var (label, visit, later) in new[] { ("next visits", true, false), ("sentences that plan none", false, false), ("second batch: next visits", true, true), ("second batch: sentences that plan none", false, true) })
        {
            var set = results.Where(r => r.Visit == visit && r.Later == later).ToList();
            Console.WriteLine($"| {label} | {(visit ? "found with the interval" : "nothing reported")} {set.Count(r => r.right)} of {set.Count} ({(double)set.Count(r => r.right) / set.Count:P1}) |");
        }

        if (verbose)
        {
            foreach (var r in results.Where(r => !r.right))
            {
                Console.WriteLine($"    wrong: {r.said} got [{r.Reported}]");
            }
        }
    }
}
