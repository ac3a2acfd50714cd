namespace MedScribe.Clinical.Extraction;

/// <summary>Where a consult talks about allergies: what is named there is an allergen, not a medicine taken.</summary>
public static class AllergyTalk
{
    /// <summary>A sentence that says "allergic"/"allergy", or the first sentence of the answer to an allergy question.</summary>
    public static bool IsAbout(ClinicalTranscript transcript, Sentence sentence) =>
        sentence.Words.Any(w => w.StartsWith("allerg", StringComparison.Ordinal)) || IsAnswer(transcript, sentence);

    /// <summary>The patient's first sentence right after the clinician asked about allergies ("Any allergies to medicines?" "Amoxicillin.").</summary>
    public static bool IsAnswer(ClinicalTranscript transcript, Sentence sentence) =>
        !sentence.ByClinician && sentence.Ordinal == 0
        && transcript.SentencesOf(sentence.Utterance.Index - 1).LastOrDefault() is { ByClinician: true, IsQuestion: true } question
        && question.Words.Any(w => w.StartsWith("allerg", StringComparison.Ordinal));
}
