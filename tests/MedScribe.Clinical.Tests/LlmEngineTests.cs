using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Templates;
using MedScribe.Clinical.Engines;
using MedScribe.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedScribe.Clinical.Tests;

/// <summary>The LLM engine against a real HTTP listener on loopback that answers as an OpenAI-compatible chat server (a stand-in only for the hosted model).</summary>
public sealed class LlmEngineTests
{
    private static readonly IReadOnlyList<TranscriptSegment> Lines =
    [
        new("Doctor", "What brings you in today?", 0, 1500, 0.9),
        new("Patient", "I have had a cough for two weeks and some wheezing at night.", 1600, 5000, 0.9),
        new("Doctor", "I'm starting albuterol, two puffs inhaled every four hours as needed.", 5200, 9000, 0.9),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Completion(string content) => ChatCompletion.Json(content, "scribe-model");

    private const string GoodMedications = """{"items":[{"name":"albuterol","dosage":"2 puffs","frequency":"every 4 hours as needed","route":"inhaled","instructions":null,"action":"start","evidence":[2,7]}]}""";

    private static LlmTemplateEngine Engine(WebhookReceiver server, Action<LlmSettings>? adjust = null)
    {
        var settings = new LlmSettings { BaseUrl = server.Url.ToString(), Model = "scribe-model", ApiKey = "sk-test", Retries = 2, Timeout = TimeSpan.FromSeconds(5) };
        adjust?.Invoke(settings);
        return new LlmTemplateEngine(LlmTemplateEngine.CreateChatClient(settings), settings, NullLogger<LlmTemplateEngine>.Instance);
    }

    private static TemplateJob Job(string id, CustomTemplate? custom = null) => new("ses_llm", id, custom, Lines, null, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task One_call_per_template_with_its_json_schema_and_evidence_mapped_back_to_lines()
    {
        await using var server = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(200, Body: Completion(GoodMedications)) };

        var data = (await Engine(server).ExtractAsync(Job("medications"), Cancel))!.AsArray();

        var request = Assert.Single(server.Received);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test", request.Header("authorization"));
        var body = request.Json;
        Assert.Equal("scribe-model", body["model"]!.GetValue<string>());
        Assert.Equal("json_schema", body["response_format"]!["type"]!.GetValue<string>());
        Assert.Equal("medications", body["response_format"]!["json_schema"]!["name"]!.GetValue<string>());
        var prompt = string.Join('\n', body["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()));
        Assert.Contains("[2] Doctor: I'm starting albuterol", prompt);

        var medication = Assert.Single(data)!;
        Assert.Equal(("albuterol", "start"), (medication["name"]!.GetValue<string>(), medication["action"]!.GetValue<string>()));
        // Line 7 does not exist and is dropped; line 2 carries its times and text.
        var evidence = Assert.Single(medication["evidence"]!.AsArray())!;
        Assert.Equal((2, 5200L, 9000L), (evidence["utterance"]!.GetValue<int>(), evidence["start_ms"]!.GetValue<long>(), evidence["end_ms"]!.GetValue<long>()));
    }

    [Fact]
    public async Task An_answer_that_breaks_the_schema_is_sent_back_with_the_errors_and_a_server_error_is_retried()
    {
        await using var server = new WebhookReceiver(path: "/")
        {
            Answer = n => n switch
            {
                0 => new WebhookAnswer(503),
                1 => new WebhookAnswer(200, Body: Completion("""{"items":[{"name":"albuterol","action":"begin"}]}""")),
                _ => new WebhookAnswer(200, Body: Completion(GoodMedications)),
            },
        };

        var data = await Engine(server).ExtractAsync(Job("medications"), Cancel);

        Assert.Equal(3, server.Count);
        Assert.Single(data!.AsArray());
        var retry = server.Received[2].Json["messages"]!.AsArray();
        Assert.Contains("does not match the schema", retry[^1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_category_given_as_an_icd10_code_is_sent_back_and_a_billable_code_gets_its_official_display()
    {
        const string Header = """{"items":[{"name":"type 2 diabetes","icd10":{"code":"E11","display":"Diabetes"},"status":"chronic","evidence":[1]}]}""";
        const string Billable = """{"items":[{"name":"type 2 diabetes","icd10":{"code":"e119","display":"Diabetes"},"status":"chronic","evidence":[1]}]}""";
        await using var server = new WebhookReceiver(path: "/") { Answer = n => new WebhookAnswer(200, Body: Completion(n == 0 ? Header : Billable)) };

        var data = await Engine(server).ExtractAsync(Job("problems"), Cancel);

        Assert.Equal(2, server.Count);
        Assert.Contains("'E11' is an ICD-10-CM category", server.Received[1].Json["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>());
        var code = Assert.Single(data!.AsArray())!["icd10"]!;
        Assert.Equal(("E11.9", "Type 2 diabetes mellitus without complications"), (code["code"]!.GetValue<string>(), code["display"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_model_that_never_answers_in_shape_fails_the_template_with_extraction_failed_after_bounded_attempts()
    {
        await using var server = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(200, Body: Completion("not json at all")) };

        var failed = await Assert.ThrowsAsync<TemplateExtractionException>(() => Engine(server, s => s.Retries = 1).ExtractAsync(Job("soap"), Cancel));

        Assert.Equal("extraction_failed", failed.Code);
        Assert.Contains("2 attempts", failed.Message);
        Assert.Equal(2, server.Count);
    }

    [Fact]
    public async Task A_custom_template_asks_for_one_string_per_section_with_its_instructions()
    {
        var custom = new CustomTemplate("resp_note", "Respiratory note", "For the chest clinic", [new TemplateSection("cough", "Cough", "Describe the cough and its duration")]);
        await using var server = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(200, Body: Completion("""{"cough":"Cough for two weeks with nocturnal wheeze."}""")) };

        var data = (await Engine(server).ExtractAsync(Job("resp_note", custom), Cancel))!.AsObject();

        Assert.Equal("Cough for two weeks with nocturnal wheeze.", data["cough"]!.GetValue<string>());
        var schema = server.Received[0].Json["response_format"]!["json_schema"]!["schema"]!;
        Assert.Equal(["cough"], schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("Describe the cough and its duration", server.Received[0].Text);
    }

    [Fact]
    public void Every_built_in_template_but_the_transcript_has_a_strict_schema()
    {
        foreach (var template in BuiltInTemplates.All.Where(t => t.Id != "transcript"))
        {
            var schema = TemplateSchemas.For(template.Id);
            var root = schema["type"]!.GetValue<string>() == "array" ? schema["items"]!.AsObject() : schema;
            Assert.False(root["additionalProperties"]!.GetValue<bool>());
            Assert.Equal(root["properties"]!.AsObject().Select(p => p.Key), root["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        }

        Assert.Throws<ArgumentException>(() => TemplateSchemas.For("transcript"));
        _ = JsonSerializer.Serialize(TemplateSchemas.For("vitals"));
    }
}
