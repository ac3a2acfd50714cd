using MedScribe.Clinical.Templates;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Tests;

/// <summary>Notes written as notes (issue 22): shorthand built from what was said, the transcript kept as evidence only.</summary>
public sealed class NoteTests
{
    private static readonly string[] Visit =
    [
        "D: What brings you in today?",
        "P: I've had a cough for about two weeks, and I get short of breath on the stairs. No fever.",
        "D: Any allergies to medications?",
        "P: No.",
        "D: Your blood pressure is one thirty over eighty, and your oxygen level is ninety six percent.",
        "D: Your lungs have some wheezing on both sides, and the heart sounds are normal.",
        "D: This looks like acute bronchitis. I'm starting albuterol, two puffs inhaled every four hours as needed.",
        "D: So go ahead and use it before you climb the stairs, and call me if you are getting worse after three days.",
        "D: I'm also ordering a chest x-ray. I'll see you back in two weeks.",
    ];

    [Theory]
    [InlineData("So, go ahead and take it with food, and call me if the rash comes back.", "amoxicillin", "Take amoxicillin with food, and call clinic if rash comes back.")]
    [InlineData("I want you to check your blood pressure every morning for two weeks.", null, "Check blood pressure every morning for 2 weeks.")]
    [InlineData("Your lungs are clear and the heart is regular.", null, "Lungs clear and heart regular.")]
    [InlineData("If it gets worse, call nine one one.", null, "If it gets worse, call 911.")]
    [InlineData("If you ever have thoughts of hurting yourself, call nine eight eight.", null, "If thoughts of hurting yourself, call 988.")]
    [InlineData("Until you pick them up, take one tablet a day.", null, "Until you pick them up, take 1 tablet daily.")]
    [InlineData("Walk for thirty minutes once a day, and call me if it isn't better in a week.", null, "Walk for 30 minutes once daily, and call clinic if it isn't better in 1 week.")]
    [InlineData("Keep using heat, fifteen minutes at a time, and stay as active as you can.", null, "Keep using heat, 15 minutes each time, and stay as active as you can.")]
    [InlineData("You have tenderness over the right lower back.", null, "Tenderness over right lower back.")]
    [InlineData("You have to take it with food.", "naproxen", "Have to take naproxen with food.")]
    [InlineData("Strength is five out of five in both legs.", null, "Strength 5 out of 5 in both legs.")]
    [InlineData("Limit the Advil to no more than three days a week.", null, "Limit Advil to no more than 3 days per week.")]
    [InlineData("Put as much weight on it as you can tolerate.", "acetaminophen", "Put as much weight on it as you can tolerate.")]
    [InlineData("It can make you drowsy.", "cyclobenzaprine", "Cyclobenzaprine can make drowsy.")]
    public void Spoken_sentences_become_short_note_lines(string spoken, string? referent, string expected)
    {
        Assert.Equal(expected, NoteStyle.Shorthand(spoken, referent));
    }

