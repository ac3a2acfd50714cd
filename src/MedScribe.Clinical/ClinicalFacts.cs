namespace MedScribe.Clinical;

/// <summary>Where a fact was said: the transcript line (0-based), its audio times and its text.</summary>
public sealed record Evidence(int Utterance, long StartMs, long EndMs, string Text)
{
    public static Evidence Of(Utterance u) => new(u.Index, u.StartMs, u.EndMs, u.Text);
}

/// <summary>A medication discussed, with the decision made about it at this visit.</summary>
public sealed record MedicationFact(string Name, string? Dosage, string? Frequency, string? Route, string? Instructions, string Action, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>A change made in steps: "by 2 units every 3 days until fasting sugars under 130".</summary>
    public string? Titration { get; init; }

    /// <summary>What the prescribing clause adds to dose and frequency: "with food for 3 weeks, then 20 mg once daily".</summary>
    public string? Details { get; init; }
}

/// <summary>A measurement read aloud at this visit.</summary>
public sealed record VitalFact(string Kind, double Value, double? Second, string Unit, string Text, IReadOnlyList<Evidence> Evidence);

/// <summary>An allergy (or NKDA) with its reaction.</summary>
public sealed record AllergyFact(string Substance, string? Reaction, string? Severity, IReadOnlyList<Evidence> Evidence);

/// <summary>A problem asserted by the clinician (or reported as the patient's own), coded in ICD-10-CM.</summary>
public sealed record ProblemFact(string Name, string? Code, string? Display, string Status, IReadOnlyList<Evidence> Evidence, IReadOnlyList<string> Basis)
{
    /// <summary>How the problem is doing, as the clinician said it: "well controlled", "stable", "worsening", "flaring", "at goal".</summary>
    public string? Course { get; init; }
}

/// <summary>Something ordered for after the visit: lab, imaging, procedure, referral or other.</summary>
public sealed record OrderFact(string Type, string Name, string? CptCode, IReadOnlyList<Evidence> Evidence);

/// <summary>When the patient should return.</summary>
public sealed record FollowUpFact(string Interval, string? Instructions, IReadOnlyList<Evidence> Evidence)
{
    /// <summary>When, as a note says it: "in 2 weeks", or the event a visit waits for as it was said ("after the MRI").</summary>
    public string When => Interval.StartsWith("after ", StringComparison.OrdinalIgnoreCase) || Interval.StartsWith("once ", StringComparison.OrdinalIgnoreCase)
        || Interval.StartsWith("when ", StringComparison.OrdinalIgnoreCase) ? Interval : "in " + Interval;
}

/// <summary>An instruction the clinician gave the patient.</summary>
public sealed record InstructionFact(string Text, IReadOnlyList<Evidence> Evidence);

/// <summary>A symptom or examination finding, present or denied, and who said it.</summary>
public sealed record FindingFact(string Name, bool Present, bool ByClinician, IReadOnlyList<Evidence> Evidence);

/// <summary>A line of the note quoted from the transcript (history or examination), numbers written as digits.</summary>
public sealed record NoteLine(string Text, IReadOnlyList<Evidence> Evidence);

/// <summary>
/// A test, vaccine, therapy or drug the visit decided not to do now, by its name as the lexicons write it, with the plan's
/// line for it ("Chest x-ray not needed now.", "Shingles vaccine declined by the patient.").
/// </summary>
public sealed record NotDoneFact(string Name, string Text, IReadOnlyList<Evidence> Evidence);

/// <summary>The history of the present illness.</summary>
public sealed record HistoryFact(
    string? ChiefComplaint,
    string? Onset,
    string? Duration,
    string? Location,
    string? Character,
    string? Severity,
    IReadOnlyList<string> AggravatingFactors,
    IReadOnlyList<string> RelievingFactors,
    IReadOnlyList<string> AssociatedSymptoms,
    IReadOnlyList<string> PertinentNegatives,
    IReadOnlyList<Evidence> Evidence);

/// <summary>Everything the rule-based extractor found in one transcript; templates are rendered from it.</summary>
public sealed record ClinicalFacts(
    ClinicalTranscript Transcript,
    IReadOnlyList<MedicationFact> Medications,
    IReadOnlyList<VitalFact> Vitals,
    IReadOnlyList<AllergyFact> Allergies,
    IReadOnlyList<ProblemFact> Problems,
    IReadOnlyList<OrderFact> Orders,
    FollowUpFact? FollowUp,
    IReadOnlyList<InstructionFact> Instructions,
    IReadOnlyList<FindingFact> Findings,
    HistoryFact History,
    IReadOnlyList<NoteLine> SubjectiveLines,
    IReadOnlyList<NoteLine> ObjectiveLines,
    IReadOnlyList<NoteLine> RuledOut,
    IReadOnlyList<NotDoneFact> NotDone,
    IReadOnlyList<NoteLine> Judgements)
{
    /// <summary>Drugs given during the visit ("Albuterol nebulizer treatment given in clinic."), for the plan.</summary>
    public IReadOnlyList<NoteLine> GivenInClinic { get; init; } = [];

    /// <summary>What the clinician counselled on ("Counseled on cutting back on salt."), for the plan.</summary>
    public IReadOnlyList<NoteLine> Counseling { get; init; } = [];
}
