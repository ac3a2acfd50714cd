using System.Text.Json.Nodes;
using MedScribe.Testing;
using NJsonSchema;

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
        var components = document["components"]!.AsObject();
        var schema = Inline(components["schemas"]!.AsObject(), components["schemas"]![component]!.DeepClone()).AsObject();
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

        var validator = await JsonSchema.FromJsonAsync(schema.ToJsonString());
        return validator.Validate(body.ToJsonString()).Select(e => $"{e.Path}: {e.Kind}").ToList();
    }

    /// <summary>Replaces every <c>#/components/schemas/X</c> reference by a copy of X (the official schemas have no cycles).</summary>
    private static JsonNode Inline(JsonObject schemas, JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"]?.GetValue<string>() is { } reference:
                return Inline(schemas, schemas[reference["#/components/schemas/".Length..]]!.DeepClone());
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is { } child)
                    {
                        obj[name] = Inline(schemas, child.DeepClone());
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        array[i] = Inline(schemas, item.DeepClone());
                    }
                }

                return array;
            default:
                return node;
        }
    }

    public static async Task AssertValidAsync(string file, string component, JsonObject body)
    {
        var errors = await ValidateAsync(file, component, body);
        Assert.True(errors.Count == 0, $"{component} is invalid ({string.Join("; ", errors)}):\n{body.ToJsonString()}");
    }
}
