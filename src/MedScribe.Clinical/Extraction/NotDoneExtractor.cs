using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// What the visit decided not to do, for the plan: a test, a vaccine, a therapy or a drug the patient asked about and the
/// clinician put off or found unneeded ("Do I need a chest x-ray?" "Not right now."), one the clinician offered and the
/// patient declined ("You're due for the shingles vaccine." "Can that wait?"), and one the clinician named as not needed
/// or put off ("you don't need an MRI right now", "we'll hold off on the colonoscopy").
/// </summary>
public static class NotDoneExtractor
{
    /// <summary>How a decision not to do something reads in the note.</summary>
    private enum Outcome
    {
        NotNeeded,
        Deferred,
        Declined,
        NotPrescribed,
    }

    /// <summary>A patient's words that refuse what was offered: "can that wait", "I'd rather not", "no thanks".</summary>
    private static readonly string[][] Refusals =
    [
        ["can", "that", "wait"], ["can", "it", "wait"], ["can", "we", "wait"], ["can", "we", "skip"], ["rather", "not"], ["no", "thanks"], ["no", "thank", "you"],
        ["don't", "want"], ["do", "not", "want"], ["not", "today"], ["no", "way"], ["i'll", "pass"], ["i'd", "pass"], ["next", "time"], ["not", "ready"],
        ["can't", "do", "that"], ["cannot", "do", "that"], ["hold", "off"],
    ];

    /// <summary>"I don't want to keep feeling like this": a state the patient wants gone, no refusal.</summary>
    private static readonly string[][] NotWantedStates =
    [
        ["don't", "want", "to", "keep"], ["don't", "want", "to", "feel"], ["don't", "want", "to", "be"], ["don't", "want", "to", "live"], ["don't", "want", "to", "end"],
        ["don't", "want", "to", "go", "on"],
        // "I don't want to get hooked on something": a worry about the drug, which the clinician answers, not a refusal of it.
        ["don't", "want", "to", "get", "hooked"], ["don't", "want", "to", "get", "addicted"], ["don't", "want", "to", "get", "dependent"],
        ["don't", "want", "to", "become"], ["don't", "want", "to", "end", "up"], ["don't", "want", "to", "gain"],
    ];

    /// <summary>
    /// "Not yet", "maybe later": a refusal only of what was offered as a choice ("I can start you on a patch if you're ready"),
    /// not an answer to "any questions so far".
    /// </summary>
    private static readonly string[][] Postponements = [["not", "yet"], ["maybe", "later"], ["not", "right", "now"]];

    private static readonly string[][] Offers =
    [
        ["if", "you're", "ready"], ["if", "you", "are", "ready"], ["if", "you", "want"], ["if", "you'd", "like"], ["i", "can", "start"], ["i", "could", "start"],
        ["would", "you", "like"], ["are", "you", "ready"], ["we", "could", "start"],
    ];

    /// <summary>A clinician's words that put a thing off: "that's the next step", "let's give this a fair chance first".</summary>
    private static readonly string[][] PutOffs =
    [
        ["next", "step"], ["later"], ["next", "visit"], ["first"], ["hold", "off"], ["wait"], ["down", "the", "road"], ["revisit"], ["for", "now"],
        ["not", "yet"], ["next", "time"], ["bring", "it", "up"], ["if", "you're", "still"], ["if", "it's", "still"],
    ];

    /// <summary>A clinician's words that find a thing unneeded: "not right now", "you don't need", "I don't think".</summary>
    private static readonly string[][] Unneeded =
    [
        ["not", "right", "now"], ["don't", "need"], ["doesn't", "need"], ["no", "need"], ["not", "needed"], ["not", "necessary"], ["i", "don't", "think"],
        ["not", "now"], ["not", "today"], ["bad", "idea"], ["wouldn't"], ["won't", "need"], ["avoid"], ["not", "a", "good", "idea"], ["isn't", "a", "good"],
    ];

    /// <summary>"Let's try the tamsulosin first and add tadalafil if needed": a drug to add only should the first not do.</summary>
    public static bool AddedIfNeeded(IReadOnlyList<string> words, int start, int end) =>
        Dosing.Says(words, [["add"], ["adding"], ["try"], ["consider"], ["switch", "to"]], Math.Max(0, start - 3), start)
        && Dosing.Says(words, [["if", "needed"], ["if", "necessary"], ["if", "it", "doesn't"], ["if", "that", "doesn't"], ["if", "this", "doesn't"], ["if", "we", "need"], ["if", "you", "need"]],
            end, Math.Min(words.Count, end + 4));

