using System.Globalization;

namespace MedScribe.Clinical.Text;

/// <summary>
/// Reads numbers as clinicians say them: "eighty one", "five hundred forty", "one fifty two" (a reading,
/// 152), "one oh eight", "ninety eight point six", "a hundred and two point four", or digits.
/// </summary>
public static class NumberWords
{
    private static readonly Dictionary<string, int> Small = new()
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> TensWords = new()
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private enum Last { None, Unit, Teen, Tens, Hundred, Thousand, And }

    /// <summary>"twenty" … "ninety".</summary>
    public static bool IsTens(string word) => TensWords.ContainsKey(word);

    /// <summary>True when the word can start or continue a spoken number.</summary>
    public static bool IsNumberWord(string word) =>
        Small.ContainsKey(word) || TensWords.ContainsKey(word) || word is "hundred" or "thousand" || IsDigits(word);

    /// <summary>Reads the number that starts at <paramref name="start"/>; <paramref name="length"/> is the words it took.</summary>
    public static bool TryRead(IReadOnlyList<string> words, int start, out double value, out int length)
    {
        value = 0;
        length = 0;
        if (start >= words.Count)
        {
            return false;
        }

        if (IsDigits(words[start]))
        {
            value = double.Parse(words[start], CultureInfo.InvariantCulture);
            length = 1;
            return true;
        }

        var j = start;
        long total = 0, group = 0;
        var last = Last.None;
        var hundredInGroup = false;
        if (words[j] == "point" && j + 1 < words.Count && Small.TryGetValue(words[j + 1], out var tenths) && tenths < 10
            && (j == 0 || !IsNumberWord(words[j - 1])))
        {
            // "point four milligrams", "point one two five": a dose below one said without its zero.
            last = Last.Unit;
        }
        if (words[j] == "a" && j + 1 < words.Count && words[j + 1] is "hundred" or "thousand")
        {
            group = 1;
            last = Last.Unit;
            j++;
        }
        else if (words[j] == "hundred" && j + 1 < words.Count && words[j + 1] == "point" && (j == 0 || !IsNumberWord(words[j - 1])))
        {
            // "… on the monitor, the hundred point eight": a recogniser lost the "a" of a hundred said with its decimals.
            group = 1;
            last = Last.Unit;
        }
        else if (HeardDigits.GetValueOrDefault(words[j]) == 1 && j + 2 < words.Count && words[j + 1] == "oh" && Small.TryGetValue(words[j + 2], out var afterOh) && afterOh < 10)
        {
            // "a temperature of on oh two point one": a recogniser's "on" for the "one" of one oh two, which only a number's "oh"
            // can follow.
            group = 1;
            last = Last.Unit;
            j++;
        }

        while (j < words.Count)
        {
            var w = words[j];
            if (Small.TryGetValue(w, out var small))
            {
                if (last == Last.None || last is Last.Hundred or Last.And or Last.Thousand)
                {
                    group += small;
                    last = small < 10 ? Last.Unit : Last.Teen;
                }
                else if (last == Last.Tens && small is > 0 and < 10)
                {
                    group += small;
                    last = Last.Unit;
                }
                else if (last == Last.Unit && !hundredInGroup && group is >= 1 and <= 9 && small >= 10)
                {
                    // "one eighteen over seventy four": a reading of 118.
                    group = group * 100 + small;
                    last = Last.Teen;
                    hundredInGroup = true;
                }
                else
                {
                    break;
                }
            }
            else if (TensWords.TryGetValue(w, out var tens))
            {
                if (last == Last.None || last is Last.Hundred or Last.And or Last.Thousand)
                {
                    group += tens;
                }
                else if (last == Last.Unit && !hundredInGroup && group is >= 1 and <= 9)
                {
                    // "one fifty two": a reading of 152.
                    group = group * 100 + tens;
                    hundredInGroup = true;
                }
                else
                {
                    break;
                }

                last = Last.Tens;
            }
            else if (w == "oh" && last == Last.Unit && !hundredInGroup && group is >= 1 and <= 9
                && j + 1 < words.Count && Small.TryGetValue(words[j + 1], out var digit) && digit < 10)
            {
                group = group * 100 + digit;
                hundredInGroup = true;
                last = Last.Unit;
                j++;
            }
            else if (w == "hundred" && last is Last.Unit or Last.Teen && !hundredInGroup)
            {
                group *= 100;
                hundredInGroup = true;
                last = Last.Hundred;
            }
            else if (w == "thousand" && last is Last.Unit or Last.Teen or Last.Tens or Last.Hundred)
            {
                total += group * 1000;
                group = 0;
                hundredInGroup = false;
                last = Last.Thousand;
            }
            else if (last == Last.Tens && w != "on" && HeardDigits.TryGetValue(w, out var heard)
                && (j + 1 < words.Count && (MeasuredBy.Contains(words[j + 1]) || w == "for" && ReadingNames.Contains(words[j + 1]))
                    || heard == 1 && (j + 1 == words.Count || !IsNumberWord(words[j + 1]) && words[j + 1] is not ("to" or "a" or "an"))))
            {
                // "twenty for milligrams", "seventy want over": a recogniser's "four", "two" or "one" after the tens, which only a
                // number's unit can follow ("won" and "want" anything but "to" or another number: "seventy want for your pressure").
                group += heard;
                last = Last.Unit;
            }
            else if (w == "and" && last is Last.Hundred or Last.Thousand && j + 1 < words.Count
                && (Small.ContainsKey(words[j + 1]) || TensWords.ContainsKey(words[j + 1])))
            {
                last = Last.And;
            }
            else
            {
                break;
            }

            j++;
        }

        if (last == Last.None)
        {
            return false;
        }

        double result = total + group;
        // "two and a half", "one and a quarter".
        if (j + 2 < words.Count && words[j] == "and" && words[j + 1] == "a" && words[j + 2] is "half" or "quarter")
        {
            result += words[j + 2] == "half" ? 0.5 : 0.25;
            j += 3;
        }
        else if (j + 1 < words.Count && words[j] == "point" && FractionDigit(words, j + 1) is not null)
        {
            var fraction = "";
            j++;
            while (j < words.Count && FractionDigit(words, j) is { } d)
            {
                fraction += d.ToString(CultureInfo.InvariantCulture);
                j++;
            }

            result += double.Parse("0." + fraction, CultureInfo.InvariantCulture);
        }

        value = result;
        length = j - start;
        return true;
    }