    [Theory]
    [InlineData("Any heartburn, trouble swallowing, or stomach ulcers?", "No, nothing like that.", "Denies heartburn, trouble swallowing, or stomach ulcers.")]
    [InlineData("And any numbness or weakness in your legs?", "No. My legs feel normal.", "Denies numbness or weakness in legs. Legs feel normal.")]
    [InlineData("Have you had any fevers?", "Yes, on Tuesday night.", "Reports fevers. On Tuesday night.")]
    [InlineData("Do you smoke?", "No.", "Does not smoke.")]
    [InlineData("Have you ever broken a bone as an adult?", "Never.", "Denies having broken a bone as an adult.")]
    [InlineData("Did you hit your head?", "No, I landed on my backside.", "Did not hit head. Landed on backside.")]
    [InlineData("Any fever or weight loss?", "No fever, and my weight's been steady.", "No fever, and weight's been steady.")]
    [InlineData("Any allergies to medicines?", "None that I know of.", "Denies allergies to medicines.")]
    // A yes to a question asked by its verb says the verb of the patient; a medicine asked about is taken or not.
    [InlineData("Do you smoke?", "Yes, about half a pack a day.", "Smokes. About half pack daily.")]
    [InlineData("Does she check her blood pressure at home?", "Yes, she has a machine.", "Checks her blood pressure at home. She has machine.")]
    [InlineData("Did you hit your head?", "Yes.", "Reports hitting head.")]
    [InlineData("Have you ever broken a bone?", "Yes, my wrist.", "Reports having broken a bone. Wrist.")]
    [InlineData("Are you on any daily controller inhaler?", "No, just the albuterol.", "Not taking daily controller inhaler. Albuterol.")]
    [InlineData("Are you still taking the lisinopril?", "Yes, every morning.", "Taking the lisinopril. Every morning.")]
    // What "you" did in a clause of time is said without a subject, as a note says it.
    [InlineData("Any chest pain or racing heart before you fell?", "Nothing like that.", "Denies chest pain or racing heart before falling.")]
    [InlineData("Any pain when you swallow?", "No.", "Denies pain when swallowing.")]
    [InlineData("Any dizziness when you stand up?", "Yes, sometimes.", "Reports dizziness when standing up. Sometimes.")]
    [InlineData("Any wheezing while you're sleeping?", "No.", "Denies wheezing while sleeping.")]
    [InlineData("Any bleeding after you stopped the aspirin?", "No.", "Denies bleeding after stopping the aspirin.")]
    public void A_bare_yes_or_no_to_a_question_that_names_its_topic_is_written_as_a_statement(string question, string answer, string expected)
    {
        Assert.Equal(expected, AnsweredQuestion.Statement(question, answer));
    }

    [Theory]
    // The note would have to guess whom "you" means, what "it" is, or what the answer adds.
    [InlineData("Any pain when you think about it?", "No.")]
    [InlineData("How much do you drink?", "Not much.")]
    [InlineData("Any chest pain?", "Well, sometimes when I climb stairs.")]
    public void A_question_the_note_cannot_restate_or_an_answer_that_is_no_bare_yes_or_no_is_left_as_said(string question, string answer)
    {
        Assert.Null(AnsweredQuestion.Statement(question, answer));
    }

    [Theory]
    [InlineData("D: How much alcohol do you drink?", "P: Two beers most nights.", "Reports: Alcohol, 2 beers most nights.")]
    [InlineData("D: When did you go through menopause?", "P: Around fifty.", "Reports: Menopause, around 50.")]
    [InlineData("D: How much alcohol do you drink?", "P: I drink alcohol on weekends only.", "Reports: Drinks alcohol on weekends only.")]
    public void An_answer_to_a_when_or_how_question_keeps_what_was_asked_about(string question, string answer, string expected)
    {
        Assert.Contains(expected, TemplateRenderer.SoapSubjective(Consult.Facts(question, answer, "D: Okay.")));
    }

    [Theory]
    [InlineData("I take my metformin twice a day, and I usually walk after dinner.", "Takes metformin twice daily, and usually walks after dinner.")]
    [InlineData("I've been fretting all week. I don't smoke.", "Has been fretting all week. Does not smoke.")]
    [InlineData("It's the same height I've always been.", "It's same height always been.")]
    [InlineData("Penicillin makes me wheeze, and the cough wakes me up.", "Penicillin makes the patient wheeze, and cough wakes the patient up.")]
    public void A_patients_report_is_written_in_the_third_person(string spoken, string expected)
    {
        Assert.Equal(expected, NoteStyle.Report(spoken));
    }

