using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Judging;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Diagnostics.Tests;

public sealed class JudgeTests
{
    private static readonly CaseLibrary Library = CaseLibrary.Embedded(TestCatalog.Default);

    [Theory]
    [InlineData("01-acute-appendicitis", "Acute appendicitis", 5)]
    [InlineData("01-acute-appendicitis", "Based on the symptoms, I think this is appendicitis.", 5)]
    [InlineData("01-acute-appendicitis", "appendicitis or mesenteric adenitis", 3)]
    [InlineData("01-acute-appendicitis", "not appendicitis; viral gastroenteritis", 2)]
    [InlineData("01-acute-appendicitis", "Mesenteric adenitis", 2)]
    [InlineData("01-acute-appendicitis", "pneumonia", 1)]
    [InlineData("02-diabetic-ketoacidosis", "DKA from new type 1 diabetes", 5)]
    [InlineData("03-pulmonary-embolism", "Pulmonary embolism", 5)]
    [InlineData("03-pulmonary-embolism", "embolism", 3)]
    public void The_judge_scores_against_the_diagnosis_and_synonyms(string caseId, string answer, int score)
    {
        var judgement = RuleJudge.Judge(Library.Find(caseId)!, answer);
        Assert.Equal(score, judgement.Score);
        Assert.Equal(score >= 4, judgement.Correct);
        Assert.False(string.IsNullOrEmpty(judgement.Rationale));
    }

    [Fact]
    public void Every_case_diagnosis_and_synonym_is_judged_correct()
    {
        foreach (var c in Library.Cases)
        {
            foreach (var accepted in c.AcceptedDiagnoses)
            {
                Assert.Equal(5, RuleJudge.Judge(c, accepted).Score);
            }

            foreach (var wrong in c.Differential)
            {
                Assert.False(RuleJudge.Judge(c, wrong).Correct, $"{c.Id}: '{wrong}' judged correct");
            }
        }
    }
}
