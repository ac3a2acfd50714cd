using MedScribe.Clinical.Templates;

namespace MedScribe.Clinical.Tests;

/// <summary>What the visit decided not to do reaches the plan, and is not ordered.</summary>
public sealed class NotDoneTests
{
    [Fact]
    public void A_test_the_patient_asked_about_and_the_clinician_put_off_is_deferred()
    {
        var facts = Consult.Facts(
            "P: Shouldn't I get an MRI of my knee?",
            "D: Not yet. Let's see how six weeks of physical therapy go first.");
        Assert.Equal(["MRI knee deferred."], facts.NotDone.Select(n => n.Text));
        Assert.DoesNotContain(facts.Orders, o => o.Name.StartsWith("MRI", StringComparison.Ordinal));
    }

    [Fact]
    public void A_drug_the_clinician_puts_off_is_deferred_and_a_drug_the_patient_takes_is_held()
    {
        var deferred = Consult.Facts(
            "D: If the headaches keep coming back we'll talk about topiramate, but not today.",
            "D: And let's hold off on the sumatriptan for now.",
            "P: Okay.");
        var held = Consult.Facts(
            "P: I take warfarin five milligrams a day.",
            "D: Let's hold off on the warfarin for now, until after the procedure.");

        Assert.Equal(["Topiramate deferred.", "Sumatriptan deferred."], deferred.NotDone.Select(n => n.Text));
        Assert.Empty(deferred.Medications);
        Assert.Equal("hold", Assert.Single(held.Medications).Action);
        Assert.Empty(held.NotDone);
    }

    [Fact]
    public void A_drug_offered_and_declined_is_not_started()
    {
        var facts = Consult.Facts(
            "D: I can start you on varenicline, half a milligram once a day, if you're ready to quit.",
            "P: Not yet, maybe after the holidays.",
            "D: Okay, we'll revisit it next time.");

        Assert.Empty(facts.Medications);
        Assert.Equal("Varenicline declined by the patient; to revisit at the next visit.", Assert.Single(facts.NotDone).Text);
    }

    [Fact]
    public void Not_yet_said_to_a_plan_that_offered_no_choice_declines_nothing()
    {
        var facts = Consult.Facts(
            "D: Third, I'm starting nitroglycerin, zero point four milligrams under the tongue as needed for chest pain. That's the plan so far",
            "P: Not yet. Do I need more tests?");

        Assert.Equal("start", Assert.Single(facts.Medications).Action);
        Assert.Empty(facts.NotDone);
    }

    [Fact]
    public void A_vaccine_offered_and_refused_is_declined_not_ordered_and_the_plan_says_so()
    {
        var facts = Consult.Facts(
            "D: You're also due for the pneumonia vaccine, and I can give it today.",
            "P: No thanks, not today. Maybe next year.",
            "D: That's okay, we'll revisit it at your next appointment.");
        var line = Assert.Single(facts.NotDone);
        Assert.Equal("Pneumococcal vaccine declined by the patient today; to revisit at the next visit.", line.Text);
        Assert.DoesNotContain(facts.Orders, o => o.Name == "pneumococcal vaccine");
        Assert.Contains(line.Text, TemplateRenderer.SoapPlan(facts));
    }

    [Fact]
    public void A_drug_asked_for_and_refused_is_not_prescribed_and_the_drug_it_is_compared_with_is_not_the_one_asked_for()
    {
        var facts = Consult.Facts(
            "P: Can I get something stronger than ibuprofen? Maybe oxycodone?",
            "D: I'd rather we avoid opioids for a sprain. Ice and the naproxen should do it.");
        Assert.Equal(["Oxycodone not prescribed."], facts.NotDone.Select(n => n.Text));
    }

    [Fact]
    public void Tests_the_clinician_says_are_not_needed_are_one_line()
    {
        var facts = Consult.Facts("D: Your neck exam is reassuring, so you don't need a CT scan or an x-ray at this point.");
        Assert.Equal(["Imaging (CT scan, x-ray) not needed at this stage."], facts.NotDone.Select(n => n.Text));
    }

    [Fact]
    public void A_test_granted_or_ordered_is_not_a_decision_against_it()
    {
        var facts = Consult.Facts(
            "P: Do I need blood work?",
            "D: Yes, let's do a blood count today.",
            "P: And an x-ray of the knee?",
            "D: Good question. We'll get one today, no problem.",
            "D: If the cough lasts another month, you'll need a chest x-ray.");
        Assert.Empty(facts.NotDone);
    }
}
