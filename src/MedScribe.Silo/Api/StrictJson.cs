using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Api;

/// <summary>
/// Why a body or frame cannot be read, as what it "is" ("not valid UTF-8 text"); <see cref="Undecodable"/> when its
/// text is not Unicode at all.
/// </summary>
public sealed record JsonProblem(string Reason, long? Line = null, long? Position = null, bool Undecodable = false);

/// <summary>
/// The one JSON reader of every request body and socket frame (MSA, admin, Dx0): valid UTF-8 only, no duplicate
/// property names (which would make a field mean two things), at most <see cref="MaxDepth"/> levels, and no lone
/// UTF-16 surrogate (<c>"\ud800"</c>) in any name or value, which no storage or reply could write back.
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 32;

    private const string LoneSurrogateNote = "holds a lone UTF-16 surrogate (an escape such as \\ud800 that is half a character)";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>The parsed body, or the problem that names what is wrong with it.</summary>
    public static (JsonNode? Node, JsonProblem? Problem) Parse(ReadOnlySpan<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, new JsonProblem("not valid UTF-8 text", Undecodable: true));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body, documentOptions: Options);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The reader refuses to decode an escaped lone surrogate in a property name.
            return (null, new JsonProblem($"not valid JSON: a property name {LoneSurrogateNote}", Undecodable: true));
        }
        catch (JsonException e)
        {
            var reason = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"it is nested deeper than {MaxDepth} levels"
                : e.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase)
                    ? "a property name appears twice in one object"
                    : e.Message;
            return (null, new JsonProblem($"not valid JSON: {reason}", e.LineNumber + 1, e.BytePositionInLine));
        }

        string? path;
        try
        {
            path = LoneSurrogate(node, "$");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The reader refuses to decode an escaped lone surrogate when its string is read.
            path = "a name or value";
        }

        return path is not null
            ? (null, new JsonProblem($"not valid JSON: {path} {LoneSurrogateNote}", Undecodable: true))
            : (node, null);
    }

    /// <summary>The path of the first name or string value that is not valid UTF-16, or null.</summary>
    private static string? LoneSurrogate(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (!IsValid(name))
                    {
                        return path + " (a property name)";
                    }

                    if (LoneSurrogate(value, $"{path}.{name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (LoneSurrogate(a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return IsValid(v.GetValue<string>()) ? null : path;
            default:
                return null;
        }
    }

    private static bool IsValid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
