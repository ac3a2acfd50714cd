using System.Text.Json.Nodes;
using MedScribe.Abstractions.Diagnostics;
using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Silo.Api.Dx0;

/// <summary><c>GET /api/v1/case</c>, <c>/cases</c>, <c>/tests</c>: the caller's case, the library, the orderable tests with prices.</summary>
public static class Dx0CaseApi
{
    public static RouteGroupBuilder MapDx0CaseApi(this RouteGroupBuilder api)
    {
        api.MapGet("/case", GetCaseAsync).AddEndpointFilter<PhysicianCaller.Required>()
            .WithSummary("The case of the caller's diagnostic session, with its budget and spend; ?case=<id> picks a case from the library before the first question.");
        api.MapGet("/cases", ListCases).AddEndpointFilter<PhysicianCaller.Required>()
            .WithSummary("The case library: id, summary and difficulty of each case.");
        api.MapGet("/tests", ListTests).AddEndpointFilter<PhysicianCaller.Required>()
            .WithSummary("The orderable tests: names, plus each test's price and CPT code, and the visit fee of a question round.");
        return api;
    }

    public static JsonObject StatusJson(DxStatus status) => new()
    {
        ["summary"] = status.Summary,
        ["case_id"] = status.CaseId,
        ["budget"] = status.Budget,
        ["total_spent"] = status.Spent,
        ["remaining_budget"] = status.Remaining,
        ["visit_fee"] = status.VisitFee,
        ["ordered_tests"] = new JsonArray(status.OrderedTests.Select(t => (JsonNode?)t).ToArray()),
        ["ended"] = status.Ended,
        ["judgement"] = status.Judgement is { } j ? JudgementJson(j) : null,
        ["steps"] = new JsonArray(status.Steps.Select(s => (JsonNode?)new JsonObject
        {
            ["action"] = s.Action,
            ["content"] = s.Content,
            ["reply"] = s.Reply,
            ["cost"] = s.Cost,
            ["total_spent"] = s.TotalSpent,
            ["at"] = s.At,
        }).ToArray()),
    };

    public static JsonObject JudgementJson(DxJudgement j) => new()
    {
        ["diagnosis"] = j.Diagnosis,
        ["score"] = j.Score,
        ["correct"] = j.Correct,
        ["rationale"] = j.Rationale,
        ["case_diagnosis"] = j.CaseDiagnosis,
    };

    private static async Task<IResult> GetCaseAsync(HttpContext context, IGrainFactory grains, string? @case = null)
    {
        var grain = grains.GetGrain<IDiagnosticSessionGrain>(PhysicianCaller.Session(context).SessionId);
        if (!string.IsNullOrEmpty(@case))
        {
            var chosen = await grain.ChooseCaseAsync(@case);
            if (chosen.IsError)
            {
                throw new Dx0Problem(chosen.ErrorCode == DxErrors.CaseNotFound ? 404 : 409, $"{chosen.ErrorCode}: {chosen.ErrorMessage}");
            }
        }

        return Results.Json(StatusJson(await grain.GetStatusAsync()));
    }

    private static IResult ListCases(CaseLibrary library) => Results.Json(new JsonObject
    {
        ["cases"] = new JsonArray(library.Cases.Select(c => (JsonNode?)new JsonObject
        {
            ["id"] = c.Id,
            ["summary"] = c.Summary,
            ["difficulty"] = c.Difficulty,
        }).ToArray()),
    });

    private static IResult ListTests(TestCatalog catalog, Microsoft.Extensions.Options.IOptions<MedScribe.Grains.Diagnostics.DiagnosticSettings> settings) => Results.Json(new JsonObject
    {
        ["tests"] = new JsonArray(catalog.Tests.Select(t => (JsonNode?)t.Name).ToArray()),
        ["prices"] = new JsonArray(catalog.Tests.Select(t => (JsonNode?)new JsonObject
        {
            ["name"] = t.Name,
            ["price"] = t.Price,
            ["cpt_code"] = t.CptCode,
            ["price_source"] = t.Source,
        }).ToArray()),
        ["visit_fee"] = settings.Value.VisitFee,
    });
}
