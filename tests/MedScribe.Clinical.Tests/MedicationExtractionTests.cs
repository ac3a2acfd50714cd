namespace MedScribe.Clinical.Tests;

public sealed class MedicationExtractionTests
{
    [Fact]
    public void A_new_prescription_is_started_with_dose_frequency_and_route()
    {
        var facts = Consult.Facts("D: I'm prescribing amoxicillin liquid, five hundred forty milligrams by mouth twice a day for ten days.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("amoxicillin", "540 mg", "twice daily", "oral", "start"), (m.Name, m.Dosage, m.Frequency, m.Route, m.Action));
        Assert.Equal(0, Assert.Single(m.Evidence).Utterance);
    }

    [Fact]
    public void Brand_names_become_generic_names()
    {
        var facts = Consult.Facts(
            "P: I've been giving him children's Tylenol, five milliliters, every six hours.",
            "D: Let's add Zoloft, fifty milligrams once a day.",
            "D: Stop the Lipitor.");

        Assert.Equal(["acetaminophen", "sertraline", "atorvastatin"], facts.Medications.Select(m => m.Name));
        Assert.Equal(["continue", "start", "stop"], facts.Medications.Select(m => m.Action));
    }

    [Fact]
    public void An_increase_takes_the_new_dose_said_after_to_even_for_it()
    {
        var facts = Consult.Facts(
            "D: You're on metformin, five hundred milligrams twice a day.",
            "P: Yes.",
            "D: Since you're tolerating metformin well, I'd like to increase it to one thousand milligrams by mouth twice a day.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("increase", "1000 mg", "twice daily", "oral"), (m.Action, m.Dosage, m.Frequency, m.Route));
        Assert.Equal([0, 2], m.Evidence.Select(e => e.Utterance));
    }

    [Theory]
    [InlineData("D: Let's decrease the lisinopril to five milligrams once a day.", "decrease", "5 mg")]
    [InlineData("D: Hold the lisinopril until your kidney function recovers.", "hold", "10 mg")]
    [InlineData("D: Please stop the lisinopril.", "stop", "10 mg")]
    [InlineData("D: Continue your lisinopril as before.", "continue", "10 mg")]
    public void The_clinicians_decision_is_the_action_and_a_stopped_drug_keeps_its_dose(string decision, string action, string dose)
    {
        var facts = Consult.Facts("P: I take lisinopril, ten milligrams every morning.", decision);

        var m = Assert.Single(facts.Medications);
        Assert.Equal((action, dose), (m.Action, m.Dosage));
    }

    [Fact]
    public void A_list_of_drugs_shares_the_verb_said_before_it()
    {
        var facts = Consult.Facts("D: Keep taking lisinopril, ten milligrams by mouth once a day, and atorvastatin, twenty milligrams by mouth every night.");

        Assert.Equal([("lisinopril", "continue", "once daily"), ("atorvastatin", "continue", "every night")],
            facts.Medications.Select(m => (m.Name, m.Action, m.Frequency)));
    }

    [Fact]
    public void A_drug_named_only_in_a_question_or_denied_is_not_a_medication()
    {
        var facts = Consult.Facts(
            "D: Have you ever taken warfarin?",
            "P: No, never.",
            "P: I'm not taking the ibuprofen anymore.",
            "D: Apixaban protects against clots much better than aspirin.");

        Assert.Empty(facts.Medications);
    }

    [Fact]
    public void Dosing_said_in_the_next_sentence_belongs_to_the_drug_just_named()
    {
        var facts = Consult.Facts(
            "P: Ibuprofen. I've been taking two of the two hundred milligram tablets, so four hundred milligrams, about three times a day.",
            "D: Stop the ibuprofen.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("stop", "400 mg", "three times daily"), (m.Action, m.Dosage, m.Frequency));
    }
}
