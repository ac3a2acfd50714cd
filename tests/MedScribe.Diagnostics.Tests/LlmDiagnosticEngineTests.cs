using System.Text.Json.Nodes;
using MedScribe.Clinical.Engines;
using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Gatekeeping;
using MedScribe.Diagnostics.Testing;
using MedScribe.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedScribe.Diagnostics.Tests;

/// <summary>The optional LLM gatekeeper and judge against a real loopback HTTP server answering as an OpenAI-compatible chat endpoint.</summary>
public sealed class LlmDiagnosticEngineTests
{
    private static readonly DiagnosticCase Appendicitis = CaseLibrary.Embedded(TestCatalog.Default).Find("01-acute-appendicitis")!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Completion(string content) => ChatCompletion.Json(content, "dx-model");

    private static LlmDiagnosticEngine Engine(WebhookReceiver server)
    {
        var settings = new LlmSettings { BaseUrl = server.Url.ToString(), Model = "dx-model", ApiKey = "sk-test", Retries = 2, Timeout = TimeSpan.FromSeconds(5) };
        return new LlmDiagnosticEngine(LlmTemplateEngine.CreateChatClient(settings), settings, NullLogger<LlmDiagnosticEngine>.Instance);
    }

    [Fact]
    public async Task The_gatekeeper_sends_the_chart_and_history_and_its_answer_is_redacted()
    {
        await using var server = new WebhookReceiver(path: "/")
        {
            Answer = n => n == 0 ? new WebhookAnswer(503) : new WebhookAnswer(200, Body: Completion("He vomited twice; this looks like acute appendicitis.")),
        };
        var answer = await Engine(server).AnswerAsync(Appendicitis, "Any vomiting?", [new ConversationTurn("question", "Any fever?", "38.1 C.")], Cancel);

        Assert.Equal($"He vomited twice; this looks like {DiagnosisRedaction.Withheld}.", answer);
        Assert.Equal(2, server.Count);
        var messages = server.Received[^1].Json["messages"]!.AsArray();
        Assert.Equal("system", messages[0]!["role"]!.GetValue<string>());
        Assert.Contains("McBurney", messages[0]!["content"]!.GetValue<string>());
        Assert.DoesNotContain("Acute appendicitis", messages[0]!["content"]!.GetValue<string>());
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("Any vomiting?", messages[^1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_judge_reads_a_json_score_and_asks_again_when_it_is_missing()
    {
        await using var server = new WebhookReceiver(path: "/")
        {
            Answer = n => new WebhookAnswer(200, Body: Completion(n == 0 ? "Looks right to me." : """{"score": 4, "rationale": "Right disease, less specific."}""")),
        };
        var judgement = await Engine(server).JudgeAsync(Appendicitis, "appendix inflammation", Cancel);

        Assert.Equal(4, judgement.Score);
        Assert.True(judgement.Correct);
        Assert.Equal("Right disease, less specific.", judgement.Rationale);
        Assert.Contains("True diagnosis: Acute appendicitis", server.Received[0].Json["messages"]![1]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_model_that_keeps_failing_gives_an_engine_error_without_details_of_the_server()
    {
        await using var server = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(500, Body: "stack trace of the model server") };
        var error = await Assert.ThrowsAsync<DiagnosticEngineException>(() => Engine(server).AnswerAsync(Appendicitis, "Any fever?", [], Cancel));
        Assert.Equal("The language model could not answer the question in 3 attempts: the call failed (HTTP 500).", error.Message);

        await using var badScores = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(200, Body: Completion("""{"score": 9}""")) };
        await Assert.ThrowsAsync<DiagnosticEngineException>(() => Engine(badScores).JudgeAsync(Appendicitis, "x", Cancel));
    }
}
