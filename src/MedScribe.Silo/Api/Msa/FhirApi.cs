using System.Text.Json.Nodes;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Clinical;
using MedScribe.Clinical.Templates;
using MedScribe.Fhir;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// <c>GET /v1/sessions/{id}/fhir</c> (our extension): the finished session as a FHIR R4 document Bundle.
/// Clinical content comes from the session's own template results; what the session did not request is
/// extracted from its stored transcript by the embedded rule engine, so the bundle is always complete.
/// </summary>
public static class FhirApi
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    private static readonly string[] Clinical = ["soap", "medications", "vitals", "problems", "allergies", "orders"];

    public static RouteGroupBuilder MapFhirApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/sessions/{sessionId}/fhir", GetAsync)
            .WithSummary("The finished session as a FHIR R4 document Bundle (extension): Composition (SOAP), MedicationStatement/MedicationRequest, vital-sign Observations (LOINC), Conditions (ICD-10-CM), AllergyIntolerances, ServiceRequests (CPT), the transcript as a DocumentReference.");
        return v1;
    }

    private static async Task<IResult> GetAsync(string sessionId, HttpContext context, IGrainFactory grains, ClinicalExtractor extractor)
    {
        MsaPaths.EnsurePlausible(sessionId);
        var tenantId = MsaCaller.TenantId(context);
        var grain = grains.GetGrain<ISessionGrain>(sessionId);
        var view = await grain.GetAsync(tenantId);
        if (view.Status is not (SessionStatus.Completed or SessionStatus.Partial))
        {
            throw new ProtocolException("session_not_ready", 409,
                view.Status == SessionStatus.Failed
                    ? "The session failed, so there is no note to export; see its error in GET /v1/sessions/{id}."
                    : "The session has not finished processing yet; poll GET /v1/sessions/{id} until it is completed or partial.",
                new { status = view.Status.ToWire() });
        }

        var lines = await grain.GetTranscriptLinesAsync(tenantId);
        var results = view.TemplateResultsJson is null ? new JsonObject() : JsonNode.Parse(view.TemplateResultsJson)!.AsObject();
        var data = new Dictionary<string, JsonNode?>();
        ClinicalFacts? facts = null;
        foreach (var id in Clinical)
        {
            if (results[id] is JsonObject { } entry && entry["status"]?.GetValue<string>() == "success")
            {
                data[id] = entry["data"];
                continue;
            }

            facts ??= extractor.Extract(ClinicalTranscript.FromSegments(lines));
            data[id] = TemplateRenderer.Render(id, facts);
        }

        var additional = view.AdditionalDataJson is null ? new JsonObject() : JsonNode.Parse(view.AdditionalDataJson) as JsonObject ?? new JsonObject();
        var record = new SessionRecord(view.SessionId, view.CreatedAt, view.CompletedAt, additional, view.Transcript ?? "", view.LanguageDetected,
            data["soap"] as JsonObject, data["medications"] as JsonArray ?? [], data["vitals"] as JsonObject,
            data["problems"] as JsonArray ?? [], data["allergies"] as JsonArray ?? [], data["orders"] as JsonArray ?? []);
        return Results.Text(SessionBundle.Serialize(SessionBundle.Build(record)), ContentType, System.Text.Encoding.UTF8, StatusCodes.Status200OK);
    }
}
