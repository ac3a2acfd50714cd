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
        // A drug said only where it was put off or declined ("We'll hold off on allopurinol for now", "I can start you on a nicotine
        // patch if you're ready." "Not yet.") is neither held nor started; a drug the patient takes and is told to hold is held,
        // not put off.
        var medications = MedicationExtractor.Extract(transcript, lexicon)
            .Where(m => !(m.Action is "hold" or "start" && notDone.Any(n => n.Name == m.Name && m.Evidence.All(e => n.Evidence.Any(d => d.Utterance == e.Utterance)))))
            .ToList();
        notDone = notDone.Where(n => !medications.Any(m => m.Name == n.Name)).ToList();
        problems = ProblemExtractor.WithTreatedPressure(problems, vitals, medications, transcript);
        problems = ProblemExtractor.WithSoleIndication(problems, medications);
        problems = ProblemExtractor.WithPrediabeticA1c(problems, transcript, lexicon);
        problems = ProblemExtractor.WithTreatedThyroid(problems, medications, transcript);
        return new ClinicalFacts(
            transcript,
            medications,
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
            NoteExtractor.Objective(transcript, vitals),
            NoteExtractor.RuledOut(transcript, lexicon),
            notDone,
            NoteExtractor.Judgements(transcript))
        {
            GivenInClinic = NoteExtractor.GivenInClinic(transcript, lexicon),
            Counseling = NoteExtractor.Counseling(transcript),
        };
    }
}
