using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace MedScribe.Fhir;

/// <summary>One ordered test for export: its name and, when the price table has one, its CPT code.</summary>
public sealed record OrderedTest(string Name, string? CptCode);

/// <summary>
/// The Dx0 physician API's FHIR R4 exports, built with the Firely SDK: a diagnostic conversation as a
/// collection of Communications (each with <c>sent</c> and a <c>sender</c>: the physician as a Practitioner,
/// the case's gatekeeper as a Device), and ordered tests as ServiceRequests (<c>active</c>, <c>order</c>,
/// <c>authoredOn</c>, CPT-coded where known). Both reference <c>Patient/{patient_id}</c>.
/// </summary>
public static partial class DiagnosticBundles
{
    public const string AssistantRole = "assistant";

    /// <summary>FHIR's id grammar; a patient id must match it to be referenced.</summary>
    public static bool IsValidId(string id) => FhirId().IsMatch(id);

    public static Bundle Transcript(IReadOnlyList<(string Speaker, string Text)> transcript, string patientId, DateTimeOffset now)
    {
        var bundle = NewBundle("transcript", now);
        var physician = new Practitioner { Id = "physician", Name = [new HumanName { Text = "Physician" }] };
        var assistant = new Device
        {
            Id = "dx0-assistant",
            DeviceName = [new Device.DeviceNameComponent { Name = "Dx0 diagnostic assistant", Type = DeviceNameType.UserFriendlyName }],
        };
        var physicianUrl = Add(bundle, physician);
        var assistantUrl = Add(bundle, assistant);
        var sent = now.ToString("o", CultureInfo.InvariantCulture);
        for (var i = 0; i < transcript.Count; i++)
        {
            var (speaker, text) = transcript[i];
            var fromPhysician = !string.Equals(speaker, AssistantRole, StringComparison.OrdinalIgnoreCase);
            Add(bundle, new Communication
            {
                Id = $"comm-{i + 1}",
                Status = EventStatus.Completed,
                Subject = new ResourceReference($"Patient/{patientId}"),
                Sent = sent,
                Sender = new ResourceReference(fromPhysician ? physicianUrl : assistantUrl) { Display = speaker },
                Recipient = [new ResourceReference(fromPhysician ? assistantUrl : physicianUrl)],
                Payload = [new Communication.PayloadComponent { Content = new FhirString(text) }],
            });
        }

        return bundle;
    }

    public static Bundle Tests(IReadOnlyList<OrderedTest> tests, string patientId, DateTimeOffset now)
    {
        var bundle = NewBundle("tests", now);
        var authored = now.ToString("o", CultureInfo.InvariantCulture);
        for (var i = 0; i < tests.Count; i++)
        {
            var code = new CodeableConcept { Text = tests[i].Name };
            if (tests[i].CptCode is { } cpt)
            {
                code.Coding.Add(new Coding(SessionBundle.Cpt, cpt, tests[i].Name));
            }

            Add(bundle, new ServiceRequest
            {
                Id = $"test-{i + 1}",
                Status = RequestStatus.Active,
                Intent = RequestIntent.Order,
                Code = code,
                Subject = new ResourceReference($"Patient/{patientId}"),
                AuthoredOn = authored,
            });
        }

        return bundle;
    }

    private static Bundle NewBundle(string kind, DateTimeOffset now) => new()
    {
        Id = $"{kind}-bundle-{Guid.NewGuid():N}",
        Type = Bundle.BundleType.Collection,
        Timestamp = now,
    };

    /// <summary>Adds an entry and returns its fullUrl, which references inside the bundle use.</summary>
    private static string Add(Bundle bundle, Resource resource)
    {
        var url = $"urn:uuid:{Guid.NewGuid()}";
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = resource });
        return url;
    }

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex FhirId();
}
