using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Vital signs read aloud by the clinician at this visit: a keyword ("blood pressure", "pulse", "oxygen")
/// followed closely by a spoken number. Home readings, earlier values and the patient's own numbers are not vitals.
/// </summary>
public static class VitalsExtractor
{
    public const string BloodPressure = "blood_pressure";
    public const string HeartRate = "heart_rate";
    public const string RespiratoryRate = "respiratory_rate";
    public const string Temperature = "temperature";
    public const string Spo2 = "spo2";
    public const string Weight = "weight";
    public const string Height = "height";
    public const string PainScore = "pain_score";

    private static readonly (string[] Phrase, string Kind)[] Keywords =
    [
        // "pressures on twenty four over seventy six": a recogniser's "pressure's one twenty four …".
        (["blood", "pressure"], BloodPressure), (["bp"], BloodPressure), (["pressure"], BloodPressure), (["pressures"], BloodPressure),
        (["heart", "rate"], HeartRate), (["pulse", "rate"], HeartRate), (["pulse"], HeartRate),
        // "Your heart's beating about sixty times a minute", "heartbeat of seventy two".
        (["heart", "is", "beating"], HeartRate), (["heart", "beating"], HeartRate), (["heartbeat"], HeartRate),
        // "Your heart's ticking along at eighty two", "heart's going about seventy".
        (["heart's"], HeartRate), (["heart", "is"], HeartRate),
        // "Heart's going at eighty", "top number's one forty, bottom number's ninety", "resp rate sixteen", "saturating ninety
        // four", "pulse oximetry ninety nine percent".
        (["heart", "is", "going"], HeartRate), (["heart", "going"], HeartRate),
        // "Your heart's still irregular, rate about ninety two": a rate alone, after the heart (see Extract).
        (["rate"], HeartRate), (["top", "number"], BloodPressure), (["resp", "rate"], RespiratoryRate),
        (["saturating"], Spo2), (["pulse", "oximetry"], Spo2), (["oximetry"], Spo2),
        (["respiratory", "rate"], RespiratoryRate), (["respirations"], RespiratoryRate), (["breathing", "rate"], RespiratoryRate), (["breathing"], RespiratoryRate), (["breathe"], RespiratoryRate),
        (["temperature"], Temperature), (["temp"], Temperature), (["thermometer"], Temperature),
        (["oxygen", "saturation"], Spo2), (["oxygen", "level"], Spo2), (["oxygen"], Spo2), (["o2", "sat"], Spo2), (["saturation"], Spo2), (["sats"], Spo2), (["sat"], Spo2), (["pulse", "ox"], Spo2), (["satting"], Spo2), (["sating"], Spo2),
        // "The scale has you at two hundred and fourteen".
        (["weighs"], Weight), (["weigh"], Weight), (["weight"], Weight), (["scale", "has"], Weight), (["scale", "says"], Weight),
        (["height"], Height), (["tall"], Height), (["length"], Height),
    ];

    private static readonly (string[] Phrase, string Kind)[] ByLength = Keywords.OrderByDescending(k => k.Phrase.Length).ToArray();

    private static readonly HashSet<string> Filler =
    [
        "is", "was", "of", "today", "here", "now", "at", "about", "around", "your", "his", "her", "reading", "came", "in", "on", "the", "it's", "its",
        "are", "you", "he", "she", "and", "a", "were", "measured", "checked", "currently", "right", "room", "air", "times", "up", "to", "level", "rate",
        // Conversational readings: "pressure's running one thirty", "oxygen's sitting at ninety six", "pulse looks good at seventy".
        "running", "sitting", "reading", "reads", "looks", "looking", "look", "shows", "showing", "registering", "coming", "out", "just", "holding",
        "steady", "nice", "good", "still", "counted", "got", "we", "i", "has", "had", "back", "when", "says", "said", "beating", "read",
        "ticking", "along", "going", "pumping", "cruising", "chugging",
        // How the clinician finds it on the way to the number: "heart rate is fast, about a hundred and twelve".
        "fast", "slow", "high", "low", "little", "bit", "elevated", "normal", "quick", "rapid", "fine", "okay", "great",
        // A range on the way to the reading: "heart rate's in the eighties, eighty six when I checked", "in the mid nineties, ninety five".
        "mid", "upper", "teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "hundreds",
    ];

    /// <summary>How a reading moved, said before "from … to …": "went", "dropped", "came down", "jumps".</summary>
    private static readonly HashSet<string> ChangeWords =
    [
        "from", "went", "goes", "gone", "go", "dropped", "drops", "fell", "falls", "come", "comes", "down", "rose", "rises", "jumped", "jumps",
        "climbed", "climbs", "moved", "moves", "improved", "slipped", "crept",
    ];

