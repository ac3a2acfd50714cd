using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Text;

namespace MedScribe.Diagnostics.Judging;

/// <summary>
/// The embedded judge: the answer's normalised text against the diagnosis and its synonyms, then word overlap.
/// 5 names an accepted diagnosis; 4 covers nearly all of its words; 3 half of them or hedges it with a wrong
/// alternative; 2 names a plausible but wrong differential or shares a word; 1 is unrelated. Negated mentions
/// ("not appendicitis") do not count.
/// </summary>
public sealed class RuleJudge : IJudge
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "no", "without", "unlikely", "excluded", "exclude", "rule", "ruled" };

    /// <summary>Words that qualify a diagnosis without changing which disease it is.</summary>
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "acute", "chronic", "primary", "secondary", "uncomplicated", "complicated", "severe", "mild", "moderate", "early", "likely",
        "probable", "possible", "suspected", "disease", "syndrome", "with", "without", "type", "of", "the", "a", "an", "due", "to",
    };

    public string Name => "rules";

    public Task<Judgement> JudgeAsync(DiagnosticCase diagnosticCase, string diagnosis, CancellationToken cancellationToken) =>
        Task.FromResult(Judge(diagnosticCase, diagnosis));

    public static Judgement Judge(DiagnosticCase diagnosticCase, string diagnosis)
    {
        // Clauses keep a negation to its own phrase: "not appendicitis; gastroenteritis" is about gastroenteritis.
        var clauses = System.Text.RegularExpressions.Regex.Split(diagnosis, @"[;,.]|\bbut\b|\bor\b").Select(PlainWords.Stems).Where(c => c.Length > 0).ToList();
        var named = diagnosticCase.AcceptedDiagnoses.FirstOrDefault(d => clauses.Any(c => MentionedPositively(c, PlainWords.Stems(d))));
        var wrongAlternative = diagnosticCase.Differential.FirstOrDefault(d => clauses.Any(c => MentionedPositively(c, PlainWords.Stems(d))));
        if (named is not null)
        {
            return wrongAlternative is null
                ? new Judgement(5, $"Names the diagnosis ('{named}').")
                : new Judgement(3, $"Names the diagnosis ('{named}') but hedges it with '{wrongAlternative}'.");
        }

        var answerWords = clauses.Where(c => !c.Any(Negations.Contains)).SelectMany(Core).ToHashSet(StringComparer.Ordinal);
        var best = diagnosticCase.AcceptedDiagnoses
            .Select(d => (Phrase: d, Words: Core(PlainWords.Stems(d)).Distinct().ToList()))
            .Where(d => d.Words.Count > 0)
            .Select(d => (d.Phrase, Share: d.Words.Count(answerWords.Contains) / (double)d.Words.Count))
            .OrderByDescending(d => d.Share)
            .First();
        if (best.Share >= 0.75)
        {
            return new Judgement(wrongAlternative is null ? 4 : 3, $"Covers {best.Share:P0} of the key words of '{best.Phrase}'.");
        }

        if (best.Share >= 0.5)
        {
            return new Judgement(3, $"Covers {best.Share:P0} of the key words of '{best.Phrase}'.");
        }

        if (wrongAlternative is not null)
        {
            return new Judgement(2, $"Names '{wrongAlternative}', a plausible alternative that is not the diagnosis.");
        }

        return best.Share > 0
            ? new Judgement(2, $"Shares a key word with '{best.Phrase}' but names a different condition.")
            : new Judgement(1, "Unrelated to the case's diagnosis.");
    }

    private static IEnumerable<string> Core(IEnumerable<string> stems) =>
        stems.Where(w => !Qualifiers.Contains(w) && !Negations.Contains(w) && !PlainWords.IsStopWord(w));

    private static bool MentionedPositively(string[] answer, string[] phrase)
    {
        for (var at = PlainWords.IndexOfPhrase(answer, phrase); at >= 0;)
        {
            var before = answer.Skip(Math.Max(0, at - 3)).Take(Math.Min(3, at));
            if (!before.Any(Negations.Contains))
            {
                return true;
            }

            var next = PlainWords.IndexOfPhrase(answer[(at + 1)..], phrase);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }
}
