using System.Text.RegularExpressions;

namespace MedScribe.Clinical.Text;

/// <summary>One lower-case word of an utterance, with its place in the original text.</summary>
public readonly record struct Token(string Text, int Start, int End);

/// <summary>Splits spoken text into lower-case words; decimals written as digits stay one token.</summary>
public static partial class Tokens
{
    public static IReadOnlyList<Token> Of(string text) =>
        Word().Matches(text).Select(m => new Token(Normalize(m.Value), m.Index, m.Index + m.Length)).ToList();

    public static string[] Words(string text) => Word().Matches(text).Select(m => Normalize(m.Value)).ToArray();

    /// <summary>Curly apostrophes and capitals do not change a word.</summary>
    private static string Normalize(string word) => word.Replace('\u2019', '\'').ToLowerInvariant();

    [GeneratedRegex(@"\d+\.\d+|[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")]
    private static partial Regex Word();
}
