using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Gatekeeping;
using MedScribe.Diagnostics.Judging;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Bench;

/// <summary>
/// Every case of the library played with one fixed list of ordinary questions, written once for all cases
/// (never per case): questions answered, findings revealed, the case's scripted tests ordered by their own
/// names, the diagnosis never leaked, and the judge's scores for the diagnosis and for each differential.
/// The cases the gatekeeper's rules were written against and the others are reported apart.
/// </summary>
public static class Dx0CasesBenchmark
{
    /// <summary>The cases read while writing the gatekeeper's vocabulary; every other case is unseen.</summary>
    public static readonly string[] RulesWrittenAgainst =
    [
        "01-acute-appendicitis", "02-diabetic-ketoacidosis", "03-pulmonary-embolism", "04-giant-cell-arteritis",
        "05-primary-adrenal-insufficiency", "06-infective-endocarditis",
    ];

    /// <summary>What a physician asks on any case, in the order one would, with the chart section a right answer comes from.</summary>
    public static readonly (string Question, ChartSection? Section)[] OrdinaryQuestions =
    [
        ("Tell me about the main symptom: when did it start and how has it changed?", ChartSection.PresentIllness),
        ("Any other symptoms?", ChartSection.ReviewOfSystems),
        ("Any past medical history?", ChartSection.PastHistory),
        ("What medications does the patient take?", ChartSection.Medications),
        ("Any allergies?", ChartSection.Allergies),
        ("Social history: smoking, alcohol, drugs, work, travel?", ChartSection.SocialHistory),
        ("Any family history?", ChartSection.FamilyHistory),
        ("What are the vital signs?", ChartSection.VitalSigns),
        ("What did the physical examination show?", ChartSection.Examination),
        ("How does the patient look in general?", ChartSection.Examination),
        ("Any fever, chills or night sweats?", null),
        ("Any weight loss or change in appetite?", null),
        ("Any nausea, vomiting or change in bowel habits?", null),
        ("Any problems passing urine?", null),
        ("Any shortness of breath, cough or chest pain?", null),
        ("Any headache, vision changes, weakness or numbness?", null),
        ("Any rash or skin changes?", null),
        ("Any joint or muscle pain?", null),
        ("Examine the heart and lungs.", ChartSection.Examination),
        ("Examine the abdomen.", ChartSection.Examination),
        ("Neurological examination?", ChartSection.Examination),
        ("Any recent travel, sick contacts or exposures?", null),
        ("PMH? Meds?", ChartSection.PastHistory),
        ("Is the patient SOB?", null),
    ];

    public static void Run()
    {
        var library = CaseLibrary.Embedded(TestCatalog.Default);
        var rows = library.Cases.Select(c => Play(c, library.Catalog)).ToList();
        Report("Cases the gatekeeper's rules were written against", rows.Where(r => RulesWrittenAgainst.Contains(r.Id)).ToList());
        Console.WriteLine();
        Report("Cases no rule was written against", rows.Where(r => !RulesWrittenAgainst.Contains(r.Id)).ToList());
    }

