using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Offers, requests and their answers: "Would you like to try a patch?" "Yes, let's try it."; "Can I take ibuprofen?" "Sure."
/// What one side proposes and the other takes up is decided; what is refused or doubted is not.
/// </summary>
public static class Consent
{
    /// <summary>A clinician's question that offers: "would you like to try …", "do you want …", "shall we start …".</summary>
    private static readonly string[][] OfferWords =
    [
        ["would", "you", "like"], ["do", "you", "want"], ["want", "to", "try"], ["shall", "we"], ["should", "we", "start"], ["should", "we", "try"], ["how", "about"],
        ["willing", "to"], ["open", "to"], ["interested", "in"], ["like", "to", "try"],
    ];

    public static bool Offers(IReadOnlyList<string> words) => Dosing.Says(words, OfferWords);

    /// <summary>"Can I get …?", "Could we do …?", "Should I take …?": the patient asks for one of <paramref name="verbs"/>.</summary>
    public static bool Requests(IReadOnlyList<string> words, params string[] verbs) =>
        words.Count > 2 && words[0] is "can" or "could" or "should" or "may" && words[1] is "i" or "we" && verbs.Contains(words[2]);

    /// <summary>"Can I keep taking …?", "Should I keep the …?", "Should I still use …?", "Can I continue …?": the patient asks to go on with what they take.</summary>
    public static bool RequestsToKeep(IReadOnlyList<string> words) =>
        words.Count > 3 && words[0] is "can" or "could" or "should" or "may" && words[1] is "i" or "we"
        && (words[2] is "keep" or "still" && words[3] is "taking" or "using" or "take" or "use" or "on" || words[2] == "keep" && words[3] is "the" or "my" || words[2] == "continue");

    /// <summary>
    /// "Sure", "Yes, I'll order it", "Of course": the clinician grants it, without a "but" or a "no"; a limit set on it ("yes, but no
    /// more than twice a day") still grants it.
    /// </summary>
    public static bool Grants(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || !(words[0] is "sure" or "yes" or "yeah" or "absolutely" || words.Count > 1 && words[0] == "of" && words[1] == "course"))
        {
            return false;
        }

        var limit = Enumerable.Range(0, words.Count).FirstOrDefault(i => Dosing.At(words, i, words.Count, "but", "no", "more", "than")
            || Dosing.At(words, i, words.Count, "but", "not", "more", "than"), words.Count);
        return !words.Take(limit).Any(w => w is "but" or "don't" or "not" or "no" or "won't");
    }

    /// <summary>"Yes, let's try it", "Sure", "That sounds good": an offer taken, with nothing that doubts or puts it off.</summary>
    public static bool Accepts(IReadOnlyList<string> words) =>
        words.Count > 0 && (words[0] is "yes" or "yeah" or "yep" or "sure" or "okay" or "ok" or "alright" or "absolutely" or "definitely" or "let's"
            || Dosing.At(words, 0, words.Count, "sounds", "good") || Dosing.At(words, 0, words.Count, "that", "sounds", "good") || Dosing.At(words, 0, words.Count, "i'd", "like"))
        && !words.Any(w => w is "no" or "not" or "rather" or "don't" or "later" or "wait" or "but" or "think");

    /// <summary>
    /// "And the vitamin B12 shot is once a month." "Right, the nurse gives it to me."; "You told the nurse penicillin gives you
    /// hives?" "Yes, all over.": the clinician's account, ending the turn, that the patient's next reply confirms at once.
    /// </summary>
    public static bool ConfirmedNext(ClinicalTranscript transcript, Sentence sentence)
    {
        var last = transcript.SentencesOf(sentence.Utterance.Index).LastOrDefault();
        if (last is null || last.Ordinal != sentence.Ordinal || sentence.Utterance.Index + 1 >= transcript.Utterances.Count)
        {
            return false;
        }

        var reply = transcript.SentencesOf(sentence.Utterance.Index + 1).FirstOrDefault();
        return reply is { ByClinician: false, Words.Count: > 0 } && !Negation.IsDenial(reply.Words)
            && (reply.Words[0] is "yes" or "yeah" or "yep" or "right" or "correct" or "exactly" or "uh-huh" or "mhm"
                // "Every three days, yes."
                || reply.Words.Count <= 8 && reply.Words.Any(w => w is "yes" or "yeah" or "yep" or "correct")
                || Dosing.At(reply.Words, 0, reply.Words.Count, "that's", "right") || Dosing.At(reply.Words, 0, reply.Words.Count, "that's", "correct"));
    }
}
