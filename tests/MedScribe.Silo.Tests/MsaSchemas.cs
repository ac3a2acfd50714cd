using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>The official MSA OpenAPI component schemas from shared/spec/msa-schemas, as validators.</summary>
public static class MsaSchemas
{
    /// <summary>
    /// Validates <paramref name="body"/> against one component schema and returns the errors.
    /// The official status enums omit <c>recording</c> and <c>partial</c>, which the spec's own lifecycle
    /// (ch. 6.7) requires us to emit; they are added before validating, and nothing else is relaxed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(string file, string component, JsonObject body)
    {
        var path = Path.Combine(RepositoryRoot.Find(), "..", "shared", "spec", "msa-schemas", file);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var schema = document["components"]!["schemas"]![component]!.DeepClone().AsObject();
        if (schema["properties"]?["status"]?["enum"] is JsonArray statuses)
        {
            foreach (var extra in new[] { "recording", "partial" })
            {
                if (statuses.All(s => s!.GetValue<string>() != extra))
                {
                    statuses.Add(extra);
                }
            }
        }

        return await new ApiContract(document).ValidateAsync(schema, body);
    }

    public static async Task AssertValidAsync(string file, string component, JsonObject body)
    {
        var errors = await ValidateAsync(file, component, body);
        Assert.True(errors.Count == 0, $"{component} is invalid ({string.Join("; ", errors)}):\n{body.ToJsonString()}");
    }
}
