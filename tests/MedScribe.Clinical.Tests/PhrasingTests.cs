namespace MedScribe.Clinical.Tests;

/// <summary>
/// The phrasings issue 22 asks the extractor to generalise over, each in sentences written for this test (none is
/// a consult's sentence): decisions around the drug, sick-day rules, dose changes, deferrals, allergy answers,
/// conversational vitals, ICD-10 specificity.
/// </summary>
public sealed class PhrasingTests
{
    [Theory]
    [InlineData("D: Let's bump the lisinopril up to twenty milligrams once a day.", "increase", "20 mg")]
    [InlineData("D: We should cut the prednisone in half, to ten milligrams every morning.", "decrease", "10 mg")]
    [InlineData("D: The atorvastatin stays at forty milligrams at night.", "continue", "40 mg")]
    [InlineData("D: For the gabapentin, let's start tapering, three hundred milligrams at night for a week.", "decrease", "300 mg")]
    [InlineData("D: Go ahead and come off the ibuprofen.", "stop", null)]
    [InlineData("D: I'd like you to take cetirizine, ten milligrams every day.", "start", "10 mg")]
    public void A_decision_is_read_wherever_the_verb_stands(string line, string action, string? dosage)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((action, dosage), (m.Action, m.Dosage));
    }

    [Fact]
    public void A_sick_day_rule_is_not_todays_decision()
    {
        var facts = Consult.Facts(
            "P: I take metformin, five hundred milligrams twice a day.",
            "D: Keep taking the metformin. If you are vomiting and can't eat, hold the metformin and call me.");

        Assert.Equal("continue", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_new_dose_of_a_drug_already_taken_is_an_increase_and_vitamins_are_dosed_in_IU()
    {
        var facts = Consult.Facts(
            "D: What do you take at home?",
            "P: Vitamin D, one thousand units a day.",
            "D: Switch to cholecalciferol, four thousand units once a day.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("cholecalciferol", "increase", "4000 IU"), (m.Name, m.Action, m.Dosage));
    }

    [Fact]
    public void A_swap_stops_one_drug_and_starts_the_other()
    {
        var facts = Consult.Facts("D: We'll swap the sertraline for escitalopram, ten milligrams once a day.");

        Assert.Equal([("sertraline", "stop"), ("escitalopram", "start")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Fact]
    public void A_drug_only_considered_is_not_reported()
    {
        var facts = Consult.Facts(
            "D: There's also a newer medicine called semaglutide. I'd rather not add it today; we can revisit it in the spring.",
            "D: I'm starting metformin, five hundred milligrams twice a day.");

        Assert.Equal(["metformin"], facts.Medications.Select(m => m.Name));
    }

    [Fact]
    public void The_allergen_that_answers_the_allergy_question_is_an_allergy_and_not_a_medicine()
    {
        var facts = Consult.Facts(
            "D: Any allergies to medicines?",
            "P: Penicillin. I got hives all over.",
            "P: And shellfish gives me a rash, too.");

        Assert.Equal(["penicillin", "shellfish"], facts.Allergies.Select(a => a.Substance).Order());
        Assert.Equal("hives", facts.Allergies.Single(a => a.Substance == "penicillin").Reaction);
        Assert.Empty(facts.Medications);
    }

    [Fact]
    public void Vitals_are_read_with_verbs_between_name_and_number_before_the_name_or_without_it()
    {
        var facts = Consult.Facts(
            "D: Oxygen's sitting at ninety six percent, the pulse is running about eighty eight, and the scale has you at eighty two kilos.",
            "D: One twenty eight over seventy eight for the blood pressure, and no fever, ninety eight point four.");

        var vitals = facts.Vitals.ToDictionary(v => v.Kind, v => v.Text);
        Assert.Equal("96%", vitals["spo2"]);
        Assert.Equal("88 bpm", vitals["heart_rate"]);
        Assert.Equal("82 kg", vitals["weight"]);
        Assert.Equal("128/78", vitals["blood_pressure"]);
        Assert.Equal("98.4 °F", vitals["temperature"]);
    }

    [Fact]
    public void A_weight_change_is_not_a_weight()
    {
        var facts = Consult.Facts("D: You've lost about four kilos since the spring, which is good.");

        Assert.DoesNotContain(facts.Vitals, v => v.Kind == "weight");
    }

    [Theory]
    [InlineData("D: You have heart failure with reduced ejection fraction, and this is an acute on chronic flare.", "I50.23")]
    [InlineData("D: You have heart failure with preserved ejection fraction; it's chronic and stable.", "I50.32")]
    [InlineData("D: These sound like migraines without aura.", "G43.009")]
    [InlineData("D: What you describe is migraine with aura.", "G43.109")]
    [InlineData("D: This is a COPD exacerbation, probably from the cold.", "J44.1")]
    [InlineData("D: You have osteoarthritis of the knee, worse in the right knee.", "M17.11")]
    public void Problems_are_coded_as_specifically_as_they_were_said(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void Hypertension_and_diabetes_with_chronic_kidney_disease_take_the_combination_codes()
    {
        var facts = Consult.Facts("D: You have type two diabetes, high blood pressure, and chronic kidney disease, stage four.");

        Assert.Equal(["E11.22", "I12.9", "N18.4"], facts.Problems.Select(p => p.Code).Order());
    }

    [Fact]
    public void A_problem_the_patient_says_has_cleared_up_is_resolved()
    {
        var facts = Consult.Facts("D: And the foot rash?", "P: The athlete's foot? That cleared up last month with the cream.");

        var p = Assert.Single(facts.Problems);
        Assert.Equal(("B35.3", "resolved"), (p.Code, p.Status));
    }

    [Fact]
    public void A_return_visit_is_read_from_have_you_back()
    {
        Assert.Equal("6 weeks", Consult.Facts("D: Let's have you back in six weeks.").FollowUp?.Interval);
    }
}