    /// <summary>Names of the saturation itself: a number after them is a saturation with or without "percent".</summary>
    private static readonly HashSet<string> SaturationNames = ["saturation", "sats", "sat", "ox", "oximetry", "satting", "sating", "saturating"];

    private static readonly string[] Digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>How a recogniser may hear the "one oh" of a temperature over a hundred.</summary>
    private static readonly HashSet<string> OneOh = ["on", "a", "won", "want", "wanna", "go", "oh", "o"];

    private static readonly HashSet<string> KeywordWords = Keywords.SelectMany(k => k.Phrase).ToHashSet();

    /// <summary>The kinds of vital sign a sentence names ("your pulse is 96 and your temperature 100.2": heart rate, temperature).</summary>
    public static IReadOnlySet<string> KindsNamed(IReadOnlyList<string> words) =>
        Enumerable.Range(0, words.Count).SelectMany(i => ByLength.Where(k => Dosing.At(words, i, words.Count, k.Phrase)).Select(k => k.Kind).Take(1)).ToHashSet();

    public static IReadOnlyList<VitalFact> Extract(ClinicalTranscript transcript)
    {
        var found = new Dictionary<string, VitalFact>();
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion))
        {
            var words = Expand(sentence.Words);
            for (var i = 0; i < words.Count; i++)
            {
                var keyword = ByLength.FirstOrDefault(k => Dosing.At(words, i, words.Count, k.Phrase));
                if (keyword.Phrase is null)
                {
                    continue;
                }

                var at = i + keyword.Phrase.Length;
                // "Our goal pressure is under one thirty", "the target pulse": a target, not a reading.
                var target = Enumerable.Range(Math.Max(0, i - 2), Math.Min(2, i)).Any(k => words[k] is "goal" or "target" or "cutoff" or "aim" or "ideal")
                    || IsThreshold(words, at, words.Count);
                if (keyword.Kind == HeartRate && i > 0 && words[i - 1] == "pulse" || found.ContainsKey(keyword.Kind) || target || Fetal(keyword.Kind, words, i, sentence)
                    || keyword.Phrase is ["rate"] && !words.Take(i).Contains("heart"))
                {
                    i = at - 1;
                    continue;
                }

                if (Read(keyword.Kind, words, at, sentence) is { } vital && !IsNotThisVisit(words, i, at))
                {
                    found[keyword.Kind] = vital;
                }

                i = at - 1;
            }
        }

        foreach (var (kind, vital) in WithoutKeyword(transcript))
        {
            found.TryAdd(kind, vital);
        }

        if (!found.ContainsKey(Weight) && WeightWithoutKeyword(transcript) is { } weight)
        {
            found[Weight] = weight;
        }

        if (!found.ContainsKey(PainScore) && PainScoreOf(transcript) is { } pain)
        {
            found[PainScore] = pain;
        }

        return found.Values.ToList();
    }

    private static VitalFact? Read(string kind, IReadOnlyList<string> words, int at, Sentence sentence)
    {
        var j = at;
        var skipped = 0;
        var unknown = 0;
        while (j < words.Count && skipped < 5 && !NumberWords.IsNumberWord(words[j]) && !(words[j] == "a" && j + 1 < words.Count && words[j + 1] is "hundred"))
        {
            // Another vital's name: the number is its reading.
            if (KeywordWords.Contains(words[j]) && !Filler.Contains(words[j]))
            {
                return null;
            }

            unknown += Filler.Contains(words[j]) || kind == Temperature && OneOh.Contains(words[j]) ? 0 : 1;
            j++;
            skipped++;
        }

        if (!NumberWords.TryRead(words, j, out var value, out var length))
        {
            return null;
        }

        var next = j + length;
        // "Your weight went from one eighty to one seventy two", "the pulse jumps from seventy to ninety", "your pressure came down from
        // one fifty over ninety to one thirty two over eighty": where it went to. ("Standing, … your pulse goes from seventy to ninety
        // two": a change with position is two readings of now, the first at rest.)
        var byPosition = words.Any(AtPosition.Contains);
        if (Enumerable.Range(at, j - at).Any(k => words[k] == "from") && ChangedTo(kind, words, next) is { } changedTo && (words[next] == "to" || !byPosition))
        {
            unknown = Enumerable.Range(at, j - at).Count(k => !Filler.Contains(words[k]) && !ChangeWords.Contains(words[k]));
            if (!byPosition)
            {
                (j, value, length) = changedTo;
                next = j + length;
            }
        }

        // Words no filler list holds ("pulse ox reached ninety nine percent", a recogniser's "oxygen setting up to"): only
        // when the reading's own unit follows and confirms it.
        if (unknown > 0 && (unknown > 2 || !ConfirmedByUnit(kind, words, next)))
        {
            return null;
        }

        var evidence = new[] { Evidence.Of(sentence.Utterance) };
        // "pressure on twenty six over seventy eight": a recogniser's "on" for the "one" of "one twenty six".
        if (kind == BloodPressure && value is >= 10 and < 50 && j > at && words[j - 1] is "on" or "won" or "want" && next < words.Count && words[next] == "over")
        {
            value += 100;
        }
        // "blood pressure on fifty two over eighty eight": a top number no higher than the bottom one lost the "one" of its hundred.
        else if (kind == BloodPressure && value is >= 10 and < 100 && Diastolic(words, next) is { } bottom && bottom >= value && value + 100 > bottom)
        {
            value += 100;
        }

        if (kind == Weight)
        {
            value = PoundsWithHundred(words, j, next, value);
            // "Your weight is one sixty four, nine pounds from the spring": the weight, then a change said with the unit.
            if (value is >= 80 and <= 450 && value % 1 == 0 && NumberWords.TryRead(words, next, out var change, out var changeLength) && change < value / 4
                && next + changeLength < words.Count && WeightUnit(words[next + changeLength]) is { } saidUnit)
            {
                return new VitalFact(kind, value, null, saidUnit, $"{NumberWords.Format(value)} {saidUnit}", evidence);
            }

            // "Your weight's down three pounds to one eighty seven": the change, then where the weight now stands.
            if (next + 2 < words.Count && WeightUnit(words[next]) is { } changeUnit && words[next + 1] == "to" && NumberWords.TryRead(words, next + 2, out var now, out var nowLength)
                && now is >= 20 and <= 700)
            {
                now = PoundsWithHundred(words, next + 2, next + 2 + nowLength, now);
                return new VitalFact(kind, now, null, changeUnit, $"{NumberWords.Format(now)} {changeUnit}", evidence);
            }
        }

        // "Your heart rate is eighty for your oxygen level is ninety eight percent": a recogniser's "for" for the "four" of eighty
        // four, when what follows is the next reading with its own name and number (not "… eighty for the pulse", naming this one).
        if (kind is HeartRate or RespiratoryRate && value % 10 == 0 && value >= 20 && next + 2 < words.Count && words[next] == "for"
            && words[next + 1] is "your" or "the" or "his" or "her" && ByLength.FirstOrDefault(k => Dosing.At(words, next + 2, words.Count, k.Phrase)) is { Phrase: not null } following
            && following.Kind != kind && Enumerable.Range(next + 2 + following.Phrase.Length, 4).Any(k => k < words.Count && NumberWords.IsNumberWord(words[k])))
        {
            value += 4;
            next++;
        }

        // "a temperature of wanna one point one", "… on a two point zero": the "one oh" of one oh one point one, heard as other
        // words before a reading no body has.
        if (kind == Temperature && value is >= 0 and < 10 && j > at && OneOh.Contains(words[j - 1]))
        {
            value += 100;
        }

        // "temp ninety eight six", "a hundred and one two": the tenths said as a digit after the degrees, without "point".
        if (kind == Temperature && value is >= 95 and <= 106 && value == Math.Floor(value) && next < words.Count && Digits.IndexOf(words[next]) is var tenth and >= 0
            && !(next + 1 < words.Count && NumberWords.IsNumberWord(words[next + 1]) && words[next + 1] is not ("a" or "an")))
        {
            value += tenth / 10.0;
            next++;
        }

        switch (kind)
        {
            case BloodPressure when Diastolic(words, next) is { } diastolic:
                return value is >= 50 and <= 300 && diastolic is >= 20 and <= 200
                    ? new VitalFact(kind, value, diastolic, "mmHg", $"{NumberWords.Format(value)}/{NumberWords.Format(diastolic)}", evidence)
                    : null;
            case BloodPressure:
                return null;
            case HeartRate when value is >= 20 and <= 250:
                return new VitalFact(kind, value, null, "bpm", $"{NumberWords.Format(value)} bpm", evidence);
            case RespiratoryRate when value is >= 4 and <= 80 && (words[at - 1] is not ("breathing" or "breathe") || next < words.Count && words[next] == "times"):
                return new VitalFact(kind, value, null, "/min", $"{NumberWords.Format(value)}/min", evidence);
            case Temperature:
                var unit = next < words.Count && words.Skip(next).Take(3).Any(w => w is "celsius" or "c" or "centigrade") || value < 45 ? "C" : "F";
                return value is >= 30 and <= 45 or >= 86 and <= 113
                    ? new VitalFact(kind, value, null, unit, $"{NumberWords.Format(value)} °{unit}", evidence)
                    : null;
            // "Oxygen's sitting at ninety three on room air": the oxygen's number with nothing but fillers before it, on room air or
            // ending the reading, is a saturation (not "oxygen at two liters").
            case Spo2 when value is >= 50 and <= 100 && (next < words.Count && words[next] is "percent" || value >= 70 && SaturationNames.Contains(words[at - 1])
                || value is >= 80 and <= 100 && value % 1 == 0 && unknown == 0 && (Dosing.At(words, next, words.Count, "on", "room", "air") || next == words.Count)
                    // (The words before the name may be the name's own: "oxygen level ninety seven".)
                    && KindsNamed(words.Take(at - 1).ToList()).All(k => k == Spo2)):
                return new VitalFact(kind, value, null, "%", $"{NumberWords.Format(value)}%", evidence);
            case Weight when next < words.Count && WeightUnit(words[next]) is { } weightUnit:
                // "Twenty one pounds four ounces": a child's weight, in pounds with the ounces as a fraction.
                if (weightUnit == "lb" && next + 2 < words.Count && NumberWords.TryRead(words, next + 1, out var ounces, out var ouncesLength)
                    && next + 1 + ouncesLength < words.Count && words[next + 1 + ouncesLength] is "ounces" or "ounce" or "oz" && ounces < 16)
                {
                    value = Math.Round(value + ounces / 16, 2);
                }

                return new VitalFact(kind, value, null, weightUnit, $"{NumberWords.Format(value)} {weightUnit}", evidence);
            case Weight when unknown == 0 && value is >= 80 and <= 450 && value == Math.Floor(value) && !(next < words.Count && NumberWords.IsNumberWord(words[next])):
                // "Weight is one eighty seven": an adult's weight said without its unit is in pounds.
                return new VitalFact(kind, value, null, "lb", $"{NumberWords.Format(value)} lb", evidence);
            case Height when next < words.Count && words[next] is "inches" or "centimeters" or "feet" or "foot" or "cm":
                var heightUnit = words[next] switch { "centimeters" or "cm" => "cm", "feet" or "foot" => "ft", _ => "in" };
                if (heightUnit == "ft" && next + 1 < words.Count && NumberWords.TryRead(words, next + 1, out var inches, out _))
                {
                    return new VitalFact(kind, value * 12 + inches, null, "in", $"{NumberWords.Format(value * 12 + inches)} in", evidence);
                }

                return new VitalFact(kind, value, null, heightUnit, $"{NumberWords.Format(value)} {heightUnit}", evidence);
            default:
                return null;
        }
    }

    /// <summary>Words that say where the patient was when a reading was taken: "standing", "lying", "sitting".</summary>
    private static readonly HashSet<string> AtPosition = ["stand", "standing", "stood", "lying", "sitting", "sit"];

    /// <summary>
    /// The reading a change goes to, after the one it comes from ending at <paramref name="next"/>: "… seventy to ninety two", a
    /// pressure's "… over ninety to one thirty two over eighty"; where its number starts, its value and length in words.
    /// </summary>
    private static (int Start, double Value, int Length)? ChangedTo(string kind, IReadOnlyList<string> words, int next)
    {
        if (next + 1 < words.Count && words[next] == "to" && NumberWords.TryRead(words, next + 1, out var reached, out var reachedLength))
        {
            return (next + 1, reached, reachedLength);
        }

        if (kind == BloodPressure && next + 1 < words.Count && words[next] == "over" && NumberWords.TryRead(words, next + 1, out _, out var bottomLength)
            && next + 2 + bottomLength < words.Count && words[next + 1 + bottomLength] == "to"
            && NumberWords.TryRead(words, next + 2 + bottomLength, out var top, out var topLength) && Diastolic(words, next + 2 + bottomLength + topLength) is not null)
        {
            return (next + 2 + bottomLength, top, topLength);
        }

        return null;
    }

    /// <summary>The diastolic after a systolic: "… over seventy eight" (or a recogniser's "on"), "… bottom number's sixty four".</summary>
    private static double? Diastolic(IReadOnlyList<string> words, int next)
    {
        var at = next + 1 < words.Count && words[next] is "over" or "on" ? next + 1
            : next + 3 < words.Count && words[next] == "bottom" && words[next + 1] == "number" && words[next + 2] == "is" ? next + 3 : -1;
        return at >= 0 && NumberWords.TryRead(words, at, out var diastolic, out _) ? diastolic : null;
    }

    /// <summary>The unit said after a number that says which vital it is: percent, over, pounds, degrees, beats, breaths.</summary>
    private static bool ConfirmedByUnit(string kind, IReadOnlyList<string> words, int next) =>
        next < words.Count && kind switch
        {
            Spo2 => words[next] == "percent",
            BloodPressure => words[next] == "over",
            Weight => WeightUnit(words[next]) is not null,
            Temperature => words[next] == "degrees",
            HeartRate => words[next] is "beats" or "bpm",
            RespiratoryRate => words[next] is "breaths" or "times",
            _ => false,
        };

    /// <summary>
    /// Readings said before their name or without it: "one thirty over eighty for the blood pressure", "ninety seven
    /// percent on room air", "no fever, ninety eight point six", "thirty seven point two degrees".
    /// </summary>
    private static IEnumerable<(string Kind, VitalFact Vital)> WithoutKeyword(ClinicalTranscript transcript)
    {
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion))
        {
            var words = Expand(sentence.Words);
            var evidence = new[] { Evidence.Of(sentence.Utterance) };
            var amongReadings = ReadsOtherVitals(words);
            for (var i = 0; i < words.Count; i++)
            {
                if (!NumberWords.TryRead(words, i, out var value, out var length) || IsNotThisVisit(words, i, i + length)
                    || IsThreshold(words, Math.Max(0, i - 3), i))
                {
                    continue;
                }

                var next = i + length;
                // "No fever, wanna one point one today": the "one oh" of a temperature over a hundred heard as another word.
                if (value < 10 && value % 1 != 0 && i > 0 && OneOh.Contains(words[i - 1]) && words.Skip(Math.Max(0, i - 5)).Take(Math.Min(i, 5)).Any(w => w is "fever" or "afebrile" or "temperature" or "temp"))
                {
                    value += 100;
                }

                var end = next + 1 < words.Count && words[next] == "over" && NumberWords.TryRead(words, next + 1, out _, out var second) ? next + 1 + second : next;
                // "… for the blood pressure" / "… is your pulse": the name follows the number.
                if (end + 2 < words.Count && words[end] is "for" or "is" && words[end + 1] is "the" or "your" or "his" or "her"
                    && ByLength.FirstOrDefault(k => Dosing.At(words, end + 2, words.Count, k.Phrase)) is { Phrase: not null } named
                    && Read(named.Kind, words, i, sentence) is { } reading)
                {
                    yield return (named.Kind, reading);
                    next = end;
                }
                // "Ninety seven percent on room air"; "… are ninety eight percent." with nothing after it, an oxygen saturation
                // whatever its name was heard as ("socks are ninety eight percent"; "ninety percent of the time" is not).
                else if ((value is >= 70 and <= 100 && Dosing.At(words, next, words.Count, "percent", "on", "room", "air")
                        || value is >= 85 and <= 100 && next + 1 == words.Count && words[next] == "percent" && i >= 1 && words[i - 1] is "is" or "are" or "at" or "was")
                    && Read(Spo2, words, i, sentence) is { } saturation)
                {
                    yield return (Spo2, saturation);
                }
                // "You're five foot ten": a height by its unit, feet and inches.
                else if (value is >= 3 and <= 7 && value % 1 == 0 && next + 1 < words.Count && words[next] is "foot" or "feet"
                    && (NumberWords.IsNumberWord(words[next + 1]) && words[next + 1] is not ("a" or "an") || words[next + 1] == "tall")
                    && i >= 1 && words[i - 1] is "you're" or "she's" or "he's" or "is" or "you" or "are" or "at"
                    && Read(Height, words, i, sentence) is { } height)
                {
                    yield return (Height, height);
                }
                // "You're sixty eight inches tall": a height in inches.
                else if (value is >= 20 and <= 90 && value % 1 == 0 && Dosing.At(words, next, words.Count, "inches", "tall"))
                {
                    yield return (Height, new VitalFact(Height, value, null, "in", $"{NumberWords.Format(value)} in", evidence));
                }
                // "You're taking twenty two breaths a minute": a respiratory rate by its unit.
                else if (value % 1 == 0 && next + 2 < words.Count && words[next] == "breaths" && words[next + 1] is "a" or "per" && words[next + 2] == "minute"
                    && Read(RespiratoryRate, words, i, sentence) is { } rate)
                {
                    yield return (RespiratoryRate, rate);
                }
                // "… one twenty eight over eighty two, all seventy eight, and temperature …": the reading right after a pressure,
                // its name heard as a word or two no vital has, is the pulse, read next by habit.
                else if (value is >= 40 and <= 180 && value % 1 == 0 && AfterPressure(words, i)
                    && (next == words.Count || words[next] is "and" || KeywordWords.Contains(words[next]))
                    && Read(HeartRate, words, i, sentence) is { } pulse)
                {
                    yield return (HeartRate, pulse);
                }
                // "One forty nine over seventy four": a blood pressure whatever its name was heard as.
                else if (value is >= 80 and <= 230 && value % 1 == 0 && next + 1 < words.Count && words[next] == "over"
                    && NumberWords.TryRead(words, next + 1, out var diastolic, out _) && diastolic is >= 40 and <= 140 && diastolic < value
                    && Read(BloodPressure, words, i, sentence) is { } pressure)
                {
                    yield return (BloodPressure, pressure);
                }
                else if ((value is >= 95 and <= 106 || value is >= 35 and <= 41.5 && words.Skip(next).Take(1).Contains("degrees"))
                    && (next < words.Count && words[next] == "degrees" || words.Skip(Math.Max(0, i - 4)).Take(Math.Min(i, 4)).Any(w => w is "fever" or "afebrile" or "warm" or "feverish" or "febrile")
                        // "You're running one here, a hundred point eight": a temperature's decimal after "running".
                        || value % 1 != 0 && words.Skip(Math.Max(0, i - 4)).Take(Math.Min(i, 4)).Contains("running")
                        // "heart rate eighty two, pressure one twenty six over seventy eight, ninety eight point four": a
                        // temperature's decimal among other readings.
                        || value % 1 != 0 && value is >= 95 and <= 106 && amongReadings
                        // "Here she's a hundred and one point three", "you're at ninety nine point one": a person "is" a temperature
                        // with a decimal, nothing else in that range.
                        || value % 1 != 0 && value is >= 97 and <= 106 && words.Skip(Math.Max(0, i - 3)).Take(Math.Min(i, 3)).Any(w => w is "she's" or "he's" or "you're")
                        // "You're on the monitor, the hundred point eight": a reading with tenths in that range, no other vital named
                        // before it, is a temperature whatever was heard around it.
                        || value % 1 != 0 && value is >= 97 and <= 106 && !words.Skip(Math.Max(0, i - 4)).Take(Math.Min(i, 4)).Any(w => KeywordWords.Contains(w) && !Filler.Contains(w)))
                    && !words.Skip(next).Take(2).Any(w => w is "percent" or "pounds" or "over" or "kilos" or "kilograms" or "lbs" or "kg"))
                {
                    var unit = value < 45 ? "C" : "F";
                    yield return (Temperature, new VitalFact(Temperature, value, null, unit, $"{NumberWords.Format(value)} °{unit}", evidence));
                }

                i = next - 1;
            }
        }
    }

    /// <summary>"pressure's" is "pressure is": a vital's name fused with the verb.</summary>
    private static List<string> Expand(IReadOnlyList<string> words)
    {
        var expanded = new List<string>(words.Count + 2);
        foreach (var word in words)
        {
            if (word.EndsWith("'s", StringComparison.Ordinal) && KeywordWords.Contains(word[..^2]))
            {
                expanded.Add(word[..^2]);
                expanded.Add("is");
            }
            else
            {
                expanded.Add(word);
            }
        }

        return expanded;
    }

    /// <summary>
    /// "You're at fifty eight kilos", "the scale has you at one eighty pounds": a body weight said with its unit and
    /// no keyword. A change ("lost ten pounds") or a goal ("lose five kilos") is not a weight.
    /// </summary>
    private static VitalFact? WeightWithoutKeyword(ClinicalTranscript transcript)
    {
        // (Among the readings of the clinician's turn, however a recogniser's turn was cut into clauses: "today we're two hundred
        // and sixty pounds and your b m i is thirty nine | your blood pressure is …"; each turn read once.)
        var turnReadsVitals = new Dictionary<int, bool>();
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion))
        {
            var words = sentence.Words;
            var turn = sentence.Utterance;
            var amongReadings = ReadsOtherVitals(words)
                || (turnReadsVitals.TryGetValue(turn.Index, out var reads) ? reads : turnReadsVitals[turn.Index] = ReadsOtherVitals(Text.Tokens.Words(turn.Text)));
            for (var i = 0; i < words.Count; i++)
            {
                if (!NumberWords.TryRead(words, i, out var value, out var length))
                {
                    continue;
                }

                // "You've lost ten pounds, you're at one sixty five now": after a change in pounds, where the weight now stands.
                if ((i + length >= words.Count || WeightUnit(words[i + length]) is null) && i >= 2 && words[i - 1] == "at" && words[i - 2] is "you're" or "she's" or "he's"
                    && value is >= 80 and <= 450 && value % 1 == 0 && words.Take(i - 2).Any(w => w is "pounds" or "lbs") && words.Take(i - 2).Any(IsChange)
                    && !(i + length < words.Count && NumberWords.IsNumberWord(words[i + length])))
                {
                    return new VitalFact(Weight, value, null, "lb", $"{NumberWords.Format(value)} lb", [Evidence.Of(sentence.Utterance)]);
                }

                // "You've lost some weight, you're down to one eighty five from one ninety two": where the weight now stands.
                if (i >= 2 && words[i - 1] == "to" && words[i - 2] is "down" or "up" && value is >= 80 and <= 450 && value % 1 == 0
                    && words.Any(w => w is "weight" or "weigh" or "weighs" or "scale" or "pounds") && (i + length >= words.Count || WeightUnit(words[i + length]) is null or "lb")
                    // (Not a goal: "let's aim to get down to one eighty".)
                    && !words.Take(i).Any(w => w is "goal" or "target" or "aim" or "want" or "try" or "trying" or "hope" or "get" or "getting" or "like" or "should"))
                {
                    return new VitalFact(Weight, value, null, "lb", $"{NumberWords.Format(value)} lb", [Evidence.Of(sentence.Utterance)]);
                }

                if (i + length >= words.Count || WeightUnit(words[i + length]) is not { } unit)
                {
                    i += length - 1;
                    continue;
                }

                // The word nearest before the number says which: "you've gained a little, you're two hundred pounds now" is a weight,
                // "you're down ten pounds" a change.
                var nearest = words.Skip(Math.Max(0, i - 5)).Take(Math.Min(i, 5)).Reverse()
                    // ("You're sixty eight inches tall and two hundred ten pounds": the weight said with the height.)
                    .FirstOrDefault(w => IsChange(w) || w is "you're" or "at" or "scale" or "weighing" or "weigh" or "she's" or "he's" or "is" or "tall");
                var change = nearest is not null && IsChange(nearest);
                var present = nearest is not null && !change || amongReadings && nearest is null;
                if (!change && present && !IsNotThisVisit(words, Math.Max(0, i - 1), i + length) && value is >= 2 and <= 700)
                {
                    value = PoundsWithHundred(words, i, i + length, value);
                    return new VitalFact(Weight, value, null, unit, $"{NumberWords.Format(value)} {unit}", [Evidence.Of(sentence.Utterance)]);
                }

                i += length - 1;
            }
        }

        return null;
    }

    /// <summary>"The scale has you at want sixty five pounds": the "one" of one sixty five heard as a word, where only a number stands.</summary>
    private static double PoundsWithHundred(IReadOnlyList<string> words, int number, int unitAt, double value) =>
        value is >= 10 and < 100 && number > 0 && words[number - 1] is "want" or "won" or "wanna" && unitAt < words.Count && words[unitAt] is "pounds" or "lbs" ? value + 100 : value;

    private static bool IsChange(string word) =>
        word is "lost" or "lose" or "losing" or "gained" or "gain" or "gaining" or "down" or "up" or "dropped" or "put" or "extra" or "another" or "goal" or "target";

    /// <summary>
    /// Whether the number at <paramref name="at"/> follows a blood pressure's diastolic with one or two words between that are
    /// no number and name no vital ("… over eighty two, bottles is sixty eight").
    /// </summary>
    private static bool AfterPressure(IReadOnlyList<string> words, int at)
    {
        for (var gap = 1; gap <= 2 && at - gap > 0; gap++)
        {
            var end = at - gap;
            if (NumberWords.IsNumberWord(words[end]) || KeywordWords.Contains(words[end]) && !Filler.Contains(words[end]))
            {
                return false;
            }

            for (var over = Math.Max(0, end - 3); over < end - 1; over++)
            {
                if (words[over] == "over" && NumberWords.TryRead(words, over + 1, out _, out var length) && over + 1 + length == end
                    && over > 0 && NumberWords.IsNumberWord(words[over - 1]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A sentence that reads out another vital sign: a blood pressure "over", a pulse, an oxygen.</summary>
    private static bool ReadsOtherVitals(IReadOnlyList<string> words) =>
        words.Contains("over") && words.Any(w => w is "pressure" or "pressures" or "bp")
        || Enumerable.Range(0, words.Count).Any(i => Dosing.At(words, i, words.Count, "heart", "rate") || words[i] is "pulse" or "oxygen");

    private static string? WeightUnit(string word) => word switch
    {
        "pounds" or "lbs" or "pound" => "lb",
        "kilograms" or "kilos" or "kg" or "kilogram" => "kg",
        _ => null,
    };

    /// <summary>"at home", "last time", "ago" around the reading: a number from another day.</summary>
    /// <summary>
    /// "The fundal height is twenty centimeters", "the baby's heartbeat is one forty eight": in pregnancy, the measure of the
    /// uterus and the heart rate of the baby, said where the baby or the fundus is, are no vitals of the patient.
    /// </summary>
    private static bool Fetal(string kind, IReadOnlyList<string> words, int keywordAt, Sentence sentence) =>
        kind == Height && keywordAt > 0 && words[keywordAt - 1] is "fundal" or "fundus"
        || kind == HeartRate && (Enumerable.Range(Math.Max(0, keywordAt - 3), Math.Min(3, keywordAt)).Any(k => BabyWords.Contains(words[k]))
            // ("Let's listen to the baby. There's the heartbeat, one forty eight.": not "your heartbeat", nor a pulse.)
            || words[keywordAt] == "heartbeat" && !(keywordAt > 0 && words[keywordAt - 1] == "your") && Text.Tokens.Words(sentence.Utterance.Text).Any(BabyWords.Contains));

    private static readonly HashSet<string> BabyWords = ["baby", "baby's", "fetal", "fetus", "fundal", "doppler"];

    /// <summary>
    /// "If the pain gets worse, or your fever goes over a hundred and two, go to the emergency room", "call if her pulse is above
    /// one twenty": a threshold to act on, said in a condition, not a reading.
    /// </summary>
    private static bool IsThreshold(IReadOnlyList<string> words, int from, int to) =>
        words.Take(from).Any(w => w is "if" or "unless")
        && Enumerable.Range(from, Math.Max(0, Math.Min(Math.Min(words.Count, from + 4), to) - from)).TakeWhile(k => !NumberWords.IsNumberWord(words[k]))
            .Any(k => words[k] is "over" or "above" or "under" or "below" or "past" or "than" or "higher" or "lower" or "hits" or "reaches" or "exceeds");

    private static bool IsNotThisVisit(IReadOnlyList<string> words, int keywordAt, int afterKeyword)
    {
        var from = Math.Max(0, keywordAt - 4);
        var to = Math.Min(words.Count, afterKeyword + 10);
        for (var i = from; i < to; i++)
        {
            // "Your home readings average one fifty over ninety two", "at home it runs …".
            if (words[i] == "ago" || words[i] == "home" && i > 0 && words[i - 1] is "at" or "your" or "the" or "his" or "her" || words[i] is "usually" or "average" or "averaging" or "averages"
                || words[i] == "last" && i + 1 < words.Count && words[i + 1] is "time" or "visit" or "week" or "month" && i < afterKeyword + 6)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"about a seven" after "on a scale of zero to ten", or "N out of ten".</summary>
    private static VitalFact? PainScoreOf(ClinicalTranscript transcript)
    {
        var sentences = transcript.Sentences;
        for (var s = 0; s < sentences.Count; s++)
        {
            var words = sentences[s].Words;
            for (var i = 0; i + 3 < words.Count; i++)
            {
                if (words[i + 1] == "out" && words[i + 2] == "of" && words[i + 3] == "ten" && NumberWords.TryRead(words, i, out var score, out _) && score <= 10)
                {
                    return Pain(score, sentences[s]);
                }
            }

            if (sentences[s].ByClinician && sentences[s].IsQuestion && words.Contains("scale") && words.Contains("ten"))
            {
                var answer = sentences.Skip(s + 1).FirstOrDefault(x => !x.ByClinician);
                if (answer is not null)
                {
                    for (var i = 0; i < answer.Words.Count; i++)
                    {
                        if (NumberWords.TryRead(answer.Words, i, out var score, out _) && score <= 10)
                        {
                            return Pain(score, answer);
                        }
                    }
                }
            }
        }

        return null;
    }

    private static VitalFact Pain(double score, Sentence sentence) =>
        new(PainScore, score, null, "/10", $"{NumberWords.Format(score)}/10", [Evidence.Of(sentence.Utterance)]);
}
