namespace MedScribe.Clinical.Text;

/// <summary>A spoken length of time: "three months", "a week", "two to three days", "about six weeks", "a couple of weeks".</summary>
public static class Intervals
{
    /// <summary>
    /// The interval that starts at <paramref name="at"/> ("2 weeks", "1 month", "2 to 3 days"), and the index of the
    /// word after it; null when no number (or "a"/"one") and time unit stand there. Hours count only when
    /// <paramref name="hours"/> says they may ("back in forty-eight hours"; "every six hours" is how often, not when).
    /// </summary>
    public static (string Text, int End)? At(IReadOnlyList<string> words, int at, bool hours = false)
    {
        // A hedge before the number says nothing of the interval: "in about six weeks", "in another month".
        while (at < words.Count && words[at] is "about" or "around" or "roughly" or "approximately" or "another" or "maybe")
        {
            at++;
        }

        if (at >= words.Count)
        {
            return null;
        }

        // ("Come see me in I'm honest with the numbers": "a month" as a recogniser heard it.)
        if (at + 1 < words.Count && words[at] == "i'm" && words[at + 1] == "honest")
        {
            return ("1 month", at + 2);
        }

        double n;
        int length;
        if (at + 1 < words.Count && (words[at] is "a" or "one" || words[at] == "the" && MonthHeard(words[at + 1])) && Unit(words[at + 1], hours) is not null)
        {
            // ("Let's meet again in a weeks": "a" before a plural unit is "eight" as a recogniser hears it.)
            n = words[at] == "a" && words[at + 1] is "weeks" or "months" or "days" or "years" ? 8 : 1;
            length = 1;
        }
        else if (words[at] is "a" or "couple" && Couple(words, at) is > 0 and var couple)
        {
            n = 2;
            length = couple;
        }
        else if (!NumberWords.TryRead(words, at, out n, out length))
        {
            return null;
        }

        var next = at + length;
        var range = NumberWords.Format(n);
        if (next + 1 < words.Count && words[next] is "to" or "or" && NumberWords.TryRead(words, next + 1, out var upper, out var length2))
        {
            range = $"{NumberWords.Format(n)} to {NumberWords.Format(upper)}";
            next += 1 + length2;
            n = upper;
        }

        return next < words.Count && Unit(words[next], hours) is { } unit ? ($"{range} {unit}{(n == 1 ? "" : "s")}", next + 1) : null;
    }

    /// <summary>"a couple of", "a couple", "couple of": two; the number of words, or 0.</summary>
    private static int Couple(IReadOnlyList<string> words, int at)
    {
        var i = at + (words[at] == "a" ? 1 : 0);
        if (i >= words.Count || words[i] != "couple")
        {
            return 0;
        }

        i++;
        if (i < words.Count && words[i] == "of")
        {
            i++;
        }

        return i - at;
    }

    /// <summary>
    /// "I'll see you in a mom and", "come see me in the moms": "month" as a recogniser hears it when its last sound is lost, said
    /// only after "a", "one" or "the" (no one books a visit "in a mom").
    /// </summary>
    private static bool MonthHeard(string word) => word is "mom" or "moms" or "mum" or "mums";

    private static string? Unit(string word, bool hours) => word switch
    {
        _ when MonthHeard(word) => "month",
        "hour" or "hours" when hours => "hour",
        "day" or "days" => "day",
        "week" or "weeks" => "week",
        "month" or "months" => "month",
        "year" or "years" => "year",
        _ => null,
    };
}
