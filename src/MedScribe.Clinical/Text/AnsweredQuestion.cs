using System.Text.RegularExpressions;

namespace MedScribe.Clinical.Text;

/// <summary>
/// A clinician's yes-or-no question and the patient's bare answer, written as the note says it: "Any heartburn,
/// trouble swallowing or stomach ulcers?" "No, nothing like that." is "Denies heartburn, trouble swallowing or stomach
/// ulcers."; "Have you had any fevers?" "Yes, on Tuesday." is "Reports fevers. On Tuesday." Only questions that name
/// what they ask about ("any …", "do you have …", "have you noticed …") are rewritten; anything else is left to the caller.
/// </summary>
public static partial class AnsweredQuestion
{
    /// <summary>The note line, or null when the question names no topic or the answer is no bare yes or no.</summary>
    public static string? Statement(string question, string answer)
    {
        var asked = Opener().Replace(question.Trim().TrimEnd('?').Trim(), "");
        var (polarity, rest) = Polarity(answer);
        if (polarity is null)
        {
            // "Any fever or weight loss?" "No fever, and my weight's been steady.": the answer says it whole.
            return Restating().IsMatch(answer.Trim()) && (Topic().IsMatch(asked) || Habit().IsMatch(asked)) ? NoteStyle.Report(answer) : null;
        }

        string? line = null;
        if (Topic().Match(asked) is { Success: true } topic && Clean(topic.Groups["topic"].Value) is { } thing)
        {
            line = $"{(polarity.Value ? "Reports" : "Denies")} {thing}.";
        }
        else if (Taking().Match(asked) is { Success: true } taking && Clean(taking.Groups["topic"].Value) is { } taken)
        {
            // "Are you on any daily controller inhaler?" "No, just the albuterol." is "Not taking daily controller inhaler. Just albuterol."
            line = polarity.Value ? $"Taking {taken}." : $"Not taking {taken}.";
        }
        else if (Habit().Match(asked) is { Success: true } habit && Clean(habit.Groups["topic"].Value) is { } done)
        {
            // "Do you smoke?" "No." is "Does not smoke.", "Yes." "Smokes."; "Have you ever broken a bone?" "Never." is "Denies having
            // broken a bone."; "Did you hit your head?" "Yes." is "Reports hitting head."
            var did = habit.Groups["did"].Value.ToLowerInvariant();
            line = polarity.Value
                ? did switch { "have" => $"Reports having {done}.", "did" => $"Reports {Gerund(FirstWord(done))}{Rest(done)}.", _ => $"{Capital(NoteStyle.ThirdPersonOf(FirstWord(done)))}{Rest(done)}." }
                : did switch { "have" => $"Denies having {done}.", "did" => $"Did not {done}.", _ => $"Does not {done}." };
        }

        if (line is null)
        {
            return null;
        }

        return rest.Length == 0 ? NoteText.Normalize(line) : NoteText.Normalize($"{line} {NoteStyle.Report(rest)}");
    }

    /// <summary>Whether a note line is already a statement of what was reported or denied (no "Reports:" before it).</summary>
    public static bool IsStatement(string line) =>
        line.StartsWith("Denies ", StringComparison.Ordinal) || line.StartsWith("Reports ", StringComparison.Ordinal) || line.StartsWith("Does not ", StringComparison.Ordinal)
        || line.StartsWith("Did not ", StringComparison.Ordinal) || line.StartsWith("No ", StringComparison.Ordinal) || line.StartsWith("Never ", StringComparison.Ordinal);

    /// <summary>Whether the answer opens with a bare yes (true) or no (false), and what it says after that.</summary>
    private static (bool? Yes, string After) Polarity(string answer)
    {
        var match = BareAnswer().Match(answer.Trim());
        if (!match.Success)
        {
            return (null, answer);
        }

        var rest = answer.Trim()[match.Length..].Trim();
        // "No, nothing like that." and "Yes, I do." add nothing.
        rest = Nothing().Replace(rest, "").Trim();
        return (match.Groups["yes"].Success, rest);
    }

    private static string FirstWord(string words) => words.Split(' ', 2)[0].ToLowerInvariant();

    private static string Rest(string words) => words.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? words[space..] : "";

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static readonly HashSet<string> TimeClauses = ["when", "before", "after", "while", "since", "until", "whenever"];

