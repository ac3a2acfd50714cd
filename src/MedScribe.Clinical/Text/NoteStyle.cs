using System.Text.RegularExpressions;

namespace MedScribe.Clinical.Text;

/// <summary>
/// Writes a spoken sentence as a note line: numbers as digits (<see cref="NoteText.Normalize"/>), then clinical
/// shorthand: no conversational fillers ("go ahead and", "I want you to", "just"), no articles, pronouns or
/// copulas, "call me" as "call clinic", and "it" as the drug it stands for. The words that carry the facts stay
/// as said; the transcript itself is kept only as the facts' evidence.
/// </summary>
public static partial class NoteStyle
{
    private static readonly string[][] Fillers =
    [
        ["go", "ahead", "and"], ["i", "want", "you", "to"], ["i'd", "like", "you", "to"], ["i", "would", "like", "you", "to"], ["i'd", "like", "to"],
        ["make", "sure", "you"], ["make", "sure", "to"], ["be", "sure", "to"], ["you'll", "want", "to"], ["you", "need", "to"], ["you", "should"],
        ["you", "can"], ["you", "could"], ["i", "think"], ["you", "know"], ["kind", "of"], ["sort", "of"], ["a", "little", "bit"], ["i", "want", "to"],
        ["i'm", "going", "to"], ["we're", "going", "to"], ["going", "to"], ["let's"], ["we'll"], ["i'll"], ["please"], ["just"], ["really"],
        ["actually"], ["basically"], ["okay"], ["alright"], ["um"], ["uh"], ["so"], ["now"], ["well"], ["also"], ["that's"], ["there's"],
    ];

    private static readonly HashSet<string> Openers = ["and", "but", "first", "second", "third", "fourth", "fifth", "next", "then", "finally", "great", "good", "perfect", "exactly", "right"];

    private static readonly HashSet<string> Dropped =
    [
        "a", "an", "the", "you", "your", "you're", "i", "i'm", "i've", "we", "we've", "my", "is", "are", "was", "were", "that", "which", "will", "would",
        "very", "pretty", "quite", "her", "his", "their", "she", "he", "they", "she's", "he's", "it's", "they're", "our",
    ];

    /// <summary>What a lighter hand drops from the patient's own words: articles and the first person, not the verbs.</summary>
    private static readonly HashSet<string> DroppedLightly = ["a", "an", "the", "i", "i'm", "i've", "my", "me"];

    /// <summary>Verbs whose "it" is the drug a line speaks of.</summary>
    private static readonly HashSet<string> ActsOnDrug =
    [
        "take", "taking", "took", "use", "using", "apply", "applying", "stop", "stopping", "start", "starting", "continue", "keep", "give", "giving",
        "hold", "skip", "swallow", "crush", "split", "cut", "fill", "refill", "chew", "inject", "injecting", "rub", "spread", "restart", "resume",
        "put", "dissolve", "mix", "shake", "store", "double", "halve", "increase", "decrease", "lower", "raise", "taper", "finish", "tolerate",
    ];

    /// <summary>A clinician's sentence as a short note line; <paramref name="referent"/> replaces "it".</summary>
    public static string Shorthand(string spoken, string? referent = null) => Write(spoken, referent, Dropped);

    /// <summary>A patient's report as a note line: fillers, articles and the first person go; the rest reads as said.</summary>
    public static string Report(string spoken) => Write(spoken, null, DroppedLightly, thirdPerson: true);

