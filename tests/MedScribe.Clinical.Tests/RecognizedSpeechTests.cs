namespace MedScribe.Clinical.Tests;

/// <summary>What a speech engine gives: lower-case turns with no punctuation, long clinician turns on one line, misheard words.</summary>
public sealed class RecognizedSpeechTests
{
    [Fact]
    public void A_long_unpunctuated_turn_is_read_clause_by_clause_so_a_verb_does_not_reach_the_next_drug()
    {
        var facts = Consult.Facts(
            "D: i am starting four medicines first aspirin eighty one milligrams by mouth once a day to help prevent clots second atorvastatin forty milligrams by mouth every night to lower your cholesterol third metoprolol succinate twenty five milligrams by mouth once a day it slows the heart");

        Assert.Equal([("aspirin", "start", "81 mg"), ("atorvastatin", "start", "40 mg"), ("metoprolol succinate", "start", "25 mg")],
            facts.Medications.Select(m => (m.Name, m.Action, m.Dosage)));
    }

    [Fact]
    public void A_condition_with_a_negated_modal_keeps_its_verb_and_stops_rather_than_calls_for_the_drug()
    {
        var facts = Consult.Facts(
            "D: we are starting lisinopril ten milligrams once a day for the pressure and if you get a stomach bug and can't keep fluids down you should skip the lisinopril until you are drinking again");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("start", "once daily"), (m.Action, m.Frequency));
    }

    [Fact]
    public void A_decision_on_it_before_another_drug_is_named_is_on_the_drug_asked_about()
    {
        var facts = Consult.Facts(
            "P: i take fish oil every morning",
            "D: okay",
            "P: okay and what about the fish oil",
            "D: i'd like you to stop it for now because with the clopidogrel for the same reason i'm not adding aspirin either");

        Assert.Equal("stop", Assert.Single(facts.Medications, m => m.Name == "omega 3 fatty acids").Action);
    }

    [Theory]
    [InlineData("D: next the atorvastatin your liver numbers are a bit high so we'll cop in half to twenty milligrams at night", "atorvastatin", "20 mg")]
    [InlineData("D: the gabapentin is making you foggy so we'll cuddle in half to three hundred milligrams at bedtime", "gabapentin", "300 mg")]
    public void Halved_to_a_dose_is_a_decrease_whatever_was_heard_for_cut_it(string line, string drug, string dose)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal((drug, "decrease", dose), (m.Name, m.Action, m.Dosage));
    }

    [Fact]
    public void First_thing_in_the_morning_is_a_time_of_day_not_the_first_of_a_list()
    {
        var facts = Consult.Facts(
            "D: and what about the pills in this bag",
            "P: the doxycycline is one hundred milligrams first thing in the morning and there's the famotidine twenty milligrams at night for my stomach");

        Assert.Equal([("doxycycline", "100 mg", "every morning"), ("famotidine", "20 mg", "every night")],
            facts.Medications.Select(m => (m.Name, m.Dosage, m.Frequency)));
    }

    [Theory]
    // A misheard "not" before a statement with its own subject and verb does not deny what that statement asserts.
    [InlineData("D: please tell him it is not bad news alone he has type two diabetes and we will treat it today", "E11.9")]
    [InlineData("D: it's not a surprise you have gout in that big toe and the flare is settling", "M10.9")]
    public void A_not_does_not_reach_past_a_new_subject_and_verb(string line, string code)
    {
        Assert.Contains(Consult.Facts(line).Problems, p => p.Code == code);
    }

    [Theory]
    // … but a denied thought or look still denies: "I don't think she has …".
    [InlineData("D: i don't think he has type two diabetes his sugars are normal")]
    [InlineData("D: it doesn't look like you have gout in that toe it's more like a sprain")]
    [InlineData("D: no he has never had diabetes")]
    public void A_denied_thought_or_look_still_denies_what_follows(string line)
    {
        Assert.DoesNotContain(Consult.Facts(line).Problems, p => p.Code is "E11.9" or "M10.9");
    }

    [Fact]
    public void For_the_next_drug_with_a_change_of_dose_after_it_opens_its_own_clause()
    {
        var facts = Consult.Facts(
            "D: keep the metformin five hundred milligrams twice a day with meals for the lisinopril since your pressure runs low drop to ten milligrams daily");

        Assert.Equal([("metformin", "continue", "500 mg"), ("lisinopril", "decrease", "10 mg")], facts.Medications.Select(m => (m.Name, m.Action, m.Dosage)));
    }

    [Fact]
    public void A_statement_starting_with_what_is_not_a_question_and_its_diagnosis_counts()
    {
        var facts = Consult.Facts("D: what you're describing sounds like stable angina the heart muscle is not getting enough blood when it works harder");

        Assert.Equal("I20.89", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_misheard_word_after_allergic_to_is_not_an_allergy()
    {
        var facts = Consult.Facts("P: once they gave me an antibiotic and i broke out in hives so i'm allergic to sell for dogs");

        Assert.Empty(facts.Allergies);
    }

    [Fact]
    public void A_decision_on_it_in_the_next_clause_applies_to_the_drug_just_named_with_its_new_dose()
    {
        var facts = Consult.Facts(
            "D: you're on metformin five hundred milligrams twice a day",
            "D: since you're tolerating metformin well i'd like to increase it to one thousand milligrams by mouth twice a day with breakfast and dinner");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("increase", "1000 mg", "twice daily", "oral"), (m.Action, m.Dosage, m.Frequency, m.Route));
    }

    [Fact]
    public void Blood_pressure_heard_without_blood_still_needs_a_reading_over_a_reading()
    {
        var facts = Consult.Facts("D: your temperature is ninety eight point six but pressure one sixteen over seventy two and heart rate eighty");

        Assert.Equal([("temperature", 98.6), ("blood_pressure", 116), ("heart_rate", 80)], facts.Vitals.Select(v => (v.Kind, v.Value)));
    }

    [Theory]
    [InlineData("D: your blood pressure is one twenty eight over eighty two all seventy eight and temperature ninety eight point two", 78)]
    [InlineData("D: today pressures on twenty four over seventy six bottles is sixty eight and you're at fifty eight kilos", 68)]
    [InlineData("D: blood pressure one thirty over eighty two post seventy eight", 78)]
    public void The_reading_right_after_a_pressure_is_the_pulse_whatever_its_name_was_heard_as(string line, double pulse)
    {
        var facts = Consult.Facts(line);

        Assert.Equal(pulse, facts.Vitals.Single(v => v.Kind == "heart_rate").Value);
    }

    [Theory]
    [InlineData("D: blood pressure one twenty over eighty two and ninety eight percent on room air")]
    [InlineData("D: blood pressure one twenty over eighty two then the weight was seventy pounds")]
    [InlineData("D: your pressure was one twenty over eighty two last time and one thirty over eighty eight today")]
    public void A_number_after_a_pressure_with_its_own_unit_or_name_is_no_pulse(string line)
    {
        var facts = Consult.Facts(line);

        Assert.DoesNotContain(facts.Vitals, v => v.Kind == "heart_rate");
    }

    [Fact]
    public void The_one_oh_of_a_fever_heard_as_another_word_still_reads_over_a_hundred()
    {
        Assert.Equal(101.1, Assert.Single(Consult.Facts("D: No fever wanna one point one today").Vitals).Value);
        Assert.Equal(102.1, Assert.Single(Consult.Facts("D: You've got to temperature of on oh two point on").Vitals).Value);
    }

    [Fact]
    public void Four_heard_as_for_before_the_next_named_reading_stays_with_the_pulse()
    {
        var facts = Consult.Facts("D: your heart rate is eighty for your oxygen level is ninety eight percent and you weigh two hundred and four pounds");

        Assert.Equal([("heart_rate", 84), ("spo2", 98), ("weight", 204)], facts.Vitals.Select(v => (v.Kind, v.Value)));
        Assert.Equal(80, Consult.Facts("D: the pulse is eighty for the most part").Vitals.Single().Value);
    }

    [Fact]
    public void A_drug_pointed_at_without_a_question_mark_is_dosed_by_the_answer_up_to_the_next_drug_it_names()
    {
        var facts = Consult.Facts(
            "D: And this box of benadryl",
            "P: That's for sleep I have the little pink ones every night fifty milligrams the tylenol arthritis is for my knees I take one six hundred fifty milligrams when they ache");
        var benadryl = Assert.Single(facts.Medications, m => m.Name == "diphenhydramine");
        Assert.Equal(("50 mg", "every night", "continue"), (benadryl.Dosage, benadryl.Frequency, benadryl.Action));
        // The dose that ends what was said about the first drug is not the next one's; the patient's own "I take" clause is.
        var tylenol = Assert.Single(facts.Medications, m => m.Name == "acetaminophen");
        Assert.Equal("650 mg", tylenol.Dosage);
    }

    [Fact]
    public void A_dose_said_right_before_the_next_drug_stays_with_that_drug()
    {
        var facts = Consult.Facts("D: And the metformin", "P: I stopped that now I take fifty milligrams of the losartan every morning");
        Assert.Equal("50 mg", Assert.Single(facts.Medications, m => m.Name == "losartan").Dosage);
        Assert.DoesNotContain(facts.Medications, m => m.Name == "metformin" && m.Dosage is not null);
    }

    [Fact]
    public void A_few_words_with_a_verb_about_a_drug_are_not_a_question()
    {
        // "The metformin stays" decides; only words that point at the drug ask about it.
        var m = Assert.Single(Consult.Facts("D: the metformin stays", "P: I take five hundred milligrams twice a day").Medications);
        Assert.Equal("continue", m.Action);
    }

    [Fact]
    public void A_patient_who_says_they_take_one_drug_goes_on_to_dose_the_next()
    {
        var facts = Consult.Facts("D: and this bottle of trazodone", "P: that's for sleep I take fifty milligrams every day and the quetiapine is fifty milligrams at night");
        var trazodone = Assert.Single(facts.Medications, m => m.Name == "trazodone");
        Assert.Equal(("50 mg", "once daily", "continue"), (trazodone.Dosage, trazodone.Frequency, trazodone.Action));
        var quetiapine = Assert.Single(facts.Medications, m => m.Name == "quetiapine");
        Assert.Equal(("50 mg", "every night", "continue"), (quetiapine.Dosage, quetiapine.Frequency, quetiapine.Action));
        // What the patient's doctor once wanted is not taken.
        Assert.DoesNotContain(Consult.Facts("P: I take my vitamins and my old doctor wanted me on lisinopril ten milligrams but I never filled it").Medications, m => m.Name == "lisinopril");
    }

    [Theory]
    [InlineData("D: third stop the metoprolol in half to twelve point five milligrams twice a day")]
    [InlineData("D: let's split the metoprolol in half so twelve point five milligrams twice a day")]
    public void A_drug_in_half_is_halved_whatever_verb_was_heard(string line)
    {
        var m = Assert.Single(Consult.Facts(line, "P: okay").Medications);
        Assert.Equal(("decrease", "12.5 mg"), (m.Action, m.Dosage));
    }

    [Fact]
    public void A_condition_keeps_the_decision_that_follows_from_it()
    {
        var m = Assert.Single(Consult.Facts(
            "D: for your gabapentin the plan is reduce to one hundred milligrams at night if the pain stays away for a month we'll stop it completely",
            "P: okay").Medications);
        Assert.Equal(("decrease", "100 mg"), (m.Action, m.Dosage));
    }

    [Fact]
    public void An_option_weighed_early_in_a_long_unpunctuated_clause_does_not_put_off_the_drug_it_ends_on()
    {
        var m = Assert.Single(Consult.Facts(
            "D: there are other options and some people prefer a yearly infusion or a shot but for now I'm sending a prescription for risedronate thirty five milligrams once a week",
            "P: okay").Medications);
        Assert.Equal(("risedronate", "start", "35 mg"), (m.Name, m.Action, m.Dosage));
        // Said just before the drug, the option still weighs it.
        Assert.DoesNotContain(Consult.Facts("D: another option would be risedronate thirty five milligrams once a week", "P: okay").Medications, d => d.Action == "start");
    }

    [Fact]
    public void A_topic_said_before_a_clause_start_belongs_to_the_clause_that_follows()
    {
        var facts = Consult.Facts(
            "P: I take lisinopril ten milligrams every morning and the sertraline fifty milligrams a day",
            "D: continue the lisinopril ten milligrams every morning for the sertraline let's bump that up to one hundred milligrams a day");
        Assert.Equal("continue", Assert.Single(facts.Medications, m => m.Name == "lisinopril").Action);
        var sertraline = Assert.Single(facts.Medications, m => m.Name == "sertraline");
        Assert.Equal(("increase", "100 mg"), (sertraline.Action, sertraline.Dosage));
    }

    [Fact]
    public void Keeping_a_limb_up_is_no_decision_on_the_drug_named_before()
    {
        var m = Assert.Single(Consult.Facts(
            "D: keep using the naproxen two hundred twenty milligrams every twelve hours as needed don't go over six hundred sixty milligrams of naproxen in a day we'll give you a knee brace and rest it for the first two or three days ice it for twenty minutes every few hours wrap it and keep it up above your heart once the swelling settles start walking again",
            "P: okay").Medications);
        Assert.Equal(("every 12 hours as needed", "continue"), (m.Frequency, m.Action));
    }

    [Fact]
    public void Sick_day_advice_under_a_condition_is_no_hold_now()
    {
        var m = Assert.Single(Consult.Facts(
            "D: the new one is dapagliflozin ten milligrams every morning it protects the kidneys and helps the sugar if you get sick and can't eat or drink you should skip it until you're better",
            "P: okay").Medications);
        Assert.Equal(("dapagliflozin", "start"), (m.Name, m.Action));
    }

    [Theory]
    [InlineData("D: I'm starting amoxicillin eight hundred and milligrams twice a day for ten days", "amoxicillin", "875 mg")]
    [InlineData("D: you can take acetaminophen six hundred and milligrams every six hours as needed", "acetaminophen", "650 mg")]
    // Its strengths in a second unit count too (fluticasone's sprays, and 110 mcg inhaled).
    [InlineData("D: for the asthma keep using the fluticasone one hundred and micrograms every morning and evening", "fluticasone", "110 mcg")]
    // Many usual strengths between one and two hundred micrograms: the rest of the number is not guessed.
    [InlineData("D: keep taking the levothyroxine one hundred and micrograms every morning", "levothyroxine", null)]
    public void A_number_cut_short_by_an_and_before_its_unit_is_the_drugs_one_usual_strength_there(string line, string drug, string? dose)
    {
        var m = Assert.Single(Consult.Facts(line, "P: okay").Medications);
        Assert.Equal((drug, dose), (m.Name, m.Dosage));
    }

    [Fact]
    public void As_needed_heard_as_and_needed_before_what_it_is_for_is_as_needed()
    {
        var m = Assert.Single(Consult.Facts("D: fourth sumatriptan tablets fifty milligrams by mouth and needed for migraine", "P: okay").Medications);
        Assert.Equal(("50 mg", "as needed"), (m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_pressure_heard_as_pressures_is_read()
    {
        var bp = Assert.Single(Consult.Facts("D: okay and your pressures on thirty two over eighty four today", "P: okay").Vitals);
        Assert.Equal("132/84", bp.Text);
    }

    [Theory]
    [InlineData("D: and the scale puts you at want eighty two pounds today", "182 lb")]
    [InlineData("D: your weight is sixty two pounds", "62 lb")]
    public void One_heard_as_want_before_a_weight_in_pounds_is_the_hundreds(string line, string weight)
    {
        Assert.Equal(weight, Assert.Single(Consult.Facts(line, "P: okay").Vitals).Text);
    }

    [Fact]
    public void Anyone_in_your_family_asks_without_a_question_mark()
    {
        var facts = Consult.Facts("D: anyone in your family was diabetes or high blood pressure", "P: my mother I think", "D: okay");
        Assert.Empty(facts.Problems);
    }

    [Theory]
    [InlineData("D: second lower the glargine from thirty to units to twenty six units at bedtime", "26 units")]
    [InlineData("D: let's make the prednisone twenty to milligrams a day", "22 mg")]
    public void A_recognisers_twenty_to_before_a_unit_is_twenty_two(string line, string dosage)
    {
        Assert.Equal(dosage, Assert.Single(Consult.Facts(line).Medications).Dosage);
    }

    [Fact]
    public void A_temperature_said_with_its_tenth_as_a_digit_and_a_weight_without_its_unit_are_read()
    {
        var facts = Consult.Facts("D: okay temp ninety nine four and your weight is two oh five pulse eighty");

        Assert.Equal([("heart_rate", 80d), ("temperature", 99.4), ("weight", 205d)], facts.Vitals.Select(v => (v.Kind, v.Value)).Order());
        Assert.Equal("lb", facts.Vitals.Single(v => v.Kind == "weight").Unit);
    }

    [Fact]
    public void A_goal_weight_or_a_weight_from_home_is_no_vital()
    {
        Assert.Empty(Consult.Facts("D: your goal weight is one sixty", "P: my weight at home was one ninety").Vitals);
    }

    [Theory]
    [InlineData("D: take amoxicillin 500 milligrams 2 times a day", "twice daily")]
    [InlineData("D: take ibuprofen 400 milligrams 3 times daily with food", "three times daily")]
    public void A_count_of_times_written_in_digits_is_read_as_the_words_are(string line, string frequency)
    {
        Assert.Equal(frequency, Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Fact]
    public void A_stage_heard_as_state_and_its_letter_as_a_word_refines_the_stage()
    {
        var facts = Consult.Facts("D: She has chronic kidney disease state three been it comes from her blood pressure");

        Assert.Equal("N18.32", facts.Problems.Single(p => p.Code!.StartsWith("N18", StringComparison.Ordinal)).Code);
    }

    [Fact]
    public void A_drug_weighed_in_the_next_clause_does_not_put_off_the_drugs_started_before_it()
    {
        var facts = Consult.Facts(
            "D: keep both of those since you will be on steroids for a long time take calcium six hundred milligrams twice a day and vitamin d a thousand units daily we talked about alendronate but let's hold off on that until we see your bone density");

        Assert.Equal([("calcium carbonate", "start"), ("cholecalciferol", "start")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Fact]
    public void An_unpunctuated_what_question_asks_and_once_a_day_is_no_time_long_ago()
    {
        var facts = Consult.Facts(
            "D: what inhaler is are you using right now",
            "P: the spiriva once a day and the albuterol when i need it i have used the albuterol maybe six times today");

        Assert.Equal([("tiotropium", "continue"), ("albuterol", "continue")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Fact]
    public void A_flu_shot_gives_no_route_to_the_drug_before_it()
    {
        var m = Assert.Single(Consult.Facts(
            "D: rest lots of fluids and acetaminophen six fifty milligrams every six hours for the fever once you're better get your flu shot and we'll check on the pneumonia vaccine").Medications);

        Assert.Null(m.Route);
    }

    [Fact]
    public void An_instruction_after_a_condition_with_its_own_subject_stays_in_the_condition()
    {
        var facts = Consult.Facts(
            "D: i'm starting methimazole ten milligrams twice a day",
            "P: okay",
            "D: rarely it can lower your white count if you get a sore throat with a fever stop the methimazole and call us the same day for a blood count");

        Assert.Equal("start", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_stop_and_a_going_on_said_for_weeks_from_now_leave_both_drugs_started()
    {
        var facts = Consult.Facts(
            "D: i want you to take aspirin eighty one milligrams and ticagrelor ninety milligrams both twice a day after four weeks you'll stop the ticagrelor and stay on the aspirin alone");

        Assert.Equal([("aspirin", "start"), ("ticagrelor", "start")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Fact]
    public void A_verb_of_another_clause_before_that_is_is_not_the_drugs()
    {
        var m = Assert.Single(Consult.Facts("D: now it's time for a daily medicine to bring the uric acid down so the attacks stop that's allopurinol one hundred milligrams a day").Medications);

        Assert.Equal("start", m.Action);
    }

    [Fact]
    public void A_call_after_a_condition_opens_a_clause_of_its_own()
    {
        var facts = Consult.Facts("D: but if you fall and hit your head come in right away call me if your morning sugar is over two fifty let's have you back in four weeks");

        Assert.Equal("4 weeks", facts.FollowUp?.Interval);
    }

    [Fact]
    public void A_drug_that_opens_the_next_clause_with_its_own_verb_is_not_the_pronouns()
    {
        var m = Assert.Single(Consult.Facts("P: Zzzquil most nights and a melatonin five milligrams", "D: the zzzquil at your age can cause confusion so I'd like you to stop it the melatonin you can keep").Medications, x => x.Name == "melatonin");

        Assert.Equal("continue", m.Action);
    }

    [Fact]
    public void What_replaces_a_regimen_stays_in_the_clause_that_opens_with_instead_of()
    {
        var m = Assert.Single(Consult.Facts("D: we'll double the water pill instead of furosemide forty once a day take forty milligrams twice a day morning and early afternoon").Medications);

        Assert.Equal(("40 mg", "twice daily", "increase"), (m.Dosage, m.Frequency, m.Action));
    }

    [Theory]
    [InlineData("P: I take metoprolol twenty five times a day", "twice daily")]
    [InlineData("P: I take the hydrocodone five times a day", "5 times daily")]
    public void Times_after_a_dose_said_in_tens_is_twice(string line, string frequency)
    {
        Assert.Equal(frequency, Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Theory]
    [InlineData("D: start metformin but thousand milligrams twice a day with meals", "1000 mg")]
    [InlineData("D: let's start vitamin d s thousand units daily with food", "1000 IU")]
    [InlineData("D: i'm giving you amoxicillin want grams three times a day for a week", "1 g")]
    public void A_hundred_or_thousand_or_one_whose_first_word_was_misheard_is_still_read(string line, string dosage)
    {
        Assert.Equal(dosage, Assert.Single(Consult.Facts(line).Medications).Dosage);
    }

    [Fact]
    public void A_strength_in_tens_before_times_a_day_is_the_whole_number()
    {
        var m = Assert.Single(Consult.Facts("P: I take metoprolol twenty five times a day").Medications);

        Assert.Equal(("25 mg", "twice daily"), (m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_dose_said_with_a_subject_and_will_before_the_next_drug_is_the_undosed_drug_just_started()
    {
        var facts = Consult.Facts(
            "D: he can be treated at home since he's drinking well i'm prescribing amoxicillin the liquid he'll take four hundred milligrams twice a day for ten days for fever but ibuprofen one hundred milligrams every six hours as needed");

        Assert.Equal(("400 mg", "twice daily", "start"), facts.Medications.Where(m => m.Name == "amoxicillin").Select(m => (m.Dosage, m.Frequency, m.Action)).Single());
        Assert.Equal("100 mg", Assert.Single(facts.Medications, m => m.Name == "ibuprofen").Dosage);
    }

    [Fact]
    public void A_course_of_set_length_the_patient_says_yeah_to_is_started()
    {
        var facts = Consult.Facts("D: and for the flare i love prednisone forty milligrams once a day for five days", "P: yeah");

        Assert.Equal("start", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void Your_iron_ending_a_sentence_is_the_bodys_store_not_a_supplement_taken()
    {
        var facts = Consult.Facts(
            "D: that much bleeding every month is what strain on your iron",
            "D: this is iron deficiency anemia so take ferrous sulfate three hundred twenty five milligrams every other day");

        Assert.Equal("start", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void Trying_without_a_dose_a_drug_whose_dose_was_just_raised_is_the_raise()
    {
        var facts = Consult.Facts(
            "D: your seizures were quiet for a year on lamotrigine one hundred twice a day",
            "D: i want to raise the dose one fifty milligrams twice a day",
            "D: if the rash comes we could switch but let's try to hire lamotrigine first");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("150 mg", "increase"), (m.Dosage, m.Action));
    }

    [Fact]
    public void A_drug_to_use_instead_is_started()
    {
        var facts = Consult.Facts("D: no more naproxen while you're on the blood thinner it raises the bleeding risk use tylenol for that instead");

        Assert.Equal([("naproxen", "stop"), ("acetaminophen", "start")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Theory]
    [InlineData("D: we'll give the first one today schedule your next injection and twelve weeks", "12 weeks")]
    [InlineData("D: keep up the exercises and come back and two weeks", "2 weeks")]
    [InlineData("D: let's talk by phone in one week about your sugars and see you in the office and three months", "3 months")]
    public void And_for_in_before_the_time_of_the_next_visit_is_heard(string line, string interval)
    {
        Assert.Equal(interval, Consult.Facts(line).FollowUp?.Interval);
    }

    [Fact]
    public void A_condition_right_after_how_often_stays_with_the_dose()
    {
        var m = Assert.Single(Consult.Facts(
            "D: i'll give you ondansetron four milligrams up to three times a day if the nausea is bad but try to keep drinking fluids through the day").Medications);

        Assert.Equal("up to 3 times daily as needed", m.Frequency);
    }

    [Fact]
    public void No_heard_as_know_before_a_finding_denies_it()
    {
        var fever = Assert.Single(Consult.Facts("P: i've had this dry cough for two months now twelve know fever it just won't quit").Findings, f => f.Name == "fever");
        Assert.False(fever.Present);
        Assert.Contains(Consult.Facts("P: i know fever can be serious but i've had one since sunday").Findings, f => f.Name == "fever" && f.Present);
    }

    [Fact]
    public void A_question_about_smoking_heard_without_its_mark_is_answered_by_the_amount()
    {
        var problem = Assert.Single(Consult.Facts("D: so the calf pain comes on when you walk you still smoking", "P: half a pack a day i know").Problems);
        Assert.Equal("F17.210", problem.Code);
    }

    [Theory]
    [InlineData("D: i'll call you tomorrow to check on you and i'd like to see you back in one week", "1 week")]
    [InlineData("D: i'll see are back in six weeks", "6 weeks")]
    [InlineData("D: keep a log and let's college base by video in four weeks", "4 weeks")]
    [InlineData("D: once the rash heals about two months come back and we'll give you the vaccine", "2 months")]
    // "Eight" heard as "a": no one says "a weeks".
    [InlineData("D: keep a diary and let's meet again in a weeks", "8 weeks")]
    [InlineData("D: keep a diary and let's meet again in a week", "1 week")]
    // Session 35: "month" with its last sound lost.
    [InlineData("D: keep track of the pressure and come see me in the moms with your log", "1 month")]
    [InlineData("D: i want a complete blood count in two weeks check in with me in a mom and", "1 month")]
    [InlineData("D: no change there check your pressure at home and come see me in i'm honest with the numbers", "1 month")]
    public void A_visit_whose_words_were_misheard_is_still_the_next_visit(string line, string interval)
    {
        Assert.Equal(interval, Consult.Facts(line).FollowUp?.Interval);
    }

    [Theory]
    // "Eight" heard as "and" or "a" before a number the drug does not come in: eight hundred and that number, when it does.
    [InlineData("D: start amoxicillin and seventy five milligrams twice a day for ten days", "875 mg")]
    [InlineData("D: start amoxicillin a seventy five milligrams twice a day", "875 mg")]
    [InlineData("D: take amoxicillin and two hundred fifty milligrams three times a day", "250 mg")]
    [InlineData("D: take the lisinopril and ten milligrams daily", "10 mg")]
    public void Eight_heard_as_and_before_a_number_is_read_as_the_drugs_strength(string line, string dose)
    {
        Assert.Equal(dose, Assert.Single(Consult.Facts(line).Medications).Dosage);
    }

    [Theory]
    // The verb misheard ("sending" as "sensing"): the specimen named with what it is for is still sent; a result is not.
    [InlineData("D: not at all it's harmless i'm also sensing your urine for culture to confirm the bacteria", 1)]
    [InlineData("D: your urine for culture came back with e coli", 0)]
    public void A_specimen_named_with_what_it_is_for_is_sent_whatever_the_verb_was_heard_as(string line, int count)
    {
        Assert.Equal(count, Consult.Facts(line).Orders.Count(o => o.Name == "urine culture"));
    }

    [Theory]
    // Another subject's "won't" (the antibiotics') in a run-on turn, then the clinician's own "you can": the drug is given.
    [InlineData("D: this is a viral cold and antibiotics won't help you can give acetaminophen one hundred eighty milligrams every six hours as needed for the fever", "start")]
    [InlineData("D: the cream won't help much we'll start doxycycline one hundred milligrams twice a day", "start")]
    public void A_deferral_before_a_clause_of_the_clinicians_own_does_not_put_off_the_drug_after_it(string line, string action)
    {
        Assert.Equal(action, Assert.Single(Consult.Facts(line).Medications).Action);
    }

    [Theory]
    [InlineData("D: we won't start gabapentin you can think about it")]
    [InlineData("D: i'd rather not add gabapentin")]
    public void A_deferral_of_the_drug_itself_still_puts_it_off(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Theory]
    // A long brand the recogniser heard in everyday words, once, with nothing to say it is a medicine: no drug.
    [InlineData("D: with the high blood pressure and orapred deal beats you qualify for the weekly injections")]
    [InlineData("D: let's stop the nicotine patch forty milligrams on pataday been a lot at each morning")]
    public void A_brand_heard_once_in_everyday_words_of_a_recognisers_turn_is_no_drug(string line)
    {
        Assert.DoesNotContain(Consult.Facts(line).Medications, m => m.Name is "prednisolone" or "olopatadine");
    }

    [Theory]
    // Said as a medicine (a word before it, a dose after it), named again, or written with punctuation: kept.
    [InlineData("D: i want to step you up to the triple inhaler trelegy once a day")]
    [InlineData("D: and tylenol is okay up to two thousand milligrams a day")]
    [InlineData("D: keep taking your synthroid every morning")]
    [InlineData("D: Orapred is fine for the flare.")]
    public void A_brand_said_as_a_medicine_or_written_is_kept(string line)
    {
        Assert.Contains(Consult.Facts(line).Medications, m => m.Name is "fluticasone umeclidinium vilanterol" or "acetaminophen" or "levothyroxine" or "prednisolone");
    }

    [Fact]
    public void A_taper_heard_as_paper_is_the_dose_packs_taper()
    {
        var m = Assert.Single(Consult.Facts("D: i'll give you a methylprednisolone goes back it's a six day paper starting with six tablets and the first day").Medications);
        Assert.Equal(("methylprednisolone", null, "6 day taper"), (m.Name, m.Dosage, m.Frequency));
    }

    [Fact]
    public void The_in_of_the_labs_timing_heard_as_and_right_after_them_still_times_them()
    {
        var orders = Consult.Facts("D: we'll check your potassium and kidney function and two weeks on the new pill and i'll see you in six weeks").Orders;
        Assert.Equal(["kidney function tests in 2 weeks", "potassium level in 2 weeks"], orders.Select(o => o.Name).Order());
    }

    [Fact]
    public void An_answer_to_when_to_come_back_opening_with_and_for_in_gives_the_time()
    {
        Assert.Equal("3 months", Consult.Facts("P: when do I come back", "D: and three months we'll repeat the a one c then").FollowUp?.Interval);
    }

    [Theory]
    [InlineData("D: blood pressure on fifty two over eighty eight heart rate eighty four", "blood_pressure", 152)]
    [InlineData("D: your weight is one sixty four nine pounds from the spring", "weight", 164)]
    [InlineData("D: well you're on the monitor the hundred point eight any nausea or vomiting", "temperature", 100.8)]
    [InlineData("D: your temperature is ninety nine point was you weigh one hundred twenty six pounds", "temperature", 99.1)]
    public void A_reading_with_a_word_misheard_is_read_as_the_body_allows(string line, string kind, double value)
    {
        Assert.Equal(value, Assert.Single(Consult.Facts(line).Vitals, v => v.Kind == kind).Value);
    }

    [Fact]
    public void For_after_the_tens_of_a_reading_before_the_next_vitals_name_is_four()
    {
        var pressure = Assert.Single(Consult.Facts("D: your blood pressure is one twenty over seventy for pulse sixty six").Vitals, v => v.Kind == "blood_pressure");

        Assert.Equal((120d, 74d), (pressure.Value, pressure.Second));
    }

    [Fact]
    public void A_reading_with_tenths_that_names_another_vital_is_no_temperature()
    {
        Assert.DoesNotContain(Consult.Facts("D: your weight is ninety nine point five today").Vitals, v => v.Kind == "temperature");
    }

    [Fact]
    public void Use_as_a_noun_opens_no_clause()
    {
        var facts = Consult.Facts("D: not yet and it can recover if you stop this is alcohol use disorder severe and i'm glad you want help today");

        Assert.Equal("F10.20", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void How_said_right_before_a_problem_takes_it_as_known()
    {
        var facts = Consult.Facts("P: just sertraline fifty milligrams every day", "D: how's anxiety");

        Assert.Equal("F41.9", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void How_often_to_weigh_oneself_is_not_how_often_the_drug_before_is_taken()
    {
        var facts = Consult.Facts("P: keep the amlodipine", "D: yes keep the amlodipine five milligrams you should keep to weigh yourself every morning after you pee");

        Assert.Null(Assert.Single(facts.Medications).Frequency);
    }

    [Theory]
    [InlineData("D: i'm starting a blood thinner apixaban ten milligrams twice a day for the first seven days been five milligrams twice a day", "5 mg")]
    [InlineData("D: sertraline is the best choice start with twenty five milligrams a day for won a week ago up to fifty milligrams a day", "50 mg")]
    public void A_first_phase_whose_then_was_misheard_still_gives_the_dose_after_it(string line, string dosage)
    {
        Assert.Equal(dosage, Assert.Single(Consult.Facts(line).Medications).Dosage);
    }

    [Fact]
    public void A_dose_far_from_any_the_drug_comes_in_said_without_its_name_is_not_its()
    {
        var facts = Consult.Facts(
            "D: that's allopurinol one hundred milligrams once a day",
            "D: allopurinol can actually trigger attacks at first so for the first six months take will try seven point six milligrams once a day");

        Assert.Equal("100 mg", Assert.Single(facts.Medications).Dosage);
    }

    [Fact]
    public void A_yes_with_a_dose_after_the_clinician_names_one_drug_doses_it()
    {
        var facts = Consult.Facts(
            "D: for the pain they gave you oxycodone",
            "P: yes five milligrams i've taken a few",
            "D: use the oxycodone only for severe pain one every six hours at most");

        Assert.Equal("5 mg", Assert.Single(facts.Medications).Dosage);
    }

    [Theory]
    [InlineData("D: lower the lantus from twenty two units to sixty units at bedtime", "16 units", "decrease")]
    [InlineData("D: raise the lantus from twenty units to fourteen units at bedtime", "40 units", "increase")]
    public void A_change_said_the_wrong_way_for_its_verb_is_a_teen_heard_as_a_ty(string line, string dosage, string action)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((dosage, action), (m.Dosage, m.Action));
    }

    [Fact]
    public void A_not_before_a_statement_of_what_something_is_does_not_deny_it()
    {
        var facts = Consult.Facts("D: at ten days a month you need a preventive not just rescue medicine these are migraines without aura");

        Assert.Equal("G43.009", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_not_before_the_problem_itself_still_denies_it()
    {
        Assert.Empty(Consult.Facts("D: i do not think this is a migraine at all").Problems);
    }

    [Fact]
    public void A_drug_the_clinician_names_before_your_reaction_is_the_patients_allergy()
    {
        var facts = Consult.Facts(
            "D: i don't think you need an opioid for this and hydrocodone is in the same family as codeine so with your reaction it's a bad idea");

        Assert.Equal("codeine", Assert.Single(facts.Allergies).Substance);
    }

    [Fact]
    public void A_drug_said_fine_given_an_allergy_to_another_is_no_allergy()
    {
        var facts = Consult.Facts("D: penicillin is fine for you given your allergy to sulfa");

        Assert.Equal("sulfa", Assert.Single(facts.Allergies).Substance);
    }

    [Fact]
    public void A_drug_prescribed_whole_keeps_its_frequency_when_a_later_run_on_mention_reaches_another_ones()
    {
        var facts = Consult.Facts(
            "D: this is plantar fasciitis naproxen five hundred milligrams twice a day with food for two weeks",
            "P: i've been taking ibuprofen",
            "D: but no more ibuprofen while you're on the naproxen for the same kind of drug roll a frozen water bottle under the foot and stretch the calf three times a day");

        var naproxen = Assert.Single(facts.Medications, m => m.Name == "naproxen");
        Assert.Equal(("500 mg", "twice daily", "start"), (naproxen.Dosage, naproxen.Frequency, naproxen.Action));
    }

    [Fact]
    public void What_follows_a_condition_said_after_its_instruction_is_not_conditional()
    {
        var facts = Consult.Facts(
            "D: dizziness at first and rarely a serious rash so call if you get a rash i want a complete blood count and an mri of the brain");

        Assert.Equal(2, facts.Orders.Count);
    }

    [Fact]
    public void A_condition_that_opens_the_sentence_still_holds_what_follows()
    {
        Assert.Empty(Consult.Facts("D: if the pain keeps waking you up i want an mri of the knee").Orders);
    }

    [Fact]
    public void Halve_heard_as_have_after_another_decision_lowers_the_dose()
    {
        var facts = Consult.Facts(
            "D: you take lisinopril twenty milligrams and doxazosin four milligrams at night right",
            "P: yes both",
            "D: the doxazosin is the worst for that so we'll stop it and have the lisinopril to ten milligrams once a day");

        var lisinopril = Assert.Single(facts.Medications, m => m.Name == "lisinopril");
        Assert.Equal(("10 mg", "decrease"), (lisinopril.Dosage, lisinopril.Action));
    }

    [Fact]
    public void Another_subjects_can_help_in_the_same_run_on_turn_defers_neither_drug_around_it()
    {
        var facts = Consult.Facts(
            "D: we'll give her prednisolone fifteen milligrams by mouth today a humidifier at night can help too for the pain ibuprofen one hundred milligrams every eight hours as needed");

        Assert.Equal(["ibuprofen", "prednisolone"], facts.Medications.Select(m => m.Name).Order());
    }

    [Theory]
    [InlineData("D: ibuprofen four hundred milligrams twice a day can help the swelling")]
    [InlineData("D: a warm compress can help for the pain ibuprofen can help too")]
    public void A_drug_that_can_help_is_still_weighed_not_prescribed(string line)
    {
        Assert.DoesNotContain(Consult.Facts(line).Medications, m => m.Action == "start");
    }

    [Theory]
    [InlineData("D: her temperature is thirty eight point want she's breathing thirty times a minute", 38.1)]
    [InlineData("D: temperature ninety nine point won this morning", 99.1)]
    public void One_heard_as_want_right_after_a_numbers_point_is_its_decimal(string line, double value)
    {
        Assert.Equal(value, Assert.Single(Consult.Facts(line).Vitals, v => v.Kind == "temperature").Value);
    }

    [Fact]
    public void Want_after_a_point_that_is_the_verb_is_no_decimal()
    {
        Assert.Equal(38, Assert.Single(Consult.Facts("D: her temperature is thirty eight point want you to keep an eye on it").Vitals, v => v.Kind == "temperature").Value);
    }

    [Theory]
    [InlineData("D: how often do you take the naproxen now blood pressure is one twenty four over seventy eight today keep taking it with food", "bp 124/78")]
    [InlineData("D: when did the dizziness start your pulse is fifty eight this morning", "heart_rate 58")]
    public void A_reading_stated_after_a_question_in_the_same_run_on_turn_is_still_read(string line, string reading)
    {
        var vitals = Consult.Facts(line).Vitals;
        Assert.Contains(vitals, v => (v.Kind == "blood_pressure" ? $"bp {v.Value}/{v.Second}" : $"{v.Kind} {v.Value}") == reading);
    }

    [Fact]
    public void A_target_heard_before_a_reading_after_a_question_stays_a_target()
    {
        Assert.DoesNotContain(Consult.Facts("D: do you check at home our goal pulse is under one hundred at rest").Vitals, v => v.Kind == "heart_rate");
    }

    [Fact]
    public void A_weight_in_a_clause_cut_from_the_turns_other_readings_is_still_the_weight()
    {
        var transcript = ClinicalTranscript.From(
        [
            new Utterance(0, Speakers.Doctor, "so today we're one hundred and ninety pounds and your b m i is thirty one. your blood pressure is one thirty over eighty", 0, 1000),
        ]);

        Assert.Equal(190, Assert.Single(ClinicalExtractor.Default.Extract(transcript).Vitals, v => v.Kind == "weight").Value);
    }

    [Fact]
    public void A_cue_said_many_clauses_away_in_a_recognisers_turn_does_not_refine_the_problem()
    {
        // One unpunctuated turn: the diabetes is named in its first clauses, the control of the pressure in its last.
        var far = ClinicalTranscript.From(
        [
            new Utterance(0, Speakers.Doctor, "your sugars have been fine so you have type two diabetes and we'll keep the metformin the same let's look at your feet "
                + "today take your shoes off for me i'm checking the pulses in both feet please keep walking every day and i'm ordering an eye exam "
                + "so your blood pressure is not well controlled today", 0, 1000),
        ]);
        var near = ClinicalTranscript.From(
        [
            new Utterance(0, Speakers.Doctor, "so you have type two diabetes and it is not well controlled let's look at your feet today take your shoes off for me", 0, 1000),
        ]);

        Assert.Equal("E11.9", Assert.Single(ClinicalExtractor.Default.Extract(far).Problems, p => p.Code!.StartsWith("E11", StringComparison.Ordinal)).Code);
        Assert.Equal("E11.65", Assert.Single(ClinicalExtractor.Default.Extract(near).Problems, p => p.Code!.StartsWith("E11", StringComparison.Ordinal)).Code);
    }

    [Theory]
    [InlineData("D: take cefuroxime five hundred milligrams on the first day and then to fifty twice a day for nine more days", "250 mg")]
    [InlineData("D: prednisone forty milligrams for the first three days and then to twenty once a day for three more days", "20 mg")]
    public void Two_fifty_heard_as_to_fifty_after_a_loading_dose_of_hundreds_is_two_fifty(string line, string dose)
    {
        Assert.Equal(dose, Assert.Single(Consult.Facts(line).Medications).Dosage);
    }

    [Theory]
    [InlineData("D: keep using the albuterol two puffs and they all the free four hours as needed for wheezing", "every 4 hours as needed")]
    [InlineData("D: ibuprofen four hundred milligrams six hours as needed for pain", "every 6 hours as needed")]
    [InlineData("D: use the albuterol two puffs for four hours as needed", "as needed")]
    public void Every_n_hours_heard_without_its_every_is_still_every_n_hours(string line, string frequency)
    {
        Assert.Equal(frequency, Assert.Single(Consult.Facts(line).Medications).Frequency);
    }
}

