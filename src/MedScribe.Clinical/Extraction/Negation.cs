namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Negation and uncertainty in the NegEx manner: a trigger ("no", "denies", "never", "don't") negates what
/// follows it up to a terminator ("but", "however") or a few words; "not sure if", "maybe", "could" make a
/// statement uncertain; "if", "risk of", "signs of" make it hypothetical.
/// </summary>
public static class Negation
{
    private static readonly HashSet<string> Triggers =
    [
        "no", "not", "never", "without", "denies", "denied", "deny", "none", "nor", "neither", "don't", "doesn't", "didn't", "isn't",
        "aren't", "wasn't", "weren't", "haven't", "hasn't", "hadn't", "can't", "won't", "negative", "free",
    ];

    private static readonly HashSet<string> Terminators =
    [
        "but", "however", "although", "though", "except", "apart", "yet", "still", "which", "because", "since", "so", "while", "whereas",
    ];

    private static readonly HashSet<string> Hedges = ["maybe", "might", "possibly", "perhaps", "probably", "could", "unsure", "think", "wonder", "may", "suspect"];

    /// <summary>… and "some people with this go on to get …": what happens to others.</summary>
    private static readonly HashSet<string> Hypotheticals = ["if", "risk", "signs", "sign", "prevent", "whether", "unless", "case", "screen", "can", "could", "would", "might", "may", "chance", "people"];

    /// <summary>The words a reply's "no" may stand before as a statement of its own ("No, it's …", "no, you have …", "no, just …").</summary>
    private static readonly HashSet<string> AnswerOpeners =
        ["i", "i'm", "i've", "it", "it's", "this", "that", "that's", "you", "you've", "you're", "he", "he's", "she", "she's", "we", "we're", "there's", "what",
            // "No, just the leg swelling", "no, only a little cough": what is there, after the no that answered.
            "just", "only"];

    /// <summary>A reply that denies what was asked: "No", "Nope", "Not really", "None".</summary>
    public static bool IsDenial(IReadOnlyList<string> words) =>
        words.Count > 0 && (words[0] is "no" or "nope" or "none" or "never" or "nothing" or "neither" or "nah"
        || words.Count > 1 && words[0] == "not" && words[1] is "really" or "at" or "that");

    /// <summary>
    /// "If you pass out again, or have chest pain or a racing heart, call 911": a sentence that opens with a condition is
    /// hypothetical up to the clause that says what to do.
    /// </summary>
    private static bool InOpeningCondition(IReadOnlyList<string> words, int at)
    {
        var opening = words.Count > 1 && words[0] is "and" or "but" or "so" or "now" or "also" or "again" ? 1 : 0;
        return at > opening && words[opening] is "if" or "unless" or "whenever"
            && !Enumerable.Range(opening + 1, at - opening - 1).Any(i => words[i] is "call" or "go" or "come" or "then" or "seek" or "head" or "return" or "contact"
                or "we'll" or "i'll" or "let's" or "i'd" or "we'd" or "stop" or "that's" or "it's");
    }

    /// <summary>True when the words before <paramref name="at"/> (within <paramref name="reach"/>) negate it.</summary>
    public static bool IsNegated(IReadOnlyList<string> words, int at, int reach = 6)
    {
        for (var i = at - 1; i >= Math.Max(0, at - reach); i--)
        {
            if (Terminators.Contains(words[i]) || words[i] is "and" && i + 1 < words.Count && words[i + 1] is "i" or "i'm" or "i've" or "my" or "it's" or "your" or "his" or "her")
            {
                return false;
            }

            if (Triggers.Contains(words[i]) || HeardNo(words, i, at))
            {
                // "No, I think it's bronchitis", "no, this is a sprain": a reply's "no" before a statement of its own.
                if (i == 0 && words[0] == "no" && at > 1 && AnswerOpeners.Contains(words[1]))
                {
                    return false;
                }

                // "not only", "no longer … but": rare enough to ignore; "not sure if" is uncertainty, not negation.
                return !(words[i] == "not" && i + 1 < words.Count && words[i + 1] is "sure" or "certain") && !NewStatement(words, i + 1, at);
            }
        }

        return false;
    }

    /// <summary>
    /// "… for two months now twelve know fever it just won't quit": a recogniser's "know" for "no" right before the finding, where
    /// no one knows ("I know", "you know", "don't know", "let me know" keep their verb).
    /// </summary>
    private static bool HeardNo(IReadOnlyList<string> words, int i, int at) =>
        words[i] == "know" && i + 1 == at
        && (i == 0 || words[i - 1] is not ("i" or "you" or "we" or "they" or "he" or "she" or "don't" or "didn't" or "doesn't" or "to" or "me" or "us" or "let"
            or "would" or "will" or "just" or "i'd" or "you'd" or "we'll" or "i'll" or "might" or "may" or "should" or "must" or "could" or "can" or "do" or "did" or "does"));

