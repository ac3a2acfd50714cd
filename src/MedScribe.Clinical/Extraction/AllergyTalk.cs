namespace MedScribe.Clinical.Extraction;

/// <summary>Where a consult talks about allergies: what is named there is an allergen, not a medicine taken.</summary>
public static class AllergyTalk
{
    /// <summary>A sentence that talks of an allergy, or the first sentence of the answer to an allergy question.</summary>
    public static bool IsAbout(ClinicalTranscript transcript, Sentence sentence) => Mentions(sentence.Words) || IsAnswer(transcript, sentence);

    /// <summary>
    /// Words that talk of someone's allergy ("allergic to", "any allergies?", "a sulfa allergy"), not of a treatment or a
    /// disease named after allergies: "for your allergies", "an allergy pill", "allergic rhinitis", "allergy shots".
    /// </summary>
    public static bool Mentions(IReadOnlyList<string> words) =>
        Enumerable.Range(0, words.Count).Any(i => words[i].StartsWith("allerg", StringComparison.Ordinal) && !Treated(words, i)
            // "Any reactions to medicines?", "a bad reaction to anything?"
            || words[i] is "reaction" or "reactions" && i + 1 < words.Count && words[i + 1] == "to");

    /// <summary>An "allergy" word that names a treatment or a disease ("allergy spray", "for your allergies"), not an allergy.</summary>
    public static bool Treated(IReadOnlyList<string> words, int i)
    {
        if (i + 1 < words.Count && TreatmentsAndDiseases.Contains(words[i + 1]))
        {
            return true;
        }

        var k = i - 1;
        while (k >= 0 && k >= i - 3 && Describers.Contains(words[k]))
        {
            k--;
        }

        // ("I use the Flonase when my allergies act up": a season's allergies, treated.)
        return k >= 0 && k < i && (words[k] == "for" || words[k] is "when" or "whenever" or "if" && k < i - 1) && words[i] is "allergies" or "allergy";
    }

    private static readonly HashSet<string> TreatmentsAndDiseases =
    [
        "rhinitis", "conjunctivitis", "asthma", "pill", "pills", "medicine", "medicines", "medication", "medications", "tablet", "tablets",
        "spray", "sprays", "drops", "shot", "shots", "injections", "season", "symptoms", "doctor", "specialist", "clinic", "eyes", "eye", "nose",
    ];

    private static readonly HashSet<string> Describers =
    [
        "the", "your", "my", "his", "her", "their", "seasonal", "spring", "fall", "nasal", "eye", "outdoor", "environmental", "hay", "pollen",
    ];

    /// <summary>
    /// The patient's first sentence right after the clinician asked about allergies ("Any allergies to medicines?" "Amoxicillin."),
    /// or asked for more after such an answer ("Anything else?" "Aspirin, my lips swell up.").
    /// </summary>
    public static bool IsAnswer(ClinicalTranscript transcript, Sentence sentence)
    {
        if (sentence.ByClinician || sentence.Ordinal != 0)
        {
            return false;
        }

        for (var index = sentence.Utterance.Index - 1; index >= 0; index -= 2)
        {
            if (transcript.SentencesOf(index).LastOrDefault() is not { ByClinician: true, IsQuestion: true } question)
            {
                return false;
            }

            if (Mentions(question.Words))
            {
                return true;
            }

            // "Anything else?", "Any others?": more of what the patient just answered, if that answered the allergy question.
            // ("Any other medicines?" asks about something else.)
            if (!(question.Words.Any(w => w is "else" or "others" or "more") && question.Words.All(FollowUpWords.Contains)) || index == 0
                || transcript.SentencesOf(index - 1).FirstOrDefault() is not { ByClinician: false })
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Words of "anything else?" and of the kinds of allergen it may list ("Anything else, foods, latex?").</summary>
    private static readonly HashSet<string> FollowUpWords =
    [
        "any", "anything", "else", "others", "other", "more", "what", "is", "there", "and", "okay", "ok", "ones", "or", "like",
        "food", "foods", "latex", "tape", "iodine", "contrast", "dye", "bee", "stings", "pets", "animals",
    ];
}
