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
        else if (!polarity.Value && Habit().Match(asked) is { Success: true } habit && Clean(habit.Groups["topic"].Value) is { } done)
        {
            // "Do you smoke?" "No." is "Does not smoke."; "Have you ever broken a bone?" "Never." is "Denies having broken a bone."
            line = habit.Groups["did"].Value.ToLowerInvariant() switch { "have" => $"Denies having {done}.", "did" => $"Did not {done}.", _ => $"Does not {done}." };
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

    /// <summary>The topic without the second person, or null when what is left still addresses the patient.</summary>
    private static string? Clean(string topic)
    {
        var words = topic.Split(' ', StringSplitOptions.RemoveEmptyEntries)
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

    /// <summary>"do you smoke", "have you ever broken a bone": a habit or an event asked about by its verb.</summary>
    [GeneratedRegex(@"^(?<did>do|have|did) you (?:ever |still |currently )?(?<topic>(?!have\b|had\b|get\b|feel\b|notice\b|been\b|got\b|take\b|taken\b|think\b|know\b|want\b|need\b|mind\b)[a-z]+\b.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Habit();

    [GeneratedRegex(@"^(?:(?<yes>yes|yeah|yep|i do|i have)|no|nope|never|not really|none|not at all|nothing|no,? never|none that i know of|not that i know of|nothing like that)(?:[.,!]+|$)", RegexOptions.IgnoreCase)]
    private static partial Regex BareAnswer();

    /// <summary>"No fever, …", "Never had …": an answer that says what it denies.</summary>
    [GeneratedRegex(@"^(?:no|never|not)\s+(?!i\b|it\b|that\b|really\b|sure\b)\w", RegexOptions.IgnoreCase)]
    private static partial Regex Restating();

    [GeneratedRegex(@"^(?:(?:nothing like that|none at all|not at all|never|i don't|i haven't|i do|i have|not that i know of|not that i've noticed)[.,!]*\s*)+", RegexOptions.IgnoreCase)]
    private static partial Regex Nothing();
}
