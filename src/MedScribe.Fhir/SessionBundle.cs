using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace MedScribe.Fhir;

/// <summary>What a finished session offers for export: its transcript and the data of its templates (shapes of shared/spec/templates.md).</summary>
public sealed record SessionRecord(
    string SessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    JsonObject AdditionalData,
    string Transcript,
    string? Language,
    JsonObject? Soap,
    JsonArray Medications,
    JsonObject? Vitals,
    JsonArray Problems,
    JsonArray Allergies,
    JsonArray Orders);

/// <summary>
/// Builds the FHIR R4 document Bundle of a session with the Firely SDK: a Composition with the SOAP
/// sections (each pointing at its resources), MedicationStatement (what the patient goes on taking,
/// stops or holds) and MedicationRequest (what is started or changed), vital-sign Observations with LOINC
/// codes, Conditions coded in ICD-10-CM, AllergyIntolerances, ServiceRequests (CPT where known), the
/// transcript as a DocumentReference, and the Patient and Encounter named by the EMR's
/// <c>additional_data</c> (<c>emr_patient_id</c>, <c>emr_encounter_id</c>) when it gave them.
/// </summary>
public static class SessionBundle
{
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Loinc = "http://loinc.org";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string EmrPatientSystem = "urn:medscribe:emr-patient-id";
    public const string EmrEncounterSystem = "urn:medscribe:emr-encounter-id";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir().Pretty();

    public static string Serialize(Bundle bundle) => JsonSerializer.Serialize(bundle, Json);

