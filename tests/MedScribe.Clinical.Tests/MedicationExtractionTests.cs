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

    [Theory]
    [InlineData("D: Let's go up on the topiramate to seventy five.", "increase", "75 mg")]
    [InlineData("D: Let's lower the topiramate to twenty five at night.", "decrease", "25 mg")]
    [InlineData("D: Let's increase the topiramate to twice a day.", "increase", "50 mg")]
    [InlineData("D: Let's increase the topiramate to two fifty.", "increase", "50 mg")]
    public void A_dose_change_to_a_number_without_its_unit_takes_the_unit_the_drug_was_dosed_in(string line, string action, string dosage)
    {
        var m = Assert.Single(Consult.Facts("P: I take topiramate, fifty milligrams at night.", line).Medications);
        Assert.Equal((action, dosage), (m.Action, m.Dosage));
    }

    [Fact]
    public void A_days_maximum_is_no_frequency_and_another_prescribers_stop_is_a_stop()
    {
        var facts = Consult.Facts(
            "D: What have you tried?",
            "P: Tylenol, two extra strength, maybe three times a day. I was using ibuprofen but my kidney doctor told me to stop.",
            "D: Keep the Tylenol, but no more than 3000 milligrams a day.");

        Assert.Equal([("acetaminophen", "continue", "three times daily"), ("ibuprofen", "stop", null)],
            facts.Medications.Select(m => (m.Name, m.Action, m.Frequency)));
        Assert.Equal("stop", Assert.Single(Consult.Facts("P: The cardiologist took me off the amlodipine last month.").Medications).Action);
    }

    [Theory]
    [InlineData("D: And the ginkgo?", "P: I take it once a day.", "ginkgo", "once daily")]
    [InlineData("D: How do you use the albuterol?", "P: I use it maybe twice a day.", "albuterol", "twice daily")]
    public void The_patient_who_says_they_take_the_drug_asked_about_says_how_often(string question, string answer, string drug, string frequency)
    {
        var m = Assert.Single(Consult.Facts(question, answer).Medications);
        Assert.Equal((drug, "continue", frequency), (m.Name, m.Action, m.Frequency));
    }

    [Fact]
    public void A_drug_the_patient_says_they_take_right_after_its_name_is_reported_in_an_answer_about_another()
    {
        var facts = Consult.Facts("D: And the ginkgo?", "P: One hundred twenty milligrams once a day, and the lisinopril I take ten milligrams daily.");

        Assert.Equal([("ginkgo", "120 mg", "once daily"), ("lisinopril", "10 mg", "once daily")], facts.Medications.Select(m => (m.Name, m.Dosage, m.Frequency)));
    }

    [Fact]
    public void A_patient_who_no_longer_takes_the_drug_asked_about_does_not_continue_it()
    {
        Assert.DoesNotContain(Consult.Facts("D: And the ginkgo?", "P: I don't take it anymore, it was once a day.").Medications, x => x.Action == "continue");
    }

    [Fact]
    public void The_patients_answer_to_whether_they_take_a_drug_says_how_often()
    {
        var m = Assert.Single(Consult.Facts(
            "D: Are you taking the sertraline 50 milligrams?",
            "P: Yes, every morning.",
            "D: Let's go up to 100 milligrams of sertraline.").Medications);

        Assert.Equal(("increase", "100 mg", "every morning"), (m.Action, m.Dosage, m.Frequency));
    }

    [Theory]
    [InlineData("D: This is vitamin D deficiency, and your vitamin D is low.")]
    [InlineData("D: This is iron deficiency anemia from the heavy periods.")]
    [InlineData("D: Toddlers who drink too much milk can get low in iron.")]
    [InlineData("D: If the pills don't work we can do IV iron.")]
    [InlineData("D: Let's get an iron panel.")]
    public void A_nutrient_the_body_lacks_or_a_result_is_no_medicine(string line)
    {
        Assert.Empty(Consult.Facts(line, "P: Okay.").Medications);
    }

    [Theory]
    [InlineData("D: She should get 15 milligrams of elemental iron a day, that's 1 milliliter of the drops.", "ferrous sulfate", "15 mg", "once daily")]
    [InlineData("D: Take the iron every other morning on an empty stomach.", "ferrous sulfate", null, "every other day")]
    [InlineData("D: Take 81 milligrams of aspirin on alternate days.", "aspirin", "81 mg", "every other day")]
    public void Iron_by_its_everyday_name_with_the_mass_said_before_it_and_every_other_morning(string line, string drug, string? dosage, string frequency)
    {
        var m = Assert.Single(Consult.Facts(line, "P: Okay.").Medications);

        Assert.Equal((drug, dosage, frequency), (m.Name, m.Dosage, m.Frequency));
    }

    [Theory]
    [InlineData("D: Let's get you off the metformin.", "stop")]
    [InlineData("D: We're taking you off the metformin.", "stop")]
    [InlineData("D: Let's drop the metformin.", "stop")]
    [InlineData("D: Let's drop the metformin to 500 once a day.", "decrease")]
    [InlineData("D: Drop the metformin dose.", "decrease")]
    public void Dropping_a_drug_or_getting_the_patient_off_it_stops_it_and_dropping_it_to_a_dose_lowers_it(string line, string action)
    {
        var facts = Consult.Facts("P: I take metformin 500 milligrams twice a day.", line, "P: Okay.");

        Assert.Equal(action, Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_relative_named_after_the_patients_own_drug_leaves_it_the_patients()
    {
        Assert.Equal(["turmeric"], Consult.Facts("D: Anything else?", "P: I also take turmeric capsules one a day my sister swears by them").Medications.Select(m => m.Name));
        Assert.Equal(["metformin"], Consult.Facts("P: My husband takes lisinopril and I take metformin.").Medications.Select(m => m.Name));
        Assert.Empty(Consult.Facts("P: My husband takes lisinopril.").Medications);
    }

    [Fact]
    public void A_drug_the_clinician_calls_fine_to_keep_is_no_result_and_how_long_it_was_taken_is_not_how_often()
    {
        var facts = Consult.Facts(
            "P: She takes Aleve for her knees, one pill twice a day.",
            "D: How long has she been taking the Aleve?",
            "P: She says almost every day for the last few months.",
            "D: The naproxen is fine for now.");

        Assert.Equal(("naproxen", "twice daily"), (Assert.Single(facts.Medications).Name, facts.Medications[0].Frequency));
    }

    [Fact]
    public void Switching_the_patient_from_one_drug_to_another_stops_the_first()
    {
        var facts = Consult.Facts(
            "P: Hydrochlorothiazide 25 milligrams every morning for my blood pressure.",
            "D: The water pill can raise uric acid, so I'm switching you from hydrochlorothiazide to losartan 50 milligrams once a day.");

        Assert.Equal([("hydrochlorothiazide", "stop"), ("losartan", "start")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Theory]
    [InlineData("D: For the flare, colchicine 1.2 milligrams now, then 0.6 milligrams an hour later, then 0.6 milligrams twice a day until it settles.", "colchicine", "0.6 mg", "twice daily")]
    [InlineData("D: Take azithromycin 500 milligrams today, then 250 milligrams once a day for four more days.", "azithromycin", "250 mg", "once daily")]
    [InlineData("D: Prednisone 60 milligrams on day one, then 40 milligrams daily.", "prednisone", "40 mg", "once daily")]
    public void A_first_dose_said_for_now_is_followed_by_the_dose_taken_from_then_on(string line, string drug, string dosage, string frequency)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((drug, "start", dosage, frequency), (m.Name, m.Action, m.Dosage, m.Frequency));
    }

    [Fact]
    public void The_saturation_read_after_the_patients_list_is_no_strength_of_the_drug_they_named()
    {
        var facts = Consult.Facts(
            "D: Are you taking anything?",
            "P: Just a multivitamin.",
            "D: Pulse is 102, blood pressure 108 over 66, oxygen 99 percent.");

        Assert.Null(Assert.Single(facts.Medications).Dosage);
    }

    [Fact]
    public void A_drug_the_patient_stopped_and_the_clinician_resumes_is_started()
    {
        var facts = Consult.Facts(
            "P: I was taking pantoprazole forty milligrams, but I stopped it last spring.",
            "D: Let's resume the pantoprazole, forty milligrams every morning.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("start", "40 mg", "every morning"), (m.Action, m.Dosage, m.Frequency));
    }

    [Theory]
    [InlineData("P: I tried melatonin for a few weeks, but it didn't help, so I quit.", "stop")]
    [InlineData("P: I used to take melatonin. I stopped taking it when we moved.", "stop")]
    [InlineData("P: I take melatonin, and I stopped smoking last month.", "continue")]
    [InlineData("P: Urgent care gave me Bactrim last week. I finished it yesterday.", "stop")]
    public void A_patients_own_stop_said_after_the_drug_stops_it(string line, string action)
    {
        Assert.Equal(action, Assert.Single(Consult.Facts(line, "D: Okay.").Medications).Action);
    }

    [Fact]
    public void A_drug_weighed_and_put_off_is_not_held_and_a_drug_taken_and_put_off_is()
    {
        var facts = Consult.Facts(
            "P: I take lisinopril, ten milligrams a day.",
            "D: We talked about spironolactone too, but let's hold off on that for now and see how you do.",
            "D: And hold off on your lisinopril until the kidney labs are back.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("lisinopril", "hold"), (m.Name, m.Action));
    }

    [Fact]
    public void A_drug_the_patient_takes_told_how_to_go_on_taking_it_is_continued()
    {
        var facts = Consult.Facts(
            "D: What do you take for the pain?",
            "P: Ibuprofen, maybe two or three times a week.",
            "D: You can use the ibuprofen when you need it, but no more than three tablets a day.");

        Assert.Equal("continue", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_drug_chosen_around_an_allergy_is_started_and_the_drug_avoided_is_not()
    {
        var facts = Consult.Facts(
            "P: Sulfa gives me hives.",
            "D: Because of the sulfa allergy, I'll avoid Bactrim and go with nitrofurantoin, one hundred milligrams twice a day for five days.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("nitrofurantoin", "100 mg", "twice daily", "start"), (m.Name, m.Dosage, m.Frequency, m.Action));
        Assert.Equal("sulfa", Assert.Single(facts.Allergies).Substance);
    }

    [Theory]
    [InlineData("D: How is work going on the bupropion?", "continue")]
    [InlineData("D: Any side effects on the bupropion?", "continue")]
    [InlineData("D: Have you ever been on bupropion?", null)]
    [InlineData("D: Should we put you on bupropion?", null)]
    public void A_question_about_life_on_a_drug_takes_for_granted_that_the_patient_takes_it(string line, string? action)
    {
        Assert.Equal(action, Consult.Facts(line, "P: It's fine.").Medications.SingleOrDefault()?.Action);
    }

    [Fact]
    public void A_change_to_another_tablet_strength_is_the_one_drug_talked_about()
    {
        var facts = Consult.Facts(
            "D: How are things at school on the Vyvanse?",
            "P: Mornings are good, but it wears off by lunch.",
            "D: He takes the thirty milligram capsule every morning?",
            "P: Yes.",
            "D: Then let's move him up to the forty milligram capsule, still each morning.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("lisdexamfetamine", "increase", "40 mg"), (m.Name, m.Action, m.Dosage));
    }

    [Theory]
    [InlineData("D: Are you on anything right now?", "P: Just birth control pills and some vitamin D.")]
    [InlineData("D: Is she on any medicines?", "P: Only birth control pills and vitamin D.")]
    public void The_answer_to_are_you_on_anything_names_the_drugs_taken(string question, string answer)
    {
        var facts = Consult.Facts(question, answer, "D: Okay.");
        Assert.Equal([("oral contraceptive", "continue"), ("cholecalciferol", "continue")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Fact]
    public void A_drug_said_by_its_base_name_is_the_one_salt_of_it_named_and_a_combination_stays_apart()
    {
        var facts = Consult.Facts(
            "P: I take metoprolol tartrate twenty five twice a day, Tylenol with codeine at night, and plain Tylenol in the day.",
            "D: Keep the metoprolol as it is.");

        Assert.Equal([("metoprolol tartrate", "continue"), ("acetaminophen codeine", "continue"), ("acetaminophen", "continue")],
            facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Fact]
    public void A_route_said_with_one_drug_of_a_sentence_is_not_the_next_ones()
    {
        var facts = Consult.Facts("D: I'm adding metronidazole gel at bedtime, and minocycline fifty milligrams twice a day with food.");

        Assert.Equal([("metronidazole", "topical"), ("minocycline", null)], facts.Medications.Select(m => (m.Name, m.Route)));
    }

    [Theory]
    [InlineData("D: And the vitamin B12 shot is once a month.", "P: Right, the nurse gives it to me.", "continue")]
    [InlineData("D: The fentanyl patch, twenty five micrograms, you change it every seventy two hours.", "P: Every three days, yes.", "continue")]
    [InlineData("D: Take the fentanyl patch, twenty five micrograms, and change it every seventy two hours.", "P: Okay, yes.", "start")]
    public void A_clinicians_account_of_a_drug_the_patient_confirms_is_a_drug_taken(string account, string reply, string? action)
    {
        Assert.Equal(action, Consult.Facts(account, reply).Medications.SingleOrDefault()?.Action);
    }

    [Theory]
    [InlineData("D: Start Entresto, twenty four twenty six milligrams twice a day.", "sacubitril valsartan", "24/26 mg")]
    [InlineData("D: Take Percocet five slash three twenty five milligrams every six hours as needed.", "oxycodone acetaminophen", "5/325 mg")]
    [InlineData("D: Start Augmentin, eight seventy five milligrams twice a day.", "amoxicillin clavulanate", "875 mg")]
    [InlineData("D: Take lisinopril ten, twenty milligrams from now on.", "lisinopril", "20 mg")]
    [InlineData("D: Start metoprolol succinate twenty five fifty milligrams daily.", "metoprolol succinate", "50 mg")]
    public void A_combination_is_dosed_by_both_its_strengths_when_both_are_said(string line, string name, string dosage)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal((name, dosage), (m.Name, m.Dosage));
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

    [Theory]
    [InlineData("D: I'm going to up the lisinopril to twenty milligrams once a day.", "increase", "20 mg", "once daily")]
    [InlineData("D: Let's go up to one thousand milligrams of the metformin twice a day.", "increase", "1000 mg", "twice daily")]
    [InlineData("D: We'll go down on the gabapentin to three hundred milligrams at night.", "decrease", "300 mg", "every night")]
    [InlineData("D: I'm cutting back your prednisone to ten milligrams each morning.", "decrease", "10 mg", "every morning")]
    [InlineData("D: Instead of that one, I'd like you on sertraline fifty milligrams each evening.", "start", "50 mg", "every night")]
    [InlineData("D: The amlodipine five milligrams daily is working, so no changes there.", "continue", "5 mg", "once daily")]
    [InlineData("D: Hold the warfarin five milligrams daily for now.", "hold", "5 mg", "once daily")]
    [InlineData("D: We'll bump the sertraline to one hundred milligrams daily.", "increase", "100 mg", "once daily")]
    [InlineData("D: We'll go on the simvastatin to forty milligrams daily.", "increase", "40 mg", "once daily")]
    [InlineData("D: Let's have the letrozole to two point five milligrams daily.", "decrease", "2.5 mg", "once daily")]
    [InlineData("D: Let's leave atenolol where it is, fifty milligrams daily.", "continue", "50 mg", "once daily")]
    public void Decisions_said_a_third_way_are_read(string line, string action, string dose, string frequency)
    {
        var m = Assert.Single(Consult.Facts(line, "P: Okay.").Medications);
        Assert.Equal((action, dose, frequency), (m.Action, m.Dosage, m.Frequency));
    }

    [Theory]
    // "Cut back on" with its verb heard as another short word: the drug is still named, and "back on" is still less of it.
    [InlineData("D: We're going to cut back on the calcitriol.", "decrease")]
    [InlineData("D: We're going to drop back on the tacrolimus.", "decrease")]
    [InlineData("D: We were going to talk back on the chlorhexidine.", "decrease")]
    [InlineData("D: We're going to come back on the rifampin.", "decrease")]
    [InlineData("D: Let's scale back on your methadone.", "decrease")]
    // Back on a drug taken before is a restart, and a patient who is back on it takes it.
    [InlineData("D: I'd like you to go back on the sertraline.", "start")]
    [InlineData("D: Let's put you back on the lisinopril.", "start")]
    [InlineData("P: I'm back on the omeprazole since last week.", "continue")]
    public void Back_on_a_drug_is_less_of_it_unless_it_is_a_return_to_it(string line, string action)
    {
        var m = Assert.Single(Consult.Facts(line, "P: Okay.").Medications);
        Assert.Equal(action, m.Action);
    }

    [Fact]
    public void The_clinicians_answer_decides_on_the_one_drug_the_patient_just_named()
    {
        var m = Assert.Single(Consult.Facts("P: The atorvastatin forty milligrams at night made my legs ache.", "D: Then let's stop it.").Medications);
        Assert.Equal(("atorvastatin", "stop", "40 mg"), (m.Name, m.Action, m.Dosage));

        // Two drugs named: "it" is neither for sure.
        Assert.DoesNotContain(Consult.Facts("P: The atorvastatin and the metformin both upset me.", "D: Then let's stop it.").Medications, m => m.Action == "stop");
    }

    [Theory]
    [InlineData("D: Another choice would be meloxicam fifteen milligrams once a day.")]
    [InlineData("D: An alternative is naproxen five hundred milligrams twice a day.")]
    [InlineData("D: We'll start metformin, no change to the diet for now.")]
    public void A_drug_offered_as_another_choice_is_not_started_and_no_change_to_something_else_keeps_the_verb(string line)
    {
        var medications = Consult.Facts(line, "P: Okay.").Medications;
        Assert.True(medications.Count == 0 || medications.Single() is { Name: "metformin", Action: "start" }, string.Join("; ", medications));
    }

    [Theory]
    // Fifty is no strength of rivaroxaban and fifteen is; forty is one of lisinopril's; a dose whose sound-alike is no strength either stays.
    [InlineData("D: Keep the rivaroxaban at fifty milligrams daily.", "15 mg")]
    [InlineData("D: Keep the lisinopril at forty milligrams daily.", "40 mg")]
    [InlineData("D: Keep the rivaroxaban at seventy milligrams daily.", "70 mg")]
    public void A_teen_heard_as_a_ty_is_read_as_the_drugs_usual_strength(string line, string dose)
    {
        Assert.Equal(dose, Assert.Single(Consult.Facts(line, "P: Okay.").Medications).Dosage);
    }

    [Fact]
    public void A_teen_heard_as_a_ty_in_the_clause_after_the_name_is_read_as_its_usual_strength()
    {
        // A recogniser's turn, cut after the name: the dose in the next clause is read as in the name's own.
        var m = Assert.Single(Consult.Facts("D: i'd like to start a long acting stimulant which is methylphenidate we'll start with eighty milligrams every morning take it early").Medications);
        Assert.Equal(("methylphenidate", "18 mg"), (m.Name, m.Dosage));
    }

    [Theory]
    [InlineData("start", "D: I'd like to start metoclopramide.", "P: Okay. How do I take it?", "D: Five milligrams daily.")]
    [InlineData("continue", "P: I'm on metoclopramide.", "D: What dose?", "P: Five milligrams, once a day.")]
    [InlineData("continue", "D: Tell me about the metoclopramide.", "P: I take five milligrams once a day, and it's been fine.", "D: Good, keep taking it.")]
    [InlineData("stop", "D: The metoclopramide has to stop.", "P: I've been taking five milligrams once a day.", "D: Yes, stop that.")]
    [InlineData("decrease", "D: About the metoclopramide. It's a bit too much, so let's make it five milligrams once a day.")]
    [InlineData("start", "D: Your prescription is for metoclopramide. That's five milligrams once a day.")]
    public void A_decision_dose_and_frequency_said_apart_make_one_regimen(string action, params string[] lines)
    {
        var m = Assert.Single(Consult.Facts([.. lines, "P: Okay."]).Medications);
        Assert.Equal(("metoclopramide", "5 mg", "once daily", action), (m.Name, m.Dosage, m.Frequency, m.Action));
    }

    [Theory]
    [InlineData("D: Start cephalexin two hundred fifty milligrams and propranolol ten milligrams. Take both twice a day.")]
    [InlineData("D: I'm prescribing cephalexin two hundred fifty milligrams and propranolol ten milligrams. You'll take them twice a day.")]
    [InlineData("D: You'll take cephalexin two hundred fifty milligrams together with propranolol ten milligrams, twice a day.")]
    public void One_frequency_said_for_two_drugs_is_each_ones(string line)
    {
        var medications = Consult.Facts(line, "P: Okay.").Medications;
        Assert.Equal([("cephalexin", "twice daily", "start"), ("propranolol", "twice daily", "start")], medications.Select(m => (m.Name, m.Frequency!, m.Action)).OrderBy(m => m.Name));
    }

    [Fact]
    public void A_patients_dose_after_the_clinician_named_a_drug_is_that_drugs_only_when_they_say_they_take_it()
    {
        var m = Assert.Single(Consult.Facts("D: Let's start metoclopramide, five milligrams once a day.", "P: Is twenty milligrams too much for my stomach?", "D: No.").Medications);
        Assert.Equal(("5 mg", "start"), (m.Dosage, m.Action));
    }
    [Theory]
    [InlineData("D: I'm starting metoclopramide. Take one five milligram tablet once a day.", "start")]
    [InlineData("P: I take a five milligram metoclopramide pill once a day.", "continue")]
    [InlineData("D: The metoclopramide is going down. Take five milligrams once a day from now on.", "decrease")]
    public void A_strength_said_as_a_tablets_or_before_the_name_is_the_dose(string line, string action)
    {
        var m = Assert.Single(Consult.Facts(line, "P: Okay.").Medications);
        Assert.Equal(("5 mg", "once daily", action), (m.Dosage, m.Frequency, m.Action));
    }
    [Theory]
    [InlineData("P: My old doctor wanted me on lisinopril, but I never filled it.")]
    [InlineData("P: I took lisinopril once in college.")]
    [InlineData("P: I tried lisinopril years ago, but it didn't help.")]
    public void A_drug_never_filled_or_taken_long_ago_is_not_taken(string line)
    {
        Assert.Empty(Consult.Facts(line, "D: Okay.").Medications);
    }

    [Fact]
    public void A_missed_dose_is_still_a_drug_taken()
    {
        Assert.Equal("continue", Assert.Single(Consult.Facts("P: I'm on lisinopril, but I didn't take it this morning.", "D: Okay.").Medications).Action);
    }
}
