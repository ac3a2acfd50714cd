using System.Text.Json.Nodes;
using MedScribe.Abstractions.Templates;

namespace MedScribe.Clinical.Engines;

/// <summary>
/// JSON schemas of the templates (shared/spec/templates.md) as an LLM is asked to fill them: strict
/// (every property required, nulls allowed where a fact may be unsaid, no extra properties), with
/// <c>evidence</c> as the transcript line numbers the engine maps back to lines with times.
/// </summary>
public static class TemplateSchemas
{
    public static JsonObject For(string templateId, CustomTemplate? custom = null)
    {
        if (custom is not null)
        {
            return Obj(custom.Sections.Select(s => (s.Key, NullableString())).ToArray());
        }

        return templateId switch
        {
            "soap" => Obj(("subjective", NullableString()), ("objective", NullableString()), ("assessment", NullableString()), ("plan", NullableString())),
            "medications" => Arr(Obj(("name", Str()), ("dosage", NullableString()), ("frequency", NullableString()), ("route", NullableString()),
                ("instructions", NullableString()), ("action", Enum("start", "continue", "increase", "decrease", "stop", "hold")), ("evidence", Evidence()))),
            "vitals" => Obj(
                ("blood_pressure", Nullable(Obj(("systolic", Num()), ("diastolic", Num()), ("text", Str()), ("evidence", Evidence())))),
                ("heart_rate", Measure()), ("respiratory_rate", Measure()), ("temperature", Measure()), ("spo2", Measure()),
                ("weight", Measure()), ("height", Measure()), ("pain_score", Measure())),
            "hpi" => Obj(("chief_complaint", NullableString()), ("onset", NullableString()), ("duration", NullableString()), ("location", NullableString()),
                ("character", NullableString()), ("severity", NullableString()), ("aggravating_factors", Strings()), ("relieving_factors", Strings()),
                ("associated_symptoms", Strings()), ("pertinent_negatives", Strings()), ("narrative", NullableString()), ("evidence", Evidence())),
            "problems" => Arr(Obj(("name", Str()), ("icd10", Nullable(Obj(("code", Str()), ("display", Str())))),
                ("status", Enum("new", "chronic", "worsening", "improving", "resolved")), ("evidence", Evidence()))),
            "allergies" => Arr(Obj(("substance", Str()), ("reaction", NullableString()), ("severity", NullableString()), ("evidence", Evidence()))),
            "orders" => Arr(Obj(("type", Enum("lab", "imaging", "procedure", "referral", "other")), ("name", Str()),
                ("code", Nullable(Obj(("system", Str()), ("code", Str())))), ("evidence", Evidence()))),
            "follow_up" => Obj(("interval", NullableString()), ("instructions", NullableString()), ("evidence", Evidence())),
            "patient_instructions" => Obj(("items", Arr(Obj(("text", Str()), ("evidence", Evidence())))), ("summary", NullableString())),
            "discharge_summary" => Obj(("reason_for_visit", NullableString()), ("diagnoses", Strings()), ("medications", Strings()), ("procedures", Strings()),
                ("follow_up", NullableString()), ("instructions", Strings()), ("narrative", NullableString())),
            "referral_letter" => Obj(("to_specialty", NullableString()), ("reason", NullableString()), ("relevant_history", NullableString()),
                ("current_medications", Strings()), ("questions", NullableString()), ("letter", Str())),
            "history_physical" => Obj(("chief_complaint", NullableString()), ("history_of_present_illness", NullableString()), ("past_medical_history", Strings()),
                ("medications", Strings()), ("allergies", Strings()), ("review_of_systems", Obj(("positive", Strings()), ("negative", Strings()))),
                ("physical_exam", Obj(("vitals", NullableString()), ("findings", Strings()))), ("assessment", Strings()), ("plan", Strings()), ("evidence", Evidence())),
            "progress_note" => Obj(("interval_history", NullableString()), ("current_medications", Strings()), ("vitals", NullableString()), ("exam", Strings()),
                ("assessment", Strings()), ("medication_changes", Strings()), ("plan", Strings()), ("follow_up", NullableString()), ("evidence", Evidence())),
            "consultation_note" => Obj(("reason_for_consultation", NullableString()), ("history", NullableString()), ("medications", Strings()), ("allergies", Strings()),
                ("exam", Strings()), ("impression", Strings()), ("recommendations", Strings()), ("follow_up", NullableString()), ("evidence", Evidence())),
            _ => throw new ArgumentException($"'{templateId}' has no schema.", nameof(templateId)),
        };
    }

    /// <summary>What the template asks for, in words, for the model's instructions.</summary>
    public static string Instructions(string templateId, CustomTemplate? custom)
    {
        if (custom is not null)
        {
            return $"Fill the template '{custom.Name}' ({custom.Description}). One string per section, or null when the transcript says nothing for it:\n"
                + string.Join('\n', custom.Sections.Select(s => $"- {s.Key} ({s.Title}): {s.Instructions}"));
        }

        var info = BuiltInTemplates.All.First(t => t.Id == templateId);
        return templateId switch
        {
            "soap" => "Write a SOAP note: each section as numbered lines joined by newlines.",
            "medications" => "List every medication discussed, one entry each: name is the generic name in lower case; dosage is the amount per dose (for an increase or decrease, the new dose); frequency a plain phrase (once daily, twice daily, every night, as needed); route only when said; action is the decision made at this visit.",
            "vitals" => "Only vital signs measured and read aloud at this visit; home readings, earlier values and lab results are not vitals. Temperature unit F or C; weight unit lb or kg; heart rate unit bpm; respiratory rate /min; spo2 %; pain /10.",
            "problems" => "Problems the clinician diagnosed or confirmed, with ICD-10-CM codes when certain; never a symptom the patient denied or a condition only mentioned as a risk.",
            "orders" => "Labs, imaging, procedures, referrals and supplies ordered for after the visit; not tests done and read during the visit.",
            "allergies" => "Drug and other allergies with reaction; an explicit 'no known drug allergies' is one entry with substance NKDA.",
            "history_physical" or "progress_note" or "consultation_note" =>
                $"{info.Name}: {info.Description} Write short clinical sentences in the third person with numbers as digits; never copy the transcript's sentences; every list item is a fact said in the visit.",
            _ => $"{info.Name}: {info.Description}",
        };
    }

    private static JsonObject Measure() => Nullable(Obj(("value", Num()), ("unit", Str()), ("evidence", Evidence())));

    private static JsonObject Evidence() => Arr(new JsonObject { ["type"] = "integer", ["description"] = "transcript line numbers (0-based) that support the fact" });

    private static JsonObject Obj(params (string Name, JsonObject Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))),
        ["required"] = new JsonArray(properties.Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray()),
        ["additionalProperties"] = false,
    };

    private static JsonObject Arr(JsonObject items) => new() { ["type"] = "array", ["items"] = items };

    private static JsonObject Str() => new() { ["type"] = "string" };

    private static JsonObject Num() => new() { ["type"] = "number" };

    private static JsonObject Strings() => Arr(Str());

    private static JsonObject NullableString() => new() { ["type"] = new JsonArray("string", "null") };

    private static JsonObject Enum(params string[] values) => new() { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()) };

    private static JsonObject Nullable(JsonObject schema) => new() { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
}
