namespace MedScribe.Clinical.Tests;

public sealed class ProblemAndOrderTests
{
    [Fact]
    public void Asserted_diagnoses_are_coded_and_negated_or_hypothetical_ones_are_not()
    {
        var facts = Consult.Facts(
            "D: What you're describing sounds like stable angina.",
            "D: The electrocardiogram shows no signs of a heart attack.",
            "D: Sleep apnea can trigger atrial fibrillation, and it raises the risk of stroke.",
            "D: Your lungs don't sound like pneumonia.",
            "P: My father had a heart attack.");

        var problem = Assert.Single(facts.Problems);
        Assert.Equal(("stable angina", "I20.89", "new"), (problem.Name, problem.Code, problem.Status));
    }

    [Theory]
    [InlineData("D: I think this is gout.", "M10.9")]
    [InlineData("D: I think you have shingles.", "B02.9")]
    [InlineData("D: I think that it's a sinus infection.", "J01.90")]
    [InlineData("D: I think it might be gout.", null)]
    [InlineData("D: I don't think this is gout.", null)]
    [InlineData("D: I think we should check for gout.", null)]
    public void A_clinicians_i_think_before_a_plain_statement_is_a_diagnosis_and_before_a_hedge_is_not(string line, string? code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.SingleOrDefault()?.Code);
    }

    [Theory]
    [InlineData("I10", "D: Any other medical problems?", "P: Just high blood pressure.")]
    [InlineData("J45.909", "D: Do you have any chronic conditions?", "P: Yes, asthma.")]
    [InlineData(null, "D: Any other medical problems?", "P: No. My dad has diabetes.")]
    [InlineData(null, "D: Any medical problems?", "P: Not really. I was tested for diabetes once, but it was negative.")]
    [InlineData(null, "D: Any history of asthma?", "P: No.")]
    public void The_patients_answer_to_the_history_question_names_their_own_problems(string? code, params string[] lines)
    {
        Assert.Equal(code, Consult.Facts([.. lines, "D: Okay."]).Problems.SingleOrDefault()?.Code);
    }

    [Fact]
    public void A_disease_named_bare_in_a_list_of_vaccines_is_its_vaccine_and_flu_season_is_no_flu()
    {
        var facts = Consult.Facts(
            "D: Today she'll get her six month vaccines: DTaP, polio, Hib, pneumococcal, and hepatitis B. And it's flu season, so the first flu shot too.");

        Assert.Equal(["DTaP vaccine", "Hib vaccine", "pneumococcal vaccine", "polio vaccine", "hepatitis B vaccine", "influenza vaccine"], facts.Orders.Select(o => o.Name));
        Assert.Empty(facts.Problems);
        Assert.Equal(["hepatitis B panel"], Consult.Facts("D: I'm checking a hepatitis B panel today.").Orders.Select(o => o.Name));
    }

    [Theory]
    [InlineData("D: This is his four year checkup, and he's doing great.", "Z00.129")]
    [InlineData("D: She's here for her two month well visit.", "Z00.129")]
    [InlineData("D: Let's schedule her nine month checkup.", null)]
    [InlineData("D: I'll see him at his fifteen month checkup.", null)]
    public void A_childs_checkup_by_age_is_this_visits_encounter_and_one_to_come_is_not(string line, string? code)
    {
        Assert.Equal(code is null ? [] : [code], Consult.Facts(line, "P: Okay.").Problems.Select(p => p.Code));
    }

    [Theory]
    [InlineData("D: I'll order physical therapy twice a week for six weeks.", "physical therapy")]
    [InlineData("D: I'm ordering some physical therapy for you.", "physical therapy")]
    [InlineData("D: I'm not going to order physical therapy yet.", null)]
    [InlineData("D: I'll order an MRI, and physical therapy can wait.", "MRI")]
    public void A_therapy_is_ordered_as_a_test_is(string line, string? order)
    {
        Assert.Equal(order is null ? [] : [order], Consult.Facts(line, "P: Okay.").Orders.Select(o => o.Name));
    }

    [Fact]
    public void What_an_order_is_for_is_not_another_order_but_a_test_listed_with_it_is()
    {
        Assert.Equal(["basic metabolic panel in 2 weeks"],
            Consult.Facts("D: For tests, I want a basic metabolic panel in two weeks, to check her kidney function and potassium on the new medicine.").Orders.Select(o => o.Name));
        Assert.Equal(["lithium level", "basic metabolic panel"],
            Consult.Facts("D: I'm ordering a lithium level, along with a basic metabolic panel for kidney function and electrolytes.").Orders.Select(o => o.Name));
        Assert.Equal(["uric acid", "kidney function tests", "complete blood count"],
            Consult.Facts("D: I'll check a uric acid level, kidney function and a CBC today.").Orders.Select(o => o.Name));
    }

    [Fact]
    public void An_abnormal_result_a_diagnosis_of_the_consult_accounts_for_is_not_a_second_problem()
    {
        Assert.Equal(["E03.9"], Consult.Facts(
            "D: Your TSH came back at 9.2, which is high, so your thyroid is still underactive.",
            "D: Weight today is 172 pounds. Pulse 58.",
            "D: This is hypothyroidism, not yet well controlled.").Problems.Select(p => p.Code));
        // A result no diagnosis accounts for stays a finding beside the unrelated one.
        Assert.Equal(["I10", "R94.6"], Consult.Facts(
            "D: Your TSH came back at 9.2, which is high.",
            "D: Your blood pressure is high today, so this is hypertension.").Problems.Select(p => p.Code).Order());
    }

    [Theory]
    [InlineData("D: So the ultrasound confirmed a clot in the left calf vein, a deep vein thrombosis.", "I82.402")]
    [InlineData("D: The chest x-ray showed a right lower lobe infiltrate, so pneumonia.", "J18.1")]
    [InlineData("D: The x-ray showed no sign of a fracture or pneumonia.", null)]
    [InlineData("D: The CT shows a 4 millimeter stone in the left ureter near the bladder.", "N20.1")]
    public void What_a_study_confirmed_or_showed_is_asserted_farther_on_in_its_clause(string line, string? code)
    {
        Assert.Equal(code is null ? [] : [code], Consult.Facts(line).Problems.Select(p => p.Code));
    }

    [Theory]
    [InlineData("D: You meet the criteria for major depressive disorder, moderate.", "F32.1")]
    [InlineData("D: You don't meet the criteria for diabetes.", null)]
    [InlineData("D: That's consistent with seasonal allergic rhinitis.", "J30.2")]
    [InlineData("D: Your allergic rhinitis flares with the cats at home.", "J30.81")]
    public void Meeting_the_criteria_asserts_a_diagnosis_and_allergic_rhinitis_is_coded_by_its_trigger(string line, string? code)
    {
        Assert.Equal(code is null ? [] : [code], Consult.Facts(line, "P: Okay.").Problems.Select(p => p.Code));
    }

    [Theory]
    [InlineData("D: This is chronic migraine without aura, with too many triptan days.", "G43.709")]
    [InlineData("D: These are chronic migraines, and I'd like to start a preventive.", "G43.709")]
    [InlineData("D: This is iron deficiency anemia, most likely from the heavy periods.", "D50.0")]
    public void Chronic_migraine_and_anemia_from_heavy_periods_are_coded_as_said(string line, string code)
    {
        Assert.Contains(Consult.Facts(line).Problems, p => p.Code == code);
    }

    [Fact]
    public void A_drugs_blood_level_is_a_lab_named_by_its_generic_and_a_test_named_like_a_drug_stays_that_test()
    {
        var facts = Consult.Facts("D: I'll check a Lanoxin level, a potassium level and a basic metabolic panel today.");

        Assert.Equal([("digoxin level", (string?)"80162"), ("potassium level", null), ("basic metabolic panel", "80048")],
            facts.Orders.Select(o => (o.Name, o.CptCode)));
        Assert.Empty(facts.Medications);
    }

    [Theory]
    [InlineData("D: Your prostate is enlarged, and with the weak stream, this is benign prostatic hyperplasia.", "N40.1")]
    [InlineData("D: Your prostate is a bit enlarged, so benign prostatic hyperplasia, but it isn't causing any symptoms.", "N40.0")]
    public void Prostate_enlargement_is_coded_with_lower_urinary_tract_symptoms_when_they_are_said(string line, string code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.Single().Code);
    }

    [Theory]
    [InlineData("D: This is a heart failure exacerbation, with a reduced ejection fraction on your last echo.", "I50.23")]
    [InlineData("D: You have decompensated heart failure with preserved ejection fraction.", "I50.33")]
    public void An_exacerbation_of_heart_failure_is_acute_on_chronic(string line, string code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.Single().Code);
    }

    [Theory]
    [InlineData("D: Do you smoke?", "P: About a pack a day, sometimes more.", "F17.210")]
    [InlineData("D: Are you still smoking?", "P: Yeah, I still smoke cigarettes.", "F17.210")]
    [InlineData("D: Any tobacco or vaping?", "P: I vape every day.", "F17.290")]
    [InlineData("D: Do you smoke?", "P: I quit five years ago.", null)]
    [InlineData("D: Do you smoke?", "P: Never have.", null)]
    [InlineData("D: Does anyone smoke at home?", "P: My husband smokes outside.", null)]
    [InlineData("D: Do you smoke or drink?", "P: No.", null)]
    public void The_patients_own_tobacco_use_said_in_answer_is_nicotine_dependence_by_what_is_smoked(string question, string answer, string? code)
    {
        Assert.Equal(code, Consult.Facts(question, answer, "D: Okay.").Problems.SingleOrDefault()?.Code);
    }

    [Theory]
    [InlineData("D: I'm ordering an MRI of the left knee.", "MRI knee, left")]
    [InlineData("D: Let's get a right wrist x-ray today.", "wrist x-ray, right")]
    [InlineData("D: I'll order an ultrasound of the right upper quadrant.", "ultrasound")]
    [InlineData("D: We'll schedule the IUD insertion in two weeks.", "IUD insertion in 2 weeks")]
    public void An_orderable_keeps_the_side_said_with_it(string line, string name)
    {
        Assert.Equal(name, Consult.Facts(line).Orders.Single().Name);
    }

    [Fact]
    public void An_inr_read_above_its_range_is_an_abnormal_coagulation_profile()
    {
        var facts = Consult.Facts("D: Your INR came back at three point eight, which is above your range of two to three.");
        Assert.Equal("R79.1", facts.Problems.Single().Code);
    }

    [Theory]
    [InlineData("D: This is major depressive disorder, recurrent, moderate.", "F33.1")]
    [InlineData("D: Your depression is recurrent, and I'd call this episode severe.", "F33.2")]
    [InlineData("D: The scan shows osteopenia.", "M85.80")]
    [InlineData("D: You have hypertensive heart disease.", "I11.9")]
    [InlineData("D: The scope shows reflux disease with esophagitis.", "K21.00")]
    [InlineData("D: The scope showed no esophagitis, so this is reflux disease.", "K21.9")]
    [InlineData("D: This is contact dermatitis from the new soap.", "L25.9")]
    public void A_diagnosis_is_coded_as_specifically_as_it_was_said(string line, string code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.Single().Code);
    }

    [Theory]
    [InlineData("D: I'm going to swab you for strep and flu.", new[] { "rapid strep test", "influenza test" })]
    [InlineData("D: Let's test her for COVID today.", new[] { "covid test" })]
    [InlineData("D: We tested you for strep last week and it was negative.", new string[0])]
    [InlineData("D: If the fever continues, we'll test for flu.", new string[0])]
    public void A_swab_or_a_test_for_a_named_infection_orders_its_test(string line, string[] names)
    {
        Assert.Equal(names, Consult.Facts(line).Orders.Select(o => o.Name));
    }

    [Fact]
    public void Every_spoken_problem_name_names_one_code()
    {
        var names = Clinical.Text.EmbeddedText.ReadLines(typeof(ClinicalExtractor).Assembly, "clinical/problems.tsv")
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .SelectMany(l => l.Split('\t')[2].Split('|').Select(n => (Name: n, Code: l.Split('\t')[0])))
            .GroupBy(n => n.Name)
            .Where(g => g.Select(n => n.Code).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Code))}");
        Assert.Empty(names);
    }

    [Fact]
    public void Every_problem_code_has_one_line_with_all_its_names()
    {
        var codes = Clinical.Text.EmbeddedText.ReadLines(typeof(ClinicalExtractor).Assembly, "clinical/problems.tsv")
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .GroupBy(l => l.Split('\t')[0])
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        Assert.Empty(codes);
    }

    [Fact]
    public void Every_spoken_order_and_referral_name_names_one_orderable()
    {
        var lexicon = Clinical.Lexicons.ClinicalLexicon.Default;
        var names = lexicon.OrderSpellings.Select(o => (Name: o.Spelling.ToLowerInvariant(), Target: o.Order.Name))
            .Concat(lexicon.SpecialtySpellings.Select(s => (Name: s.Spelling.ToLowerInvariant(), Target: s.Specialty)))
            .GroupBy(n => n.Name)
            .Where(g => g.Select(n => n.Target).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(n => n.Target).Distinct())}");
        Assert.Empty(names);
    }

    [Theory]
    [InlineData("D: Why don't we do an x-ray of the ankle?", "imaging", "ankle x-ray")]
    [InlineData("D: How about we get a CBC today?", "lab", "complete blood count")]
    [InlineData("D: Dermatology will call you to set up a visit.", "referral", "dermatology")]
    [InlineData("D: I think cardiology should take a look at this.", "referral", "cardiology")]
    [InlineData("D: I'm going to loop in endocrinology.", "referral", "endocrinology")]
    [InlineData("D: I'd like dermatology to weigh in on this.", "referral", "dermatology")]
    [InlineData("D: Physical therapy can help with this, so I'll set that up.", "referral", "physical therapy")]
    public void A_proposing_question_orders_and_a_specialty_that_will_call_is_a_referral(string line, string type, string name)
    {
        var order = Assert.Single(Consult.Facts(line, "P: Okay.").Orders);
        Assert.Equal((type, name), (order.Type, order.Name));
    }

    [Theory]
    [InlineData("D: Physical therapy can help with this, but let's try the exercises first.")]
    [InlineData("D: Physical therapy can help with this, so I won't set that up yet.")]
    public void A_specialty_that_could_help_is_not_a_referral_until_arranged(string line)
    {
        Assert.Empty(Consult.Facts(line, "P: Okay.").Orders);
    }

    [Theory]
    [InlineData("D: Have the lipid panel done fasting.", "lab", "lipid panel")]
    [InlineData("D: For labs, a CBC and that's it for now.", "lab", "complete blood count")]
    [InlineData("D: We'll have dermatology see you.", "referral", "dermatology")]
    public void Having_a_test_done_a_plan_heading_and_having_a_specialty_see_the_patient_order(string line, string type, string name)
    {
        var order = Assert.Single(Consult.Facts(line, "P: Okay.").Orders);
        Assert.Equal((type, name), (order.Type, order.Name));
    }

    [Theory]
    [InlineData("D: We'll hold off on the colonoscopy for now.")]
    [InlineData("D: You have a brace already, so that's fine.")]
    [InlineData("D: I have your x-ray here.")]
    public void A_test_put_off_or_a_thing_the_patient_has_orders_nothing(string line)
    {
        Assert.Empty(Consult.Facts(line, "P: Okay.").Orders);
    }

    [Theory]
    [InlineData("D: Did you get an x-ray of the ankle?")]
    [InlineData("D: Why did you need an x-ray last year?")]
    [InlineData("D: Cardiology won't need to see you again.")]
    [InlineData("D: Neurology won't see you before March.")]
    [InlineData("D: Dermatology didn't call you back?")]
    public void A_real_question_or_a_specialty_declining_orders_nothing(string line)
    {
        Assert.Empty(Consult.Facts(line, "P: No.").Orders);
    }

    [Theory]
    [InlineData("D: Before you leave, the nurse will set up a Holter monitor.", "procedure", "Holter monitor")]
    [InlineData("D: Go to the lab on your way out for a CBC.", "lab", "complete blood count")]
    [InlineData("D: Let's have you see cardiology about this.", "referral", "cardiology")]
    public void Orders_set_up_by_staff_sent_to_the_lab_and_referrals_without_an_article_are_found(string line, string type, string name)
    {
        var order = Assert.Single(Consult.Facts(line).Orders);
        Assert.Equal((type, name), (order.Type, order.Name));
    }

    [Theory]
    // Orderables the lexicon gained in session 20, each by one of its spoken names.
    [InlineData("D: I'm going to get a venous doppler of that calf to rule out a clot.", "imaging", "venous doppler ultrasound")]
    [InlineData("D: Let's check a PTH along with the calcium level today.", "lab", "parathyroid hormone")]
    [InlineData("D: You'll wear a Zio patch for two weeks so we can catch the skipped beats.", "procedure", "event monitor")]
    [InlineData("D: I'll order a coronary calcium score to decide about the statin.", "imaging", "coronary calcium score")]
    [InlineData("D: We'll set you up with a continuous glucose monitor.", "other", "continuous glucose monitor")]
    public void Orderables_added_to_the_lexicon_are_found_by_their_spoken_names(string line, string type, string name)
    {
        Assert.Contains(Consult.Facts(line).Orders, o => (o.Type, o.Name) == (type, name));
    }

    [Theory]
    // An initial the name goes on from ("C. difficile") ends no sentence.
    [InlineData("D: I'm going to send a C. difficile test on that stool.", "C. difficile test")]
    [InlineData("D: Let's check an H. pylori test while you're here.", "H. pylori test")]
    public void An_orderable_named_with_an_initial_is_found_whole(string line, string name)
    {
        Assert.Equal(name, Assert.Single(Consult.Facts(line).Orders).Name);
    }

    [Fact]
    public void A_capital_letter_before_a_full_stop_still_ends_the_sentence_when_a_new_one_starts()
    {
        var transcript = ClinicalTranscript.FromText("P: I take vitamin D. It helps my bones.");
        Assert.Equal(2, transcript.Sentences.Count);
    }

    [Fact]
    public void A_parent_or_an_interpreter_speaks_on_the_patients_side_and_a_nurse_on_the_clinicians()
    {
        var transcript = ClinicalTranscript.FromText("Nurse: Any allergies to medicines?\nMother: None that we know of.\nInterpreter: She says the cough is worse.");

        Assert.Equal([Speakers.Doctor, Speakers.Patient, Speakers.Patient], transcript.Utterances.Select(u => u.Speaker));
        Assert.Equal("None that we know of.", transcript.Utterances[1].Text);
        Assert.Equal("NKDA", Assert.Single(Consult.Facts("D: Any allergies to medicines?", "Mother: None that we know of.").Allergies).Substance);
    }

    [Fact]
    public void A_relatives_problem_named_by_the_clinician_is_not_the_patients()
    {
        Assert.Empty(Consult.Facts("D: Your father's diabetes doesn't mean you'll get it.", "P: Okay.").Problems);
        Assert.Single(Consult.Facts("D: Your diabetes is well controlled.", "P: Okay.").Problems);
    }

    [Fact]
    public void A_cue_word_inside_an_orderables_name_orders_nothing()
    {
        Assert.Empty(Consult.Facts("D: You had a developmental screen last year, and it was normal.").Orders);
    }

    [Fact]
    public void Words_said_with_a_problem_refine_its_code()
    {
        var facts = Consult.Facts(
            "D: He has acute otitis media in the left ear.",
            "D: Your type two diabetes is not well controlled right now.",
            "D: Your asthma counts as mild persistent, and this is an exacerbation.");

        Assert.Equal(["H66.92", "E11.65", "J45.31"], facts.Problems.Select(p => p.Code));
        Assert.Equal(["new", "chronic", "worsening"], facts.Problems.Select(p => p.Status));
        Assert.Equal("acute otitis media, left ear", facts.Problems[0].Name);
    }

    [Fact]
    public void A_known_problem_said_to_flare_or_to_improve_is_worsening_or_improving()
    {
        var facts = Consult.Facts(
            "D: So this is a flare of your eczema.",
            "D: Your depression is improving on the sertraline.",
            "D: And your gout is stable.");

        Assert.Equal([("L30.9", "worsening"), ("F32.9", "improving"), ("M10.9", "chronic")], facts.Problems.Select(p => (p.Code!, p.Status)));
        Assert.Contains("Depression", Templates.TemplateRenderer.Render("history_physical", facts)!["past_medical_history"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("improving, improving", string.Join(' ', Templates.TemplateRenderer.SoapAssessment(facts)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirmed_history_and_a_controlled_condition_are_chronic_problems()
    {
        var facts = Consult.Facts(
            "D: You have high blood pressure and type two diabetes, correct?",
            "P: That's right.",
            "D: Your cholesterol is at goal on the atorvastatin.");

        Assert.Equal([("I10", "chronic"), ("E11.9", "chronic"), ("E78.5", "chronic")], facts.Problems.Select(p => (p.Code!, p.Status)));
    }

    [Fact]
    public void Orders_are_what_is_ordered_for_later_with_cpt_codes_and_declined_or_done_tests_are_not()
    {
        var facts = Consult.Facts(
            "D: The electrocardiogram we did when you arrived shows a normal rhythm.",
            "D: I'm ordering blood work: a lipid panel and a complete blood count. I'm also ordering an echocardiogram.",
            "D: You don't need an x-ray or an MRI right now.",
            "D: I'm referring you to the eye clinic for a dilated eye exam, and to physical therapy.",
            "D: We'll repeat the A one C in three months, and I'll see you then.");

        Assert.Equal(
            [("lab", "lipid panel", "80061"), ("lab", "complete blood count", "85027"), ("imaging", "echocardiogram", "93306"),
             ("referral", "ophthalmology", null), ("referral", "physical therapy", null), ("lab", "hemoglobin A1c in 3 months", "83036")],
            facts.Orders.Select(o => (o.Type, o.Name, o.CptCode)));
        Assert.Equal("3 months", facts.FollowUp!.Interval);
    }

    [Fact]
    public void A_conditional_return_is_follow_up_only_when_nothing_is_scheduled_and_calling_is_not_a_visit()
    {
        Assert.Equal("2 to 3 days if not improving",
            Consult.Facts("D: If he still has fever after two to three days on the antibiotic, bring him back.").FollowUp!.Interval);
        Assert.Null(Consult.Facts("D: Call us if you're not feeling better after two days.").FollowUp);
        // "… lasts more than three days …": how long the condition may go on before the return.
        Assert.Equal("3 days if not improving",
            Consult.Facts("D: If the fever lasts more than three days or he's working hard to breathe, bring him back.").FollowUp!.Interval);
        Assert.Null(Consult.Facts("D: If the fever lasts longer than three days, call us.").FollowUp);
        Assert.Equal("1 week",
            Consult.Facts("D: If it gets worse, come back after three days.", "D: I'll see you back in one week.").FollowUp!.Interval);
    }

    [Fact]
    public void Vitals_read_aloud_today_are_vitals_and_home_or_earlier_readings_are_not()
    {
        var facts = Consult.Facts(
            "P: At home it's usually one sixty over ninety.",
            "D: Your readings at home were one seventy over one hundred last week.",
            "D: Your temperature is ninety eight point nine, heart rate one hundred four, respiratory rate twenty two, and your oxygen saturation is ninety four percent.",
            "D: Blood pressure is one twenty four over eighty, and you weigh ninety one kilograms.",
            "D: On a scale of zero to ten, how bad is the pain?",
            "P: About a seven.");

        Assert.Equal(
            [("temperature", 98.9, "F"), ("heart_rate", 104, "bpm"), ("respiratory_rate", 22, "/min"), ("spo2", 94, "%"), ("blood_pressure", 124, "mmHg"), ("weight", 91, "kg"), ("pain_score", 7, "/10")],
            facts.Vitals.Select(v => (v.Kind, v.Value, v.Unit)));
        Assert.Equal(80, facts.Vitals.Single(v => v.Kind == "blood_pressure").Second);
    }
    [Theory]
    [InlineData("P: They found high blood pressure when I was in the hospital last year.", "I10")]
    [InlineData("P: I've been living with high blood pressure for about ten years.", "I10")]
    [InlineData("D: I'm adding high blood pressure to your problem list.", "I10")]
    public void A_problem_found_before_lived_with_or_added_to_the_list_is_the_patients(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line, "D: Okay.").Problems).Code);
    }

    [Theory]
    [InlineData("D: Some people with this go on to get high blood pressure, but you don't have it.")]
    [InlineData("D: We checked for gout, which you don't have.")]
    public void A_problem_others_get_or_one_the_clause_after_it_denies_is_not_reported(string line)
    {
        Assert.Empty(Consult.Facts(line, "P: Okay.").Problems);
    }

    [Fact]
    public void The_patients_list_of_problems_shares_its_verb()
    {
        Assert.Equal(["I10", "I48.91"], Consult.Facts("P: I've got high blood pressure, and also atrial fibrillation.", "D: Okay.").Problems.Select(p => p.Code));
    }
    [Theory]
    [InlineData("lab: complete blood count", "D: We need to check something.", "P: What kind of test?", "D: A blood count.")]
    [InlineData("lab: complete blood count", "P: Can I get a complete blood count?", "D: Sure, I'll order it.")]
    [InlineData("lab: complete blood count", "D: The plan for today is simple. First, a complete blood count.")]
    [InlineData("lab: complete blood count", "D: We'll see what a complete blood count shows, and go from there.")]
    [InlineData("referral: cardiology", "P: Should I see someone about this?", "D: Yes, a cardiologist. I'll put in the referral.")]
    [InlineData("referral: cardiology", "D: Next step is a visit with cardiology.")]
    public void An_order_said_across_turns_or_as_a_step_of_the_plan_is_found(string order, params string[] lines)
    {
        Assert.Equal(order, Assert.Single(Consult.Facts([.. lines, "P: Okay."]).Orders) is var o ? $"{o.Type}: {o.Name}" : null);
    }

    [Theory]
    [InlineData("P: Can I get a complete blood count?", "D: I don't think you need it.")]
    [InlineData("D: We'll skip the chest x-ray this time.")]
    [InlineData("D: I'd only order a chest x-ray if the pain spreads.")]
    [InlineData("D: Your visit with cardiology last year went well.")]
    public void A_test_refused_skipped_or_made_conditional_is_no_order(params string[] lines)
    {
        Assert.Empty(Consult.Facts([.. lines, "P: Okay."]).Orders);
    }

    [Theory]
    [InlineData("D: This is a gout attack in the right great toe.", "M10.071")]
    [InlineData("D: Your left knee is hot and swollen, and the fluid shows crystals, so this is gout.", "M10.062")]
    [InlineData("D: I think it's gout.", "M10.9")]
    public void Gout_is_coded_by_the_joint_and_side_said(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line, "P: Okay.").Problems).Code);
    }

    [Fact]
    public void A_kidney_panel_is_a_lab_order()
    {
        Assert.Equal("lab: kidney function tests", Assert.Single(Consult.Facts("D: I'll get a kidney panel today.", "P: Okay.").Orders) is var o ? $"{o.Type}: {o.Name}" : null);
    }

    [Fact]
    public void A_denial_in_the_sentence_before_does_not_deny_the_words_that_refine_a_code()
    {
        var facts = Consult.Facts("P: Is it serious?", "D: Not too serious. It's chronic diastolic heart failure, and it's stable.", "P: Okay.");

        Assert.Equal("I50.32", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_vaccine_or_a_screening_named_after_a_disease_is_not_the_disease()
    {
        var facts = Consult.Facts("D: You'll get your flu shot today, and you're due for pneumonia vaccination and hepatitis C screening.", "P: Okay.");

        Assert.Empty(facts.Problems);
    }

    [Theory]
    [InlineData("D: So how has the depression been since we started the bupropion?", "F32.9")]
    [InlineData("D: How's your psoriasis doing with the cream?", "L40.9")]
    public void A_problem_the_clinicians_how_question_takes_as_known_is_chronic(string question, string code)
    {
        var problem = Assert.Single(Consult.Facts(question, "P: Better.").Problems);

        Assert.Equal((code, "chronic"), (problem.Code, problem.Status));
    }

    [Fact]
    public void A_question_about_a_problem_the_patient_may_not_have_asserts_nothing()
    {
        Assert.Empty(Consult.Facts("D: How would you know if it's asthma?", "P: I don't.").Problems);
    }

    [Fact]
    public void The_more_specific_code_of_a_problem_said_twice_wins()
    {
        var facts = Consult.Facts("D: You have heart failure, right?", "P: Yes.", "D: Today the lungs are wet.", "P: Okay.", "D: This is a heart failure exacerbation, acute on chronic, with reduced ejection fraction.", "P: Okay.");

        Assert.Equal("I50.23", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void What_a_test_will_look_for_is_not_ruled_out()
    {
        var facts = Consult.Facts("D: I'm getting an x-ray of the wrist to make sure there's no fracture.", "P: Okay.");

        Assert.Empty(facts.RuledOut);
    }

    [Fact]
    public void A_condition_named_by_its_treatment_is_a_known_problem()
    {
        var treated = Consult.Facts("D: What do you take?", "P: Chlorthalidone for my pressure and a cholesterol pill at night.", "D: Okay.");
        var denied = Consult.Facts("D: Any blood pressure medicines?", "P: No, I'm not on any blood pressure pills.", "P: My dad takes a cholesterol pill.");

        Assert.Equal([("E78.5", "chronic"), ("I10", "chronic")], treated.Problems.Select(p => (p.Code!, p.Status)).Order());
        Assert.Empty(denied.Problems);
    }

    [Fact]
    public void A_possessive_inside_a_test_name_stands_for_the_article()
    {
        Assert.Equal("imaging: MRI lumbar spine", Assert.Single(Consult.Facts("D: I'll order an MRI of your lumbar spine.", "P: Okay.").Orders) is var o ? $"{o.Type}: {o.Name}" : null);
    }

    [Fact]
    public void An_ldl_above_goal_is_known_hyperlipidemia_and_a_lipid_recheck_is_ordered()
    {
        var facts = Consult.Facts("D: Your LDL is 151, still above goal.", "D: We'll recheck your lipids in eight weeks.", "P: Okay.");

        Assert.Equal(("E78.5", "chronic"), (Assert.Single(facts.Problems).Code!, facts.Problems[0].Status));
        Assert.Equal("lipid panel in 8 weeks", Assert.Single(facts.Orders).Name);
    }

    [Fact]
    public void The_last_word_of_a_name_may_be_said_in_the_plural()
    {
        var facts = Consult.Facts("D: These are tension headaches, and the scan showed two kidney stones.", "P: Okay.");

        Assert.Equal(["G44.209", "N20.0"], facts.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("D: The x-rays show a fracture of the left distal radius.", "S52.502A")]
    [InlineData("D: This is a sprain of the right ankle.", "S93.401A")]
    [InlineData("D: You have a cracked rib.", "S22.39XA")]
    public void An_injury_said_as_what_of_where_is_coded(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line, "P: Okay.").Problems).Code);
    }
}
