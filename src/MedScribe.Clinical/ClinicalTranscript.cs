using System.Text.RegularExpressions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical;

/// <summary>One line of the transcript: who spoke, what was said, and when (0-based line number = evidence index).</summary>
public sealed record Utterance(int Index, string Speaker, string Text, long StartMs, long EndMs)
{
    public bool ByClinician => Speaker == Speakers.Doctor;

    /// <summary>Whether a sentence ends in it: written text, not a turn a recogniser cut into clauses.</summary>
    public bool Punctuated => Text.IndexOfAny(['.', '?', '!']) >= 0;
}

/// <summary>The two speaker labels of a transcript line.</summary>
public static class Speakers
{
    public const string Doctor = "Doctor";
    public const string Patient = "Patient";
}

/// <summary>A sentence of an utterance with its words (lower case) and whether it asks something.</summary>
public sealed record Sentence(Utterance Utterance, int Ordinal, string Text, IReadOnlyList<string> Words, bool IsQuestion)
{
    public bool ByClinician => Utterance.ByClinician;
}

/// <summary>A speaker-labelled transcript, split into sentences, ready for extraction.</summary>
public sealed partial class ClinicalTranscript
{
    private readonly ILookup<int, Sentence> _byUtterance;

    private ClinicalTranscript(IReadOnlyList<Utterance> utterances)
        : this(utterances, utterances.SelectMany(Split).ToList())
    {
    }

    private ClinicalTranscript(IReadOnlyList<Utterance> utterances, IReadOnlyList<Sentence> sentences)
    {
        Utterances = utterances;
        Sentences = sentences;
        _byUtterance = sentences.ToLookup(s => s.Utterance.Index);
    }

    /// <summary>The sentences of one utterance (none for an index outside the transcript).</summary>
    public IEnumerable<Sentence> SentencesOf(int utterance) => _byUtterance[utterance];

    /// <summary>The same utterances read as other words (a drug heard as common words, spelled as the drug).</summary>
    public ClinicalTranscript WithSentences(IReadOnlyList<Sentence> sentences) => new(Utterances, sentences);

    public IReadOnlyList<Utterance> Utterances { get; }

    public IReadOnlyList<Sentence> Sentences { get; }

    public int WordCount => Sentences.Sum(s => s.Words.Count);

    public static ClinicalTranscript From(IEnumerable<Utterance> utterances) => new(utterances.ToList());

    public static ClinicalTranscript FromSegments(IReadOnlyList<TranscriptSegment> segments) =>
        new(segments.Select((s, i) => new Utterance(i, NormalizeSpeaker(s.Speaker), s.Text, s.StartMs, s.EndMs)).ToList());

    /// <summary>
    /// Reads "Doctor: …" / "Patient: …" lines (also the scripts' "D: " / "P: "); a line without a label keeps
    /// the previous speaker. Times are unknown (0).
    /// </summary>
    public static ClinicalTranscript FromText(string text)
    {
        var utterances = new List<Utterance>();
        var speaker = Speakers.Doctor;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var label = Label().Match(line);
            if (label.Success && (PatientLabels.Contains(label.Groups[1].Value.ToLowerInvariant()) || ClinicianLabels.Contains(label.Groups[1].Value.ToLowerInvariant())))
            {
                speaker = NormalizeSpeaker(label.Groups[1].Value);
                line = line[label.Length..].Trim();
            }

            utterances.Add(new Utterance(utterances.Count, speaker, line, 0, 0));
        }

