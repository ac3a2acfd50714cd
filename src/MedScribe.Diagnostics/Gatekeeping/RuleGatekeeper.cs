using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Testing;
using MedScribe.Diagnostics.Text;

namespace MedScribe.Diagnostics.Gatekeeping;

/// <summary>
/// The embedded gatekeeper. A question is read for what a physician asks on any case: the chart sections it
/// asks for as a whole ("the main symptom", "when did it start", "what did the examination show", "PMH"), the
/// examination systems it names, and its words folded into clinical concepts (<see cref="ClinicalVocabulary"/>);
/// each finding is scored by its section and systems (from its topic), its keywords, and the concepts its text
/// shares with the question. The best few are revealed. An examination asked for as a whole with more systems
/// than one answer holds reveals the general findings and names the other systems to ask about. Deterministic;
/// never names the diagnosis, and a test's result only comes from ordering the test.
/// </summary>
public sealed class RuleGatekeeper(TestCatalog? catalog = null) : IGatekeeper
{
    public const int MaxFindingsPerAnswer = 3;

    public const string NothingFound =
        "The chart has nothing on that. Ask about a symptom, the history, medications, allergies, the family or social history, the vital signs, or a part of the examination.";

    public const string DiagnosisRefused =
        "I can only describe the patient's history, findings and results; naming the diagnosis is your task.";

    /// <summary>Topic words that say which section a finding sits in but not what it is about.</summary>
    private static readonly HashSet<string> GenericTopicWords = new(StringComparer.Ordinal)
    {
        "history", "present", "illness", "physical", "exam", "examination", "examine", "review", "system", "sign", "general", "show", "find", "finding",
    };

    private static readonly string[][] DiagnosisQuestions =
        new[]
        {
            "diagnosis", "diagnose", "diagnoses", "differential", "what does he have", "what does she have",
            "what is wrong", "whats wrong", "the answer", "what disease", "what condition",
        }.Select(PlainWords.Stems).ToArray();

    public string Name => "rules";

    public Task<string> AnswerAsync(DiagnosticCase diagnosticCase, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(diagnosticCase, question, catalog));

    public static string Answer(DiagnosticCase diagnosticCase, string question, TestCatalog? catalog = null)
    {
        var stems = ClinicalVocabulary.Stems(question);
        if (DiagnosisQuestions.Any(q => PlainWords.ContainsPhrase(stems, q)))
        {
            return DiagnosisRefused;
        }

        var asked = new Question(
            stems,
            ClinicalVocabulary.Tokens(question).ToHashSet(StringComparer.Ordinal),
            ClinicalVocabulary.SectionsAskedFor(stems),
            ClinicalVocabulary.SystemsNamed(stems));
        var (findings, weights) = Prepared.GetValue(diagnosticCase, Prepare);
        var scored = findings
            .Select(f => (f, score: Score(f, asked, weights)))
            .Where(s => s.score > 0)
            .OrderByDescending(s => s.score)
            .ThenBy(s => s.f.Index)
            .ToList();
        if (scored.Count == 0)
        {
            return catalog is not null && NamedTest(catalog, question) is { } test
                ? $"Results come from ordering: send the {test.Name} as a TEST to see it ({Budget.CaseLedger.Money(test.Price)})."
                : NothingFound;
        }

        if (WholeExamination(asked, findings) is { } overview)
        {
            return DiagnosisRedaction.Apply(diagnosticCase, overview);
        }

        var best = scored[0].score;
        var revealed = scored.Where(s => s.score * 2 >= best).Take(MaxFindingsPerAnswer).OrderBy(s => s.f.Index).Select(s => s.f.Source.Text);
        return DiagnosisRedaction.Apply(diagnosticCase, string.Join(' ', revealed));
    }

    /// <summary>
    /// "What did the examination show?" with more examined systems than one answer holds: the general findings,
    /// then the other systems by name so the physician can choose.
    /// </summary>
    private static string? WholeExamination(Question asked, IReadOnlyList<Finding> findings)
    {
        var exam = findings.Where(f => f.Section == ChartSection.Examination).ToList();
        // "How does he look in general?" on a chart with no general findings is the examination as a whole.
        var systems = asked.Systems.Where(s => s != "general" || exam.Any(f => f.Systems.Contains("general"))).ToList();
        if (!asked.Sections.Contains(ChartSection.Examination) || systems.Count > 0 || exam.Count <= MaxFindingsPerAnswer
            || asked.Tokens.Any(t => !GenericTopicWords.Contains(t) && exam.Any(f => f.KeywordTokens.Contains(t))))
        {
            return null;
        }

        var general = exam.Where(f => f.Systems.Contains("general")).Take(MaxFindingsPerAnswer - 1).ToList();
        var others = exam.Except(general).SelectMany(f => f.Systems).Where(s => s != "general").Distinct(StringComparer.Ordinal).ToList();
        var text = string.Join(' ', general.Select(f => f.Source.Text));
        return (text.Length > 0 ? text + " " : "") + $"The examination also covers: {string.Join(", ", others)}. Ask about a system to hear its findings.";
    }

