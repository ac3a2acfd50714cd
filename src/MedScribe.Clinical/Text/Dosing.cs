namespace MedScribe.Clinical.Text;

/// <summary>An amount per dose: "81 mg", "2 puffs". <see cref="Strength"/> marks a tablet strength ("500 milligram tablets").</summary>
public sealed record Dose(double Amount, string Unit, int Start, int End, bool Strength)
{
    public override string ToString() => Unit == "%" ? $"{NumberWords.Format(Amount)}%"
        : Paired is { } first ? $"{NumberWords.Format(first)}/{NumberWords.Format(Amount)} {UnitText()}"
        : $"{NumberWords.Format(Amount)} {UnitText()}";

    /// <summary>A combination's first strength said before this one: "five three twenty five milligrams" of Percocet is 5/325 mg.</summary>
    public double? Paired { get; init; }

    private string UnitText() => Amount <= 1 || !Dosing.IsCount(Unit) ? Unit
        : Unit.EndsWith("patch", StringComparison.Ordinal) ? Unit + "es"
        : Unit.EndsWith("gummy", StringComparison.Ordinal) ? Unit[..^1] + "ies"
        : Unit + "s";

    public bool IsMass => Unit is "mg" or "mcg" or "g" or "units" or "unit" or "mEq";

    /// <summary>
    /// "one hundred and micrograms": the hundreds were heard and the rest of the number was lost in an "and"; the amount is
    /// only the hundreds, and the drug's usual strengths may say the rest.
    /// </summary>
    public bool Clipped { get; init; }

    /// <summary>A dose by the patient's weight ("3 mg/kg/day"), not an amount to give.</summary>
    public bool ByWeight => Unit.Contains("/kg", StringComparison.Ordinal);
}

/// <summary>Reads doses, frequencies and routes from spoken medication instructions.</summary>
public static class Dosing
{
    private static readonly Dictionary<string, string> Units = new()
    {
        ["milligram"] = "mg", ["milligrams"] = "mg", ["mg"] = "mg", ["microgram"] = "mcg", ["micrograms"] = "mcg", ["mcg"] = "mcg",
        ["gram"] = "g", ["grams"] = "g", ["milliliter"] = "ml", ["milliliters"] = "ml", ["ml"] = "ml", ["cc"] = "ml", ["ccs"] = "ml",
        ["unit"] = "unit", ["units"] = "unit", ["puff"] = "puff", ["puffs"] = "puff", ["tablet"] = "tablet", ["tablets"] = "tablet",
        ["pill"] = "tablet", ["pills"] = "tablet", ["capsule"] = "capsule", ["capsules"] = "capsule", ["drop"] = "drop", ["drops"] = "drop",
        ["spray"] = "spray", ["sprays"] = "spray", ["teaspoon"] = "5 ml", ["teaspoons"] = "5 ml", ["patch"] = "patch",
        ["milliequivalents"] = "mEq", ["meq"] = "mEq", ["percent"] = "%", ["patches"] = "patch", ["gummy"] = "gummy", ["gummies"] = "gummy",
        ["softgel"] = "softgel", ["softgels"] = "softgel", ["lozenge"] = "lozenge", ["lozenges"] = "lozenge", ["packet"] = "packet",
        ["packets"] = "packet", ["suppository"] = "suppository", ["suppositories"] = "suppository", ["scoop"] = "scoop", ["scoops"] = "scoop",
        ["chewable"] = "chewable tablet", ["chewables"] = "chewable tablet", ["capful"] = "capful", ["capfuls"] = "capful",
        ["dropperful"] = "dropperful", ["dropperfuls"] = "dropperful", ["sachet"] = "sachet", ["sachets"] = "sachet", ["vial"] = "vial",
        ["vials"] = "vial", ["tablespoon"] = "15 ml", ["tablespoons"] = "15 ml", ["inhalation"] = "puff", ["inhalations"] = "puff",
    };

    private static readonly HashSet<string> Counts = ["puff", "tablet", "capsule", "drop", "spray", "unit", "patch", "gummy", "softgel", "lozenge", "packet", "suppository", "scoop", "chewable tablet", "capful", "dropperful", "sachet", "vial"];

    /// <summary>Whether <paramref name="word"/> is a spoken dose unit ("milligrams", "puffs", "units").</summary>
    public static bool IsUnitWord(string word) => Units.ContainsKey(word);

    /// <summary>A unit that holds the whole of a strength: a tablet, a capsule, a patch (not a puff or a drop).</summary>
    public static bool IsPiece(string unit) => unit is "tablet" or "capsule" or "softgel" or "patch" || unit.EndsWith(" tablet", StringComparison.Ordinal) || unit.EndsWith(" capsule", StringComparison.Ordinal);

    /// <summary>A unit counted in pieces (tablets, puffs, gummies), including "regular strength tablet".</summary>
    public static bool IsCount(string unit) => Counts.Contains(unit) || unit.EndsWith(" tablet", StringComparison.Ordinal) || unit.EndsWith(" capsule", StringComparison.Ordinal);

