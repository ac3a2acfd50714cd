using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedScribe.Clinical;
using MedScribe.Clinical.Templates;
using MedScribe.Testing;

namespace MedScribe.Fhir.Tests;

/// <summary>A session's FHIR document, built from a consult's note and parsed back with Firely's strict deserializer.</summary>
public sealed class SessionBundleTests
{
    private static SessionRecord Record(string consult, JsonObject additional)
    {
        var script = File.ReadAllText(Path.Combine(ConsultAudio.ConsultsDirectory, consult + ".txt"));
        var transcript = ClinicalTranscript.FromText(script);
        var facts = ClinicalExtractor.Default.Extract(transcript);
        JsonNode Render(string id) => TemplateRenderer.Render(id, facts);
        return new SessionRecord("ses_fhirtest000000000000000", DateTimeOffset.Parse("2026-12-01T10:00:00Z"), DateTimeOffset.Parse("2026-12-01T10:06:00Z"),
            additional, string.Join('\n', transcript.Utterances.Select(u => $"{u.Speaker}: {u.Text}")), "en",
            Render("soap").AsObject(), Render("medications").AsArray(), Render("vitals").AsObject(), Render("problems").AsArray(),
            Render("allergies").AsArray(), Render("orders").AsArray());
    }

    private static Bundle ParseBack(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var parsed = new FhirJsonDeserializer(new DeserializerSettings()).TryDeserializeResource(ref reader, out var resource, out var issues);
        Assert.True(parsed, string.Join("; ", issues.Select(i => i.Message)));
        return Assert.IsType<Bundle>(resource);
    }

    [Fact]
    public void A_consult_becomes_a_document_bundle_whose_references_all_resolve()
    {
        var bundle = ParseBack(SessionBundle.Serialize(SessionBundle.Build(Record("08-afib-anticoagulation", new JsonObject { ["emr_patient_id"] = "pat_9", ["emr_encounter_id"] = "enc_9" }))));

        Assert.Equal(Bundle.BundleType.Document, bundle.Type);
        var composition = Assert.IsType<Composition>(bundle.Entry[0].Resource);
        Assert.Equal("11506-3", composition.Type!.Coding[0].Code);
        Assert.Contains("Atrial fibrillation (I48.91), newly diagnosed", composition.Section.Single(s => s.Title == "Assessment").Text!.Div);
        var urls = bundle.Entry.Select(e => e.FullUrl).ToHashSet();
        var references = composition.Section.SelectMany(s => s.Entry).Append(composition.Subject!).Append(composition.Encounter!).Concat(composition.Author);
        Assert.All(references, r => Assert.Contains(r.Reference, urls));
        Assert.Equal("pat_9", bundle.Entry.Select(e => e.Resource).OfType<Patient>().Single().Identifier[0].Value);
        Assert.Equal("enc_9", bundle.Entry.Select(e => e.Resource).OfType<Encounter>().Single().Identifier[0].Value);
    }

    [Fact]
    public void Medications_split_into_requests_for_changes_and_statements_for_what_goes_on_or_stops()
    {
        var resources = ParseBack(SessionBundle.Serialize(SessionBundle.Build(Record("08-afib-anticoagulation", [])))).Entry.Select(e => e.Resource).ToList();

        var requests = resources.OfType<MedicationRequest>().ToDictionary(m => ((CodeableConcept)m.Medication!).Text!);
        Assert.Equal(["apixaban", "metoprolol succinate"], requests.Keys.Order());
        Assert.Equal("5 mg oral twice daily", requests["apixaban"].DosageInstruction[0].Text);
        var statements = resources.OfType<MedicationStatement>().ToDictionary(m => ((CodeableConcept)m.Medication!).Text!, m => m.Status);
        Assert.Equal(MedicationStatement.MedicationStatusCodes.Stopped, statements["aspirin"]);
        Assert.Equal(MedicationStatement.MedicationStatusCodes.Active, statements["lisinopril"]);
    }

    [Fact]
    public void Vitals_are_loinc_observations_with_ucum_units_and_problems_conditions_in_icd10()
    {
        var resources = ParseBack(SessionBundle.Serialize(SessionBundle.Build(Record("03-pediatric-otitis-media", [])))).Entry.Select(e => e.Resource).ToList();

        var observations = resources.OfType<Observation>().ToDictionary(o => o.Code!.Coding[0].Code!);
        var temperature = Assert.IsType<Quantity>(observations["8310-5"].Value!);
        Assert.Equal((101.8m, "[degF]"), (temperature.Value, temperature.Code));
        Assert.Equal((12m, "kg"), (((Quantity)observations["29463-7"].Value!).Value, ((Quantity)observations["29463-7"].Value!).Code));
        Assert.Equal("vital-signs", observations["9279-1"].Category[0].Coding[0].Code);
        var condition = Assert.Single(resources.OfType<Condition>());
        Assert.Equal((SessionBundle.Icd10Cm, "H66.002"), (condition.Code!.Coding[0].System, condition.Code.Coding[0].Code));
        var allergy = Assert.Single(resources.OfType<AllergyIntolerance>());
        Assert.Equal("716186003", allergy.Code!.Coding[0].Code);
    }

    [Fact]
    public void Blood_pressure_is_a_panel_orders_carry_cpt_codes_and_allergies_their_reaction()
    {
        var resources = ParseBack(SessionBundle.Serialize(SessionBundle.Build(Record("07-uti-sulfa-allergy", [])))).Entry.Select(e => e.Resource).ToList();

        var bp = resources.OfType<Observation>().Single(o => o.Code!.Coding[0].Code == "85354-9");
        Assert.Equal([("8480-6", 116m), ("8462-4", 72m)], bp.Component.Select(c => (c.Code!.Coding[0].Code, ((Quantity)c.Value!).Value!.Value)));
        var culture = Assert.Single(resources.OfType<ServiceRequest>());
        Assert.Equal(("urine culture", "87086"), (culture.Code!.Text, culture.Code.Coding[0].Code));
        var allergy = Assert.Single(resources.OfType<AllergyIntolerance>());
        Assert.Equal(("sulfa drugs", "hives"), (allergy.Code!.Text, allergy.Reaction[0].Manifestation[0].Text));
        var transcript = Assert.Single(resources.OfType<DocumentReference>());
        Assert.StartsWith("Doctor: Hi, Ms. Reyes.", Encoding.UTF8.GetString(transcript.Content[0].Attachment.Data!));
    }

    [Fact]
    public void Exporting_twice_gives_the_same_document()
    {
        var record = Record("01-stable-angina-hypertension", []);
        Assert.Equal(SessionBundle.Serialize(SessionBundle.Build(record)), SessionBundle.Serialize(SessionBundle.Build(record)));
    }
}