    private static CaseRow Play(DiagnosticCase c, TestCatalog catalog)
    {
        var answers = OrdinaryQuestions.Select(q => RuleGatekeeper.Answer(c, q.Question, catalog)).ToList();
        // A section question is answered from its section when the case has that section.
        var sectionQuestions = OrdinaryQuestions.Select((q, i) => (q.Section, Answer: answers[i]))
            .Where(q => q.Section is { } s && c.Findings.Any(f => ClinicalVocabulary.Classify(f.Topic).Section == s))
            .ToList();
        var fromSection = sectionQuestions.Count(q => c.Findings.Any(f =>
            ClinicalVocabulary.Classify(f.Topic).Section == q.Section && q.Answer.Contains(f.Text, StringComparison.Ordinal)));
        var answered = answers.Count(a => a != RuleGatekeeper.NothingFound && a != RuleGatekeeper.DiagnosisRefused);
        var revealed = c.Findings.Count(f => answers.Any(a => a.Contains(f.Text, StringComparison.Ordinal)));
        var leaks = answers.Count(a => c.AcceptedDiagnoses.Any(d => System.Text.RegularExpressions.Regex.IsMatch(a, $@"(?i)\b{System.Text.RegularExpressions.Regex.Escape(d)}\b")));
        var orderable = c.TestResults.Keys.Count(name => catalog.Lookup($"order a {name} please").Tests is [{ } t] && t == catalog.Find(name));
        foreach (var name in c.TestResults.Keys.Where(name => !(catalog.Lookup($"order a {name} please").Tests is [{ } t] && t == catalog.Find(name))))
        {
            Console.Error.WriteLine($"{c.Id}: 'order a {name} please' does not order {catalog.Find(name)?.Name ?? "(unknown)"}");
        }

        var diagnosis = RuleJudge.Judge(c, c.Diagnosis).Score;
        var synonyms = c.DiagnosisSynonyms.Select(s => RuleJudge.Judge(c, s).Score).ToList();
        var differential = c.Differential.Select(d => RuleJudge.Judge(c, d).Score).ToList();
        return new CaseRow(c.Id, answered, fromSection, sectionQuestions.Count, revealed, c.Findings.Count, orderable, c.TestResults.Count, leaks, diagnosis, synonyms, differential);
    }

    private static void Report(string title, IReadOnlyList<CaseRow> rows)
    {
        Console.WriteLine($"{title} ({rows.Count}), {OrdinaryQuestions.Length} ordinary questions each:");
        Console.WriteLine("| case | questions answered | section questions answered from their section | findings revealed | scripted tests orderable | diagnosis leaked | judge: diagnosis / synonyms (min) | judge: differentials |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine($"| {r.Id} | {r.Answered}/{OrdinaryQuestions.Length} | {r.FromSection}/{r.SectionQuestions} | {r.Revealed}/{r.Findings} | {r.Orderable}/{r.Tests} | {r.Leaks} | {r.Diagnosis} / {(r.Synonyms.Count > 0 ? r.Synonyms.Min() : r.Diagnosis)} | {string.Join(" ", r.Differential)} |");
        }

        if (rows.Count == 0)
        {
            return;
        }

        var differentials = rows.SelectMany(r => r.Differential).ToList();
        Console.WriteLine(
            $"| **all** | {rows.Sum(r => r.Answered)}/{rows.Count * OrdinaryQuestions.Length} ({(double)rows.Sum(r => r.Answered) / (rows.Count * OrdinaryQuestions.Length):P0}) " +
            $"| {rows.Sum(r => r.FromSection)}/{rows.Sum(r => r.SectionQuestions)} ({(double)rows.Sum(r => r.FromSection) / rows.Sum(r => r.SectionQuestions):P0}) " +
            $"| {rows.Sum(r => r.Revealed)}/{rows.Sum(r => r.Findings)} ({(double)rows.Sum(r => r.Revealed) / rows.Sum(r => r.Findings):P0}) " +
            $"| {rows.Sum(r => r.Orderable)}/{rows.Sum(r => r.Tests)} | {rows.Sum(r => r.Leaks)} " +
            $"| {rows.Count(r => r.Diagnosis >= Judgement.CorrectFrom)}/{rows.Count} correct, synonyms {rows.Sum(r => r.Synonyms.Count(s => s >= Judgement.CorrectFrom))}/{rows.Sum(r => r.Synonyms.Count)} " +
            $"| {differentials.Count(d => d >= Judgement.CorrectFrom)}/{differentials.Count} judged correct, mean {differentials.DefaultIfEmpty().Average():F1} |");
    }

    private sealed record CaseRow(
        string Id, int Answered, int FromSection, int SectionQuestions, int Revealed, int Findings, int Orderable, int Tests, int Leaks, int Diagnosis,
        IReadOnlyList<int> Synonyms, IReadOnlyList<int> Differential);
}