    /// <summary>Every dose said in words[from..to).</summary>
    public static List<Dose> Doses(IReadOnlyList<string> words, int from, int to)
    {
        var doses = new List<Dose>();
        for (var i = from; i < to; i++)
        {
            // "one half milligram", "a half tablet".
            if (words[i] is "one" or "a" && i + 2 < to && words[i + 1] == "half" && Units.TryGetValue(words[i + 2], out var half) && Spoonful(half) == 0)
            {
                doses.Add(new Dose(0.5, half, i, i + 3, false));
                i += 2;
                continue;
            }

            // "half a tablet", "half a teaspoon", "half a milligram".
            if (words[i] == "half" && i + 2 < to && words[i + 1] == "a" && Units.TryGetValue(words[i + 2], out var halved)
                && (IsCount(halved) || Spoonful(halved) > 0 || halved is "mg" or "mcg" or "g"))
            {
                doses.Add(Spoonful(halved) is var spoon and > 0 ? new Dose(spoon / 2.0, "ml", i, i + 3, false) : new Dose(0.5, halved, i, i + 3, false));
                i += 2;
                continue;
            }

            if (!(NumberWords.TryRead(words, i, out var amount, out var length) || MisheardAmount(words, i, to, out amount, out length)) || i + length >= to)
            {
                continue;
            }

            var unitAt = i + length;
            // "from twenty to units to sixteen units": a recogniser's "twenty to" for "twenty two", "forty for" for "forty four"
            // (a range would say its second number).
            if (amount is >= 20 and < 100 && amount % 10 == 0 && unitAt + 1 < to && words[unitAt] is "to" or "too" or "for"
                && words[unitAt + 1] is "milligrams" or "micrograms" or "grams" or "milliliters" or "units" or "tablets" or "puffs" or "drops")
            {
                amount += words[unitAt] == "for" ? 4 : 2;
                length++;
                unitAt++;
            }

            // "Don't go over three thousand milligrams a day", "no more than four grams": a daily limit, not a dose.
            if (IsLimit(words, i))
            {
                i += length - 1;
                continue;
            }

            // "two regular strength tablets", "one extra strength capsule": the strength is part of the counted form.
            if (unitAt + 2 < to && words[unitAt] is "regular" or "extra" or "maximum" or "low" && words[unitAt + 1] is "strength" or "dose"
                && Units.TryGetValue(words[unitAt + 2], out var form) && form is "tablet" or "capsule")
            {
                doses.Add(new Dose(amount, $"{words[unitAt]} {words[unitAt + 1]} {form}", i, unitAt + 3, false));
                i = unitAt + 2;
                continue;
            }

            if (words[unitAt] == "and" && unitAt + 1 < to && amount >= 100 && amount % 100 == 0 && Units.TryGetValue(words[unitAt + 1], out var clippedUnit) && !IsCount(clippedUnit))
            {
                doses.Add(new Dose(amount, clippedUnit, i, unitAt + 2, false) { Clipped = true });
                i = unitAt + 1;
                continue;
            }

            if (!Units.TryGetValue(words[unitAt], out var unit))
            {
                // "turmeric capsules, one a day": a count unit said before the count.
                if (i > from && Units.TryGetValue(words[i - 1], out var counted) && IsCount(counted) && counted != "unit"
                    && words[unitAt] is "a" or "daily" or "every" or "each" or "twice" or "once")
                {
                    doses.Add(new Dose(amount, counted, i - 1, unitAt, false));
                }

                i += length - 1;
                continue;
            }

            if (Spoonful(unit) is var millilitres and > 0)
            {
                amount *= millilitres;
                unit = "ml";
            }

            // "three milligrams per kilogram per day": a dose by weight, ranked below a dose said outright.
            if (PerKilogram(words, unitAt + 1, to) is { } perKilogram)
            {
                doses.Add(new Dose(amount, unit + perKilogram.Unit, i, perKilogram.End, false));
                i = perKilogram.End - 1;
                continue;
            }

            // "two of the two hundred milligram tablets": a singular unit before "tablet" names the strength.
            var strength = words[unitAt] is "milligram" or "microgram" && unitAt + 1 < words.Count && words[unitAt + 1] is "tablet" or "tablets" or "pill" or "pills" or "capsule" or "capsules";
            if (strength && words[i] == "one" && length > 1 && NumberWords.TryRead(words, i + 1, out var each, out var eachLength) && eachLength == length - 1)
            {
                // "Take one twenty milligram tablet": one tablet of twenty milligrams, not a hundred and twenty.
                doses.Add(new Dose(each, unit, i + 1, unitAt + 1, strength));
                i = unitAt;
                continue;
            }

            doses.Add(new Dose(amount, unit, i, unitAt + 1, strength));
            i = unitAt;
        }

        return doses;
    }

    /// <summary>
    /// A number a recogniser heard as another word, where only a number can stand: "want thousand micrograms", "on hundred
    /// milligrams" (one), "to milligrams" (two) right before a unit, not after another number.
    /// </summary>
    private static bool MisheardAmount(IReadOnlyList<string> words, int at, int to, out double amount, out int length)
    {
        amount = 0;
        length = 0;
        if (at + 1 >= to || at > 0 && NumberWords.IsNumberWord(words[at - 1]))
        {
            return false;
        }

        // Only a plural unit: "going to drop back on" and "to patch" are verbs.
        if (words[at] is "to" or "too" && words[at + 1] is "milligrams" or "micrograms" or "grams" or "milliliters" or "units" or "tablets" or "pills"
            or "capsules" or "puffs" or "drops" or "sprays")
        {
            (amount, length) = (2, 1);
            return true;
        }

        if (words[at] is "want" or "won" or "on" && words[at + 1] is "hundred" or "thousand")
        {
            var said = new[] { "one" }.Concat(Enumerable.Range(at + 1, Math.Min(to, at + 8) - at - 1).Select(i => words[i])).ToList();
            return NumberWords.TryRead(said, 0, out amount, out length);
        }

        // "Amoxicillin, want grams three times a day": a recogniser's "one" right before a unit of mass or volume.
        if (words[at] is "want" or "won" && Units.TryGetValue(words[at + 1], out var measured) && measured is "mg" or "mcg" or "g" or "ml" or "unit")
        {
            (amount, length) = (1, 1);
            return true;
        }

        // "Acetaminophen, but thousand milligrams", "vitamin D, s thousand units": the "a" lost or heard as another word; a bare
        // hundred or thousand before a unit is one.
        if (words[at] is "hundred" or "thousand" && IsUnitWord(words[at + 1]))
        {
            (amount, length) = (words[at] == "hundred" ? 100 : 1000, 1);
            return true;
        }

        return false;
    }

    private static readonly HashSet<string> Kilograms = ["kilogram", "kilograms", "kilo", "kilos", "kg"];

    /// <summary>"per kilogram", "a kilo", "per kilogram per day" at <paramref name="at"/>: "/kg" or "/kg/day" and where it ends.</summary>
    private static (string Unit, int End)? PerKilogram(IReadOnlyList<string> words, int at, int to)
    {
        if (at + 1 >= to || words[at] is not ("per" or "a") || !Kilograms.Contains(words[at + 1]))
        {
            return null;
        }

        return at + 3 < to && words[at + 2] is "per" or "a" && words[at + 3] == "day" ? ("/kg/day", at + 4) : ("/kg", at + 2);
    }

    /// <summary>The milliliters a spoon unit stands for (a teaspoon 5, a tablespoon 15), else 0.</summary>
    private static int Spoonful(string unit) => unit switch { "5 ml" => 5, "15 ml" => 15, _ => 0 };

    /// <summary>"don't go over three thousand milligrams of [Tylenol a day]": the amount said before "of" at <paramref name="ofAt"/> is a most.</summary>
    public static bool LimitBefore(IReadOnlyList<string> words, int ofAt)
    {
        var at = ofAt - 1;
        if (at < 0 || !Units.ContainsKey(words[at]))
        {
            return false;
        }

        while (at > 0 && NumberWords.IsNumberWord(words[at - 1]))
        {
            at--;
        }

        return IsLimit(words, at);
    }

    private static bool IsLimit(IReadOnlyList<string> words, int at) =>
        at >= 1 && words[at - 1] is "over" or "exceed" or "maximum" or "max" or "beyond"
        || at >= 2 && words[at - 1] is "than" && words[at - 2] is "more" or "over"
        || at >= 2 && words[at - 1] is "of" && words[at - 2] is "maximum" or "max" or "total" or "limit";

    /// <summary>The dose a medication instruction gives: a mass first, else a count (puffs, tablets), never a tablet strength when a dose is said.</summary>
    public static Dose? Best(IReadOnlyList<Dose> doses)
    {
        var count = doses.FirstOrDefault(d => !d.IsMass && !d.Strength && d.Unit != "ml" && !d.ByWeight);
        return doses.FirstOrDefault(d => d.IsMass && !d.Strength)
            // "The ten milligram tablet, one every day": one tablet of a strength is that strength.
            ?? (count is { Amount: 1 } && IsPiece(count.Unit) && doses.FirstOrDefault(d => d.IsMass && d.Strength) is { } strength ? strength with { Strength = false } : null)
            ?? count ?? doses.FirstOrDefault(d => d.Unit == "ml") ?? doses.FirstOrDefault(d => !d.ByWeight) ?? doses.FirstOrDefault();
    }