    public static Bundle Build(SessionRecord session)
    {
        var when = session.CompletedAt ?? session.CreatedAt;
        var entries = new List<Resource>();
        var patient = new Patient { Id = Id(session, "patient") };
        if (Text(session.AdditionalData["emr_patient_id"]) is { } patientId)
        {
            patient.Identifier.Add(new Identifier(EmrPatientSystem, patientId));
        }

        var encounter = new Encounter
        {
            Id = Id(session, "encounter"),
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
            Subject = Ref(patient),
            Period = new Period { Start = session.CreatedAt.ToString("o", CultureInfo.InvariantCulture), End = when.ToString("o", CultureInfo.InvariantCulture) },
        };
        if (Text(session.AdditionalData["emr_encounter_id"]) is { } encounterId)
        {
            encounter.Identifier.Add(new Identifier(EmrEncounterSystem, encounterId));
        }

        var author = new Device
        {
            Id = Id(session, "device"),
            DeviceName = [new Device.DeviceNameComponent { Name = "MedScribe.Orleans ambient scribe", Type = DeviceNameType.ManufacturerName }],
        };

        var medications = session.Medications.OfType<JsonObject>().Select((m, i) => Medication(session, m, i, patient, encounter, when)).ToList();
        var vitals = Vitals(session, patient, encounter, when);
        var conditions = session.Problems.OfType<JsonObject>().Select((p, i) => Condition(session, p, i, patient, encounter, when)).ToList();
        var allergies = session.Allergies.OfType<JsonObject>().Select((a, i) => Allergy(session, a, i, patient, encounter, when)).ToList();
        var orders = session.Orders.OfType<JsonObject>().Select((o, i) => Order(session, o, i, patient, encounter, when)).ToList();
        var transcript = new DocumentReference
        {
            Id = Id(session, "transcript"),
            Status = DocumentReferenceStatus.Current,
            Type = new CodeableConcept(Loinc, "11488-4", "Consult note", "Visit transcript"),
            Subject = Ref(patient),
            Date = when,
            Author = [Ref(author)],
            Description = "Speaker-labelled transcript of the visit",
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = "text/plain; charset=utf-8",
                        Language = session.Language ?? "en",
                        Data = Encoding.UTF8.GetBytes(session.Transcript),
                        Title = $"Transcript of session {session.SessionId}",
                    },
                },
            ],
            Context = new DocumentReference.ContextComponent { Encounter = [Ref(encounter)] },
        };

        var composition = new Composition
        {
            Id = Id(session, "composition"),
            Status = CompositionStatus.Final,
            Type = new CodeableConcept(Loinc, "11506-3", "Progress note"),
            Subject = Ref(patient),
            Encounter = Ref(encounter),
            DateElement = new FhirDateTime(when),
            Author = [Ref(author)],
            Title = "Visit note",
            Section =
            [
                Section("Subjective", "61150-9", Text(session.Soap?["subjective"]), []),
                Section("Objective", "61149-1", Text(session.Soap?["objective"]), vitals.Cast<Resource>().ToList()),
                Section("Assessment", "51848-0", Text(session.Soap?["assessment"]), conditions.Cast<Resource>().ToList()),
                Section("Plan", "18776-5", Text(session.Soap?["plan"]), medications.Concat(orders).ToList()),
                Section("Allergies and adverse reactions", "48765-2", null, allergies.Cast<Resource>().ToList()),
                Section("Transcript", "11488-4", "Speaker-labelled transcript of the visit", [transcript]),
            ],
        };

        entries.Add(composition);
        entries.AddRange([patient, encounter, author]);
        entries.AddRange(medications);
        entries.AddRange(vitals);
        entries.AddRange(conditions);
        entries.AddRange(allergies);
        entries.AddRange(orders);
        entries.Add(transcript);
        var bundle = new Bundle
        {
            Id = Id(session, "bundle"),
            Type = Bundle.BundleType.Document,
            Identifier = new Identifier("urn:ietf:rfc:3986", "urn:uuid:" + Id(session, "bundle")),
            Timestamp = when,
        };
        foreach (var resource in entries)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + resource.Id, Resource = resource });
        }

        return bundle;
    }

    private static Composition.SectionComponent Section(string title, string loinc, string? text, IReadOnlyList<Resource> entries)
    {
        var section = new Composition.SectionComponent
        {
            Title = title,
            Code = new CodeableConcept(Loinc, loinc, title),
            Entry = entries.Select(Ref).ToList(),
        };
        if (!string.IsNullOrWhiteSpace(text))
        {
            section.Text = Narrative(text);
        }
        else if (entries.Count == 0)
        {
            section.EmptyReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/list-empty-reason", "nilknown", "Nil Known");
        }

        return section;
    }

    private static Resource Medication(SessionRecord session, JsonObject m, int index, Patient patient, Encounter encounter, DateTimeOffset when)
    {
        var name = Text(m["name"]) ?? "unnamed medication";
        var action = Text(m["action"]) ?? "continue";
        var dosage = new Dosage
        {
            Text = string.Join(' ', new[] { Text(m["dosage"]), Text(m["route"]), Text(m["frequency"]) }.Where(p => p is not null)),
            PatientInstruction = Text(m["instructions"]),
            AsNeeded = Text(m["frequency"])?.Contains("as needed", StringComparison.Ordinal) == true ? new FhirBoolean(true) : null,
        };
        if (Text(m["route"]) is { } route)
        {
            dosage.Route = new CodeableConcept { Text = route };
        }

        if (Text(m["frequency"]) is { } frequency)
        {
            dosage.Timing = new Timing { Code = new CodeableConcept { Text = frequency } };
        }

        var medication = new CodeableConcept { Text = name };
        var note = new Annotation { Text = new Markdown($"Decision at this visit: {action}.") };
        if (action is "start" or "increase" or "decrease")
        {
            return new MedicationRequest
            {
                Id = Id(session, $"medication-{index}"),
                Status = MedicationRequest.MedicationrequestStatus.Active,
                Intent = MedicationRequest.MedicationRequestIntent.Order,
                Medication = medication,
                Subject = Ref(patient),
                Encounter = Ref(encounter),
                AuthoredOn = when.ToString("o", CultureInfo.InvariantCulture),
                DosageInstruction = [dosage],
                Note = [note],
            };
        }

        return new MedicationStatement
        {
            Id = Id(session, $"medication-{index}"),
            Status = action switch
            {
                "stop" => MedicationStatement.MedicationStatusCodes.Stopped,
                "hold" => MedicationStatement.MedicationStatusCodes.OnHold,
                _ => MedicationStatement.MedicationStatusCodes.Active,
            },
            Medication = medication,
            Subject = Ref(patient),
            Context = Ref(encounter),
            DateAssertedElement = new FhirDateTime(when),
            Dosage = [dosage],
            Note = [note],
        };
    }

    private static List<Observation> Vitals(SessionRecord session, Patient patient, Encounter encounter, DateTimeOffset when)
    {
        var list = new List<Observation>();
        if (session.Vitals is not { } vitals)
        {
            return list;
        }

        Observation Make(string key, string loinc, string display)
        {
            var observation = new Observation
            {
                Id = Id(session, $"vital-{key}"),
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")],
                Code = new CodeableConcept(Loinc, loinc, display),
                Subject = Ref(patient),
                Encounter = Ref(encounter),
                Effective = new FhirDateTime(when),
            };
            list.Add(observation);
            return observation;
        }

        if (vitals["blood_pressure"] is JsonObject bp)
        {
            var observation = Make("blood-pressure", "85354-9", "Blood pressure panel with all children optional");
            observation.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(Loinc, "8480-6", "Systolic blood pressure"), Value = Quantity(bp["systolic"], "mm[Hg]", "mmHg") });
            observation.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(Loinc, "8462-4", "Diastolic blood pressure"), Value = Quantity(bp["diastolic"], "mm[Hg]", "mmHg") });
        }

        foreach (var (key, loinc, display) in new[]
        {
            ("heart_rate", "8867-4", "Heart rate"), ("respiratory_rate", "9279-1", "Respiratory rate"), ("temperature", "8310-5", "Body temperature"),
            ("spo2", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"), ("weight", "29463-7", "Body weight"), ("height", "8302-2", "Body height"),
            ("pain_score", "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
        })
        {
            if (vitals[key] is JsonObject vital)
            {
                var (ucum, unit) = Text(vital["unit"]) switch
                {
                    "bpm" => ("/min", "beats/minute"),
                    "/min" => ("/min", "breaths/minute"),
                    "F" => ("[degF]", "°F"),
                    "C" => ("Cel", "°C"),
                    "%" => ("%", "%"),
                    "lb" => ("[lb_av]", "lb"),
                    "kg" => ("kg", "kg"),
                    "in" => ("[in_i]", "in"),
                    "cm" => ("cm", "cm"),
                    "/10" => ("{score}", "/10"),
                    var other => (other ?? "1", other ?? ""),
                };
                Make(key.Replace('_', '-'), loinc, display).Value = Quantity(vital["value"], ucum, unit);
            }
        }

        return list;
    }

    private static Condition Condition(SessionRecord session, JsonObject p, int index, Patient patient, Encounter encounter, DateTimeOffset when)
    {
        var code = new CodeableConcept { Text = Text(p["name"]) };
        if (p["icd10"] is JsonObject icd && Text(icd["code"]) is { } value)
        {
            code.Coding.Add(new Coding(Icd10Cm, value, Text(icd["display"])));
        }

        var resolved = Text(p["status"]) == "resolved";
        return new Condition
        {
            Id = Id(session, $"condition-{index}"),
            ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", resolved ? "resolved" : "active"),
            VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "Encounter Diagnosis")],
            Code = code,
            Subject = Ref(patient),
            Encounter = Ref(encounter),
            RecordedDateElement = new FhirDateTime(when),
            Note = [new Annotation { Text = new Markdown($"Status at this visit: {Text(p["status"]) ?? "unknown"}.") }],
        };
    }

    private static AllergyIntolerance Allergy(SessionRecord session, JsonObject a, int index, Patient patient, Encounter encounter, DateTimeOffset when)
    {
        var substance = Text(a["substance"]) ?? "unknown";
        var allergy = new AllergyIntolerance
        {
            Id = Id(session, $"allergy-{index}"),
            ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active"),
            VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed"),
            Patient = Ref(patient),
            Encounter = Ref(encounter),
            RecordedDateElement = new FhirDateTime(when),
            Code = substance == "NKDA" ? new CodeableConcept(Snomed, "716186003", "No known allergy", "No known drug allergies") : new CodeableConcept { Text = substance },
        };
        if (Text(a["severity"]) == "severe")
        {
            allergy.Criticality = AllergyIntolerance.AllergyIntoleranceCriticality.High;
        }

        if (Text(a["reaction"]) is { } reaction)
        {
            allergy.Reaction.Add(new AllergyIntolerance.ReactionComponent
            {
                Manifestation = [new CodeableConcept { Text = reaction }],
                Severity = Text(a["severity"]) switch
                {
                    "severe" => AllergyIntolerance.AllergyIntoleranceSeverity.Severe,
                    "moderate" => AllergyIntolerance.AllergyIntoleranceSeverity.Moderate,
                    "mild" => AllergyIntolerance.AllergyIntoleranceSeverity.Mild,
                    _ => null,
                },
            });
        }

        return allergy;
    }

    private static ServiceRequest Order(SessionRecord session, JsonObject o, int index, Patient patient, Encounter encounter, DateTimeOffset when)
    {
        var type = Text(o["type"]) ?? "other";
        var code = new CodeableConcept { Text = Text(o["name"]) };
        if (o["code"] is JsonObject c && Text(c["code"]) is { } value)
        {
            code.Coding.Add(new Coding(Text(c["system"]) ?? Cpt, value));
        }

        var request = new ServiceRequest
        {
            Id = Id(session, $"order-{index}"),
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Code = code,
            Subject = Ref(patient),
            Encounter = Ref(encounter),
            AuthoredOnElement = new FhirDateTime(when),
        };
        var category = type switch
        {
            "lab" => new CodeableConcept(Snomed, "108252007", "Laboratory procedure"),
            "imaging" => new CodeableConcept(Snomed, "363679005", "Imaging"),
            "procedure" => new CodeableConcept(Snomed, "387713003", "Surgical procedure", "Procedure"),
            "referral" => new CodeableConcept(Snomed, "3457005", "Patient referral"),
            _ => new CodeableConcept { Text = type },
        };
        request.Category.Add(category);
        return request;
    }

    private static Quantity Quantity(JsonNode? value, string ucum, string unit) => new()
    {
        Value = value is not JsonValue v ? null
            : v.TryGetValue<decimal>(out var d) ? d
            : v.TryGetValue<double>(out var x) ? (decimal)x
            : v.TryGetValue<int>(out var i) ? i
            : null,
        Unit = unit,
        System = Ucum,
        Code = ucum,
    };

    private static Narrative Narrative(string text) => new()
    {
        Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated,
        Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + string.Join("", text.Split('\n').Select(l => $"<p>{System.Net.WebUtility.HtmlEncode(l)}</p>")) + "</div>",
    };

    private static ResourceReference Ref(Resource resource) => new("urn:uuid:" + resource.Id);

    /// <summary>Stable ids: exporting a session twice gives the same resource ids (a UUID from the session id and the resource's role).</summary>
    private static string Id(SessionRecord session, string role)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{session.SessionId}/{role}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