    [Theory]
    [InlineData("D: Your diabetes is well controlled, but your asthma is getting worse.", "well controlled", "worsening")]
    [InlineData("D: Your asthma is not stable, and your diabetes is stable.", "stable", null)]
    [InlineData("D: Your diabetes isn't well controlled, and your asthma is improving.", "not well controlled", "improving")]
    public void The_assessment_says_how_each_problem_is_doing_as_the_clinician_said_it(string line, string diabetes, string? asthma)
    {
        var problems = Consult.Facts(line, "P: Okay.").Problems;
        Assert.Equal(diabetes, problems.Single(p => p.Code!.StartsWith("E11", StringComparison.Ordinal)).Course);
        Assert.Equal(asthma, problems.Single(p => p.Code!.StartsWith("J45", StringComparison.Ordinal)).Course);
        Assert.Contains(TemplateRenderer.SoapAssessment(Consult.Facts(line, "P: Okay.")), l => l.Contains($", {diabetes}.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_that_only_names_the_problem_again_is_not_its_support_and_announcing_the_examination_is_not_a_finding()
    {
        var facts = Consult.Facts(
            "D: Let me examine you.",
            "D: Your belly is soft, with mild tenderness just above the pubic bone.",
            "D: This is an acute bladder infection, what we call acute cystitis.");

        Assert.Equal("Acute bladder infection (N30.00, acute cystitis without hematuria), newly diagnosed.", TemplateRenderer.SoapAssessment(facts)[0]);
        Assert.Equal(["Your belly is soft, with mild tenderness just above the pubic bone."], facts.ObjectiveLines.Select(l => l.Text));
    }

    [Fact]
    public void Vital_signs_read_aloud_are_the_vitals_line_and_not_repeated_as_a_finding()
    {
        var facts = Consult.Facts(
            "D: Your pulse is ninety six and your temperature is one hundred point two. Oxygen's at ninety three percent on room air.",
            "D: Blood pressure one eighteen over seventy four. The right eardrum is red and bulging.");

        Assert.Equal(["Oxygen's at 93% on room air.", "The right eardrum is red and bulging."], facts.ObjectiveLines.Select(l => l.Text));
        Assert.StartsWith("Vitals: BP 118/74", TemplateRenderer.SoapObjective(facts)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("D: I'm starting rivaroxaban, Xarelto, 15 milligrams twice a day with food for three weeks, then 20 milligrams once a day with dinner.",
        "Start rivaroxaban 20 mg once daily, after 15 mg twice daily with food for 3 weeks.")]
    [InlineData("D: Take ibuprofen 600 milligrams every 8 hours with food for up to a week.", "Start ibuprofen 600 mg every 8 hours with food for up to 1 week.")]
    [InlineData("D: Take the levothyroxine 75 micrograms every morning on an empty stomach.", "Start levothyroxine 75 mcg every morning on an empty stomach.")]
    [InlineData("D: Stop the ibuprofen with food for now.", "Stop ibuprofen.")]
    public void A_medication_line_keeps_how_to_take_it_for_how_long_and_the_dose_that_follows(string line, string expected)
    {
        Assert.Equal(expected, TemplateRenderer.SoapPlan(Consult.Facts(line, "P: Okay."))[0]);
    }

    [Fact]
    public void A_follow_up_already_said_as_an_instruction_is_one_plan_line()
    {
        var plan = TemplateRenderer.SoapPlan(Consult.Facts("D: Follow up in six weeks, sooner if the rash spreads.", "P: Okay."));

        Assert.Equal(["Follow up in 6 weeks, sooner if rash spreads."], plan);
    }

    [Fact]
    public void The_history_takes_the_onset_of_this_illness_and_leaves_out_blood_pressure_and_an_allergys_reaction()
    {
        var facts = Consult.Facts(
            "D: What brings you in?",
            "P: My elbow is swollen and hot. Started three nights ago. I had the same thing two years ago.",
            "D: What do you take?",
            "P: Amlodipine for my pressure.",
            "D: Any allergies?",
            "P: Penicillin makes me itch.");

        Assert.Equal("3 nights ago", facts.History.Onset);
        Assert.Null(facts.History.Character);
        Assert.DoesNotContain("itching", facts.History.AssociatedSymptoms);
        Assert.Contains("Onset 3 nights ago.", TemplateRenderer.Narrative(facts), StringComparison.Ordinal);
    }

    [Fact]
    public void A_drug_given_during_the_visit_is_a_plan_line_and_a_procedure()
    {
        var facts = Consult.Facts(
            "D: I'm going to give him a shot of ceftriaxone, fifty milligrams per kilogram, here in the office before you leave.",
            "D: If the wheezing comes back, we can give you a nebulizer treatment right now.",
            "P: Okay.");

        Assert.Equal(["Ceftriaxone 50 mg/kg injection given in clinic."], facts.GivenInClinic.Select(g => g.Text));
        Assert.Contains("Ceftriaxone 50 mg/kg injection given in clinic.", TemplateRenderer.SoapPlan(facts));
        Assert.Contains("Ceftriaxone 50 mg/kg injection given in clinic", TemplateRenderer.Render("discharge_summary", facts)["procedures"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void A_rule_for_when_to_hold_a_drug_is_a_plan_line_with_generic_names_and_a_word_for_the_interpreter_is_not()
    {
        var plan = TemplateRenderer.SoapPlan(Consult.Facts(
            "D: Keep the Glucophage, five hundred milligrams twice a day.",
            "D: If he's vomiting and can't keep anything down, he should skip the Glucophage and call us.",
            "D: Please tell him the kidneys are stable.",
            "P: Okay."));

        Assert.Contains("Sick-day rule: if vomiting and can't keep anything down, should skip metformin and call clinic.", plan);
        Assert.Contains(TemplateRenderer.SoapPlan(Consult.Facts("D: If you need the albuterol more than every four hours, go to the emergency room.", "P: Okay.")),
            l => l.StartsWith("Emergency precautions: if you need albuterol", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, l => l.Contains("kidneys", StringComparison.Ordinal));
    }

    [Fact]
    public void What_the_clinician_says_a_drug_is_causing_is_in_the_assessment()
    {
        var facts = Consult.Facts("D: I think the lisinopril is causing the cough. Let's stop it.", "P: Okay.");

        Assert.Contains("Lisinopril causing cough.", TemplateRenderer.SoapAssessment(facts));
    }

    [Fact]
    public void What_the_images_show_is_objective_and_an_image_planned_is_not()
    {
        var facts = Consult.Facts("D: The x-rays show a small fracture of the fifth metatarsal.", "D: You don't need an MRI today.", "P: Okay.");

        Assert.Equal(["The x-rays show a small fracture of the fifth metatarsal."], facts.ObjectiveLines.Select(l => l.Text));
    }

    [Fact]
    public void What_was_counselled_discussed_or_reviewed_is_a_plan_line()
    {
        var plan = TemplateRenderer.SoapPlan(Consult.Facts(
            "D: We talked about cutting back on salt and reading food labels.",
            "D: I also explained that the inhaler works best with a spacer.",
            "D: We discussed the risks and benefits of the surgery.",
            "D: So we went over your lab results.",
            "P: Thanks."));

        Assert.Equal(
            ["Counseled on cutting back on salt and reading food labels.", "Counseled: inhaler works best with spacer.", "Discussed risks and benefits of surgery.", "Reviewed lab results."],
            plan);
    }

    [Fact]
    public void A_work_note_says_what_it_allows()
    {
        var plan = TemplateRenderer.SoapPlan(Consult.Facts("D: I'll write you a note for work for desk duty only, no standing more than an hour at a time, for three weeks.", "P: Thanks."));

        Assert.Contains("Work note: desk duty only, no standing more than 1 hour each time, for 3 weeks.", plan);
    }

    [Fact]
    public void What_will_be_done_is_the_plans_and_a_reply_to_the_plan_is_no_history()
    {
        var facts = Consult.Facts(
            "D: This is an overactive bladder. For the overactive bladder, let's swap the oxybutynin for mirabegron, twenty five milligrams once a day.",
            "D: Fifth, cut the amlodipine in half, to five milligrams once a day, so your pressure doesn't drop when you stand up.",
            "P: That's a lot of changes.");

        Assert.Equal("Overactive bladder (N32.81), newly diagnosed.", TemplateRenderer.SoapAssessment(facts)[0]);
        Assert.Empty(facts.ObjectiveLines);
        Assert.Empty(facts.SubjectiveLines);
    }

    [Fact]
    public void The_objective_is_what_was_examined_not_the_conclusion_or_an_explanation()
    {
        var facts = Consult.Facts(
            "D: Your lungs are clear.",
            "D: What you're describing sounds like stable angina.",
            "D: It slows the heart so it needs less oxygen.",
            "D: This looks like a pulled muscle in the low back.");

        Assert.Equal(["Your lungs are clear."], facts.ObjectiveLines.Select(l => l.Text));
    }

    [Fact]
    public void A_judgement_of_a_result_against_its_goal_is_the_assessments_and_the_objective_keeps_only_the_reading()
    {
        var facts = Consult.Facts(
            "D: Your heart sounds normal and your legs have no swelling.",
            "D: Your LDL came back at one forty, which is well above our goal of under seventy.",
            "D: Your phenytoin level is on the low side.",
            "D: That's too low.",
            "D: If your sugar is too low, eat something right away.");

        // The LDL read stays a result too; the level said only as low is a judgement.
        Assert.Equal(["Your heart sounds normal and your legs have no swelling.", "Your LDL came back at 140, which is well above our goal of under 70."],
            facts.ObjectiveLines.Select(l => l.Text));
        var assessment = TemplateRenderer.SoapAssessment(facts);
        Assert.Contains("LDL came back at 140, above goal of under 70.", assessment);
        Assert.Contains("Phenytoin level on low side.", assessment);
        Assert.DoesNotContain(assessment, l => l.Contains("too low", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void What_to_do_about_a_finding_is_the_plans_not_the_objectives()
    {
        var facts = Consult.Facts(
            "D: There's a small bruise over the shin, and the skin is intact.",
            "D: For the shin, keep ice on the swelling for twenty minutes a few times a day.",
            "D: I want a skin check with dermatology next year.",
            "D: The nurse will show you how to inject the enoxaparin into the skin of your belly.");

        Assert.Equal(["There's a small bruise over the shin, and the skin is intact."], facts.ObjectiveLines.Select(l => l.Text));
        Assert.Contains(TemplateRenderer.SoapPlan(facts), l => l.StartsWith("For shin, keep ice", StringComparison.Ordinal));
    }

    [Fact]
    public void The_chief_complaint_is_the_place_and_the_pain_and_the_location_is_where_it_is()
    {
        var history = Consult.Facts(
            "D: I see you're here about your back. What happened?",
            "P: I lifted a heavy box and felt something pull in my lower back. It's been killing me.",
            "D: Does it travel anywhere?",
            "P: It doesn't go down my leg, but it spreads into my buttock.").History;

        Assert.Equal(("back pain", "back, buttock", "pull"), (history.ChiefComplaint, history.Location, history.Character));
    }

    [Fact]
    public void Plan_lines_that_say_where_to_go_if_something_happens_are_labelled_as_precautions()
    {
        var plan = TemplateRenderer.SoapPlan(Consult.Facts(
            "D: If you get a stiff neck or trouble breathing, go to the emergency room.",
            "D: Call me if the fever isn't gone in three days.",
            "D: Take all ten days of it, even if he seems better."));

        Assert.Equal(
            ["Emergency precautions: if stiff neck or trouble breathing, go to emergency room.", "Return precautions: call clinic if fever isn't gone in 3 days."],
            plan.Take(2));
        Assert.DoesNotContain("precautions", plan[2]);
    }

    [Fact]
    public void The_assessment_says_what_the_clinician_excluded_and_not_what_the_examination_found_normal()
    {
        var facts = Consult.Facts(
            "D: The ECG shows no signs of a heart attack, old or new.",
            "D: Your lungs don't sound like pneumonia, and there's no fracture on the x-ray.",
            "D: There's no swelling in your ankles.",
            "D: If there's no fracture, we won't need a cast.",
            "D: There's no cure for diabetes, but we can control it.",
            "D: This looks like acute bronchitis.");

        Assert.Equal(["no signs of heart attack", "no signs of pneumonia", "no fracture"], facts.RuledOut.Select(r => r.Text));
        Assert.Equal("No signs of heart attack; no signs of pneumonia; no fracture.", TemplateRenderer.SoapAssessment(facts)[^1]);
        Assert.Equal(2, TemplateRenderer.SoapAssessment(facts).Count);
    }

    [Fact]
    public void The_assessment_keeps_the_reasoning_no_warning_signs_and_a_test_judged_unnecessary()
    {
        var facts = Consult.Facts(
            "D: This looks like a tension headache. There are no warning signs of a bleed or anything more serious, so you don't need a CT scan.",
            "D: There are no red flags.",
            "D: We'll hold off on the MRI for now.");

        var assessment = TemplateRenderer.SoapAssessment(facts);
        Assert.Contains("No warning signs of bleed; no red flags.", assessment);
        Assert.Contains(assessment, l => l.StartsWith("CT", StringComparison.OrdinalIgnoreCase) && l.Contains("not needed", StringComparison.Ordinal));
        Assert.DoesNotContain(assessment, l => l.Contains("MRI", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("history_physical", new[] { "chief_complaint", "history_of_present_illness", "past_medical_history", "medications", "allergies", "review_of_systems", "physical_exam", "assessment", "plan", "evidence" })]
    [InlineData("progress_note", new[] { "interval_history", "current_medications", "vitals", "exam", "assessment", "medication_changes", "plan", "follow_up", "evidence" })]
    [InlineData("consultation_note", new[] { "reason_for_consultation", "history", "medications", "allergies", "exam", "impression", "recommendations", "follow_up", "evidence" })]
    public void The_reference_servers_note_templates_are_composed_from_the_facts(string template, string[] sections)
    {
        var facts = Consult.Facts(Visit);

        var note = TemplateRenderer.Render(template, facts).AsObject();

        Assert.Equal(sections, note.Select(p => p.Key));
        var text = note.ToJsonString();
        Assert.Contains("Acute bronchitis (J20.9), newly diagnosed", text);
        Assert.Contains("Start albuterol 2 puffs inhaled every 4 hours as needed.", text);
        Assert.NotEmpty(note["evidence"]!.AsArray());
        Assert.All(note["evidence"]!.AsArray(), e => Assert.InRange(e!["utterance"]!.GetValue<int>(), 0, Visit.Length - 1));
    }

    [Fact]
    public void The_assessment_and_plan_do_not_copy_the_transcripts_sentences()
    {
        var facts = Consult.Facts(Visit);
        var soap = TemplateRenderer.Render("soap", facts).AsObject();
        var spoken = " " + string.Join(' ', Visit.SelectMany(l => Tokens.Words(l[3..]))) + " ";

        foreach (var section in new[] { "assessment", "plan" })
        {
            var words = Tokens.Words(soap[section]!.GetValue<string>());
            var copied = Enumerable.Range(0, Math.Max(0, words.Length - 7))
                .Where(i => spoken.Contains(" " + string.Join(' ', words.Skip(i).Take(8)) + " ", StringComparison.Ordinal)).ToList();
            Assert.True(copied.Count == 0, $"{section} copies: {string.Join(" | ", copied.Select(i => string.Join(' ', words.Skip(i).Take(8))))}");
        }

        Assert.Contains("Use albuterol before you climb stairs, and call clinic if getting worse after 3 days.", soap["plan"]!.GetValue<string>());
    }

    [Fact]
    public void An_instruction_that_restates_a_medication_decision_is_not_repeated_in_the_plan()
    {
        var facts = Consult.Facts(
            "P: I take fish oil, one capsule every day. What about the fish oil?",
            "D: I'd like you to stop it. It can thin the blood before your surgery.");

        var plan = Templates.TemplateRenderer.SoapPlan(facts);
        Assert.Single(plan, l => l.StartsWith("Stop", StringComparison.Ordinal));
        Assert.Equal("stop", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_plan_said_with_id_like_is_no_objective_finding()
    {
        var facts = Consult.Facts("D: Your lungs sound clear. I'd like a chest x-ray and a blood count today, since your oxygen is a bit low.", "P: Okay.");

        Assert.Equal(["Your lungs sound clear."], facts.ObjectiveLines.Select(l => l.Text));
    }
}
