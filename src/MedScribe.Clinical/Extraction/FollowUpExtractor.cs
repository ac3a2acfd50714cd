using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// The next planned visit: "see you back in one week", "follow up in two weeks", "we'll repeat the A1c in
/// three months, and I'll see you then". A conditional return ("if he still has fever after two to three
/// days, bring him back") counts when nothing is scheduled; "call us if" is not a visit.
/// </summary>
public static class FollowUpExtractor
{
    private static readonly string[][] VisitCues =
    [
        ["see", "you"], ["see", "him"], ["see", "her"], ["see", "them"], ["follow", "up"], ["followup"], ["come", "back"], ["coming", "back"],
        ["bring", "him", "back"], ["bring", "her", "back"], ["bring", "them", "back"], ["return"], ["meet", "again"], ["recheck"], ["next", "visit"],
        ["next", "appointment"], ["check", "back"],
        // "Let's have you back in four weeks", "I want her back in three months", "see you again in a month".
        ["have", "you", "back"], ["have", "her", "back"], ["have", "him", "back"], ["have", "them", "back"], ["want", "you", "back"], ["want", "her", "back"],
        ["want", "him", "back"], ["you", "back", "in"], ["see", "you", "again"], ["be", "back"],
        // "Let's touch base in a month", "we'll talk again in two weeks", "next video visit in six weeks".
        ["touch", "base"], ["talk", "again"], ["speak", "again"], ["check", "in"], ["catch", "up"], ["follow", "back"], ["reconnect"],
    ];

    public static FollowUpFact? Extract(ClinicalTranscript transcript)
    {
        FollowUpFact? conditional = null;
        Sentence? previous = null;
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion))
        {
            var words = sentence.Words;
            var cue = Enumerable.Range(0, words.Count).FirstOrDefault(i => VisitCues.Any(c => Dosing.At(words, i, words.Count, c)), -1);
            // "We'll repeat the A1c in three months, and I'll see you then": the interval was said just before.
            var interval = cue < 0 ? null
                : Interval(words) ?? (words.Contains("then") && previous?.Utterance == sentence.Utterance ? Interval(previous.Words) : null);
            previous = sentence;
            if (interval is null)
            {
                continue;
            }

            var isConditional = words.Take(cue).Contains("if") || words.Contains("if") && words.Contains("still");
            var fact = new FollowUpFact(isConditional ? interval + " if not improving" : interval, NoteText.Normalize(sentence.Text), [Evidence.Of(sentence.Utterance)]);
            if (!isConditional)
            {
                return fact;
            }

            conditional ??= fact;
        }

        return conditional;
    }

    /// <summary>"in two weeks", "after two to three days", "in a month".</summary>
    private static string? Interval(IReadOnlyList<string> words)
    {
        for (var i = 0; i + 2 < words.Count; i++)
        {
            if (words[i] is "in" or "after" or "within" && Intervals.At(words, i + 1) is { } interval)
            {
                return interval.Text;
            }
        }

        return null;
    }
}
