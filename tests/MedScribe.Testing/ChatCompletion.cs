using System.Text.Json.Nodes;

namespace MedScribe.Testing;

/// <summary>The body an OpenAI-compatible chat server answers with, for the loopback stand-ins of a hosted model.</summary>
public static class ChatCompletion
{
    public static string Json(string content, string model = "test-model") => new JsonObject
    {
        ["id"] = "chatcmpl-1",
        ["object"] = "chat.completion",
        ["created"] = 1767225600,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 },
    }.ToJsonString();
}