    /// <summary>
    /// A frequency phrase ("twice daily", "every 6 hours as needed") with what limits it ("up to 3 times daily", "twice daily on
    /// weekdays", "once daily for 1 week, then every other day"), or null.
    /// </summary>
    public static string? Frequency(IReadOnlyList<string> words, int from, int to)
    {
        // "It's a six day taper, starting with six tablets": a dose pack's schedule is its length, the daily count falling.
        if (Taper(words, from, to) is { } taper)
        {
            return taper;
        }

        // "Twice a day for two weeks, then twice a day on weekends only": a first phase, how long it lasts, and what follows.
        if (Phases(words, from, to) is var (durationAt, duration, thenEnd) && Qualified(words, from, durationAt) is { } first)
        {
            // "Forty milligrams a day for a week, then drop by five milligrams every week": a taper's next step changes the
            // dose, and the frequency is the first phase's.
            if (Doses(words, thenEnd, to).Count > 0)
            {
                return first;
            }

            if (Qualified(words, thenEnd, to) is { } second)
            {
                return $"{first} for {duration}, then {second}";
            }

            // "… twice a day for two weeks, then only on weekends": the same frequency on fewer days.
            if (Days(words, thenEnd, to) is { Length: > 0 } days && !first.EndsWith("as needed", StringComparison.Ordinal))
            {
                return $"{first} for {duration}, then {first}{days}";
            }
        }

        var plain = Qualified(words, from, to);
        if (plain is null or "once" && Repeat(words, from, to) is { } again)
        {
            return $"once, repeat in {again}";
        }

        return plain ?? (IntoAJoint(words, from, to) ? "once" : null);
    }