    public static IReadOnlyList<NotDoneFact> Extract(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var lines = new List<(string Thing, Outcome Outcome, string? When, bool Revisit, IReadOnlyList<Evidence> Evidence)>();
        var utterances = transcript.Utterances;
        for (var u = 0; u + 1 < utterances.Count; u++)
        {
            var first = transcript.SentencesOf(u).ToList();
            var reply = transcript.SentencesOf(u + 1).ToList();
            if (first.Count == 0 || reply.Count == 0 || utterances[u].ByClinician == utterances[u + 1].ByClinician)
            {
                continue;
            }

            var evidence = new[] { Evidence.Of(utterances[u]), Evidence.Of(utterances[u + 1]) };
            var replyWords = reply.Take(2).SelectMany(s => s.Words).ToList();
            if (!utterances[u].ByClinician && first.Any(s => s.IsQuestion))
            {
                // "Do I need a chest x-ray or anything?" "Not right now.": asked about, answered no or later ("Can you give me
                // something stronger than Tylenol? Like hydrocodone?" asks about the one named last).
                // ("I'm allergic to penicillin, is that a problem?" "No, …" asks about an allergy, not for the drug.)
                if (first.Where(s => s.IsQuestion && !AllergyTalk.Mentions(s.Words)).Select(s => Thing(s.Words, lexicon)).LastOrDefault(t => t is not null) is { } asked
                    && Answer(replyWords, asked.IsDrug) is { } outcome)
                {
                    lines.Add((asked.Name, outcome, When(replyWords), false, evidence));
                }
            }
            else if (utterances[u].ByClinician && !first[^1].IsQuestion
                && (Dosing.Says(replyWords, Refusals) && !Dosing.Says(replyWords, NotWantedStates) || Dosing.Says(replyWords, Postponements) && Dosing.Says(first[^1].Words, Offers))
                // ("Your PHQ nine today is sixteen …" reads a result; it offers nothing.)
                && first.Where(s => !Dosing.Says(s.Words, [["today", "is"], ["came", "back"], ["score", "is"], ["score", "was"]]))
                    .Select(s => Thing(s.Words, lexicon, offered: true)).LastOrDefault(t => t is not null) is { } offered)
            {
                // "You're also due for the shingles vaccine." "Can that wait? I'd rather not …" "That's fine, we'll bring it up
                // at the next visit.": offered, declined, to be offered again.
                var then = u + 2 < utterances.Count ? transcript.SentencesOf(u + 2).SelectMany(s => s.Words).ToList() : [];
                lines.Add((offered.Name, Outcome.Declined, When(replyWords), Dosing.Says(then, [["next", "visit"], ["next", "time"], ["bring", "it", "up"], ["revisit"], ["next", "appointment"]]), evidence));
            }
        }

        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion))
        {
            var words = sentence.Words;
            var named = new List<(OrderEntry Entry, Outcome Outcome, int End)>();
            foreach (var match in lexicon.Orders.FindAll(words).Where(m => m.Value.Type is not "other" || m.Value.Name.EndsWith("vaccine", StringComparison.Ordinal)))
            {
                // "You don't need an x-ray or an MRI right now", "we'll hold off on the colonoscopy": the clinician's own word.
                var before = words.Skip(Math.Max(0, match.Start - 8)).Take(Math.Min(8, match.Start)).ToList();
                var outcome = Dosing.Says(before, [["don't", "need"], ["doesn't", "need"], ["no", "need", "for"], ["won't", "need"]]) ? Outcome.NotNeeded
                    : Dosing.Says(before, [["hold", "off"], ["holding", "off"], ["put", "off"], ["wait", "on"]]) ? Outcome.Deferred : (Outcome?)null;
                if (outcome is { } said && !words.Take(match.Start).Contains("if"))
                {
                    named.Add((match.Value, said, match.End));
                }
            }

            foreach (var match in lexicon.Drugs.FindAll(words))
            {
                // "We'll hold off on allopurinol for now", "if the flares keep coming we'll talk about allopurinol, but not today":
                // a drug the clinician put off, not started.
                var from = Math.Max(0, match.Start - 8);
                if (AddedIfNeeded(words, match.Start, match.End) || Dosing.Says(words, [["hold", "off"], ["holding", "off"], ["put", "off"], ["wait", "on"]], from, match.Start)
                    || Dosing.Says(words, [["talk", "about"], ["think", "about"], ["consider"], ["discuss"]], from, match.Start)
                        && Dosing.Says(words, [["not", "today"], ["not", "yet"], ["not", "now"], ["not", "right", "now"], ["down", "the", "road"], ["later"], ["next", "visit"]], match.End))
                {
                    lines.Add((match.Value.Generic, Outcome.Deferred, null, false, [Evidence.Of(sentence.Utterance)]));
                }
            }

            // One line for the sentence's list: "Imaging (x-ray, MRI) not needed now."
            foreach (var group in named.GroupBy(n => n.Outcome))
            {
                var names = group.Select(n => n.Entry.Name).Distinct().ToList();
                var thing = names.Count > 1 && group.All(n => n.Entry.Type == "imaging") ? $"imaging ({string.Join(", ", names)})" : string.Join(" and ", names);
                lines.Add((thing, group.Key, When(words.Skip(group.Max(n => n.End)).ToList()), false, [Evidence.Of(sentence.Utterance)]));
            }
        }

        return lines.DistinctBy(l => l.Thing).Select(l => new NotDoneFact(l.Thing, Text(l.Thing, l.Outcome, l.When, l.Revisit), l.Evidence)).ToList();
    }

    /// <summary>
    /// The test, vaccine, therapy or drug a question or an offer ends on, the one the reply is about ("I'm ordering x-rays of
    /// both hands … you're also due for the shingles vaccine" offers the vaccine last); a specific name before a generic one.
    /// </summary>
    private static (string Name, bool IsDrug)? Thing(IReadOnlyList<string> words, ClinicalLexicon lexicon, bool offered = false)
    {
        var orders = lexicon.Orders.FindAll(words).Where(m => m.Value.Type is not "other" || m.Value.Name.EndsWith("vaccine", StringComparison.Ordinal))
            .Select(m => (m.Start, Name: m.Value.Name, IsDrug: false));
        // "Something stronger than Tylenol" compares with the drug, it does not ask for it.
        var drugs = lexicon.Drugs.FindAll(words).Where(m => !(m.Start > 0 && words[m.Start - 1] == "than")).Select(m => (m.Start, Name: m.Value.Generic, IsDrug: true));
        // An offer is of a test, a vaccine or a therapy ("… the shingles vaccine, which matters for anyone on methotrexate");
        // a drug only when nothing else is offered.
        var named = (offered && orders.Any() ? orders : orders.Concat(drugs)).OrderBy(t => t.Start).ToList();
        if (named.Count == 0)
        {
            return null;
        }

        var last = named.LastOrDefault(t => t.Name is not ("x-ray" or "vaccine" or "blood work" or "CT scan" or "MRI" or "ultrasound"));
        return last.Name is null ? (named[^1].Name, named[^1].IsDrug) : (last.Name, last.IsDrug);
    }

    /// <summary>What a clinician's reply to "Do I need …?", "What about …?", "Can you give me …?" decides, or null when it does not say no.</summary>
    private static Outcome? Answer(IReadOnlyList<string> words, bool drug)
    {
        // "Yes", "Good question, we'll get one today": granted.
        if (words.Count == 0 || words[0] is "yes" or "yeah" or "sure" or "absolutely" || Dosing.At(words, 0, words.Count, "of", "course")
            || Dosing.Says(words, [["right", "away"], ["let's", "do"], ["let's", "get"], ["i'll", "order"], ["we'll", "do"], ["we'll", "get"], ["i'm", "ordering"]]))
        {
            return null;
        }

        if (Dosing.Says(words, PutOffs))
        {
            return Outcome.Deferred;
        }

        if (words[0] is "no" or "not" or "nope" || Dosing.Says(words, Unneeded))
        {
            return drug ? Outcome.NotPrescribed : Outcome.NotNeeded;
        }

        return null;
    }

    /// <summary>"now", "at this stage", "today" said with the decision, for the note.</summary>
    private static string? When(IReadOnlyList<string> words) =>
        Dosing.Says(words, [["right", "now"], ["now"]]) ? "now" : Dosing.Says(words, [["at", "this", "stage"], ["at", "this", "point"], ["at", "this", "time"]]) ? "at this stage"
        : Dosing.Says(words, [["today"]]) ? "today" : null;

    private static string Text(string thing, Outcome outcome, string? when, bool revisit)
    {
        var what = char.ToUpperInvariant(thing[0]) + thing[1..];
        var said = outcome switch
        {
            Outcome.NotNeeded => "not needed",
            Outcome.Deferred => "deferred",
            Outcome.Declined => "declined by the patient",
            _ => "not prescribed",
        };
        return $"{what} {said}{(when is null ? "" : " " + when)}{(revisit ? "; to revisit at the next visit" : "")}.";
    }
}