    /// <summary>Past tenses whose "-ing" form is not the past without "-ed".</summary>
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["fell"] = "falling", ["got"] = "getting", ["went"] = "going", ["ate"] = "eating", ["took"] = "taking", ["woke"] = "waking", ["came"] = "coming",
        ["felt"] = "feeling", ["saw"] = "seeing", ["had"] = "having", ["ran"] = "running", ["sat"] = "sitting", ["stood"] = "standing", ["lay"] = "lying",
        ["lie"] = "lying", ["get"] = "getting", ["sit"] = "sitting", ["run"] = "running", ["put"] = "putting", ["cut"] = "cutting", ["began"] = "beginning",
        ["drank"] = "drinking", ["slept"] = "sleeping", ["left"] = "leaving", ["made"] = "making", ["did"] = "doing", ["be"] = "being", ["see"] = "seeing",
    };

    /// <summary>"fell" falling, "stopped" stopping, "noticed" noticing, "swallow" swallowing, "take" taking.</summary>
    private static string Gerund(string verb)
    {
        if (Irregular.TryGetValue(verb, out var known))
        {
            return known;
        }

        var stem = verb.EndsWith("ied", StringComparison.Ordinal) ? verb[..^3] + "y"
            : verb.EndsWith("ed", StringComparison.Ordinal) && verb.Length > 4 ? verb[..^2]
            : verb.EndsWith('e') && !verb.EndsWith("ee", StringComparison.Ordinal) && verb.Length > 2 ? verb[..^1] : verb;
        // "hit" hitting, "stop" stopping: a short word ending consonant, vowel, consonant doubles its last letter.
        const string vowels = "aeiou";
        var doubles = stem == verb && stem.Length is >= 3 and <= 4 && !vowels.Contains(stem[^1], StringComparison.Ordinal) && stem[^1] is not ('w' or 'x' or 'y')
            && vowels.Contains(stem[^2], StringComparison.Ordinal) && !vowels.Contains(stem[^3], StringComparison.Ordinal);
        return doubles ? stem + stem[^1] + "ing" : stem + "ing";
    }

    /// <summary>
    /// "before you fell" is "before falling", "when you swallow" "when swallowing", "while you're sleeping" "while sleeping":
    /// the patient's own doing in a clause of time, said without a subject as a note says it.
    /// </summary>
    private static List<string> WithoutSubject(List<string> words)
    {
        for (var i = 1; i + 1 < words.Count; i++)
        {
            if (!TimeClauses.Contains(words[i - 1].ToLowerInvariant()))
            {
                continue;
            }

            var subject = words[i].ToLowerInvariant();
            var verb = words[i + 1].ToLowerInvariant().Trim(',', '.');
            if (subject == "you" && char.IsLetter(verb[0]) && !verb.EndsWith("ing", StringComparison.Ordinal) && verb is not ("think" or "know" or "were" or "are" or "can" or "could" or "would" or "should" or "will" or "do" or "don't" or "have" or "had"))
            {
                words = [.. words[..i], Gerund(verb), .. words[(i + 2)..]];
            }
            else if (subject == "you're" && verb.EndsWith("ing", StringComparison.Ordinal))
            {
                words = [.. words[..i], .. words[(i + 1)..]];
            }
        }

        return words;
    }

    /// <summary>The topic without the second person, or null when what is left still addresses the patient.</summary>
    private static string? Clean(string topic)
    {
        var words = WithoutSubject(topic.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList())
            .Where(w => w.ToLowerInvariant() is not ("your" or "any" or "anything")).ToList();
        // "any pain when you swallow" stays as said: the note would have to guess the subject.
        if (words.Count == 0 || words.Count > 20 || words.Any(w => w.ToLowerInvariant().Trim(',', '.') is "you" or "you're" or "you've" or "yourself" or "me" or "i" or "we"))
        {
            return null;
        }

        return string.Join(' ', words).Trim(',', ' ');
    }

    [GeneratedRegex(@"^(?:(?:and|or|so|okay|now|also|well)[, ]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Opener();

    /// <summary>"any X", "do you have X", "have you had X", "have you noticed X", "is there X", "are you having X".</summary>
    [GeneratedRegex(@"^(?:any(?: other)?|have you (?:ever )?(?:had|noticed|felt|seen|experienced|been having|had any)|did you (?:have|notice|feel|get)|do you (?:ever )?(?:have|get|feel|notice)|are you (?:having|getting|feeling)|is there|are there|has there been|have there been|has (?:he|she) had|does (?:he|she) have|did (?:he|she) have)\b(?<topic>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Topic();

    /// <summary>"are you on any X", "are you still taking X", "is she using X": a medicine or a device asked about.</summary>
    [GeneratedRegex(@"^(?:are you|is (?:he|she)) (?:still |currently )?(?:on|taking|using)\b(?<topic>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Taking();

    /// <summary>"do you smoke", "have you ever broken a bone", "does she check her blood pressure": a habit or an event asked about by its verb.</summary>
    [GeneratedRegex(@"^(?:(?<did>do|have|did) you|(?<did>does|did) (?:he|she)) (?:ever |still |currently )?(?<topic>(?!have\b|had\b|get\b|feel\b|notice\b|been\b|got\b|take\b|taken\b|think\b|know\b|want\b|need\b|mind\b)[a-z]+\b.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Habit();

    [GeneratedRegex(@"^(?:(?<yes>yes|yeah|yep|i do|i have)|no|nope|never|not really|none|not at all|nothing|no,? never|none that i know of|not that i know of|nothing like that)(?:[.,!]+|$)", RegexOptions.IgnoreCase)]
    private static partial Regex BareAnswer();

    /// <summary>"No fever, …", "Never had …": an answer that says what it denies.</summary>
    [GeneratedRegex(@"^(?:no|never|not)\s+(?!i\b|it\b|that\b|really\b|sure\b)\w", RegexOptions.IgnoreCase)]
    private static partial Regex Restating();

    // "I have." adds nothing; "I have to go often" does.
    [GeneratedRegex(@"^(?:(?:nothing like that|none at all|not at all|never|i don't|i haven't|i do|i have|not that i know of|not that i've noticed)(?:[.,!]+\s*|$))+", RegexOptions.IgnoreCase)]
    private static partial Regex Nothing();
}