    private static double Score(Finding finding, Question asked, IReadOnlyDictionary<string, double> weights)
    {
        var score = 0.0;
        if (finding.Section != ChartSection.Other && asked.Sections.Contains(finding.Section))
        {
            score += 3;
        }

        if (finding.Systems.Any(asked.Systems.Contains))
        {
            // A system named in an examination question ("examine the abdomen") is decisive; named in passing, a hint.
            score += asked.Sections.Contains(ChartSection.Examination) ? 4 : 1.5;
        }

        foreach (var keyword in finding.Keywords)
        {
            if (keyword.Stems.Length > 0 && PlainWords.ContainsPhrase(asked.Stems, keyword.Stems))
            {
                score += keyword.Stems.Length > 1 ? 2 : 1;
            }
            else if (keyword.Tokens.Length > 0 && keyword.Tokens.All(asked.Tokens.Contains))
            {
                // The same meaning in other words: "throwing up" for the keyword "vomiting".
                score += 1;
            }
        }

        if (PlainWords.ContainsPhrase(asked.Stems, finding.TopicStems))
        {
            score += 3;
        }

        foreach (var word in finding.TopicWords)
        {
            if (asked.Tokens.Contains(word))
            {
                score += 1;
            }
        }

        // The finding's text, by concept only ("any weight loss?" finds "he has lost 6 kg"), rarer concepts weighing more.
        foreach (var concept in finding.TextConcepts.Where(asked.Tokens.Contains))
        {
            score += 0.5 * weights[concept];
        }

        return score;
    }

    /// <summary>
    /// A case's findings read once (cases are immutable): sections, systems, keyword and text concepts, and the
    /// weight of each concept: one in every finding says little, one in a single finding much (at most 1, at least 0.25).
    /// </summary>
    private static PreparedCase Prepare(DiagnosticCase diagnosticCase)
    {
        var findings = diagnosticCase.Findings.Select((f, i) => new Finding(f, i)).ToList();
        var weights = findings.SelectMany(f => f.TextConcepts).GroupBy(c => c, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Max(0.25, 1.0 / g.Count()), StringComparer.Ordinal);
        return new PreparedCase(findings, weights);
    }

    /// <summary>A catalog test the question names ("what did the CBC show?"), for pointing the physician at ordering it.</summary>
    private static PricedTest? NamedTest(TestCatalog catalog, string question)
    {
        var words = PlainWords.Words(question);
        for (var length = Math.Min(6, words.Length); length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                if ((length > 1 || !PlainWords.IsStopWord(words[start])) && catalog.Find(string.Join(' ', words, start, length)) is { } test)
                {
                    return test;
                }
            }
        }

        return null;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DiagnosticCase, PreparedCase> Prepared = new();

    private sealed record PreparedCase(IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, double> Weights);

    private sealed record Question(string[] Stems, HashSet<string> Tokens, HashSet<ChartSection> Sections, HashSet<string> Systems);

    private sealed record Keyword(string[] Stems, string[] Tokens);

    /// <summary>A case finding read once per case: its section and systems, keywords, topic and text concepts.</summary>
    private sealed class Finding
    {
        public Finding(CaseFinding source, int index)
        {
            Source = source;
            Index = index;
            (Section, Systems) = ClinicalVocabulary.Classify(source.Topic);
            Keywords = source.Keywords.Select(k => new Keyword(ClinicalVocabulary.Stems(k), ClinicalVocabulary.Tokens(k))).ToList();
            KeywordTokens = Keywords.SelectMany(k => k.Tokens).ToHashSet(StringComparer.Ordinal);
            TopicStems = ClinicalVocabulary.Stems(source.Topic);
            TopicWords = ClinicalVocabulary.Tokens(source.Topic).Where(w => !GenericTopicWords.Contains(w)).Distinct(StringComparer.Ordinal).ToList();
            TextConcepts = ClinicalVocabulary.Tokens(source.Text).Where(ClinicalVocabulary.IsConcept).ToHashSet(StringComparer.Ordinal);
        }

        public CaseFinding Source { get; }

        public int Index { get; }

        public ChartSection Section { get; }

        public IReadOnlyCollection<string> Systems { get; }

        public IReadOnlyList<Keyword> Keywords { get; }

        public HashSet<string> KeywordTokens { get; }

        public string[] TopicStems { get; }

        public IReadOnlyList<string> TopicWords { get; }

        public HashSet<string> TextConcepts { get; }
    }
}
