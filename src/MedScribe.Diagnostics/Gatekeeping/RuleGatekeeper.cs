using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Text;

namespace MedScribe.Diagnostics.Gatekeeping;

/// <summary>
/// The embedded gatekeeper: scores each finding by the question's words against the finding's keywords and
/// topic (stemmed, phrase-aware), and reveals the best few. Deterministic; reveals nothing a question does not ask.
/// </summary>
public sealed class RuleGatekeeper : IGatekeeper
{
    public const int MaxFindingsPerAnswer = 3;

    public const string NothingFound =
        "The chart has nothing on that. Ask about a symptom, the history, medications, allergies, the family or social history, the vital signs, or a part of the examination.";

    public const string DiagnosisRefused =
        "I can only describe the patient's history, findings and results; naming the diagnosis is your task.";

    /// <summary>Topic words that say which section a finding sits in but not what it is about.</summary>
    private static readonly HashSet<string> GenericTopicWords = new(StringComparer.Ordinal)
    {
        "history", "present", "illness", "physical", "exam", "review", "system", "sign", "general",
    };

    private static readonly string[][] DiagnosisQuestions =
        new[]
        {
            "diagnosis", "diagnose", "diagnoses", "differential", "what does he have", "what does she have",
            "what is wrong", "whats wrong", "the answer", "what disease", "what condition",
        }.Select(PlainWords.Stems).ToArray();

    public string Name => "rules";

    public Task<string> AnswerAsync(DiagnosticCase diagnosticCase, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(diagnosticCase, question));

    public static string Answer(DiagnosticCase diagnosticCase, string question)
    {
        var stems = PlainWords.Stems(question);
        var content = PlainWords.ContentStems(question);
        if (DiagnosisQuestions.Any(q => PlainWords.ContainsPhrase(stems, q)))
        {
            return DiagnosisRefused;
        }

        var scored = diagnosticCase.Findings
            .Select((finding, index) => (finding, index, score: Score(finding, stems, content)))
            .Where(s => s.score > 0)
            .OrderByDescending(s => s.score)
            .ThenBy(s => s.index)
            .ToList();
        if (scored.Count == 0)
        {
            return NothingFound;
        }

        var best = scored[0].score;
        var revealed = scored.Where(s => s.score * 2 >= best).Take(MaxFindingsPerAnswer).OrderBy(s => s.index).Select(s => s.finding.Text);
        return DiagnosisRedaction.Apply(diagnosticCase, string.Join(' ', revealed));
    }

    private static double Score(CaseFinding finding, string[] stems, string[] content)
    {
        var score = 0.0;
        foreach (var keyword in finding.Keywords)
        {
            var phrase = PlainWords.Stems(keyword);
            if (phrase.Length > 0 && PlainWords.ContainsPhrase(stems, phrase))
            {
                score += phrase.Length > 1 ? 2 : 1;
            }
        }

        var topic = PlainWords.Stems(finding.Topic);
        if (PlainWords.ContainsPhrase(stems, topic))
        {
            score += 3;
        }

        foreach (var word in topic.Where(w => !GenericTopicWords.Contains(w) && !PlainWords.IsStopWord(w)).Distinct())
        {
            if (content.Contains(word))
            {
                score += 1;
            }
        }

        return score;
    }
}
