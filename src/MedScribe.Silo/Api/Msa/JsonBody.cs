using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Abstractions;

namespace MedScribe.Silo.Api.Msa;

/// <summary>Reads JSON request bodies for every endpoint, turning size and syntax problems into protocol errors.</summary>
public static class JsonBody
{
    /// <summary>Reads a JSON object body of at most <paramref name="maxBytes"/>; anything else is a 400 saying what is wrong.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, int maxBytes, bool allowEmpty)
    {
        var body = await RequestBody.ReadAsync(request, maxBytes)
            ?? throw new ProtocolException("invalid_request", 413, $"The request body is larger than {maxBytes} bytes.", new { max_bytes = maxBytes });
        if (body.Length == 0 && allowEmpty)
        {
            return [];
        }

        var (node, problem) = StrictJson.Parse(body);
        if (problem is not null)
        {
            throw ProtocolException.InvalidRequest($"The request body is {problem.Reason}.",
                new { field = "body", line = problem.Line, position = problem.Position });
        }

        return node as JsonObject ?? throw ProtocolException.InvalidRequest("The request body must be a JSON object.", new { field = "body" });
    }
}