    private static string Write(string spoken, string? referent, HashSet<string> dropped, bool thirdPerson = false)
    {
        // In a patient's report the verb after a dropped "I" is written in the third person: "I take" is "takes", "I've
        // noticed" "has noticed", "I don't smoke" "does not smoke".
        var afterI = false;
        var normalized = EmergencyNumber().Replace(NoteText.Normalize(spoken).Trim(), m => m.Groups[1].Success ? "911" : "988");
        // "once a day" is "once daily", "20 mg a day" "20 mg daily"; "for a week" is "for 1 week": the article a note drops carries a number.
        normalized = PerPeriod().Replace(normalized, m => $"{m.Groups[1].Value} {Periodic(m.Groups[2].Value)}");
        normalized = OnePeriod().Replace(normalized, m => $"{m.Groups[1].Value} 1 {m.Groups[2].Value}");
        // "no more than 2 days a week" is "2 days per week", "30 minutes a day" "30 minutes per day".
        normalized = CountPerPeriod().Replace(normalized, "$1 per $2");
        // "15 to 20 minutes at a time" keeps its article; "You have tenderness …", "there's swelling …" open on the finding.
        normalized = AtATime().Replace(normalized, "each time");
        normalized = FindingOpening().Replace(normalized, "");
        var words = Regex.Split(normalized, @"\s+").Where(w => w.Length > 0).ToList();
        var kept = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var core = Core(words[i]);
            // "Well, …" opens a sentence; "even when you feel well" keeps it, "stay as active as you can" its "you can".
            var filler = Fillers.FirstOrDefault(f => Matches(words, i, f) && !(f is ["well"] or ["you", "can"] or ["you", "could"] && kept.Count > 0 && Trailing(kept[^1]).Length == 0));
            if (filler is not null)
            {
                // Keep a comma the filler carried ("So, take …" loses "So,").
                i += filler.Length - 1;
                continue;
            }

            if (kept.Count == 0 && Openers.Contains(core))
            {
                continue;
            }

            if (thirdPerson)
            {
                if (core is "i've" && (kept.Count == 0 || Trailing(kept[^1]).Length > 0 || Core(kept[^1]) is "and" or "but" or "so"))
                {
                    kept.Add("has" + Trailing(words[i]));
                    continue;
                }

                if (afterI && ThirdPerson(core) is { } conjugated)
                {
                    kept.Add(conjugated + Trailing(words[i]));
                    afterI = false;
                    continue;
                }

                var subject = core is "i" && Trailing(words[i]).Length == 0;
                if (afterI && Adverbs.Contains(core) && Trailing(words[i]).Length == 0)
                {
                    kept.Add(words[i]);
                    continue;
                }

                afterI = subject;
                if (core == "me")
                {
                    // "Codeine makes me itch" is "Codeine makes the patient itch", not "makes itch".
                    kept.Add("the patient" + Trailing(words[i]));
                    continue;
                }
            }

            if (core is "call" && i + 1 < words.Count && Core(words[i + 1]) is "me" or "us")
            {
                kept.Add("call clinic" + Trailing(words[i + 1]));
                i++;
                continue;
            }

            // "Take it with food", "It can make you drowsy"; not "put as much weight on it as you can".
            if (core is "it" or "them" && referent is not null && (kept.Count == 0 || ActsOnDrug.Contains(Core(kept[^1]))))
            {
                kept.Add(referent + Trailing(words[i]));
                referent = null;
                continue;
            }

            if (core is "you" or "he" or "she" or "they" or "we" && kept.Count > 0 && Subordinators.Contains(Core(kept[^1])))
            {
                // "if you get a fever" is "if fever", "if you ever have thoughts of …" "if thoughts of …"; any other verb keeps
                // its subject ("until you pick them up"), or the line would not read.
                var verb = i + 1 < words.Count && Core(words[i + 1]) == "ever" ? i + 2 : i + 1;
                if (verb < words.Count && Trailing(words[i]).Length == 0 && NoticeVerbs.Contains(Core(words[verb])))
                {
                    i = verb;
                    continue;
                }

                if (i + 1 < words.Count && Core(words[i + 1]) is "are" or "is" or "were" or "was")
                {
                    // "if you are getting worse": the copula goes too ("if getting worse").
                    continue;
                }

                kept.Add(words[i]);
                continue;
            }

            if (core == "you" && kept.Count > 0 && i + 1 < words.Count && Core(words[i + 1]) is "can" or "could" or "need" or "like" or "want")
            {
                // "as active as you can", "whenever you need": the subject of a modal stays.
                kept.Add(words[i]);
                continue;
            }

            if (dropped.Contains(core))
            {
                // A dropped word's punctuation stays with the word before it.
                if (Trailing(words[i]) is { Length: > 0 } mark && kept.Count > 0 && !kept[^1].EndsWith(mark, StringComparison.Ordinal))
                {
                    kept[^1] += mark;
                }

                continue;
            }

            kept.Add(words[i]);
        }

        var line = string.Join(' ', kept).Trim(' ', ',', ';');
        if (line.Length == 0)
        {
            return line;
        }