        return new ClinicalTranscript(utterances);
    }

    /// <summary>Labels of whoever speaks for the patient: a parent, a relative, an interpreter ("Mother: She's had a fever for two days").</summary>
    private static readonly HashSet<string> PatientLabels =
    [
        "p", "patient", "parent", "caregiver", "mother", "father", "mom", "dad", "guardian", "son", "daughter", "wife", "husband", "partner", "spouse", "interpreter",
    ];

    /// <summary>Labels of the clinician's side.</summary>
    private static readonly HashSet<string> ClinicianLabels = ["d", "doctor", "clinician", "physician", "nurse"];

    private static string NormalizeSpeaker(string label) => PatientLabels.Contains(label.Trim().ToLowerInvariant()) ? Speakers.Patient : Speakers.Doctor;

    private static IEnumerable<Sentence> Split(Utterance utterance)
    {
        var punctuated = utterance.Punctuated;
        var pieces = punctuated
            ? SentenceEnd().Split(utterance.Text).Select(p => p.Trim()).Where(p => p.Length > 0).ToList()
            : Clauses(utterance.Text);
        var ordinal = 0;
        foreach (var piece in pieces)
        {
            var words = Tokens.Words(piece);
            if (words.Length == 0)
            {
                continue;
            }

            var question = piece.EndsWith('?') || (!punctuated && words.Length <= 30 && (QuestionStart().IsMatch(piece)
                || utterance.ByClinician && QuestionStart().IsMatch(WithoutOpening(piece))));
            yield return new Sentence(utterance, ordinal++, piece, words, question);
        }
    }

    private static readonly HashSet<string> Openings =
    [
        "okay", "ok", "so", "alright", "all", "right", "good", "great", "now", "and", "well", "that's", "important", "thanks", "thank", "you",
        "perfect", "got", "it", "sure", "fine", "yes", "i", "see", "understood", "to", "know", "hear", "glad", "that", "helpful", "noted",
    ];

    /// <summary>"okay that's important any allergies to medicines": a recogniser's question after an acknowledgement.</summary>
    private static string WithoutOpening(string piece)
    {
        var tokens = Tokens.Of(piece);
        var skip = 0;
        while (skip < tokens.Count && skip < 6 && Openings.Contains(tokens[skip].Text))
        {
            skip++;
        }

        return skip == 0 || skip == tokens.Count ? piece : piece[tokens[skip].Start..];
    }

    private static readonly string[][] ClauseStarts =
    [
        ["first"], ["second"], ["third"], ["fourth"], ["fifth"], ["finally"], ["let", "me"], ["let's"], ["i'm"], ["i", "am"], ["i'll"], ["i'd"],
        ["we'll"], ["we're"], ["i", "want"], ["you've"], ["this", "is"], ["this", "looks"], ["there's"], ["there", "are"], ["here's"], ["if"], ["until"], ["please"], ["so"],
        // ("call" only with whom or when: in "we stop the hydro call rocephin yeah side" it is a drug's name heard as words.)
        ["instead"], ["take"], ["keep"], ["stop"], ["continue"], ["avoid"], ["drink"], ["call", "us"], ["call", "me"], ["call", "the"], ["call", "if"], ["call", "right"], ["call", "your"],
        ["call", "back"], ["call", "nine"], ["call", "911"], ["check"], ["try"], ["use"], ["go", "to"],
        ["any"], ["do", "you"], ["have", "you"], ["are", "you"], ["how"], ["when", "did"], ["when", "was"], ["what", "brings"],
        // "… vitamin d a thousand units daily we talked about alendronate but …": what was weighed is a clause of its own.
        ["we", "talked"], ["we", "discussed"], ["we", "mentioned"], ["we", "spoke"],
    ];

    /// <summary>
    /// A recogniser gives a long turn as one line with no punctuation; it is cut into clauses before the
    /// words that start one ("first", "I'm", "if", "take", "so") so that a verb, a negation or an "if" does
    /// not reach across a whole turn. Lines under 12 words stay whole.
    /// </summary>
    private static List<string> Clauses(string text)
    {
        var tokens = Tokens.Of(text);
        if (tokens.Count < 12)
        {
            return [text.Trim()];
        }

        var words = tokens.Select(t => t.Text).ToList();
        var cuts = new List<int> { 0 };
        var consequence = -1;
        for (var i = 3; i < words.Count - 2; i++)
        {
            // "if you're doing well at the next visit we'll stop it altogether": a condition keeps what follows from it.
            // ("… if you get a sore throat with a fever stop the methimazole and call us": the instruction a condition with its own
            // subject leads to.)
            var condition = InCondition(words, cuts[^1], i) && (words[i] is "we'll" or "i'll" or "we" or "i" or "let's" or "then" || consequence >= 0 && i - consequence <= 2
                || consequence < 0 && words[i] is "stop" or "take" or "hold" or "skip" or "use" && ConditionWithSubject(words, cuts[^1], i));
            if (condition && consequence < 0)
            {
                consequence = i;
            }

            if (i - cuts[^1] >= 3 && !condition && !InsteadOfThen(words, cuts[^1], i) && (TopicAfterDose(words, cuts[^1], i) || ReadingOpens(words, i) && QuestionStart().IsMatch(text[tokens[cuts[^1]].Start..]) || !AfterTopic(words, cuts[^1], i) && !NotAClauseStart(words, i)
                && ClauseStarts.Any(start => Dosing.At(words, i, words.Count, start))
                // "… if she can't keep fluids down": a modal, negated or not, goes on into its verb.
                && !(words[i - 1] is "to" or "and" or "or" or "not" or "don't" or "can" or "could" or "might" or "would" or "should" or "may" or "will" or "must"
                    or "can't" or "cannot" or "won't" or "couldn't" or "shouldn't" or "wouldn't" or "doesn't" or "didn't" or "never")))
            {
                // "… for my knees I take one …": a verb's clause starts at its subject ("… teach you how to …" is not one); so does
                // "… cefdinir, the liquid, she'll take one hundred twenty five milligrams …" at the subject with its "will".
                var subject = words[i] is "take" or "keep" or "stop" or "continue" or "avoid" or "drink" or "call" or "check" or "try" or "use"
                    && words[i - 1] is "i" or "we" or "they" or "he" or "she" or "you'll" or "she'll" or "he'll" or "they'll" && i - 1 - cuts[^1] >= 3;
                cuts.Add(subject ? i - 1 : i);
                consequence = -1;
            }
        }

        cuts.Add(words.Count);
        return cuts.Zip(cuts.Skip(1), (from, to) => text[tokens[from].Start..tokens[to - 1].End]).ToList();
    }

    /// <summary>
    /// "… i'm starting a bike so but five milligrams …": a "so" a dose follows within three words is no clause's start but a
    /// misheard word before the dose of the name said just before it; "first thing" is a time of day.
    /// </summary>
    private static bool NotAClauseStart(List<string> words, int at) =>
        words[at] == "so" && Dosing.Doses(words, at + 1, Math.Min(words.Count, at + 8)).Any(d => d.Start <= at + 3)
        // "… five hundred milligrams first thing in the morning": a time of day, not the first of a list.
        || words[at] == "first" && words[at + 1] == "thing"
        // "… twice a day for the first seven days": an ordinal after its article is no list's opening.
        || words[at] is "first" or "second" or "third" or "fourth" or "fifth" && words[at - 1] is "the" or "a" or "this" or "that"
        // "This is alcohol use disorder", "your use of the inhaler": "use" as a noun.
        || words[at] == "use" && (words[at + 1] is "disorder" or "of" || words[at - 1] is "alcohol" or "drug" or "tobacco" or "substance" or "opioid" or "cannabis"
            or "marijuana" or "nicotine" or "cocaine" or "stimulant" or "steroid" or "the" or "your" or "his" or "her" or "their" or "of" or "in" or "for")
        // "… over sixty four I'll sixty six on exam": a subject with its "will" goes on to a verb; one a number follows is a misheard
        // word of the reading before (here "pulse").
        || words[at] is "i'll" or "we'll" or "i'm" or "i'd" && NumberWords.IsNumberWord(words[at + 1])
        // "… come see me in i'm honest with the numbers": no clause opens right after "in"; the words are a misheard time ("a month").
        || words[at] is "i'm" or "i'll" or "i'd" && words[at - 1] is "in" or "at" or "for"
        // "… up to three times a day if the dizziness is bad": when to take it, said right after how often.
        || words[at] == "if" && at >= 2 && (words[at - 1] is "daily" or "hours" || words[at - 1] == "day" && words[at - 2] is "a" or "per" or "each" or "every");

    /// <summary>"… instead of furosemide forty once a day take forty milligrams twice a day": what replaces the regimen is said in the clause that opens with "instead of".</summary>
    private static bool InsteadOfThen(List<string> words, int clause, int at) =>
        words[at] is "take" or "use" or "give" && at - clause <= 10
        && Enumerable.Range(clause, Math.Min(4, at - clause - 1)).Any(k => words[k] == "instead" && words[k + 1] == "of" || words[k] == "rather" && words[k + 1] == "than");

    /// <summary>
    /// "… when did the ibuprofen to two days a week blood pressure is one eighteen over seventy six today": a reading stated
    /// ("blood pressure is", "your pulse today", "temperature was") opens a clause of its own after a clause that opens like a
    /// question, so the question heard before it in the same unpunctuated turn does not make the reading a question.
    /// </summary>
    private static bool ReadingOpens(List<string> words, int at)
    {
        // (Not after what makes the reading a goal or another day's: "our goal pulse is …", "your home pressure".)
        if (at > 0 && words[at - 1] is "your" or "the" or "his" or "her" or "my" or "what's" or "what" or "is" or "was" or "how's" or "a" or "and" or "to" or "of"
            or "goal" or "target" or "cutoff" or "aim" or "ideal" or "normal" or "usual" or "home" or "resting" or "baseline" or "our" or "average" or "best")
        {
            return false;
        }

        var k = at + (words[at] is "your" or "the" or "his" or "her" ? 1 : 0);
        var name = Dosing.At(words, k, words.Count, "blood", "pressure") || Dosing.At(words, k, words.Count, "heart", "rate") ? 2
            : k < words.Count && words[k] is "pressure" or "pulse" or "temperature" or "weight" ? 1 : 0;
        if (name == 0)
        {
            return false;
        }

        k += name;
        while (k < words.Count && words[k] is "is" or "was" or "today" or "here" or "now" or "this" or "morning")
        {
            k++;
        }

        return k < words.Count && NumberWords.IsNumberWord(words[k]);
    }

    /// <summary>
    /// "… the folic acid one milligram once a day for the prednisone … drop to two and a half milligrams …": after a clause that
    /// has said a dose, "for the …" with a change of dose after it opens the next drug's clause.
    /// </summary>
    private static bool TopicAfterDose(List<string> words, int clause, int at) =>
        words[at] == "for" && words[at + 1] is "the" or "your" or "her" or "his"
        && Dosing.Doses(words, clause, at).Count > 0
        && Enumerable.Range(at + 3, Math.Max(0, Math.Min(words.Count, at + 10) - at - 3)).Any(k => ChangeVerbs.Contains(words[k]))
        && Dosing.Doses(words, at + 3, Math.Min(words.Count, at + 16)).Count > 0;

    private static readonly HashSet<string> ChangeVerbs = ["drop", "lower", "increase", "decrease", "raise", "taper", "cut", "bump", "reduce", "stop", "start", "go", "come"];

    /// <summary>"if you get …", "if she has …": a condition with a subject of its own (not "if needed"), among the last twelve words.</summary>
    private static bool ConditionWithSubject(List<string> words, int clause, int at) =>
        Enumerable.Range(Math.Max(clause, at - 12), at - Math.Max(clause, at - 12))
            .Any(k => words[k] is "if" or "unless" && k + 2 < at && words[k + 1] is "you" or "she" or "he" or "they" or "your" or "her" or "his" or "it" or "there");

    /// <summary>An "if" or "unless" among the last twelve words of the clause that opened at <paramref name="clause"/>.</summary>
    private static bool InCondition(List<string> words, int clause, int at) =>
        Enumerable.Range(Math.Max(clause, at - 12), at - Math.Max(clause, at - 12)).Any(k => words[k] is "if" or "unless"
            // ("… so call if you get a rash I want a complete blood count …": a condition said after what it is for keeps nothing after it.)
            && !(k > clause && words[k - 1] is "call" or "us" or "me" or "sooner" or "room"));

    /// <summary>"… for the vitamin d | let's bump that up": a topic ("for the X", "for your X") opens the clause after it, not closes this one.</summary>
    private static bool AfterTopic(List<string> words, int clause, int at) =>
        Enumerable.Range(2, 3).Any(k => at - k > clause && words[at - k] == "for" && words[at - k + 1] is "the" or "your"
            // "for the same reason I'm not …", "for the most part": no topic.
            && words[at - k + 2] is not ("same" or "most" or "rest" or "first" or "next" or "last"));

    /// <summary>A word and a colon opening a line: a speaker's label when it is one of theirs.</summary>
    [GeneratedRegex(@"^([A-Za-z]+)\s*:")]
    private static partial Regex Label();

    /// <summary>Ends a sentence at . ? ! or ; followed by a space, but never inside a number such as 0.4.</summary>
    // Not after a title or "St." ("St. John's wort", "Dr. Patel"), nor after an initial the name goes on from in lower case
    // ("a C. difficile test", "H. pylori"; "vitamin D. It helps" ends there).
    [GeneratedRegex(@"(?<=[.?!;])(?<!\b(?:St|st|Dr|dr|Mr|Mrs|Ms|Mt|vs|Jr|Sr)\.)(?!(?<=\b[A-Z]\.)\s+[a-z])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(any|anyone|anybody|have you|has (he|she|it)|had you|do you|does|did (you|he|she|it)|are you|is (there|it|he|she|that)|was (it|there)|were you|can you|could you|would you|will you|how(?!\s+the\b)|when|where|which|who|why|what (brings|makes|kind|have|has|do|does|did|is|are|was|about|time|else)|what (\w+ ){1,2}(are|do|does|did) (you|he|she|they)|what's)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionStart();
}
