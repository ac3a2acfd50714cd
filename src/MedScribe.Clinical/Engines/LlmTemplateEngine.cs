using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Abstractions.Templates;
using MedScribe.Clinical.Templates;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NJsonSchema;
using OpenAI;

namespace MedScribe.Clinical.Engines;

/// <summary>Settings of the LLM engine (section <c>Extraction:Llm</c>).</summary>
public sealed class LlmSettings
{
    /// <summary>Base address of an OpenAI-compatible server; <c>/v1/chat/completions</c> is appended.</summary>
    public string BaseUrl { get; set; } = "";

    public string Model { get; set; } = "gpt-4o-mini";

    public string ApiKey { get; set; } = "";

    /// <summary>One call, answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Further attempts after a failed call or an answer that does not match the schema.</summary>
    public int Retries { get; set; } = 2;
}

/// <summary>
/// Fills a template with any OpenAI-compatible chat model through Microsoft.Extensions.AI: one call per
/// template with the template's JSON schema as the response format, the answer validated against that
/// schema (a mismatch is sent back once more with the errors), bounded retries with backoff, and the
/// evidence line numbers the model cites mapped back to transcript lines with their times.
/// </summary>
public sealed class LlmTemplateEngine(IChatClient client, LlmSettings settings, ILogger<LlmTemplateEngine> logger) : ITemplateEngine
{
    private const string SystemPrompt =
        "You are a medical scribe. You read a doctor-patient conversation and fill a template as JSON matching the given schema. " +
        "Use only what was said: a fact that was not said is null or left out, never guessed. A symptom the patient denied is not present. " +
        "Write numbers as digits (81 mg, 152/94). For evidence, give the numbers of the transcript lines that support each fact.";

    public string Name => $"llm:{settings.Model}";

