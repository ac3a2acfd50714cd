using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Gatekeeping;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Diagnostics.Tests;

public sealed class GatekeeperTests
{
    private static readonly CaseLibrary Library = CaseLibrary.Embedded(TestCatalog.Default);
    private static readonly DiagnosticCase Appendicitis = Library.Find("01-acute-appendicitis")!;

    [Fact]
    public void A_question_reveals_the_findings_it_asks_about_by_keyword_not_by_literal_substring()
    {
        var answer = RuleGatekeeper.Answer(Appendicitis, "Has he been vomiting?");
        Assert.Contains("vomited twice", answer);
        Assert.DoesNotContain("McBurney", answer);

        var exam = RuleGatekeeper.Answer(Appendicitis, "I examine the abdomen: is there any guarding or rebound?");
        Assert.Contains("McBurney", exam);
        Assert.DoesNotContain("vomited", exam);

        var allergies = RuleGatekeeper.Answer(Appendicitis, "Is he allergic to anything?");
        Assert.Equal("No known drug allergies.", allergies);
    }

    [Fact]
    public void The_topic_itself_is_a_question()
    {
        var answer = RuleGatekeeper.Answer(Appendicitis, "Family history?");
        Assert.Contains("inflammatory bowel disease", answer);
        var vitals = RuleGatekeeper.Answer(Appendicitis, "What are his vital signs?");
        Assert.Contains("38.1 C", vitals);
    }

    [Fact]
    public void An_unrelated_question_reveals_nothing_and_the_diagnosis_is_never_given()
    {
        Assert.Equal(RuleGatekeeper.NothingFound, RuleGatekeeper.Answer(Appendicitis, "What colour is his car?"));
        Assert.Equal(RuleGatekeeper.DiagnosisRefused, RuleGatekeeper.Answer(Appendicitis, "What is the diagnosis?"));
        Assert.Equal(RuleGatekeeper.DiagnosisRefused, RuleGatekeeper.Answer(Appendicitis, "Just tell me what's wrong with him"));
        foreach (var c in Library.Cases)
        {
            foreach (var finding in c.Findings)
            {
                var answer = RuleGatekeeper.Answer(c, string.Join(' ', finding.Keywords) + " " + finding.Topic);
                foreach (var accepted in c.AcceptedDiagnoses)
                {
                    Assert.DoesNotMatch($@"(?i)\b{System.Text.RegularExpressions.Regex.Escape(accepted)}\b", answer);
                }
            }
        }
    }

    [Fact]
    public void Ordinary_questions_reach_their_sections_without_the_cases_keywords()
    {
        var onset = RuleGatekeeper.Answer(Appendicitis, "Tell me about the main symptom: when did it start and how has it changed?");
        Assert.Contains("began about 20 hours ago", onset);
        Assert.DoesNotContain("McBurney", onset);

        Assert.Equal("Previously healthy. No previous surgeries or hospital admissions.", RuleGatekeeper.Answer(Appendicitis, "PMH?"));
        Assert.Contains("ibuprofen", RuleGatekeeper.Answer(Appendicitis, "meds?"));
        Assert.Contains("vomited twice", RuleGatekeeper.Answer(Appendicitis, "Any throwing up?"));
        Assert.Contains("burning with urination", RuleGatekeeper.Answer(Appendicitis, "Any trouble peeing?"));
        Assert.Contains("38.1 C", RuleGatekeeper.Answer(Appendicitis, "Temp and BP?"));

        var gca = Library.Find("04-giant-cell-arteritis")!;
        Assert.Contains("temple", RuleGatekeeper.Answer(gca, "What is the chief complaint?"));
    }

    [Fact]
    public void The_examination_asked_for_whole_gives_the_general_findings_and_names_the_other_systems()
    {
        var exam = RuleGatekeeper.Answer(Appendicitis, "What did the physical examination show?");
        Assert.StartsWith("Uncomfortable young man", exam);
        Assert.Contains("The examination also covers: abdomen, special signs, genitourinary.", exam);
        Assert.DoesNotContain("McBurney", exam);

        // A named system, in the case's words or others, reveals that system.
        Assert.Contains("McBurney", RuleGatekeeper.Answer(Appendicitis, "Examine the belly"));
        Assert.Contains("cremasteric", RuleGatekeeper.Answer(Appendicitis, "Examine the testicles"));
    }

    [Fact]
    public void A_question_about_a_test_points_at_ordering_it_and_never_gives_its_result()
    {
        var answer = RuleGatekeeper.Answer(Appendicitis, "What did the CT scan of the abdomen and pelvis with contrast show?", TestCatalog.Default);
        Assert.DoesNotContain("appendicolith", answer);
        var cbc = RuleGatekeeper.Answer(Appendicitis, "What was the CBC?", TestCatalog.Default);
        Assert.Equal("Results come from ordering: send the complete blood count as a TEST to see it ($9).", cbc);
        Assert.Equal(RuleGatekeeper.NothingFound, RuleGatekeeper.Answer(Appendicitis, "What was the CBC?"));
    }

    [Fact]
    public void No_ordinary_question_on_any_case_reveals_its_diagnosis_or_a_test_result()
    {
        string[] questions =
        [
            "Tell me about the main symptom", "What did the examination show?", "Any past medical history?", "Family history?",
            "Social history?", "Vitals?", "What do you think this is?", "Any other symptoms?", "What did the tests show?",
        ];
        foreach (var c in Library.Cases)
        {
            foreach (var question in questions)
            {
                var answer = RuleGatekeeper.Answer(c, question, Library.Catalog);
                foreach (var accepted in c.AcceptedDiagnoses)
                {
                    Assert.DoesNotMatch($@"(?i)\b{System.Text.RegularExpressions.Regex.Escape(accepted)}\b", answer);
                }

                Assert.All(c.TestResults.Values.Where(r => r.Length > 20), result => Assert.DoesNotContain(result, answer));
            }
        }
    }

    [Fact]
    public void At_most_three_findings_are_revealed_at_once()
    {
        var everything = string.Join(' ', Appendicitis.Findings.SelectMany(f => f.Keywords));
        var answer = RuleGatekeeper.Answer(Appendicitis, everything);
        var revealed = Appendicitis.Findings.Count(f => answer.Contains(f.Text, StringComparison.Ordinal));
        Assert.InRange(revealed, 1, RuleGatekeeper.MaxFindingsPerAnswer);
    }

    [Fact]
    public void A_scripted_test_returns_the_case_result_and_another_a_marked_synthetic_normal()
    {
        var ct = TestCatalog.Default.Find("ct abdomen and pelvis with contrast")!;
        Assert.Contains("appendicolith", TestResults.Report(Library, Appendicitis, ct));
        Assert.DoesNotContain(TestResults.SyntheticMarker, TestResults.Report(Library, Appendicitis, ct));
        var tsh = TestCatalog.Default.Find("tsh")!;
        var synthetic = TestResults.Report(Library, Appendicitis, tsh);
        Assert.StartsWith("Thyroid stimulating hormone: within normal limits.", synthetic);
        Assert.Contains(TestResults.SyntheticMarker, synthetic);
    }

    [Fact]
    public void Redaction_removes_the_diagnosis_and_its_synonyms_in_any_case()
    {
        Assert.Equal("Findings suggest [withheld] here.", DiagnosisRedaction.Apply(Appendicitis, "Findings suggest ACUTE APPENDICITIS here."));
    }
}
