using System.Text.RegularExpressions;

namespace MedScribe.Clinical.Text;

/// <summary>One lower-case word of an utterance, with its place in the original text.</summary>
public readonly record struct Token(string Text, int Start, int End);

/// <summary>
/// Splits spoken text into lower-case words; decimals written as digits stay one token, and so does a number written
/// with thousands separators ("50,000" is the word "50000").
/// </summary>
public static partial class Tokens
{
    public static IReadOnlyList<Token> Of(string text) =>
        Word().Matches(text).Select(m => new Token(Normalize(m.Value), m.Index, m.Index + m.Length)).ToList();

    /// <summary>
    /// A written word as it is said: its digits as number words, and, when it mixes letters and digits, its short letter runs
    /// letter by letter ("hba1c" is "h b a one c", "t4" "t four", "7" "seven"). The speech corpus writes names so, and the
    /// lexicons find them so in a recogniser's text.
    /// </summary>
    public static string Said(string word) =>
        !word.Any(char.IsAsciiDigit)
            ? word
            : string.Join(' ', LettersOrDigits().Matches(word).Select(m => char.IsAsciiDigit(m.Value[0])
                ? NumberWords.Spoken(int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))
                : m.Value.Length <= 3 ? string.Join(' ', m.Value.ToCharArray()) : m.Value));

    [GeneratedRegex("[0-9]+|[^0-9]+")]
    private static partial Regex LettersOrDigits();

    public static string[] Words(string text) => Word().Matches(text).Select(m => Normalize(m.Value)).ToArray();

    /// <summary>Curly apostrophes and capitals do not change a word, nor thousands separators a number.</summary>
    private static string Normalize(string word)
    {
        var w = word.Replace('\u2019', '\'').ToLowerInvariant();
        return char.IsAsciiDigit(w[0]) ? w.Replace(",", "") : w;
    }

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)|\d+\.\d+|[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")]
    private static partial Regex Word();
}