    /// <summary>
    /// "… we are not nearby alice she has chronic kidney disease": a subject and its verb between the trigger and the finding
    /// open a statement of their own, which the trigger does not reach, unless what the trigger denies is a thought or a look
    /// ("I don't think she has …", "it doesn't look like he has …").
    /// </summary>
    private static bool NewStatement(IReadOnlyList<string> words, int from, int at)
    {
        for (var i = from; i + 1 < at; i++)
        {
            if (words[i] is "think" or "believe" or "like" or "seem" or "seems" or "sure" or "that" or "feel" or "say" or "said" or "know" or "if")
            {
                return false;
            }

            // ("… a preventive, not just rescue medicine, these are migraines …": a statement of what something is.)
            if (words[i] is "she" or "he" or "you" or "they" or "i" && words[i + 1] is "has" or "have" or "had" or "was" or "were" or "is" or "are" or "am"
                || words[i] is "these" or "this" or "those" && words[i + 1] is "is" or "are" or "was" or "were" or "looks" or "look"
                || words[i] is "she's" or "he's" or "you've" or "you're" or "they've" or "i've")
            {
                return i > from;
            }
        }

        return false;
    }

    /// <summary>True when the words before <paramref name="at"/> in the sentence hedge or suppose it.</summary>
    public static bool IsUncertain(IReadOnlyList<string> words, int at, int reach = 6)
    {
        for (var i = at - 1; i >= Math.Max(0, at - reach); i--)
        {
            if (Hedges.Contains(words[i]) && !(words[i] == "think" && Concludes(words, i + 1)) || words[i] == "sure" && i > 0 && words[i - 1] == "not")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "I think this is gout", "I think you have shingles": a clinician's "I think" before a plain statement is how a diagnosis
    /// is said, not a doubt; "I think it might be gout" stays uncertain by its own hedge.
    /// </summary>
    private static bool Concludes(IReadOnlyList<string> words, int at)
    {
        var from = at < words.Count && words[at] == "that" ? at + 1 : at;
        return from + 1 < words.Count && (words[from] is "it's" or "that's" or "you've" or "you're"
            || words[from] is "this" or "it" or "that" && words[from + 1] is "is" or "was" or "looks" or "sounds"
            || words[from] is "you" or "he" or "she" && words[from + 1] is "have" or "has" or "had");
    }

    /// <summary>True when the clause after the name denies it: "…, but you don't have it", "…, which you don't have".</summary>
    public static bool IsDeniedAfter(IReadOnlyList<string> words, int end)
    {
        for (var i = end; i < Math.Min(words.Count, end + 5); i++)
        {
            if (words[i] is "don't" or "doesn't" && i + 1 < words.Count && words[i + 1] is "have" or "has"
                && (i + 2 == words.Count || words[i + 2] is "it" or "that" or "this" or "one" or "any"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "What if it happens again?" "Then go to the emergency department and we'd start levetiracetam …", "What if it doesn't
    /// help?" "Then we'd do an upper endoscopy.": the clinician's plan for what may come, in the first sentence of the answer.
    /// </summary>
    public static bool AnswersWhatIf(ClinicalTranscript transcript, Sentence sentence) =>
        sentence.Ordinal == 0 && sentence.Words.FirstOrDefault() == "then" && sentence.Utterance.Index > 0
        && transcript.SentencesOf(sentence.Utterance.Index - 1).LastOrDefault() is { ByClinician: false, IsQuestion: true } asked && asked.Words.Contains("if");

    /// <summary>True for "if you have chest pain", "risk of stroke", "signs of a stroke", "to check for diabetes", "sleep apnea can trigger …".</summary>
    public static bool IsHypothetical(IReadOnlyList<string> words, int start, int end, int reach = 6)
    {
        if (InOpeningCondition(words, start))
        {
            return true;
        }

        for (var i = start - 1; i >= Math.Max(0, start - reach); i--)
        {
            // "I can feel a hernia", "I can see the rash": the examination, not a possibility.
            if (Hypotheticals.Contains(words[i]) && !(words[i] is "can" && i + 1 < start && words[i + 1] is "feel" or "see" or "hear" or "tell")
                || words[i] == "for" && i > 0 && words[i - 1] is "check" or "screen" or "test" or "look" or "screening" or "testing"
                || words[i] == "out" && i > 0 && words[i - 1] == "rule"
                || words[i] == "needed" && start - i <= 3)
            {
                return true;
            }
        }

        for (var i = end; i < Math.Min(words.Count, end + 2); i++)
        {
            // ("Your high blood pressure, your risk is high" has the problem; "diabetes risk" does not.)
            if (words[i] is "can" or "could" or "may" or "might" || words[i] == "risk" && i == end)
            {
                return true;
            }
        }

        return false;
    }
}
