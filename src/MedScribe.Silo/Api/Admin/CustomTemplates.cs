using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Templates;

namespace MedScribe.Silo.Api.Admin;

/// <summary>Reads and renders a tenant's own template definition, every invalid field named.</summary>
public static partial class CustomTemplates
{
    public const int MaxSections = 40;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxTitleLength = 200;
    public const int MaxInstructionsLength = 8000;

    public static CustomTemplate Parse(string templateId, JsonObject body)
    {
        if (!IdPattern().IsMatch(templateId))
        {
            throw Invalid("id", "Template ids are 2-64 lower-case letters, digits or '_', starting with a letter.");
        }

        if (BuiltInTemplates.Contains(templateId))
        {
            throw Invalid("id", $"'{templateId}' is a built-in template id; custom templates may not shadow it.");
        }

        var name = RequiredString(body, "name", max: MaxNameLength);
        var description = body["description"] is null ? "" : RequiredString(body, "description", max: MaxDescriptionLength);
        if (body["sections"] is not JsonArray sections || sections.Count is 0 or > MaxSections)
        {
            throw Invalid("sections", $"sections must be an array of 1 to {MaxSections} sections.");
        }

        var parsed = sections.Select((node, i) => node is JsonObject section
            ? new TemplateSection(
                KeyPattern().IsMatch(RequiredString(section, "key", $"sections[{i}].key")) ? section["key"]!.GetValue<string>().Trim()
                    : throw Invalid($"sections[{i}].key", "Section keys are lower-case letters, digits or '_', starting with a letter."),
                RequiredString(section, "title", $"sections[{i}].title", MaxTitleLength),
                section["instructions"] is null ? "" : RequiredString(section, "instructions", $"sections[{i}].instructions", MaxInstructionsLength))
            : throw Invalid($"sections[{i}]", "Each section must be an object {key, title, instructions}.")).ToList();
        var duplicate = parsed.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Invalid("sections", $"Section key '{duplicate.Key}' appears more than once.");
        }

        return new CustomTemplate(templateId, name, description, parsed);
    }

    public static JsonObject Render(CustomTemplate template) => new()
    {
        ["id"] = template.Id,
        ["name"] = template.Name,
        ["description"] = template.Description,
        ["sections"] = new JsonArray(template.Sections.Select(s => (JsonNode)new JsonObject
        {
            ["key"] = s.Key,
            ["title"] = s.Title,
            ["instructions"] = s.Instructions,
        }).ToArray()),
    };

    private static string RequiredString(JsonObject body, string property, string? field = null, int max = 64)
    {
        var text = body[property] is JsonValue v && v.TryGetValue<string>(out var value) && value.Trim().Length > 0
            ? value.Trim()
            : throw Invalid(field ?? property, $"{field ?? property} must be a non-empty string.");
        return text.Length <= max ? text : throw Invalid(field ?? property, $"{field ?? property} must be at most {max} characters; it has {text.Length}.");
    }

    private static ProtocolException Invalid(string field, string message) => ProtocolException.InvalidRequest(message, new { field });

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();
}
