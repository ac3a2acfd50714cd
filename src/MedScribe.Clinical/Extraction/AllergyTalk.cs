namespace MedScribe.Clinical.Extraction;

/// <summary>Where a consult talks about allergies: what is named there is an allergen, not a medicine taken.</summary>
public static class AllergyTalk
{
    /// <summary>A sentence that says "allergic"/"allergy", or the first sentence of the answer to an allergy question.</summary>
    public static bool IsAbout(ClinicalTranscript transcript, Sentence sentence) =>
        sentence.Words.Any(w => w.StartsWith("allerg", StringComparison.Ordinal)) || IsAnswer(transcript, sentence);

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

            if (question.Words.Any(w => w.StartsWith("allerg", StringComparison.Ordinal)))
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

    private static readonly HashSet<string> FollowUpWords = ["any", "anything", "else", "others", "other", "more", "what", "is", "there", "and", "okay", "ok", "ones"];
}