    /// <summary>"… triamcinolone forty milligrams into the knee": an injection into a joint, given once, at the visit.</summary>
    private static bool IntoAJoint(IReadOnlyList<string> words, int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from - 2)).Any(i => words[i] == "into" && words[i + 1] is "the" or "your" or "his" or "her"
            && words[i + 2] is "knee" or "shoulder" or "hip" or "elbow" or "joint" or "bursa" or "wrist" or "ankle" or "thumb" or "heel");

    /// <summary>
    /// "… and do a second treatment on day nine", "repeat it in one week", "another dose in two weeks": a treatment given once and
    /// once more after a while (lice lotion, a worm tablet), as the note writes the wait ("9 days", "1 week"); null if none is said.
    /// </summary>
    public static string? Repeat(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var after = words[i] is "repeat" or "repeated" or "again" ? i + 1
                : words[i] is "second" or "another" && i + 1 < to && words[i + 1] is "treatment" or "dose" or "application" or "tablet" or "pill" or "course" or "round" ? i + 2
                : -1;
            if (after < 0)
            {
                continue;
            }

            // ("repeat it", "repeat the treatment": what is repeated, then when.)
            for (var j = after; j < Math.Min(to, after + 4); j++)
            {
                var at = words[j] is "in" or "after" ? j + 1 : words[j] == "on" && j + 1 < to && words[j + 1] == "day" ? j + 1 : -1;
                if (at < 0 || at >= to)
                {
                    continue;
                }

                if (words[at] == "day" && at + 1 < to && NumberWords.TryRead(words, at + 1, out var day, out _) && day is >= 2 and <= 30)
                {
                    // "On day nine": nine days on.
                    return $"{NumberWords.Format(day)} days";
                }

                var (count, unitAt) = words[at] is "a" or "one" ? (1.0, at + 1) : NumberWords.TryRead(words, at, out var n, out var length) ? (n, at + length) : (0, to);
                if (count is >= 1 and <= 30 && unitAt < to && words[unitAt] is "day" or "days" or "week" or "weeks")
                {
                    var unit = words[unitAt].StartsWith("week", StringComparison.Ordinal) ? "week" : "day";
                    return $"{NumberWords.Format(count)} {unit}{(count == 1 ? "" : "s")}";
                }
            }
        }

        return null;
    }

    /// <summary>"a six day taper", "a five-day taper": the taper's length as the note writes it ("6 day taper"), or null.</summary>
    public static string? Taper(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i + 2 < to; i++)
        {
            if (NumberWords.TryRead(words, i, out var days, out var length) && i + length + 1 < to && words[i + length] == "day"
                // ("a six day paper": a recogniser's "taper"; no one prescribes days of paper.)
                && words[i + length + 1] is "taper" or "tapering" or "paper" && days == Math.Floor(days) && days is >= 2 and <= 30)
            {
                return $"{NumberWords.Format(days)} day taper";
            }
        }

        return null;
    }

    /// <summary>
    /// "… for two weeks, then …", "… for one week, after that …": where the first phase's duration starts, the duration
    /// as written ("2 weeks"), and where the next phase starts; null without both.
    /// </summary>
    private static (int At, string Duration, int Next)? Phases(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i + 3 < to; i++)
        {
            if (Course(words, i, to) is not var (duration, next))
            {
                continue;
            }

            var then = next < to && words[next] == "then" ? next + 1
                : next + 1 < to && words[next] == "and" && words[next + 1] == "then" ? next + 2
                : next + 1 < to && words[next] == "after" && words[next + 1] == "that" ? next + 2 : -1;
            if (then > 0)
            {
                return (i, duration, then);
            }
        }

        return null;
    }

    /// <summary>"for two weeks", "for a month" at <paramref name="at"/>: the duration as written ("2 weeks") and the index after it.</summary>
    private static (string Duration, int Next)? Course(IReadOnlyList<string> words, int at, int to) =>
        at + 2 < to && words[at] == "for" && Intervals.At(words, at + 1) is { } interval && interval.End <= to ? (interval.Text, interval.End)
        // "… for up to a week".
        : at + 4 < to && words[at] == "for" && words[at + 1] == "up" && words[at + 2] == "to" && Intervals.At(words, at + 3) is { } most && most.End <= to
            ? ("up to " + most.Text, most.End) : null;

    /// <summary>The last course said in words[from..to) ("… twice a day for two weeks."): how long a first phase lasts.</summary>
    public static string? Duration(IReadOnlyList<string> words, int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from)).Select(i => Course(words, i, to)).LastOrDefault(c => c is not null)?.Duration;

    /// <summary>
    /// What a prescribing clause says beyond the dose and how often, as a note writes it: how to take it ("with food", "on an
    /// empty stomach"), for how long ("for 7 days", unless the frequency already says its phases), and the dose that follows
    /// ("then 20 mg once daily"); null when it says none of these.
    /// </summary>
    public static string? Details(IReadOnlyList<string> words, int from, int to, string? frequency)
    {
        var parts = new List<string>();
        var then = Enumerable.Range(from, Math.Max(0, to - from)).FirstOrDefault(i => words[i] == "then" && Doses(words, i, Math.Min(to, i + 4)).Count > 0, -1);
        var first = then < 0 ? to : then;
        foreach (var (phrase, said) in WaysToTake)
        {
            if (Enumerable.Range(from, Math.Max(0, first - from)).Any(i => At(words, i, first, phrase)))
            {
                parts.Add(said);
                break;
            }
        }

        if ((frequency is null || !frequency.Contains(" for ", StringComparison.Ordinal)) && Duration(words, from, first) is { } duration)
        {
            parts.Add("for " + duration);
        }

        if (then >= 0 && Doses(words, then, to) is [var next, ..])
        {
            var nextFrequency = Frequency(words, next.End, to);
            parts.Add(string.Join(' ', new[] { "then", next.ToString(), nextFrequency }.OfType<string>()));
        }

        return parts.Count == 0 ? null : string.Join(' ', parts).Replace(" then ", ", then ", StringComparison.Ordinal);
    }

    private static readonly (string[] Phrase, string Said)[] WaysToTake =
    [
        (["with", "food"], "with food"), (["with", "meals"], "with meals"), (["with", "a", "meal"], "with a meal"), (["with", "milk"], "with milk"),
        (["on", "an", "empty", "stomach"], "on an empty stomach"), (["with", "a", "full", "glass", "of", "water"], "with a full glass of water"),
        (["with", "something", "to", "eat"], "with food"),
    ];

    /// <summary>"After that, use it …", "Then …", "After those two weeks, …": a sentence that says what follows a first phase.</summary>
    public static bool OpensNextPhase(IReadOnlyList<string> words) =>
        words.Count > 1 && (words[0] == "then" || words[0] == "after" && words[1] is "that" or "those" or "this" || words[0] == "and" && words[1] == "then");

    /// <summary>
    /// The plain frequency with what limits it: "up to 3 times daily" (a most per day), "on weekdays", "on weekends only",
    /// "except on Sundays", before "as needed".
    /// </summary>
    private static string? Qualified(IReadOnlyList<string> words, int from, int to)
    {
        var (basic, asNeeded, at) = Plain(words, from, to);
        if (basic is null)
        {
            return asNeeded ? "as needed" : null;
        }

        if (at >= 2 && words[at - 2] == "up" && words[at - 1] == "to" || IsCeiling(words, at))
        {
            // The annotation writes a most in digits: "up to 3 times daily".
            basic = "up to " + basic.Replace("three times", "3 times", StringComparison.Ordinal).Replace("four times", "4 times", StringComparison.Ordinal);
        }

        basic += Days(words, from, to);
        return asNeeded ? basic + " as needed" : basic;
    }

    /// <summary>Whether the words before <paramref name="at"/> make the frequency there a most ("no more than once a day", "not more than twice a day", "at most three times a day").</summary>
    private static bool IsCeiling(IReadOnlyList<string> words, int at) =>
        at >= 3 && words[at - 3] is "no" or "not" or "never" && words[at - 2] == "more" && words[at - 1] == "than"
        || at >= 2 && words[at - 2] == "at" && words[at - 1] == "most";

    /// <summary>"about an hour before sex", "thirty minutes before exercise", "before flying": a dose taken ahead of an occasion is as needed.</summary>
    private static bool BeforeOccasion(IReadOnlyList<string> words, int i, int to) =>
        words[i] == "before" && i + 1 < to && Occasions.Contains(words[i + 1] is "a" or "the" or "any" or "you" && i + 2 < to ? words[i + 2] : words[i + 1]);

    private static readonly HashSet<string> Occasions =
    [
        "sex", "intercourse", "sexual", "activity", "exercise", "exercising", "exertion", "flying", "flight", "flights", "travel", "travelling",
        "traveling", "trip", "trips",
    ];

    /// <summary>" on weekdays", " on weekends only", " except on Saturdays", " except on injection day", or "".</summary>
    private static string Days(IReadOnlyList<string> words, int from, int to)
    {
        var only = Enumerable.Range(from, Math.Max(0, to - from)).Any(i => words[i] == "only") ? " only" : "";
        for (var i = from; i < to; i++)
        {
            if (words[i] is "weekdays" || At(words, i, to, "monday", "through", "friday") || At(words, i, to, "monday", "to", "friday"))
            {
                return " on weekdays" + only;
            }

            if (words[i] is "weekends" || At(words, i, to, "saturdays", "and", "sundays") || At(words, i, to, "saturday", "and", "sunday"))
            {
                return " on weekends" + only;
            }

            if (words[i] == "except")
            {
                var k = i + 1;
                while (k < to && words[k] is "on" or "for" or "your" or "the" or "his" or "her")
                {
                    k++;
                }

                if (k < to && Weekdays.Contains(words[k]))
                {
                    var day = words[k].TrimEnd('s');
                    return $" except on {char.ToUpperInvariant(day[0])}{day[1..]}s";
                }

                if (k + 1 < to && words[k + 1] == "day")
                {
                    return $" except on {words[k]} day";
                }
            }
        }

        return "";
    }

    /// <summary>The frequency said without its limits, whether it is as needed, and where it was said.</summary>
    /// <summary>How many weekdays are named in a row from <paramref name="at"/> ("mondays wednesdays and fridays" is 3).</summary>
    private static int WeekdaysListed(IReadOnlyList<string> words, int at, int to)
    {
        var days = new HashSet<string>(StringComparer.Ordinal);
        for (var k = at; k < to && (Weekdays.Contains(words[k]) || words[k] is "and" or "or" && days.Count > 0); k++)
        {
            if (words[k] is "or")
            {
                return 0;
            }

            if (Weekdays.Contains(words[k]))
            {
                days.Add(words[k].TrimEnd('s'));
            }
        }

        return days.Count;
    }

    /// <summary>
    /// "… two puffs and they all the free four hours as needed": "every N hours" heard without its "every" — a number of hours
    /// right before "as needed" that no word makes a length ("for four hours", "in four hours", "within", "after").
    /// </summary>
    private static string? EveryLost(IReadOnlyList<string> words, int i, int to)
    {
        if (!NumberWords.TryRead(words, i, out var n, out var length) || n is < 2 or > 12 || n != Math.Floor(n)
            || !(At(words, i + length, to, "hours", "as", "needed") || At(words, i + length, to, "hours", "when", "needed") || At(words, i + length, to, "hours", "if", "needed"))
            || i > 0 && words[i - 1] is "for" or "in" or "within" or "after" or "last" or "over" or "about" or "than" or "every" or "next" or "to" or "or" or "and" or "the")
        {
            return null;
        }

        return $"every {NumberWords.Format(n)} hours";
    }

    /// <summary>"raise it if needed", "we can go up if needed", "adjust the dose if needed": a change, not a dose taken when needed.</summary>
    private static bool ChangeIfNeeded(IReadOnlyList<string> words, int ifAt)
    {
        // ("… and we can increase it to three hundred three times a day over the next two weeks if needed": back to the clause's
        // start, where "and" or a "take" opens it.)
        for (var k = ifAt - 1; k >= Math.Max(0, ifAt - 16) && words[k] is not ("and" or "take" or "use"); k--)
        {
            if (words[k] is "raise" or "increase" or "adjust" or "change" or "bump" or "lower" or "decrease" or "up" or "titrate" or "switch" or "add"
                // ("… we can go to seventy five twice a day … if needed".)
                || words[k] is "go" or "move" && words[k + 1] == "to" && k + 2 < ifAt && NumberWords.TryRead(words, k + 2, out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"twelve hours on and twelve off", "on for twelve hours and off for twelve": "12 hours on, 12 hours off", or null.</summary>
    private static string? OnOff(IReadOnlyList<string> words, int i, int to)
    {
        if (!NumberWords.TryRead(words, i, out var on, out var length) || !At(words, i + length, to, "hours", "on"))
        {
            return null;
        }

        var k = i + length + 2;
        k += k < to && words[k] == "and" ? 1 : 0;
        if (k >= to || !NumberWords.TryRead(words, k, out var off, out var offLength))
        {
            return null;
        }

        k += offLength;
        k += k < to && words[k] == "hours" ? 1 : 0;
        return k < to && words[k] == "off" ? $"{NumberWords.Format(on)} hours on, {NumberWords.Format(off)} hours off" : null;
    }

    private static (string? Basic, bool AsNeeded, int At) Plain(IReadOnlyList<string> words, int from, int to)
    {
        string? basic = null;
        var basicAt = -1;
        var asNeeded = false;
        for (var i = from; i < to; i++)
        {
            var w = words[i];
            // "… and needed for chest pain": a recogniser's "as needed" with what it is needed for.
            // ("… we can raise it if needed": the change is made if needed, not the dose taken.)
            if (At(words, i, to, "as", "needed") || At(words, i, to, "when", "needed") || At(words, i, to, "if", "needed") && !ChangeIfNeeded(words, i) || w == "prn"
                || At(words, i, to, "needed", "for") && i > from && words[i - 1] is "and" or "an" or "is" or "has" or "at"
                || At(words, i, to, "as", "necessary") || ForAttacks(words, i, to) || BeforeOccasion(words, i, to)
                // "Use it only on bad days": taken when the symptom is bad.
                || At(words, i, to, "on", "bad", "days") || At(words, i, to, "on", "the", "bad", "days") || basic is not null && IfSymptom(words, i, to) || WhenSymptom(words, i, to) || AfterEachEpisode(words, i, to) || AtOnset(words, i, to)
                || basic is not null && basic.StartsWith("every ", StringComparison.Ordinal) && basic.EndsWith("hours", StringComparison.Ordinal) && ForSymptom(words, i, to)
                || words[i] is "when" or "if" or "whenever" && (At(words, i + 1, to, "you", "need", "it") || At(words, i + 1, to, "you", "need", "them")
                    // "… two puffs every four hours when she needs it".
                    || i + 3 <= to && words[i + 1] is "she" or "he" or "they" && words[i + 2] is "needs" or "need" && words[i + 3] is "it" or "them" or "one"))
            {
                asNeeded = true;
                continue;
            }

            // "Cut down on fluids after seven in the evening": a clock time a limit is set at, not when a dose is taken.
            // "… as needed for the nausea, but don't use it every day": a frequency said not to keep.
            if (basic is not null || w == "in" && i >= 2 && NumberWords.IsNumberWord(words[i - 1]) && words[i - 2] is "after" or "before" or "until" or "past" or "by"
                || w is "every" or "daily" or "once" or "twice" && Enumerable.Range(Math.Max(from, i - 3), Math.Min(3, i - from)).Any(k => words[k] is "don't" or "not" or "never" or "doesn't")
                    && !IsCeiling(words, i))
            {
                continue;
            }

            basicAt = i;
            // ("Gabapentin three hundred three times a day": a count of times is small; the hundreds are the dose.)
            if (OnOff(words, i, to) is { } patch)
            {
                // "Twelve hours on and twelve off": how a patch is worn.
                basic = patch;
            }
            else if (NumberWords.TryRead(words, i, out var low, out var lowLength) && low <= 24 && CountedTimes(words, i + lowLength, to, low) is { } counted)
            {
                basic = lowLength == 1 && TwiceHeardAsTimes(words, i, to) ? "twice daily" : counted;
            }
            else if (words[i] == "couple" && (At(words, i + 1, to, "times") || At(words, i + 1, to, "of", "times"))
                && words.Skip(i + 1).Take(4).LastOrDefault(x => x is "day" or "daily" or "week") is { } per)
            {
                // "Tums, a couple times a day", "a couple of times a week".
                basic = per == "week" ? "twice weekly" : "twice daily";
            }
            else if (At(words, i, to, "twice") || At(words, i, to, "two", "times", "a", "day") || At(words, i, to, "two", "times", "daily") || At(words, i, to, "bid"))
            {
                basic = At(words, i, to, "twice", "a", "week") ? "twice weekly" : "twice daily";
            }
            else if (At(words, i, to, "three", "times") || At(words, i, to, "tid"))
            {
                basic = "three times daily";
            }
            else if (At(words, i, to, "four", "times") || At(words, i, to, "qid"))
            {
                basic = "four times daily";
            }
            else if (w is "on" or "every" or "each" && WeekdaysListed(words, i + 1, to) is >= 2 and var days)
            {
                // "on Mondays, Wednesdays and Fridays": as many times a week as days named.
                basic = days switch { 2 => "twice weekly", 3 => "three times weekly", 4 => "four times weekly", _ => $"{days} times weekly" };
            }
            else if (At(words, i, to, "once", "a", "week") || At(words, i, to, "once", "weekly") || At(words, i, to, "every", "week") || w == "weekly" || At(words, i, to, "each", "week")
                || At(words, i, to, "once", "per", "week") || At(words, i, to, "one", "day", "a", "week") || w is "every" or "each" && i + 1 < to && Weekdays.Contains(words[i + 1])
                || w == "on" && i + 1 < to && Weekdays.Contains(words[i + 1]) && words[i + 1].EndsWith('s'))
            {
                basic = "once weekly";
            }
            else if (At(words, i, to, "once", "a", "month") || At(words, i, to, "once", "monthly") || w == "monthly" || At(words, i, to, "every", "month")
                || At(words, i, to, "once", "per", "month") || w is "a" or "per" && At(words, i + 1, to, "month") && AfterDose(words, i))
            {
                basic = "once monthly";
            }
            else if (w is "a" or "per" && At(words, i + 1, to, "week") && AfterDose(words, i))
            {
                // "seventy milligrams a week" (not "for a week", a course).
                basic = "once weekly";
            }
            else if (At(words, i, to, "every", "other") && i + 2 < to && words[i + 2] is "day" or "morning" or "night" or "evening"
                || At(words, i, to, "alternate", "days") || At(words, i, to, "on", "alternating", "days"))
            {
                // "every other morning", "on alternate days".
                basic = "every other day";
            }
            else if (At(words, i, to, "every", "other", "week"))
            {
                basic = "every 2 weeks";
            }
            else if (At(words, i, to, "with", "each", "meal") || At(words, i, to, "with", "meals") || At(words, i, to, "before", "each", "meal")
                || At(words, i, to, "before", "meals") || At(words, i, to, "with", "every", "meal"))
            {
                // "three hundred milligrams with each meal": three times a day.
                basic = "three times daily";
            }
            else if (w == "every" && i + 1 < to && NumberWords.TryRead(words, i + 1, out var n, out var len) && i + 1 + len < to)
            {
                var unitAt = i + 1 + len;
                var upper = (double?)null;
                if (words[unitAt] == "to" && NumberWords.TryRead(words, unitAt + 1, out var m, out var len2) && unitAt + 1 + len2 < to)
                {
                    upper = m;
                    unitAt += 1 + len2;
                }

                // "Every five minutes as needed, up to three doses": nitroglycerin's repeat.
                if (words[unitAt] is "hours" or "hour" or "days" or "weeks" or "months" or "minutes")
                {
                    var range = upper is { } u ? $"{NumberWords.Format(n)} to {NumberWords.Format(u)}" : NumberWords.Format(n);
                    basic = $"every {range} {words[unitAt].TrimEnd('s')}s";
                }
            }
            else if (EveryLost(words, i, to) is { } hours)
            {
                basic = hours;
            }
            else if (At(words, i, to, "at", "bedtime") || At(words, i, to, "before", "bed") || At(words, i, to, "at", "bed", "time"))
            {
                basic = "at bedtime";
            }
            else if (At(words, i, to, "every", "night") || At(words, i, to, "at", "night") || w == "nightly" || At(words, i, to, "each", "night")
                || At(words, i, to, "every", "evening") || At(words, i, to, "each", "evening") || At(words, i, to, "in", "the", "evening")
                || At(words, i, to, "in", "the", "evenings") || At(words, i, to, "at", "nighttime") || At(words, i, to, "at", "night", "time"))
            {
                basic = "every night";
            }
            else if (At(words, i, to, "every", "morning") || At(words, i, to, "each", "morning")
                // ("… wash it off in the morning": when a cream left on overnight comes off, not a morning dose.)
                || (At(words, i, to, "in", "the", "morning") || At(words, i, to, "in", "the", "mornings")) && !(i > from && words[i - 1] == "off"))
            {
                basic = "every morning";
            }
            else if (At(words, i, to, "once", "a", "day") || At(words, i, to, "once", "daily") || At(words, i, to, "every", "day")
                || w is "before" or "with" or "after" or "at" && i + 1 < to && words[i + 1] is "breakfast" or "lunch" or "dinner" or "supper"
                    or "breakfasttime" or "lunchtime" or "dinnertime" or "suppertime"
                || At(words, i, to, "each", "day") || w == "daily" || (At(words, i, to, "a", "day") || At(words, i, to, "per", "day")) && !(i > 0 && (Kilograms.Contains(words[i - 1]) || words[i - 1] == "in")) && !DailyMaximum(words, i)
                || At(words, i, to, "one", "time", "a", "day")
                || At(words, i, to, "once", "in", "the", "morning"))
            {
                basic = "once daily";
            }
            else if (SingleDose(words, i, to))
            {
                // "Ceftriaxone one gram IM now, one time", "azithromycin one gram once, today": a single dose.
                basic = "once";
            }
        }

        var span = Enumerable.Range(from, Math.Max(0, to - from)).ToList();
        if (basic is null or "once daily" or "every morning" or "every night" && span.Any(i => TwiceByTimesOfDay(words, i, to)))
        {
            // Two times of day ("with breakfast and dinner", "morning and evening") are twice daily, also after a "once a day":
            // "once a day with breakfast and dinner" is what a recogniser makes of "twice a day with breakfast and dinner".
            basic = "twice daily";
        }
        else if (basic == "once daily" && span.Any(i => At(words, i, to, "at", "bedtime") || At(words, i, to, "at", "night") || At(words, i, to, "before", "bed")))
        {
            // "Once a day at bedtime" is nightly.
            basic = "every night";
        }

        return (basic, asNeeded, basicAt);
    }

    /// <summary>"… but no more than three thousand milligrams a day", "a maximum of four grams a day": a limit on the day's total, not how often.</summary>
    private static bool DailyMaximum(IReadOnlyList<string> words, int i) =>
        i >= 2 && (Units.ContainsKey(words[i - 1]) || words[i - 1] is "doses" or "pills" or "tablets") && Enumerable.Range(Math.Max(0, i - 6), Math.Min(6, i)).Any(k => words[k] is "than" or "maximum" or "max" or "most" or "exceed" or "total"
            // "Use acetaminophen instead, up to three thousand milligrams a day", "take up to …" (not "go up to twenty milligrams a day"
            // or "take the lisinopril up to forty", a new dose).
            || words[k] == "up" && k + 1 < i && words[k + 1] == "to" && k > 0 && words[k - 1] is "instead" or "needed" or "but" or "and" or "take" or "use" or "just" or "only" or "pain");

    /// <summary>"one time", "once" said alone or with "today", "now", "in the office"; "a single dose": given once, not every day.</summary>
    private static bool SingleDose(IReadOnlyList<string> words, int i, int to)
    {
        if (At(words, i, to, "single", "dose") || At(words, i, to, "one", "dose", "now") || At(words, i, to, "one", "dose", "today"))
        {
            return true;
        }

        var next = words[i] == "once" ? i + 1 : At(words, i, to, "one", "time") ? i + 2 : -1;
        if (next < 0)
        {
            return false;
        }

        // "Once in a while" is no single dose; "once in the office" is.
        var inWhile = At(words, next, words.Count, "in") && next + 2 < words.Count && words[next + 1] is "a" or "the" && words[next + 2] is not ("office" or "clinic");
        return !inWhile && (next >= words.Count || words[next] is "today" or "now" or "only" or "here" or "in" or "and" or "then" or "before" or "tonight");
    }

    /// <summary>
    /// "metoprolol twenty five times a day": the digit at <paramref name="digit"/>, after tens, is a dose's unit, not a count,
    /// and "times" a recogniser's "twice" ("twenty five twice a day").
    /// </summary>
    public static bool TwiceHeardAsTimes(IReadOnlyList<string> words, int digit, int to) =>
        digit > 0 && NumberWords.IsTens(words[digit - 1]) && NumberWords.TryRead(words, digit, out var unit, out var length) && length == 1 && unit is >= 1 and <= 9
        && At(words, digit + 1, to, "times", "a", "day");

    /// <summary>"seventy milligrams a week", "one tablet per month": a rate said right after a dose, not a course ("for a week").</summary>
    private static bool AfterDose(IReadOnlyList<string> words, int i) =>
        i > 0 && (Units.ContainsKey(words[i - 1]) || NumberWords.IsNumberWord(words[i - 1])
            // "one dose a week", "a pill a month".
            || i > 1 && words[i - 1] is "dose" or "pill" or "tablet" or "capsule" or "shot" or "injection" && words[i - 2] is "one" or "a" or "single");

    /// <summary>
    /// "I take Tylenol when my joints ache", "whenever her back flares up", "when she has a fever", "when I get a headache": taken
    /// when a symptom comes.
    /// </summary>
    private static bool WhenSymptom(IReadOnlyList<string> words, int i, int to) =>
        words[i] is "when" or "whenever" or "if" && Enumerable.Range(i + 1, Math.Max(0, Math.Min(to, i + 5) - i - 1))
            .Any(k => words[k] is "ache" or "aches" or "hurts" or "hurt" or "flares" or "flare" or "itches" or "bothers" or "acts" or "pounds" or "throbs")
        // "… if the dizziness is bad", "if the nausea gets bad": a symptom that comes and goes.
        || words[i] is "if" or "when" or "whenever" && i + 3 < to && words[i + 1] is "the" or "your" && (Symptoms.Contains(words[i + 2]) || words[i + 2] is "dizziness" or "spinning" or "vertigo")
            && words[i + 3] is "is" or "gets" or "get" or "are" or "comes"
        || words[i] is "when" or "whenever" && i + 3 < to && words[i + 1] is "she" or "he" or "i" or "you" or "they"
            && words[i + 2] is "has" or "have" or "gets" or "get" or "runs" or "run" && Symptoms.Contains(words[i + 3] is "a" or "an" && i + 4 < to ? words[i + 4] : words[i + 3]);

    /// <summary>"… every six hours for fever or pain": a dose every few hours for a symptom is taken as needed.</summary>
    public static bool ForSymptom(IReadOnlyList<string> words, int i, int to) =>
        i + 1 < to && words[i] == "for" && (Symptoms.Contains(words[i + 1] is "the" or "any" && i + 2 < to ? words[i + 2] : words[i + 1])
            // "Use Tylenol for the knee instead", "ibuprofen for your back": for the pain there.
            || i + 2 < to && words[i + 1] is "the" or "your" && SorePlaces.Contains(words[i + 2]) && (i + 3 == to || words[i + 3] is "instead" or "pain" or "and" or "if" or "when"));

    private static readonly HashSet<string> SorePlaces = ["knee", "knees", "back", "joints", "shoulder", "hip", "neck", "ankle", "wrist", "foot", "elbow"];

    private static readonly HashSet<string> Symptoms =
    [
        "fever", "fevers", "pain", "headache", "headaches", "cough", "itching", "itch", "nausea", "wheezing", "cramps", "cramping", "migraine", "migraines",
        "temperature", "swelling", "soreness", "aches", "spasms", "stiffness", "diarrhea", "congestion", "heartburn",
    ];

    /// <summary>"at the first sign of a headache", "at the onset of a migraine", "when the headache starts": taken for an attack, as needed.</summary>
    private static bool AtOnset(IReadOnlyList<string> words, int i, int to) =>
        At(words, i, to, "at", "the", "first", "sign") || At(words, i, to, "at", "first", "sign") || At(words, i, to, "at", "the", "onset")
        || At(words, i, to, "at", "the", "start", "of") || words[i] is "when" && i + 3 < to && words[i + 1] is "the" or "a" or "it"
            && (words[i + 2] is "starts" or "begins" || words[i + 3] is "starts" or "begins" or "comes");

    /// <summary>"Keep the sumatriptan for attacks", "for a flare": a drug kept for what comes and goes is taken as needed.</summary>
    private static bool ForAttacks(IReadOnlyList<string> words, int i, int to)
    {
        var at = words[i] == "for" && i + 1 < to && words[i + 1] is "an" or "a" or "the" or "any" ? i + 2 : i + 1;
        return words[i] == "for" && at < to && words[at] is "attack" or "attacks" or "flare" or "flares" or "flareups" or "spells";
    }

    /// <summary>"after each loose stool", "after every episode of vomiting": a dose for each episode is as needed.</summary>
    private static bool AfterEachEpisode(IReadOnlyList<string> words, int i, int to) =>
        words[i] == "after" && i + 2 < to && words[i + 1] is "each" or "every" or "any"
        && words[i + 2] is "loose" or "watery" or "bowel" or "episode" or "bout" or "attack" or "stool" or "seizure" or "migraine";

    /// <summary>"… every six hours if he gets a fever": a dose taken when a symptom comes, said after its frequency, is as needed.</summary>
    private static bool IfSymptom(IReadOnlyList<string> words, int i, int to) =>
        words[i] is "if" or "when" or "whenever" && i + 2 < to
        // "… every day, even when you feel well": taken regardless.
        && !(i > 0 && words[i - 1] == "even") && !(i + 3 < to && words[i + 3] is "well" or "fine" or "good" or "better" or "okay" or "great")
        && (words[i + 1] is "he" or "she" or "you" or "they" or "it"
                && words[i + 2] is "gets" or "get" or "has" or "have" or "runs" or "run" or "feels" or "feel" or "develops" or "develop" or "spikes" or "hurts" or "hurt"
            // "… every eight hours if you're nauseated", "… when she's wheezy".
            || words[i + 1] is "you're" or "he's" or "she's" or "they're" or "you" or "i'm"
                && (SymptomStates.Contains(words[i + 2]) || i + 3 < to && words[i + 2] is "are" or "feel" or "feeling" or "get" or "getting" && SymptomStates.Contains(words[i + 3])))
        // "… once a day, and if you get a stomach bug, skip it": the condition stops the drug, it does not call for it.
        && !Enumerable.Range(i + 3, Math.Max(0, Math.Min(words.Count, i + 16) - i - 3)).Any(k => words[k] is "skip" or "hold" or "stop" or "call" or "pause");

    private static readonly HashSet<string> SymptomStates =
    [
        "nauseated", "nauseous", "sick", "itchy", "wheezy", "wheezing", "congested", "constipated", "dizzy", "anxious", "panicky", "achy", "sore",
        "feverish", "hurting", "uncomfortable", "queasy", "coughing", "vomiting",
    ];

    private static readonly HashSet<string> TimesOfDay = ["breakfast", "dinner", "supper", "morning", "evening", "night", "bedtime", "lunch"];

    /// <summary>"with breakfast and dinner", "in the morning and at night", "morning and evening".</summary>
    private static bool TwiceByTimesOfDay(IReadOnlyList<string> words, int i, int to)
    {
        if (!TimesOfDay.Contains(words[i]) || words[i] is "night" or "bedtime")
        {
            return false;
        }

        for (var j = i + 1; j < Math.Min(to, i + 5); j++)
        {
            if (words[j] == "and")
            {
                // "A patch on in the morning and off at night" is put on once a day. ("… in the morning and forty milligrams in the
                // early afternoon": a second dose said before its time.)
                var second = j + 1;
                while (second < Math.Min(to, j + 7) && (NumberWords.IsNumberWord(words[second]) || words[second] is "milligrams" or "mg" or "units" or "the" or "early" or "late" or "at" or "in"
                    // (a recogniser's "and" for "in": "… and forty milligrams and early afternoon")
                    || words[second] == "and" && second > j + 1))
                {
                    second++;
                }

                return (Enumerable.Range(j + 1, Math.Max(0, Math.Min(to, j + 4) - j - 1)).Any(k => TimesOfDay.Contains(words[k]) && words[k] != words[i])
                        || second < to && second > j + 1 && (TimesOfDay.Contains(words[second]) || words[second] is "afternoon" or "noon") && words[second] != words[i])
                    && !(i > 0 && words[i - 1] is "between") && !(j + 1 < to && words[j + 1] is "off" or "remove" or "take");
            }

            // "morning at night": a recogniser's "morning and night" ("morning" never runs on "at night" otherwise).
            if (words[j] is "night" or "bedtime" && words[j - 1] == "at" && words[i] == "morning")
            {
                return true;
            }

            if (!(words[j] is "the" or "at" or "in" or "with"))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The days of the week, one and many ("friday", "fridays").</summary>
    public static readonly IReadOnlySet<string> Weekdays = new HashSet<string>
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
    };

    /// <summary>
    /// A count of times per week or per day: "two or three times a week" is "2 to 3 times weekly", "three times a week"
    /// "3 times weekly", "one time a week" "once weekly"; "two to three times a day" is "2 to 3 times daily", "five times a
    /// day" "5 times daily"; one to four a day as the words say it ("3 times a day" is "three times daily").
    /// </summary>
    private static string? CountedTimes(IReadOnlyList<string> words, int at, int to, double low)
    {
        var high = (double?)null;
        if (at + 1 < to && words[at] is "or" or "to" && NumberWords.TryRead(words, at + 1, out var h, out var hLength) && h > low)
        {
            high = h;
            at += 1 + hLength;
        }

        // "times" said, or a count per day with no unit ("… maybe three or four a day", "two a day"), which is how many times.
        var counted = at < to && (words[at] == "times" || words[at] == "time" && low == 1 && high is null);
        var period = counted ? at + 1 : at;
        var weekly = counted && (At(words, period, to, "a", "week") || At(words, period, to, "weekly") || At(words, period, to, "per", "week")
            || At(words, period, to, "every", "week") || At(words, period, to, "each", "week"));
        var daily = At(words, period, to, "a", "day") || At(words, period, to, "per", "day")
            || counted && (At(words, period, to, "daily") || At(words, period, to, "every", "day") || At(words, period, to, "each", "day"));
        if (!weekly && !daily || !counted && !(low is >= 1 and <= 6 && low == Math.Floor(low)))
        {
            return null;
        }

        if (high is { } upper)
        {
            return $"{NumberWords.Format(low)} to {NumberWords.Format(upper)} times {(weekly ? "weekly" : "daily")}";
        }

        // ("2 times a day" in digits, as a recogniser may write it, is twice daily, as the words are.)
        return weekly ? low switch { 1 => "once weekly", 2 => "twice weekly", _ => $"{NumberWords.Format(low)} times weekly" }
            : low switch { 1 => "once daily", 2 => "twice daily", 3 => "three times daily", 4 => "four times daily", _ => $"{NumberWords.Format(low)} times daily" };
    }

    /// <summary>The route a medication instruction names, or null when it gives no cue.</summary>
    public static string? Route(IReadOnlyList<string> words, int from, int to) =>
        StrongRoute(words, from, to)
        ?? (Enumerable.Range(from, Math.Max(0, to - from)).Any(i => words[i] is "tablet" or "tablets" or "pill" or "pills" or "capsule" or "capsules" or "liquid")
            ? "oral" : null);

    private static string? StrongRoute(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var route = words[i] switch
            {
                "orally" or "oral" or "swallow" => "oral",
                "mouth" when i > from && words[i - 1] == "by" => "oral",
                "tongue" when i > from && words[i - 1] is "your" or "the" && i - 2 >= from && words[i - 2] == "under" => "sublingual",
                "sublingual" or "sublingually" => "sublingual",
                "inhaled" or "inhaler" or "inhale" or "puff" or "puffs" or "nebulizer" or "inhalation" or "inhalations" => "inhaled",
                "transdermal" => "transdermal",
                "patch" or "patches" => "transdermal",
                // "except on your injection day" names another drug's day, not this one's route.
                "injection" or "shot" or "injections" or "shots" when i + 1 < to && words[i + 1] is "day" or "days" => null,
                // "… get your flu shot": a vaccine's, no other drug's.
                "shot" or "shots" when i > 0 && words[i - 1] is "flu" or "covid" or "tetanus" or "pneumonia" or "shingles" or "booster" => null,
                // "Inject it into the outer thigh", "an auto injector", "a shot in the muscle": into the muscle.
                "intramuscular" or "intramuscularly" => "intramuscular",
                "inject" or "injection" or "shot" or "injections" or "shots" or "injector" when Enumerable.Range(i + 1, Math.Max(0, Math.Min(to, i + 6) - i - 1)).Any(k => words[k] is "thigh" or "muscle" or "deltoid")
                    || words[i] == "injector" && i > from && words[i - 1] is "auto" or "autoinjector" => "intramuscular",
                "inject" or "injection" or "subcutaneous" or "subcutaneously" or "shot" or "injections" or "shots" => "subcutaneous",
                "topical" or "topically" or "cream" or "ointment" or "apply" or "shampoo" or "lotion" or "gel" => "topical",
                "nostril" or "nasal" => "nasal",
                "eye" when i + 1 < to && words[i + 1] is "drops" or "drop" => "ophthalmic",
                "ear" when i + 1 < to && words[i + 1] is "drops" or "drop" => "otic",
                // "one drop in each eye", "two drops into the left ear".
                "eye" or "eyes" when Into(words, from, i) => "ophthalmic",
                "ear" or "ears" when Into(words, from, i) => "otic",
                "rectal" or "rectally" or "suppository" or "suppositories" or "enema" or "enemas" => "rectal",
                "intravenous" or "intravenously" or "iv" => "intravenous",
                _ => null,
            };
            if (route is not null)
            {
                return route;
            }
        }

        return null;
    }

    /// <summary>"in each eye", "into the left ear", "in both eyes": "in"/"into" in the three words before the place at <paramref name="i"/>.</summary>
    private static bool Into(IReadOnlyList<string> words, int from, int i) =>
        Enumerable.Range(Math.Max(from, i - 3), i - Math.Max(from, i - 3)).Any(k => words[k] is "in" or "into")
        && i > from && words[i - 1] is "each" or "both" or "the" or "left" or "right" or "affected" or "your" or "his" or "her";

    /// <summary>True when one of <paramref name="phrases"/> is said in words[from..to) (to the end when <paramref name="to"/> is -1).</summary>
    public static bool Says(IReadOnlyList<string> words, string[][] phrases, int from = 0, int to = -1)
    {
        to = to < 0 ? words.Count : to;
        return Enumerable.Range(from, Math.Max(0, to - from)).Any(i => phrases.Any(p => At(words, i, to, p)));
    }

    /// <summary>True when words[i..] starts with <paramref name="phrase"/> and stays before <paramref name="to"/>.</summary>
    public static bool At(IReadOnlyList<string> words, int i, int to, params string[] phrase)
    {
        if (i + phrase.Length > Math.Min(to, words.Count))
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            if (words[i + k] != phrase[k])
            {
                return false;
            }
        }

        return true;
    }
}
