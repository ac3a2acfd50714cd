using MedScribe.Clinical.Extraction;
using MedScribe.Clinical.Lexicons;

namespace MedScribe.Clinical;

/// <summary>
/// The rule-based clinical extractor: one transcript in, every fact the templates need out. Pure and deterministic.
/// With <paramref name="soundAlike"/>, drug names a speech engine heard as other words are read by sound first.
/// </summary>
public sealed class ClinicalExtractor(ClinicalLexicon lexicon, SoundAlikeTerms? soundAlike = null)
{
    public static ClinicalExtractor Default { get; } = new(ClinicalLexicon.Default);

    /// <summary>Whether drug names are also matched by sound.</summary>
    public bool MatchesBySound => soundAlike is not null;

    public ClinicalFacts Extract(ClinicalTranscript transcript)
    {
        if (soundAlike is not null)
        {
            transcript = soundAlike.Respell(transcript);
        }

        var findings = FindingsExtractor.Extract(transcript, lexicon);
        var problems = ProblemExtractor.Extract(transcript, lexicon);
        var vitals = VitalsExtractor.Extract(transcript);
        var notDone = NotDoneExtractor.Extract(transcript, lexicon);
        return new ClinicalFacts(
            transcript,
            MedicationExtractor.Extract(transcript, lexicon),
            vitals,
            AllergyExtractor.Extract(transcript, lexicon),
            problems,
            // A test or a vaccine the patient declined, or found not needed, is not ordered.
            OrderExtractor.Extract(transcript, lexicon).Where(o => !notDone.Any(n => n.Name == o.Name)).ToList(),
            FollowUpExtractor.Extract(transcript),
            NoteExtractor.Instructions(transcript),
            findings,
            HistoryExtractor.Extract(transcript, findings, problems, vitals),
            NoteExtractor.Subjective(transcript, lexicon),
            NoteExtractor.Objective(transcript),
            NoteExtractor.RuledOut(transcript, lexicon),
            notDone,
            NoteExtractor.Judgements(transcript));
    }
}
