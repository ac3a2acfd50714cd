namespace MedScribe.Abstractions.Templates;

/// <summary>A template a session can request: stable id, display name, one-line description.</summary>
[GenerateSerializer, Immutable]
public sealed record TemplateInfo([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string Description);

/// <summary>A tenant's own template: one string per section in the result (shared/spec/templates.md).</summary>
[GenerateSerializer, Immutable]
public sealed record CustomTemplate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Description,
    [property: Id(3)] IReadOnlyList<TemplateSection> Sections);

/// <summary>One section of a custom template.</summary>
[GenerateSerializer, Immutable]
public sealed record TemplateSection([property: Id(0)] string Key, [property: Id(1)] string Title, [property: Id(2)] string Instructions);

/// <summary>The templates every tenant has (shapes in shared/spec/templates.md).</summary>
public static class BuiltInTemplates
{
    public static IReadOnlyList<TemplateInfo> All { get; } =
    [
        new("transcript", "Transcript", "The full labelled transcript (Doctor: / Patient:), one utterance per line."),
        new("soap", "SOAP note", "Subjective, objective, assessment and plan."),
        new("medications", "Medications", "Medications discussed, with dosage, frequency, route, instructions and action (start, continue, increase, decrease, stop, hold)."),
        new("vitals", "Vital signs", "Blood pressure, heart rate, respiratory rate, temperature, SpO2, weight, height and pain score, when said."),
        new("hpi", "History of present illness", "Chief complaint with onset, duration, location, character, severity, modifying factors and associated symptoms."),
        new("problems", "Problems", "Problems and assessments with ICD-10 codes and status."),
        new("allergies", "Allergies", "Allergies with reaction and severity, or NKDA."),
        new("orders", "Orders and referrals", "Labs, imaging, procedures and referrals ordered."),
        new("follow_up", "Follow-up", "When the patient should return and why."),
        new("patient_instructions", "Patient instructions", "Instructions given to the patient, with a plain-language summary."),
        new("discharge_summary", "Visit / discharge summary", "Reason for visit, diagnoses, medications, procedures, follow-up and instructions."),
        new("referral_letter", "Referral letter", "A referral letter to a specialist with reason, history and questions."),
        new("history_physical", "History and physical", "Chief complaint, history of present illness, past history, medications, allergies, review of systems, examination, assessment and plan."),
        new("progress_note", "Progress note", "Interval history, current medications, vitals, examination, assessment, plan with the medication changes, and follow-up."),
        new("consultation_note", "Consultation note", "Reason for consultation, history, medications, allergies, examination, impression and recommendations."),
    ];

    public static bool Contains(string id) => All.Any(t => t.Id == id);
}
