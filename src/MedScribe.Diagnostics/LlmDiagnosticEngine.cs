using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Clinical.Engines;
using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Gatekeeping;
using MedScribe.Diagnostics.Judging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MedScribe.Diagnostics;

/// <summary>A diagnostic engine (gatekeeper or judge) could not answer; the message is safe to show.</summary>
public sealed class DiagnosticEngineException(string message) : Exception(message);

/// <summary>
/// The optional LLM gatekeeper and judge on any OpenAI-compatible chat endpoint (Microsoft.Extensions.AI):
/// bounded retries on timeouts, 429 and 5xx, then a <see cref="DiagnosticEngineException"/>. The gatekeeper's
/// answer still passes <see cref="DiagnosisRedaction"/>; the judge must answer JSON with a score of 1 to 5.
/// </summary>
public sealed class LlmDiagnosticEngine(IChatClient client, LlmSettings settings, ILogger<LlmDiagnosticEngine> logger) : IGatekeeper, IJudge
{
    private const string GatekeeperPrompt =
        "You are the gatekeeper of a diagnostic case. You hold the patient's chart below. A physician asks questions. " +
        "Answer only what the question asks, in one to three sentences, using only facts from the chart. " +
        "If the chart does not cover the question, say that the chart has nothing on it. Never name or hint at the diagnosis, " +
        "never suggest tests or diagnoses, and never reveal test results (tests are ordered separately).";

    private const string JudgePrompt =
        "You judge a physician's final diagnosis against the case's true diagnosis. Score 5 when it is the same diagnosis " +
        "(synonyms and extra precision count as the same), 4 when it is essentially right but less specific, 3 when it is " +
        "partly right or hedged with wrong alternatives, 2 when it is a plausible but different condition, 1 when unrelated. " +
        "Answer JSON only: {\"score\": <1-5>, \"rationale\": \"<one sentence>\"}.";

    public string Name => $"llm:{settings.Model}";

    public async Task<string> AnswerAsync(DiagnosticCase diagnosticCase, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        var chart = string.Join('\n', diagnosticCase.Findings.Select(f => $"- {f.Topic}: {f.Text}"));
        var messages = new List<ChatMessage> { new(ChatRole.System, $"{GatekeeperPrompt}\n\nCase summary: {diagnosticCase.Summary}\nChart:\n{chart}") };
        foreach (var turn in history.Where(t => t.Action == "question").TakeLast(10))
        {
            messages.Add(new ChatMessage(ChatRole.User, turn.Content));
            messages.Add(new ChatMessage(ChatRole.Assistant, turn.Reply));
        }

        messages.Add(new ChatMessage(ChatRole.User, question));
        var text = await CallAsync(messages, new ChatOptions { Temperature = 0 }, "answer the question", cancellationToken);
        return DiagnosisRedaction.Apply(diagnosticCase, text.Trim());
    }

    public async Task<Judgement> JudgeAsync(DiagnosticCase diagnosticCase, string diagnosis, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, JudgePrompt),
            new(ChatRole.User, $"True diagnosis: {diagnosticCase.Diagnosis} (also accepted: {string.Join("; ", diagnosticCase.DiagnosisSynonyms)}).\nPhysician's final diagnosis: {diagnosis}"),
        };
        for (var attempt = 0; attempt <= settings.Retries; attempt++)
        {
            var text = await CallAsync(messages, new ChatOptions { Temperature = 0, ResponseFormat = ChatResponseFormat.Json }, "judge the diagnosis", cancellationToken);
            try
            {
                var answer = JsonNode.Parse(text);
                if (answer?["score"]?.GetValue<int>() is { } score and >= 1 and <= 5)
                {
                    return new Judgement(score, answer["rationale"]?.GetValue<string>() ?? "");
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
            }

            logger.LogWarning("The judge model answered without a score of 1 to 5 (attempt {Attempt})", attempt + 1);
            messages.Add(new ChatMessage(ChatRole.Assistant, text));
            messages.Add(new ChatMessage(ChatRole.User, "Answer JSON only: {\"score\": <integer 1-5>, \"rationale\": \"...\"}."));
        }

        throw new DiagnosticEngineException($"The judge model gave no valid score in {settings.Retries + 1} attempts.");
    }

    private async Task<string> CallAsync(List<ChatMessage> messages, ChatOptions options, string purpose, CancellationToken cancellationToken)
    {
        string? problem = null;
        for (var attempt = 0; attempt <= settings.Retries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1)), cancellationToken);
            }

            try
            {
                using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                call.CancelAfter(settings.Timeout);
                var response = await client.GetResponseAsync(messages, options, call.Token);
                return response.Text;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && LlmFailures.IsTransient(e))
            {
                problem = e is OperationCanceledException ? $"no answer within {settings.Timeout}" : $"the call failed ({LlmFailures.Describe(e)})";
                logger.LogWarning("The language model could not {Purpose}: attempt {Attempt} of {Attempts}: {Problem}", purpose, attempt + 1, settings.Retries + 1, problem);
            }
        }

        throw new DiagnosticEngineException($"The language model could not {purpose} in {settings.Retries + 1} attempts: {problem}.");
    }
}
