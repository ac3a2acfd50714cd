using MedScribe.Clinical.Extraction;

namespace MedScribe.Clinical.Tests;

public sealed class FindingExtractionTests
{
    [Theory]
    [InlineData("P: I have no chest pain.")]
    [InlineData("P: She denies chest pain.")]
    [InlineData("P: I've never had any chest pain with it.")]
    [InlineData("P: No fever, no chest pain, and my legs are fine.")]
    public void A_denied_finding_is_negated(string line)
    {
        var facts = Consult.Facts(line);
        var chest = Assert.Single(facts.Findings, f => f.Name == "chest pain");
        Assert.False(chest.Present);
        Assert.DoesNotContain("chest pain", facts.History.AssociatedSymptoms);
        Assert.Contains("chest pain", facts.History.PertinentNegatives);
    }

    [Fact]
    public void A_no_answer_denies_what_the_question_listed_and_an_answer_that_does_not_say_no_leaves_the_rest_unknown()
    {
        var facts = Consult.Facts(
            "D: When it happens, do you get short of breath, sweaty, sick to your stomach, or lightheaded?",
            "P: I get a little winded. No sweating, no nausea.",
            "D: Any racing heartbeat, or swelling in your ankles?",
            "P: No, and my ankles are fine.");

        Assert.Contains(facts.Findings, f => f.Name == "shortness of breath" && f.Present);
        Assert.Equal(["ankle swelling", "nausea", "palpitations", "sweating"], facts.History.PertinentNegatives.Order());
    }

    [Fact]
    public void Uncertain_and_hypothetical_findings_are_not_reported_as_present()
    {
        var facts = Consult.Facts(
            "P: I'm not sure if I had a fever.",
            "D: If you get chest pain, call nine one one.");

        Assert.DoesNotContain(facts.Findings, f => f.Present);
    }

    [Fact]
    public void Allergies_come_with_their_reaction_and_a_plain_no_is_nkda()
    {
        var allergic = Consult.Facts(
            "D: Any allergies to medications?",
            "P: Once they gave me a sulfa antibiotic, and I broke out in hives all over. So I'm allergic to sulfa drugs.",
            "D: I'll make sure your sulfa allergy, with hives, is in your chart.");
        var allergy = Assert.Single(allergic.Allergies);
        Assert.Equal(("sulfa drugs", "hives"), (allergy.Substance, allergy.Reaction));
        Assert.Equal([1, 2], allergy.Evidence.Select(e => e.Utterance));

        var none = Consult.Facts("D: Any allergies to medicines?", "P: No, none.");
        Assert.Equal(AllergyExtractor.Nkda, Assert.Single(none.Allergies).Substance);

        var severe = Consult.Facts("P: I'm allergic to penicillin. My throat was closing and I needed an EpiPen.");
        Assert.Equal(("penicillin", "throat swelling", "severe"), (severe.Allergies[0].Substance, severe.Allergies[0].Reaction, severe.Allergies[0].Severity));
    }
    [Theory]
    // A recogniser lost the "No"; the patient says the clinician's word back; a word of a problem's name.
    [InlineData("D: Any chest pain or pressure with it", "P: They're chest pain", "chest pain", false)]
    [InlineData("D: It raises the risk of a stroke.", "P: The stroke that's scary", "stroke", null)]
    [InlineData("D: Any chest pain?", "P: Chest pain, yes, when I climb stairs.", "chest pain", true)]
    public void A_finding_said_back_without_a_yes_is_no_report_of_it(string asked, string answer, string finding, bool? present)
    {
        var facts = Consult.Facts(asked, answer, "D: Okay.").Findings.Where(f => f.Name == finding && !f.ByClinician).ToList();
        Assert.Equal(present, facts.Count == 0 ? null : facts[^1].Present);
    }

    [Fact]
    public void A_word_of_a_problems_name_is_no_symptom()
    {
        Assert.DoesNotContain(Consult.Facts("P: The jock itch cleared up with the cream.", "D: Good.").Findings, f => f.Name == "itching");
    }

    [Fact]
    public void A_symptom_word_followed_by_a_dose_is_a_misheard_drug_name()
    {
        var facts = Consult.Facts("P: Metformin twice a day, less itching one hundred milligrams every morning.", "D: Any cough?", "P: No cough.");

        Assert.DoesNotContain(facts.Findings, f => f.Name == "itching");
    }

    [Fact]
    public void What_follows_a_no_that_answered_the_question_is_there()
    {
        var facts = Consult.Facts("D: Any fever or chills?", "P: No, just the cough and my throat is sore.");

        Assert.Contains(facts.Findings, f => f.Name == "cough" && f.Present);
        Assert.DoesNotContain("cough", facts.History.PertinentNegatives);
        Assert.Contains("fever", facts.History.PertinentNegatives);
    }
}