    /// <summary>Words only a measured number comes before: its unit, or the "over" of a blood pressure.</summary>
    /// <summary>The vital signs a list of readings names next ("… over seventy for pulse sixty six": the four of seventy four).</summary>
    private static readonly HashSet<string> ReadingNames = ["pulse", "heart", "temperature", "temp", "weight", "oxygen", "sats", "respiratory", "respirations"];

    private static readonly HashSet<string> MeasuredBy =
    [
        "milligrams", "milligram", "mg", "micrograms", "mcg", "grams", "units", "milliliters", "ml", "percent", "pounds", "kilos", "kilograms", "degrees",
        "over", "beats", "breaths",
    ];

    /// <summary>The digits a recogniser hears as other words: "won", "want" and "on" for one, "to" and "too" for two, "for" for four.</summary>
    private static readonly Dictionary<string, int> HeardDigits = new() { ["won"] = 1, ["want"] = 1, ["on"] = 1, ["to"] = 2, ["too"] = 2, ["for"] = 4 };

    /// <summary>
    /// A digit after a decimal point, or a recogniser's word for one ("ninety eight point to", "point for milligrams", not
    /// "want"), when a unit, "today", "and", "now" or the end of the sentence follows it.
    /// </summary>
    private static int? FractionDigit(IReadOnlyList<string> words, int at) =>
        Small.TryGetValue(words[at], out var digit) && digit < 10 ? digit
        // "ninety nine point was": a recogniser's "was" for "one" right after "point", where no other word is said.
        : words[at] == "was" && at >= 2 && words[at - 1] == "point" && IsNumberWord(words[at - 2]) ? 1
        // "thirty eight point want he's breathing …": "want" or "won" for "one" right after a number's "point", unless what follows
        // makes it the verb ("… point want you to", "… point want to").
        : words[at] is "want" or "won" && at >= 2 && words[at - 1] == "point" && IsNumberWord(words[at - 2])
            && (at + 1 == words.Count || words[at + 1] is not ("to" or "you" or "a" or "an" or "the" or "it" or "that") && !IsNumberWord(words[at + 1])) ? 1
        : words[at] != "want" && HeardDigits.TryGetValue(words[at], out var heard)
            && (at + 1 == words.Count || MeasuredBy.Contains(words[at + 1]) || words[at + 1] is "today" or "and" or "now") ? heard
        : null;

    private static readonly string[] SmallNames = Small.OrderBy(p => p.Value).Select(p => p.Key).ToArray();

    /// <summary>A whole number in words, as a language model's text says it: 850 is "eight hundred fifty", 1000 "one thousand".</summary>
    public static string Spoken(int n) => n switch
    {
        < 0 => "minus " + Spoken(-n),
        < 20 => SmallNames[n],
        < 100 => TensWords.First(p => p.Value == n / 10 * 10).Key + (n % 10 == 0 ? "" : " " + SmallNames[n % 10]),
        < 1000 => SmallNames[n / 100] + " hundred" + (n % 100 == 0 ? "" : " " + Spoken(n % 100)),
        _ => Spoken(n / 1000) + " thousand" + (n % 1000 == 0 ? "" : " " + Spoken(n % 1000)),
    };

    /// <summary>A number as a note writes it: 81, 0.4, 98.6.</summary>
    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>True for a number already written in digits.</summary>
    public static bool IsDigitsOnly(string word) => IsDigits(word);

    private static bool IsDigits(string word) => word.Length > 0 && char.IsAsciiDigit(word[0])
        && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