        // Every sentence of the line opens with a capital ("… all week. Does not smoke.").
        line = SentenceStart().Replace(char.ToUpperInvariant(line[0]) + line[1..], m => m.Value.ToUpperInvariant());
        return line.EndsWith('.') || line.EndsWith('?') || line.EndsWith('!') ? line : line + ".";
    }

    /// <summary>Adverbs said between "I" and its verb: "I usually take …".</summary>
    private static readonly HashSet<string> Adverbs = ["usually", "always", "never", "still", "only", "sometimes", "often", "mostly", "normally", "rarely", "generally", "occasionally"];

    /// <summary>Verbs a patient says of themself, in the third person; null for a word that is none of them.</summary>
    private static string? ThirdPerson(string verb) => PatientVerbs.Contains(verb) ? ThirdPersonOf(verb) : null;

    /// <summary>The verbs a patient's report is written with in the third person.</summary>
    private static readonly HashSet<string> PatientVerbs =
    [
        "have", "do", "go", "don't", "haven't", "am", "try",
        "take", "feel", "get", "use", "need", "want", "think", "know", "sleep", "eat", "drink", "walk", "work", "smoke",
        "notice", "see", "wake", "live", "like", "check", "forget", "remember", "keep", "hear", "mean", "hope",
        "play", "run", "start", "stop", "skip", "wear", "put", "give", "cough", "vomit", "spit", "pee", "wheeze",
        "hurt", "snore", "exercise", "swim", "bike", "cook", "lift", "drive", "help", "care", "stay", "spend", "read",
        "feed", "nurse", "breastfeed", "bleed", "sweat", "lose", "gain", "avoid", "follow", "test", "measure",
        "weigh", "buy", "pay", "fall", "sit", "stand", "climb", "chew", "swallow", "breathe",
        "miss", "watch", "wash", "push", "fix", "reach", "stretch",
    ];

    /// <summary>A verb in the third person: "take" takes, "watch" watches, "try" tries, "go" goes, "have" has, "don't" does not.</summary>
    internal static string ThirdPersonOf(string verb) => verb switch
    {
        "have" => "has", "don't" => "does not", "haven't" => "has not", "am" => "is",
        _ when verb.Length > 2 && verb.EndsWith('y') && !"aeiou".Contains(verb[^2], StringComparison.Ordinal) => verb[..^1] + "ies",
        _ when verb.EndsWith('s') || verb.EndsWith('x') || verb.EndsWith('z') || verb.EndsWith('o') || verb.EndsWith("sh", StringComparison.Ordinal)
            || verb.EndsWith("ch", StringComparison.Ordinal) => verb + "es",
        _ => verb + "s",
    };

    /// <summary>Words that open a clause saying when: after them the subject stays unless the verb only says it happens.</summary>
    private static readonly HashSet<string> Subordinators = ["if", "when", "whenever", "unless", "until", "while", "before", "after", "once"];

    /// <summary>"get", "have", "develop", "notice": verbs that only say a symptom comes ("if you get a fever").</summary>
    private static readonly HashSet<string> NoticeVerbs =
    [
        "get", "gets", "have", "has", "develop", "develops", "notice", "notices", "feel", "feels", "experience", "experiences", "see", "sees",
    ];

    private static string Periodic(string period) => period.ToLowerInvariant() switch { "day" => "daily", "week" => "weekly", "month" => "monthly", _ => "yearly" };

    /// <summary>"nine one one" (911) or "nine eight eight" (988, the crisis line), said digit by digit.</summary>
    [GeneratedRegex(@"\b(?:(nine one one)|nine eight eight)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EmergencyNumber();

    // "half a pack a day", "two beers a night" are habits counted per day too.
    [GeneratedRegex(@"\b(once|twice|times|\d+(?:\.\d+)? (?:mg|mcg|g|ml|units?|tablets?|puffs?|capsules?|drops?|sprays?)|packs?|cigarettes|drinks|beers|glasses|cups|cans|servings|miles|hours) (?:a|per) (day|week|month|year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PerPeriod();

    [GeneratedRegex(@"\b(for|in|than|within|about|over|after|under) an? (hour|day|week|month|year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnePeriod();

    [GeneratedRegex(@"\b(days|nights|doses|minutes) a (day|week|month|year)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountPerPeriod();

    [GeneratedRegex(@"(?<=[.!?] )[a-z]")]
    private static partial Regex SentenceStart();

    [GeneratedRegex(@"\bat a time\b", RegexOptions.IgnoreCase)]
    private static partial Regex AtATime();

    [GeneratedRegex(@"^(?:you have|you've got|you've|i see|i can see|i feel|there's|there is|there are)\s+(?!to\b|been\b|had\b|got\b)(?=\w)", RegexOptions.IgnoreCase)]
    private static partial Regex FindingOpening();

    private static bool Matches(List<string> words, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Count)
        {
            return false;
        }

        for (var k = 0; k < phrase.Length; k++)
        {
            // A phrase ends at a clause boundary only on its last word.
            if (Core(words[at + k]) != phrase[k] || k < phrase.Length - 1 && Trailing(words[at + k]).Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string Core(string word) => word.Trim(',', '.', ';', ':', '!', '?', '"', '(', ')').Replace('\u2019', '\'').ToLowerInvariant();

    private static string Trailing(string word)
    {
        var end = word.Length;
        while (end > 0 && word[end - 1] is ',' or '.' or ';' or ':' or '!' or '?')
        {
            end--;
        }

        return word[end..];
    }
}