    /// <summary>A chat client for an OpenAI-compatible endpoint; the engine does its own bounded retries, so the SDK does none.</summary>
    public static IChatClient CreateChatClient(LlmSettings settings)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(settings.BaseUrl.TrimEnd('/') + "/v1"),
            NetworkTimeout = settings.Timeout,
            RetryPolicy = new ClientRetryPolicy(0),
        };
        var key = string.IsNullOrEmpty(settings.ApiKey) ? "no-key" : settings.ApiKey;
        return new OpenAI.Chat.ChatClient(settings.Model, new ApiKeyCredential(key), options).AsIChatClient();
    }

    public async Task<JsonNode?> ExtractAsync(TemplateJob job, CancellationToken cancellationToken)
    {
        TemplateExtractionException.EnsureEnoughSpeech(job);

        var schema = TemplateSchemas.For(job.TemplateId, job.Custom);
        // Strict structured output wants an object at the top; arrays travel as {"items": [...]}.
        var wrapped = schema["type"]?.GetValue<string>() == "array";
        var requested = wrapped ? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["items"] = schema.DeepClone() }, ["required"] = new JsonArray("items"), ["additionalProperties"] = false } : schema;
        var validator = await JsonSchema.FromJsonAsync(requested.ToJsonString(), cancellationToken);
        var transcript = string.Join('\n', job.Utterances.Select((u, i) => $"[{i}] {u.Speaker}: {u.Text}"));
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SystemPrompt),
            new(ChatRole.User, $"{TemplateSchemas.Instructions(job.TemplateId, job.Custom)}\n\nTranscript (line number, speaker, words):\n{transcript}"),
        };
        var options = new ChatOptions
        {
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(requested), SchemaName(job), $"The '{job.TemplateId}' template"),
        };

        string? problem = null;
        for (var attempt = 0; attempt <= settings.Retries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1)), cancellationToken);
            }

            string text;
            try
            {
                using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                call.CancelAfter(settings.Timeout);
                var response = await client.GetResponseAsync(messages, options, call.Token);
                text = response.Text;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && LlmFailures.IsTransient(e))
            {
                problem = e is OperationCanceledException ? $"the model did not answer within {settings.Timeout}" : $"the call failed ({LlmFailures.Describe(e)})";
                logger.LogWarning("Session {SessionId}, template {Template}: attempt {Attempt} of {Attempts}: {Problem}", job.SessionId, job.TemplateId, attempt + 1, settings.Retries + 1, problem);
                continue;
            }

            var errors = Validate(text, validator, out var answer);
            if (errors is null)
            {
                var data = wrapped ? answer!["items"]!.DeepClone() : answer!;
                return MapEvidence(data, job.Utterances.Count, job);
            }

            problem = $"the answer did not match the template's schema ({errors})";
            logger.LogWarning("Session {SessionId}, template {Template}: attempt {Attempt} of {Attempts}: {Problem}", job.SessionId, job.TemplateId, attempt + 1, settings.Retries + 1, problem);
            messages.Add(new ChatMessage(ChatRole.Assistant, text));
            messages.Add(new ChatMessage(ChatRole.User, $"That answer does not match the schema: {errors}. Answer again with JSON only."));
        }

        throw new TemplateExtractionException(TemplateExtractionException.ExtractionFailed,
            $"The language model could not fill '{job.TemplateId}' in {settings.Retries + 1} attempts: {problem}.");
    }

    private static string SchemaName(TemplateJob job) => new string((job.Custom?.Id ?? job.TemplateId).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());

    private static string? Validate(string text, JsonSchema validator, out JsonNode? answer)
    {
        answer = null;
        try
        {
            answer = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            return $"not JSON: {e.Message}";
        }

        var errors = validator.Validate(text);
        return errors.Count > 0 ? string.Join("; ", errors.Take(5).Select(e => $"{e.Path}: {e.Kind}")) : answer is null ? null : CheckCodes(answer, "#");
    }

    /// <summary>
    /// The ICD-10-CM codes of an answer against the code set: a billable code is written as the set writes it ("e119" is E11.9)
    /// with its official display; a category's header ("E11") cannot be billed, and is the error the model is asked to mend.
    /// A code the set does not hold at all may be newer than it and is kept as given.
    /// </summary>
    private static string? CheckCodes(JsonNode node, string path)
    {
        var codes = Lexicons.ClinicalLexicon.Default.Codes;
        switch (node)
        {
            case JsonObject obj:
                if (obj["icd10"] is JsonObject { } icd && icd["code"] is JsonValue value && value.TryGetValue<string>(out var given))
                {
                    var code = given.Trim().ToUpperInvariant().Replace(".", "", StringComparison.Ordinal);
                    code = code.Length > 3 ? code[..3] + "." + code[3..] : code;
                    if (codes.Describe(code) is { } official)
                    {
                        icd["code"] = code;
                        icd["display"] = official;
                    }
                    else if (codes.IsHeader(code))
                    {
                        return $"{path}.icd10.code: '{given}' is an ICD-10-CM category, not a billable code; give the full code, or null when unsure";
                    }
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (key != "icd10" && child is not null && CheckCodes(child, $"{path}.{key}") is { } error)
                    {
                        return error;
                    }
                }

                return null;
            case JsonArray array:
                return array.Select((item, i) => item is null ? null : CheckCodes(item, $"{path}[{i}]")).FirstOrDefault(e => e is not null);
            default:
                return null;
        }
    }

    /// <summary>Evidence line numbers become the lines themselves, with times; numbers outside the transcript are dropped.</summary>
    private static JsonNode MapEvidence(JsonNode node, int lines, TemplateJob job)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == "evidence" && obj[key] is JsonArray cited)
                    {
                        obj[key] = TemplateRenderer.EvidenceOf(cited.OfType<JsonValue>()
                            .Select(v => v.TryGetValue<int>(out var i) ? i : v.TryGetValue<double>(out var d) ? (int)d : -1)
                            .Where(i => i >= 0 && i < lines).Distinct()
                            .Select(i => new Evidence(i, job.Utterances[i].StartMs, job.Utterances[i].EndMs, job.Utterances[i].Text))
                            .ToList());
                    }
                    else if (obj[key] is { } child)
                    {
                        MapEvidence(child, lines, job);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array.OfType<JsonNode>())
                {
                    MapEvidence(item, lines, job);
                }

                break;
        }

        return node;
    }
}
