using System.Text;
using System.Text.RegularExpressions;

namespace MedScribe.Clinical.Text;

/// <summary>Writes spoken text the way a note does: "one fifty two over ninety four" → "152/94", "eighty one milligrams" → "81 mg".</summary>
public static partial class NoteText
{
    private static readonly Dictionary<string, string> Units = new()
    {
        ["milligrams"] = "mg", ["milligram"] = "mg", ["micrograms"] = "mcg", ["microgram"] = "mcg", ["milliliters"] = "ml",
        ["milliliter"] = "ml", ["percent"] = "%", ["kilograms"] = "kg", ["kilogram"] = "kg", ["pounds"] = "lb",
    };

    private static readonly HashSet<string> Countables =
    [
        "minutes", "minute", "hours", "hour", "days", "day", "nights", "night", "weeks", "week", "months", "month", "years", "year", "times", "puffs", "puff",
        "tablets", "tablet", "pills", "degrees", "beats", "pack", "packs", "glass", "glasses", "beers", "drinks", "out", "plus", "point", "units", "unit",
    ];

    public static string Normalize(string text)
    {
        var tokens = Tokens.Of(text);
        var words = tokens.Select(t => t.Text).ToList();
        var output = new StringBuilder();
        var copied = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!NumberWords.TryRead(words, i, out var value, out var length) || NumberWords.IsDigitsOnly(words[i]) && length == 1 && !FollowedByUnit(words, i + 1))
            {
                continue;
            }

            var next = i + length;
            // "five out of five": the number after "out of" is a score's scale.
            var worthIt = length > 1 || FollowedByUnit(words, next) || value >= 10 || i >= 2 && words[i - 1] == "of" && words[i - 2] == "out";
            if (!worthIt || IsFigureOfSpeech(words, i))
            {
                i += length - 1;
                continue;
            }

            var replacement = NumberWords.Format(value);
            var end = tokens[next - 1].End;
            if (next + 1 < words.Count && words[next] == "over" && NumberWords.TryRead(words, next + 1, out var second, out var length2))
            {
                replacement += "/" + NumberWords.Format(second);
                next += 1 + length2;
                end = tokens[next - 1].End;
            }
            else if (next < words.Count && Units.TryGetValue(words[next], out var unit))
            {
                replacement += unit == "%" ? "%" : " " + unit;
                end = tokens[next].End;
                next++;
            }

            output.Append(text, copied, tokens[i].Start - copied).Append(replacement);
            copied = end;
            i = next - 1;
        }

        output.Append(text, copied, text.Length - copied);
        var written = AOneC().Replace(output.ToString(), "A1c");
        return DiabetesType().Replace(written, m => "ype " + (m.Groups[1].Value.ToLowerInvariant() == "one" ? "1" : "2"));
    }

    private static bool FollowedByUnit(IReadOnlyList<string> words, int at) =>
        at < words.Count && (Units.ContainsKey(words[at]) || Countables.Contains(words[at]) || words[at] == "over");

    /// <summary>"no one", "the one", "one of": words, not quantities.</summary>
    private static bool IsFigureOfSpeech(IReadOnlyList<string> words, int at) =>
        words[at] == "one" && (at + 1 < words.Count && words[at + 1] is "of" or "more" or "another" || at > 0 && words[at - 1] is "no" or "the" or "that" or "this" or "any" or "every" or "each");

    [GeneratedRegex(@"(?<=\b[Tt])ype (one|two)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiabetesType();

    [GeneratedRegex(@"\b[Aa] one [Cc]\b")]
    private static partial Regex AOneC();
}
