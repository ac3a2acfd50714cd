using System.Text.Json.Nodes;
using MedScribe.Diagnostics.Testing;
using MedScribe.Fhir;

namespace MedScribe.Silo.Api.Dx0;

/// <summary><c>POST /api/v1/fhir/transcript</c> and <c>/fhir/tests</c> (admins): R4 collection Bundles built with the Firely SDK.</summary>
public static class Dx0FhirApi
{
    public const string ContentType = "application/fhir+json; charset=utf-8";
    private const int MaxEntries = 5000;

    public static RouteGroupBuilder MapDx0FhirApi(this RouteGroupBuilder api)
    {
        var fhir = api.MapGroup("/fhir").AddEndpointFilter<PhysicianCaller.AdminRequired>();
        fhir.MapPost("/transcript", TranscriptAsync).WithSummary("A diagnostic conversation as a FHIR R4 Bundle of Communications (admin only).");
        fhir.MapPost("/tests", TestsAsync).WithSummary("Ordered tests as a FHIR R4 Bundle of ServiceRequests, CPT-coded where the price table has a code (admin only).");
        return api;
    }

    private static async Task<IResult> TranscriptAsync(HttpContext context, TimeProvider clock)
    {
        var body = await Dx0Problem.ReadBodyAsync(context.Request);
        var patient = PatientId(body);
        if (body["transcript"] is not JsonArray entries)
        {
            throw Dx0Problem.Invalid("body.transcript: field required (a list of [speaker, text] pairs)");
        }

        if (entries.Count > MaxEntries)
        {
            throw Dx0Problem.Invalid($"body.transcript: at most {MaxEntries} entries");
        }

        var transcript = new List<(string, string)>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonArray { Count: 2 } pair || !IsString(pair[0], out var speaker) || !IsString(pair[1], out var text))
            {
                throw Dx0Problem.Invalid($"body.transcript[{i}]: must be a pair of strings [speaker, text]");
            }

            transcript.Add((speaker, text));
        }

        return Bundle(DiagnosticBundles.Transcript(transcript, patient, clock.GetUtcNow()));
    }

    private static async Task<IResult> TestsAsync(HttpContext context, TestCatalog catalog, TimeProvider clock)
    {
        var body = await Dx0Problem.ReadBodyAsync(context.Request);
        var patient = PatientId(body);
        if (body["tests"] is not JsonArray names)
        {
            throw Dx0Problem.Invalid("body.tests: field required (a list of test names)");
        }

        if (names.Count > MaxEntries)
        {
            throw Dx0Problem.Invalid($"body.tests: at most {MaxEntries} entries");
        }

        var tests = new List<OrderedTest>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!IsString(names[i], out var name) || name.Trim().Length == 0)
            {
                throw Dx0Problem.Invalid($"body.tests[{i}]: must be a non-empty string");
            }

            var known = catalog.Find(name);
            tests.Add(new OrderedTest(known?.Name ?? name.Trim(), known?.CptCode));
        }

        return Bundle(DiagnosticBundles.Tests(tests, patient, clock.GetUtcNow()));
    }

    private static string PatientId(JsonObject body)
    {
        var patient = Dx0Problem.RequiredString(body, "patient_id");
        return DiagnosticBundles.IsValidId(patient)
            ? patient
            : throw Dx0Problem.Invalid("body.patient_id: must be a FHIR id (1 to 64 letters, digits, '-' or '.')");
    }

    private static bool IsString(JsonNode? node, out string text)
    {
        text = "";
        return node is JsonValue value && value.TryGetValue(out text!);
    }

    private static IResult Bundle(Hl7.Fhir.Model.Bundle bundle) =>
        Results.Text(SessionBundle.Serialize(bundle), ContentType, System.Text.Encoding.UTF8, StatusCodes.Status200OK);
}
