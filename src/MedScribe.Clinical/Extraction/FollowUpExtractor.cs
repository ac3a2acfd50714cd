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
        ["touch", "base"], ["talk", "again"], ["speak", "again"], ["meet", "back"], ["check", "in"], ["catch", "up"], ["follow", "back"], ["reconnect"],
        // "Let's plan a video visit in six weeks", "make an appointment for two weeks from now".
        ["visit"], ["appointment"], ["checkup"], ["check", "up"],
        // "Let's get you back here in about two weeks", "plan to see me again in a month".
        ["get", "you", "back"], ["back", "here"], ["see", "me"],
        // "Let's plan to see each other again in six weeks", "we'll get together in a month".
        ["see", "each", "other"], ["get", "together"],
        // "We'll repeat a lipid panel in three months and see where we are", "… and see where things stand".
        ["see", "where", "we", "are"], ["see", "where", "we", "stand"], ["see", "where", "things", "are"], ["see", "where", "things", "stand"], ["see", "where", "we're", "at"],
        // "Back in a month." (see Extract: only opening the sentence, or after "see" and one word: "I'll see are back in six weeks").
        ["back", "in"],
        // "Let's college base by video in four weeks": a recogniser's "touch base".
        ["base", "by"], ["base", "in"],
        // "We'll reassess in two weeks".
        ["reassess"], ["re", "assess"], ["reevaluate"], ["re", "evaluate"],
        // "We'll check on you by phone in two days", "let's talk by phone in a week" (remote: see Remote).
        ["check", "on", "you"], ["check", "on", "him"], ["check", "on", "her"], ["talk", "by"],
        // "Keep a sleep diary and bring it in six weeks": what the patient brings to the next visit.
        ["bring", "it", "in"], ["bring", "them", "in"],
        // "Schedule your next shot in twelve weeks": the visit for the next dose given in clinic.
        ["next", "shot"], ["next", "injection"], ["next", "infusion"],
    ];

    public static FollowUpFact? Extract(ClinicalTranscript transcript)
    {
        FollowUpFact? conditional = null;
        FollowUpFact? remote = null;
        FollowUpFact? anchored = null;
        Sentence? previous = null;
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion))
        {
            var words = sentence.Words;
            var cue = Enumerable.Range(0, words.Count).FirstOrDefault(i => VisitCues.Any(c => Dosing.At(words, i, words.Count, c) && (c is not ["back", "in"] || i == 0 || i >= 2 && words[i - 2] == "see")), -1);
            // "When do I come back?" "In three months, with a repeat A one C.": the answer to the patient's question about the next visit.
            if (cue < 0 && sentence.Ordinal == 0 && sentence.Utterance.Index > 0
                && transcript.SentencesOf(sentence.Utterance.Index - 1).LastOrDefault() is { ByClinician: false, IsQuestion: true } asked
                && asked.Words.Contains("when") && VisitCues.Any(c => c is not ["back", "in"] && Enumerable.Range(0, asked.Words.Count).Any(i => Dosing.At(asked.Words, i, asked.Words.Count, c))))
            {
                cue = 0;
            }

            // "Let's check in by phone in two weeks and see him back in one month": the visit after the call.
            // ("Let's talk by phone in one week about your sugars, and see you in the office in three months": the call is the first clause's.)
            // ("We'll recheck a metabolic panel in one week, and I'll see you in a month": so is the visit after a test repeated.)
            if (cue >= 0 && NextVisitClause(words, cue) is var visit && visit < words.Count && Interval(words.Skip(visit).ToList()) is not null
                && (Remote(words.Take(visit).ToList()) || RecheckOfATest(words, cue)) && !Remote(words.Skip(visit).ToList()))
            {
                words = words.Skip(visit).ToList();
                cue = 0;
            }

            // "… and bring your readings to the next visit": a visit already set, whose time only words after it can say.
            var nextVisit = cue >= 0 && (words[cue] == "next" || cue > 0 && words[cue - 1] == "next");
            // "We'll repeat the A1c in three months, and I'll see you then": the interval was said just before.
            // ("We'll check on you by phone and … and I want a repeat chest x-ray in six weeks": a time in the next clause of one's own is
            // that clause's.)
            var clause = cue < 0 ? words : words.Take(ClauseEnd(words, cue)).ToList();
            var interval = cue < 0 ? null
                : nextVisit ? Interval(clause.Skip(cue).ToList())
                : (cue > 0 ? Interval(clause.Skip(cue).ToList()) : null) ?? FollowingClause(transcript, sentence) ?? Interval(clause) ?? AtAge(words, transcript)
                    // ("I'll see her at fifteen months" for a child is the age of the visit, read above, never a time from now.)
                    ?? (transcript.Sentences.Any(s => CurrentAge(s.Words) is not null) ? null
                        : Enumerable.Range(cue, words.Count - cue).Where(i => words[i] == "at").Select(i => AtInterval(words, i + 1)).FirstOrDefault(a => a is not null))
                    ?? (words.Contains("then") && previous?.Utterance == sentence.Utterance ? Interval(previous.Words) : null);
            previous = sentence;
            if (interval is null)
            {
                // "Follow up after the MRI", "come back once the results are in": a visit set by an event, not a time.
                if (cue >= 0 && AfterEvent(words, cue) is { } after)
                {
                    // As said ("after the MRI"), up to the end of the clause.
                    var said = System.Text.RegularExpressions.Regex.Match(sentence.Text, $@"\b{after.Split(' ')[0]}\b[^.,;!?]*", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
                    anchored ??= new FollowUpFact(said.Success ? NoteText.Normalize(said.Value.Trim()) : after, NoteText.Normalize(sentence.Text), [Evidence.Of(sentence.Utterance)]);
                }

                continue;
            }

            // "Bring her back in two days if she still has fever, otherwise I'll see her in two weeks": the visit otherwise planned.
            if (Enumerable.Range(0, words.Count).FirstOrDefault(i => words[i] == "otherwise", -1) is > 0 and var otherwise && otherwise > cue && Interval(words.Skip(otherwise).ToList()) is { } planned)
            {
                return new FollowUpFact(planned, NoteText.Normalize(sentence.Text), [Evidence.Of(sentence.Utterance)]);
            }

            // ("Call us if your weight goes up three pounds in a day, I'll see you in two weeks": the "if" is the call's.)
            var isConditional = Enumerable.Range(0, cue).Any(i => words[i] == "if" && !words.Take(i).Any(w => w is "call" or "phone" or "contact" or "message" or "ring") && !(i > 0 && words[i - 1] == "know"))
                || words.Contains("if") && words.Contains("still");
            var fact = new FollowUpFact(isConditional ? interval + " if not improving" : interval, NoteText.Normalize(sentence.Text), [Evidence.Of(sentence.Utterance)]);
            if (isConditional)
            {
                conditional ??= fact;
            }
            // (The call is judged in its own clause: "let's talk by phone in one week … and see you in the office …".)
            else if (Remote(words.Take(NextVisitClause(words, cue)).ToList()) || RecheckOfATest(words, cue))
            {
                // "We'll check in by phone in two weeks", "we'll recheck her hemoglobin in a month": the next visit only if
                // nothing else is said.
                remote ??= fact;
            }
            else
            {
                return fact;
            }
        }

        return remote ?? conditional ?? anchored;
    }

    /// <summary>
    /// The event a visit waits for, said after its cue: "after the MRI", "once the results are back", "when you finish the
    /// antibiotics"; not a condition ("if", "call us").
    /// </summary>
    private static string? AfterEvent(IReadOnlyList<string> words, int cue)
    {
        if (words.Take(cue).Contains("if") || Remote(words))
        {
            return null;
        }

        for (var i = cue + 1; i + 1 < words.Count; i++)
        {
            if (words[i] is "after" or "once" or "when" && words[i + 1] is "the" or "your" or "you" or "his" or "her" or "we")
            {
                var end = Math.Min(words.Count, i + 6);
                return string.Join(' ', words.Skip(i).Take(end - i));
            }
        }

        return null;
    }

    /// <summary>
    /// "… and I'll see you after that | so in about two months" (a recogniser's turn cut into clauses): the time the next clause of the
    /// turn opens with.
    /// </summary>
    private static string? FollowingClause(ClinicalTranscript transcript, Sentence sentence) =>
        transcript.SentencesOf(sentence.Utterance.Index).FirstOrDefault(s => s.Ordinal == sentence.Ordinal + 1) is { Words: [var first, ..] } next
        && first is "so" or "in" or "about" or "that's" && Interval(next.Words.Take(5).ToList()) is { } interval
            ? interval : null;

    /// <summary>
    /// Where "and" or "then" opens another visit's clause after the cue at <paramref name="cue"/> ("… and see him back in …", "… and
    /// I'd like to see you back in …"), else the sentence's end.
    /// </summary>
    private static int NextVisitClause(IReadOnlyList<string> words, int cue) =>
        Enumerable.Range(cue + 2, Math.Max(0, words.Count - cue - 2))
            .FirstOrDefault(i => VisitCues.Any(c => Dosing.At(words, i, words.Count, c))
                && Enumerable.Range(Math.Max(cue + 1, i - 5), i - Math.Max(cue + 1, i - 5)).Any(j => words[j] is "and" or "then"
                    && Enumerable.Range(j + 1, i - j - 1).All(k => SubjectAndWish.Contains(words[k]))), words.Count);

    /// <summary>What stands between "and" and the visit it opens: "and I'd like to see you …", "and we'll want to see you …".</summary>
    private static readonly HashSet<string> SubjectAndWish = ["i", "we", "i'd", "we'd", "i'll", "we'll", "let's", "like", "want", "to", "will", "would", "also"];

    /// <summary>Where the clause of the cue at <paramref name="cue"/> ends: at "and I want", "and we'll", … after it, else the sentence's end.</summary>
    private static int ClauseEnd(IReadOnlyList<string> words, int cue) =>
        Enumerable.Range(cue + 1, Math.Max(0, words.Count - cue - 2))
            .FirstOrDefault(j => words[j] == "and" && words[j + 1] is "i" or "we" or "i'll" or "we'll" or "i'd" or "i'm" or "let's" && !VisitCues.Any(c => Dosing.At(words, j + 1, words.Count, c) || Dosing.At(words, j + 2, words.Count, c)), words.Count);

    /// <summary>A call or a message, not a visit: "by phone", "a phone call", "through the portal", "a nurse call".</summary>
    private static bool Remote(IReadOnlyList<string> words) =>
        words.Any(w => w is "phone" or "call" or "calls" or "portal" or "message" or "text" or "email") && !words.Any(w => w is "video" or "office" or "clinic");

    /// <summary>"We'll recheck her hemoglobin in a month": a test repeated, which is an order, not a visit.</summary>
    private static bool RecheckOfATest(IReadOnlyList<string> words, int cue)
    {
        if (words[cue] != "recheck")
        {
            return false;
        }

        var next = cue + 1 < words.Count && words[cue + 1] is "you" or "him" or "her" or "them" or "your" or "his" or "the" ? cue + 2 : cue + 1;
        return next < words.Count && words[next] is not ("in" or "at" or "then" or "after" or "when" or "on" or "things" or "everything");
    }

    /// <summary>
    /// "in two weeks", "after two to three days", "in about a month", "one month after you start", "every month" or
    /// "monthly" while a treatment runs; "for four weeks from now" only when nothing else says when.
    /// </summary>
    /// <summary>"Let's check in at six weeks", "back at the three month mark" (not "at six weeks pregnant").</summary>
    private static string? AtInterval(IReadOnlyList<string> words, int at)
    {
        if (at < words.Count && words[at] == "the")
        {
            return Intervals.At(words, at + 1) is { } mark && mark.End < words.Count && words[mark.End] is "mark" or "point" ? mark.Text : null;
        }

        return Intervals.At(words, at) is { } plain && (plain.End == words.Count || words[plain.End] is not ("old" or "of" or "pregnant" or "gestation" or "along")) ? plain.Text : null;
    }

    private static string? Interval(IReadOnlyList<string> words)
    {
        string? fallback = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "in" or "after" or "within" && Intervals.At(words, i + 1, hours: true) is { } interval)
            {
                return interval.Text;
            }

            if (Intervals.At(words, i) is { } bare && bare.End < words.Count && words[bare.End] is "after" or "from" && (i == 0 || words[i - 1] != "for"))
            {
                return bare.Text;
            }

            if (words[i] == "monthly" || words[i] == "every" && i + 1 < words.Count && words[i + 1] == "month")
            {
                return "1 month";
            }

            if (words[i] == "every" && Intervals.At(words, i + 1) is { } every)
            {
                return every.Text;
            }

            if (words[i] == "for" && Intervals.At(words, i + 1) is { } span && span.End + 1 < words.Count && words[span.End] == "from" && words[span.End + 1] == "now")
            {
                fallback ??= span.Text;
            }

            // "We'll touch base by phone next week", "see you back next month".
            if (words[i] == "next" && i + 1 < words.Count && words[i + 1] is "week" or "month" or "year")
            {
                fallback ??= $"1 {words[i + 1]}";
            }

            // "Schedule your next shot and twelve weeks", "see you in the office and three months", "(When do I come back?) And three months": a
            // recogniser's "and" or "an" for the "in" after the visit or opening the answer; "… been about two months, come back": its
            // "in" lost.
            if ((words[i] is "and" or "an" && (i == 0 || words[i - 1] is "back" or "shot" or "visit" or "appointment" or "me" or "you" or "injection" or "office" or "clinic")
                    || words[i] is "about" or "around")
                && Intervals.At(words, i + 1) is { } misheard)
            {
                fallback ??= misheard.Text;
            }

            // "If the fever lasts more than three days, bring him back", "… longer than a week …": the return the condition sets.
            if (words[i] is "than" && i > 0 && words[i - 1] is "more" or "longer" && Intervals.At(words, i + 1) is { } past)
            {
                fallback ??= past.Text;
            }

            // "An appointment for two weeks out".
            if (words[i] == "for" && Intervals.At(words, i + 1) is { } ahead && ahead.End < words.Count && words[ahead.End] == "out")
            {
                return ahead.Text;
            }
        }

        return fallback;
    }

    /// <summary>
    /// "I'll see her at her fifteen month checkup": a child's next visit by age, the interval from the age the visit is
    /// for ("her twelve month visit", "he's twelve months old") to that one.
    /// </summary>
    private static string? AtAge(IReadOnlyList<string> words, ClinicalTranscript transcript)
    {
        int? now = null;
        for (var i = 0; i + 2 < words.Count; i++)
        {
            if (words[i] != "at" || AgeAt(words, i + 1 + (words[i + 1] is "her" or "his" or "the" or "their" or "your" ? 1 : 0)) is not { } target)
            {
                continue;
            }

            now ??= transcript.Sentences.Select(s => CurrentAge(s.Words)).FirstOrDefault(a => a is not null);
            if (now is { } current && target > current)
            {
                var months = target - current;
                return months % 12 == 0 ? $"{months / 12} year{(months == 12 ? "" : "s")}" : $"{months} month{(months == 1 ? "" : "s")}";
            }
        }

        return null;
    }

    /// <summary>"fifteen month checkup", "two year visit", "eighteen month well visit": the age in months, or null.</summary>
    private static int? AgeAt(IReadOnlyList<string> words, int at)
    {
        if (!NumberWords.TryRead(words, at, out var n, out var length) || at + length + 1 >= words.Count)
        {
            return null;
        }

        var unit = words[at + length];
        var next = words[at + length + 1];
        var months = unit is "month" or "months" ? (int)n : unit is "year" or "years" ? (int)n * 12 : 0;
        return months > 0 && next is "visit" or "checkup" or "check" or "well" or "appointment" or "physical" or "shots" ? months : null;
    }

    /// <summary>"twelve month visit", "she's twelve months old", "one year old": the age a well visit is for.</summary>
    private static int? CurrentAge(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (AgeAt(words, i) is { } age)
            {
                return age;
            }

            if (NumberWords.TryRead(words, i, out var n, out var length) && i + length + 1 < words.Count && words[i + length + 1] == "old")
            {
                var unit = words[i + length];
                if (unit is "month" or "months" or "year" or "years")
                {
                    return unit.StartsWith('m') ? (int)n : (int)n * 12;
                }
            }
        }

        return null;
    }
}
