using MedScribe.Clinical.Templates;

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
    [InlineData("D: No change to the amlodipine; keep taking five milligrams a day.", "continue", "5 mg")]
    [InlineData("D: I'm raising your sertraline to one hundred milligrams each morning.", "increase", "100 mg")]
    [InlineData("D: We'll bump the gabapentin up to six hundred milligrams every eight hours.", "increase", "600 mg")]
    [InlineData("D: Let's take the lisinopril up to forty milligrams a day.", "increase", "40 mg")]
    [InlineData("D: We'll drop the metoprolol to twenty five milligrams twice a day.", "decrease", "25 mg")]
    [InlineData("D: Please don't take the tramadol fifty milligrams at night any longer.", "stop", "50 mg")]
    [InlineData("D: We need a higher dose of levothyroxine: one hundred twelve micrograms every morning.", "increase", "112 mcg")]
    [InlineData("D: Let's leave the losartan where it is, fifty milligrams daily.", "continue", "50 mg")]
    [InlineData("P: I've been taking five hundred milligrams of naproxen twice a day.", "continue", "500 mg")]
    public void A_decision_is_read_wherever_the_verb_stands(string line, string action, string? dosage)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((action, dosage), (m.Action, m.Dosage));
    }

    [Fact]
    public void A_frequency_said_once_after_a_list_of_dosed_drugs_is_each_ones()
    {
        var together = Consult.Facts("D: I'm starting hydroxychloroquine two hundred milligrams and prednisone ten milligrams once a day.");
        var own = Consult.Facts("D: Keep the metformin five hundred milligrams twice a day, lisinopril twenty milligrams, and atorvastatin forty milligrams at night.");

        Assert.Equal(["once daily", "once daily"], together.Medications.Select(m => m.Frequency));
        Assert.Equal(["twice daily", null, "every night"], own.Medications.Select(m => m.Frequency));
    }

    [Theory]
    [InlineData("D: Take half a tablet of metoprolol twice a day.", "metoprolol", "0.5 tablet", "oral", "start")]
    [InlineData("D: Put one drop of latanoprost in each eye at bedtime.", "latanoprost", "1 drop", "ophthalmic", "start")]
    [InlineData("D: Apply the hydrocortisone cream to the rash twice a day.", "hydrocortisone", null, "topical", "start")]
    public void Halves_places_and_an_instruction_without_a_dose_are_read(string line, string name, string? dosage, string route, string action)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((name, dosage, route, action), (m.Name, m.Dosage, m.Route, m.Action));
    }

    [Theory]
    [InlineData("D: Some people do well on diltiazem two hundred forty milligrams twice a day so we might think about it next time")]
    [InlineData("D: If the pain comes back we could try nitrofurantoin one hundred milligrams every night")]
    [InlineData("D: We talked about ramipril two point five milligrams once a day well let's hold off for now")]
    public void A_drug_weighed_in_a_recognisers_unpunctuated_turn_is_not_reported(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Theory]
    [InlineData("D: Amoxicillin five hundred milligrams three times a day for ten days so if the fever isn't gone call me")]
    [InlineData("D: Naproxen five hundred milligrams twice a day for a week so you could take it with food")]
    public void A_condition_or_a_how_to_in_the_next_clause_does_not_weigh_the_drug(string line)
    {
        Assert.Equal("start", Assert.Single(Consult.Facts(line).Medications).Action);
    }

    [Fact]
    public void A_recognisers_slips_in_a_regimen_are_read_through()
    {
        var facts = Consult.Facts(
            "D: I'd like to get you started the lorazepam point five milligrams morning at night",
            "P: Okay");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("0.5 mg", "twice daily", "start"), (m.Dosage, m.Frequency, m.Action));

        var kept = Assert.Single(Consult.Facts("D: The clonazepam stay as a point five milligrams as needed", "P: Okay").Medications);
        Assert.Equal(("0.5 mg", "continue"), (kept.Dosage, kept.Action));
        Assert.Equal("stop", Assert.Single(Consult.Facts("D: We discontinued the meloxicam seven point five milligrams", "P: Okay").Medications).Action);

        // "Halve the warfarin down to …" heard as "how the …" is no question.
        var halved = Assert.Single(Consult.Facts("D: How the warfarin down to two milligrams every eight hours", "P: Okay").Medications);
        Assert.Equal(("2 mg", "decrease"), (halved.Dosage, halved.Action));
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

    [Theory]
    [InlineData("D: We went over starting tirzepatide, but you'd rather wait until after the holidays, so we'll hold off.")]
    [InlineData("D: I brought up adding dupilumab; we decided against it for now.")]
    [InlineData("D: Starting evolocumab is on the table, but not yet.")]
    public void A_start_put_off_later_in_the_sentence_is_not_a_start(string line)
    {
        Assert.DoesNotContain(Consult.Facts(line).Medications, m => m.Action == "start");
    }

    [Fact]
    public void A_start_with_its_dose_is_not_put_off_by_what_is_put_off_after_it()
    {
        var m = Assert.Single(Consult.Facts("D: Let's start apixaban five milligrams twice a day, and hold off on any aspirin.").Medications, m => m.Name == "apixaban");
        Assert.Equal("start", m.Action);
    }

    [Theory]
    [InlineData("D: Use the nitroglycerin spray, one spray under the tongue every five minutes as needed, no more than three.", "nitroglycerin", "every 5 minutes as needed")]
    [InlineData("D: Secukinumab, one hundred fifty milligrams, one injection every four weeks.", "secukinumab", "every 4 weeks")]
    [InlineData("D: Start colesevelam, six hundred twenty five milligrams, three tablets twice a day with meals.", "colesevelam", "twice daily")]
    [InlineData("D: For the nausea, prochlorperazine ten milligrams every six hours as needed.", "prochlorperazine", "every 6 hours as needed")]
    [InlineData("D: I'm giving you ceftriaxone, two hundred fifty milligrams in the muscle, one time, here in the office.", "ceftriaxone", "once")]
    [InlineData("D: Take fluconazole one hundred fifty milligrams once, today.", "fluconazole", "once")]
    public void Drugs_of_more_specialties_are_found_with_their_frequency(string line, string drug, string frequency)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal((drug, frequency), (m.Name, m.Frequency));
    }

    [Fact]
    public void A_patients_answer_sent_as_several_segments_answers_the_medication_question_and_a_bare_usual_strength_is_its_dose()
    {
        var facts = Consult.Facts(
            "D: Which medicines do you take now?",
            "P: Sertraline, fifty milligrams every morning.",
            "P: And the pravastatin forty, at night.",
            "P: And vitamin B12 once a day.",
            "D: Okay. The losartan stays at fifty.");
        Assert.Equal(
            [("sertraline", "50 mg", "every morning"), ("pravastatin", "40 mg", "every night"), ("cyanocobalamin", null, "once daily")],
            facts.Medications.Where(m => m.Name != "losartan").Select(m => (m.Name, m.Dosage, m.Frequency)));
        Assert.Equal(("50 mg", "continue"), facts.Medications.Where(m => m.Name == "losartan").Select(m => (m.Dosage, m.Action)).Single());
    }

    [Theory]
    [InlineData("P: I take the gabapentin three times a day.", null)]
    [InlineData("P: I take the gabapentin three hundred and the metformin.", "300 mg")]
    [InlineData("P: I take the warfarin four, or five on Sundays.", null)]
    public void A_bare_number_is_a_dose_only_when_it_is_a_usual_strength_and_no_count_or_unit_follows(string line, string? dose)
    {
        Assert.Equal(dose, Consult.Facts("D: What do you take?", line).Medications.First().Dosage);
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

    [Theory]
    [InlineData("P: Penicillin gives me hives, and shellfish makes my throat close up.", "penicillin:hives", "shellfish:throat swelling")]
    [InlineData("P: Morphine makes me throw up, and I swell up with shellfish.", "morphine:vomiting", "shellfish:swelling")]
    [InlineData("P: Morphine makes me throw up. And shellfish, my lips swell.", "morphine:vomiting", "shellfish:swelling")]
    [InlineData("P: Morphine makes me throw up. And I take aspirin every day.", "morphine:vomiting", null)]
    public void Each_allergen_of_an_answer_takes_the_reaction_of_its_own_clause(string answer, string first, string? second)
    {
        var allergies = Consult.Facts("D: Any allergies?", answer, "D: Okay.").Allergies.Select(a => $"{a.Substance}:{a.Reaction}").ToList();
        Assert.Equal(second is null ? [first] : [first, second], allergies);
    }

    [Theory]
    [InlineData("P: I can't take codeine because of vomiting.", "codeine", "vomiting")]
    [InlineData("P: When I took sulfa years ago I got hives.", "sulfa", "hives")]
    [InlineData("P: My mother says I had a rash from amoxicillin as a baby.", "amoxicillin", "rash")]
    [InlineData("P: The only one is latex. Itching all over.", "latex", "itching")]
    [InlineData("P: Yes, st. john's wort. I broke out in itching all over.", "st john's wort", "itching")]
    [InlineData("P: Cipro. I had tendon pain with it.", "ciprofloxacin", "tendon pain")]
    [InlineData("P: Keflex makes me itch.", "cephalexin", "itching")]
    [InlineData("P: Penicillin, I get hives.", "penicillin", "hives")]
    [InlineData("P: I can't take NSAIDs, they tear up my stomach.", "nsaids", "upset stomach")]
    [InlineData("P: My son gets welts from cefdinir.", "cefdinir", "hives")]
    [InlineData("P: Cephalexin. I break out all over.", "cephalexin", "rash")]
    [InlineData("P: Peanuts, my throat closes up.", "peanuts", "throat swelling")]
    public void An_allergy_is_read_however_the_reaction_is_tied_to_its_cause(string answer, string substance, string reaction)
    {
        var allergy = Assert.Single(Consult.Facts("D: Any allergies to medicines?", answer).Allergies);
        Assert.Equal((substance, reaction), (allergy.Substance, allergy.Reaction));
    }

    [Fact]
    public void Anything_else_after_an_allergy_answer_asks_for_more_allergies_and_any_other_medicines_does_not()
    {
        var facts = Consult.Facts(
            "D: Do you have any drug allergies?",
            "P: Penicillin, I get hives.",
            "D: Anything else?",
            "P: Naproxen, my lips swell up.",
            "D: Any other medicines?",
            "P: Metoprolol twenty five milligrams once a day.");
        Assert.Equal([("penicillin", "hives"), ("naproxen", "swelling")], facts.Allergies.Select(a => (a.Substance, a.Reaction)));
        Assert.Equal(["metoprolol"], facts.Medications.Select(m => m.Name));
    }

    [Fact]
    public void A_drug_taken_for_a_reaction_or_that_relieved_it_is_no_allergy_and_an_allergen_is_no_medicine()
    {
        var facts = Consult.Facts(
            "P: I took Benadryl for the hives last week.",
            "P: The prednisone made my rash better.",
            "P: When I took amoxicillin years ago I got a rash.");

        Assert.Equal(["amoxicillin"], facts.Allergies.Select(a => a.Substance));
        Assert.DoesNotContain(facts.Medications, m => m.Name == "amoxicillin");

        // A side effect told outside the allergy question is no allergy.
        Assert.Empty(Consult.Facts("D: How did the metformin go?", "P: The metformin gave me diarrhea after a week, so I stopped it.").Allergies);
    }

    [Fact]
    public void An_allergy_read_back_from_the_chart_takes_the_reaction_from_the_patients_answer()
    {
        var facts = Consult.Facts("D: It says here you react to penicillin. What happens?", "P: I get hives all over.");

        var allergy = Assert.Single(facts.Allergies);
        Assert.Equal(("penicillin", "hives"), (allergy.Substance, allergy.Reaction));
        Assert.Empty(facts.Medications);
        Assert.DoesNotContain(Consult.Facts("D: You didn't react to the penicillin last time?", "P: No.").Allergies, a => a.Substance != "NKDA");
    }

    [Fact]
    public void A_relatives_allergy_is_not_the_patients()
    {
        var facts = Consult.Facts("D: Any allergies to medicines?", "P: No, but my sister is allergic to penicillin.");
        Assert.DoesNotContain(facts.Allergies, a => a.Substance == "penicillin");
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

    [Theory]
    [InlineData("D: Oxygen's holding at ninety four on room air.", "spo2", "94%")]
    [InlineData("D: Your oxygen is ninety two.", "spo2", "92%")]
    [InlineData("D: Scale has you at one ninety eight, down four pounds since June.", "weight", "198 lb")]
    [InlineData("D: The scale says two hundred and three today.", "weight", "203 lb")]
    [InlineData("D: Your heart rate is fast, about a hundred and twelve.", "heart_rate", "112 bpm")]
    [InlineData("D: Pulse is a bit slow at fifty two.", "heart_rate", "52 bpm")]
    [InlineData("D: You've lost ten pounds, you're at one sixty five now.", "weight", "165 lb")]
    [InlineData("D: You weigh ninety one kilos, and you're five foot ten.", "height", "70 in")]
    public void An_oxygen_or_a_scale_reading_said_without_its_unit_is_read_by_its_name(string line, string kind, string text)
    {
        Assert.Equal(text, Consult.Facts(line).Vitals.Single(v => v.Kind == kind).Text);
    }

    [Theory]
    [InlineData("D: We'll put the oxygen at two liters.")]
    [InlineData("D: Your oxygen was ninety two at home, you said?")]
    [InlineData("D: On a pain scale of one to ten, where are you?")]
    [InlineData("D: Your pulse was high when you came in, but it's fine now.")]
    [InlineData("D: You've lost ten pounds since spring.")]
    [InlineData("D: The rash is about three feet from the wound.")]
    [InlineData("D: Walk five feet and turn around.")]
    public void An_oxygen_flow_a_question_or_a_pain_scale_is_no_reading(string line)
    {
        Assert.Empty(Consult.Facts(line).Vitals);
    }

    [Theory]
    [InlineData("D: Pulse ox reached ninety nine percent.", "spo2", "99%")]
    [InlineData("D: Socks are ninety eight percent.", "spo2", "98%")]
    [InlineData("D: Your baby is one forty nine over seventy four, which is better.", "blood_pressure", "149/74")]
    [InlineData("D: Your pressure came back up at one fifty over ninety.", "blood_pressure", "150/90")]
    [InlineData("D: You've got a temperature of wanna one point one.", "temperature", "101.1 °F")]
    [InlineData("D: Your heart's beating about fifty seven times a minute.", "heart_rate", "57 bpm")]
    [InlineData("D: You're satting ninety four percent.", "spo2", "94%")]
    [InlineData("D: The thermometer says one oh one point one.", "temperature", "101.1 °F")]
    [InlineData("D: You're taking twenty two breaths a minute.", "respiratory_rate", "22/min")]
    [InlineData("D: Oxygen saturation's ninety one.", "spo2", "91%")]
    [InlineData("D: Pulse oximetry ninety four percent.", "spo2", "94%")]
    [InlineData("D: Heart's going at forty nine.", "heart_rate", "49 bpm")]
    [InlineData("D: Resp rate twelve.", "respiratory_rate", "12/min")]
    [InlineData("D: Thermometer read ninety eight point two.", "temperature", "98.2 °F")]
    [InlineData("D: Top number's one fifty eight, bottom number's sixty four.", "blood_pressure", "158/64")]
    [InlineData("D: He weighs eighteen pounds twelve ounces today.", "weight", "18.75 lb")]
    [InlineData("D: His length is thirty and a half inches, right on his curve.", "height", "30.5 in")]
    [InlineData("D: Your height is five foot nine.", "height", "69 in")]
    public void A_reading_whose_unit_confirms_it_is_read_across_unknown_words_or_a_misheard_name(string line, string kind, string text)
    {
        Assert.Equal(text, Consult.Facts(line).Vitals.Single(v => v.Kind == kind).Text);
    }

    [Theory]
    [InlineData("D: It works ninety percent of the time.")]
    [InlineData("D: I'm ninety five percent sure it's viral.")]
    [InlineData("D: Your pulse and then the oxygen, ninety seven.")]
    [InlineData("D: Take two over the next three days.")]
    [InlineData("D: Let's put you on oxygen, two liters.")]
    [InlineData("D: Your oxygen was fine, and you're sixty five now.")]
    public void A_number_without_a_confirming_unit_or_name_is_not_a_vital(string line)
    {
        Assert.Empty(Consult.Facts(line).Vitals);
    }

    [Theory]
    [InlineData("D: You've gained a little, you're one hundred ninety pounds now.", 190.0)]
    [InlineData("D: You're down a bit, at one sixty two pounds.", 162.0)]
    [InlineData("D: You're down ten pounds since the summer.", null)]
    public void The_word_nearest_before_a_weight_says_whether_it_is_the_weight_or_a_change(string line, double? pounds)
    {
        Assert.Equal(pounds, Consult.Facts(line, "P: Okay.").Vitals.SingleOrDefault(v => v.Kind == "weight")?.Value);
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

    [Theory]
    // The patient's answer before the diagnosis, and the clinician's next words after it, refine its code.
    [InlineData("K51.011", "D: What have you noticed?", "P: Blood in the stool, mostly, and it's the whole colon they said.", "D: So this is a flare of your ulcerative colitis.")]
    [InlineData("I50.23", "D: This is heart failure with reduced ejection fraction.", "P: Is it serious?", "D: It's acute on chronic, and we can treat it.")]
    [InlineData("G43.109", "P: I see zigzag lights first, an aura before the headache.", "D: Okay.", "D: These are migraines.")]
    // Asked about and denied, or denied by the patient: no refinement.
    [InlineData("K51.90", "D: Any blood in the stool?", "P: No.", "D: So this is ulcerative colitis.")]
    [InlineData("K51.90", "P: I haven't had any blood in the stool.", "D: Good.", "D: This is ulcerative colitis.")]
    [InlineData("H66.90", "D: Any pus from the ear?", "P: Nope.", "D: He has otitis media.")]
    public void A_code_is_refined_by_the_patients_answer_before_it_and_the_clinicians_words_after_it_unless_denied(string code, params string[] lines)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts([.. lines, "P: Okay."]).Problems).Code);
    }

    [Theory]
    [InlineData("D: We're treating your asthma with an inhaler.", "J45.909")]
    [InlineData("D: We'll manage the gout with diet first.", "M10.9")]
    [InlineData("D: We don't treat gout with antibiotics.", null)]
    public void Treating_or_managing_a_problem_says_the_patient_has_it(string line, string? code)
    {
        Assert.Equal(code, Consult.Facts(line, "P: Okay.").Problems.SingleOrDefault()?.Code);
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

    [Fact]
    public void A_drug_after_a_preposition_does_not_share_the_verb_of_the_list()
    {
        var facts = Consult.Facts(
            "D: Start naproxen, two hundred twenty milligrams twice a day with food.",
            "D: You can keep taking the acetaminophen, five hundred milligrams as needed, in between the naproxen doses.");

        Assert.Equal([("acetaminophen", "continue"), ("naproxen", "start")], facts.Medications.Select(m => (m.Name, m.Action)).Order());
    }

    [Fact]
    public void The_clinicians_answer_to_a_patients_question_about_a_drug_decides_on_it()
    {
        var facts = Consult.Facts(
            "P: I also started saint john's wort last month, two capsules a day.",
            "D: Okay.",
            "P: Should I keep the St. John's wort?",
            "D: I'd rather you stop it. It changes how other medicines work.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("st. john's wort", "stop", "2 capsules"), (m.Name, m.Action, m.Dosage));
    }

    [Theory]
    [InlineData("D: We don't use acetaminophen for this anymore.")]
    [InlineData("D: Try to get some sunshine, it helps your body make vitamin D.")]
    public void Practice_and_physiology_name_no_medication(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Fact]
    public void A_verb_after_to_is_no_misheard_two()
    {
        Assert.DoesNotContain(Consult.Facts("D: We were going to drop back on the methadone.").Medications, m => m.Dosage == "2 drops");
    }

    [Fact]
    public void Your_drug_not_taken_anymore_is_still_stopped()
    {
        var m = Assert.Single(Consult.Facts("D: We do not need the naproxen anymore.").Medications);

        Assert.Equal(("naproxen", "stop"), (m.Name, m.Action));
    }

    [Theory]
    [InlineData("D: I'm not going to add an antidepressant like fluoxetine, because of the mania risk.")]
    [InlineData("D: I don't think we need propranolol for a tremor this mild.")]
    [InlineData("D: Please avoid ibuprofen and naproxen while you take this.")]
    public void A_drug_named_and_not_prescribed_is_not_a_medication(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Theory]
    [InlineData("D: Keep taking your prenatal vitamin, one gummy every night.", "prenatal vitamin", "1 gummy")]
    [InlineData("D: Keep taking the acetaminophen, two extra strength tablets every eight hours as needed.", "acetaminophen", "2 extra strength tablets")]
    [InlineData("D: Keep using the nicotine patch, two patches a day.", "nicotine", "2 patches")]
    public void Counted_doses_keep_their_form(string line, string name, string dosage)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((name, dosage), (m.Name, m.Dosage));
    }

    [Theory]
    [InlineData("D: I'd like you to give him cetirizine, two and a half milliliters at bedtime.", "start")]
    [InlineData("D: Don't give her any more children's ibuprofen, five milliliters every six hours.", "stop")]
    [InlineData("D: Let's give him a bit more amoxicillin, seven and a half milliliters twice a day.", "increase")]
    [InlineData("D: Give less lactulose, just ten milliliters once a day.", "decrease")]
    [InlineData("D: Keep giving the liquid iron, one milliliter once a day.", "continue")]
    public void A_caregiver_told_what_to_give_is_a_decision(string line, string action)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal(action, m.Action);
    }

    [Theory]
    [InlineData("D: The lisinopril ten milligrams daily stays the same.", "continue")]
    [InlineData("D: We won't change the lisinopril, ten milligrams daily.", "continue")]
    [InlineData("D: Let's not change the lisinopril ten milligrams daily.", "continue")]
    [InlineData("D: I wouldn't touch the lisinopril, ten milligrams daily.", "continue")]
    [InlineData("D: No change in the lisinopril, ten milligrams daily.", "continue")]
    [InlineData("D: Same lisinopril, ten milligrams daily.", "continue")]
    [InlineData("D: The lisinopril ten milligrams daily is fine as it is.", "continue")]
    [InlineData("D: The lisinopril ten milligrams daily can go.", "stop")]
    [InlineData("D: There's no need for the metoprolol succinate fifty milligrams daily anymore.", "stop")]
    [InlineData("D: Let's take you off the lisinopril ten milligrams daily.", "stop")]
    [InlineData("D: We'll get rid of the lisinopril ten milligrams daily.", "stop")]
    [InlineData("D: Drink a little more water with the lisinopril ten milligrams daily.", "start")]
    [InlineData("D: The lisinopril isn't quite enough, so let's make it twenty milligrams daily.", "increase")]
    [InlineData("D: The lisinopril is too strong, so let's go lower, five milligrams daily.", "decrease")]
    [InlineData("D: Let's scale back the lisinopril to five milligrams daily.", "decrease")]
    public void A_decision_said_after_the_drug_or_as_a_change_not_made(string line, string action)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal(action, m.Action);
    }

    [Fact]
    public void A_volume_restated_as_a_mass_is_dosed_by_the_mass()
    {
        var m = Assert.Single(Consult.Facts("D: Give one milliliter of the cetirizine once a day. That's two and a half milligrams.").Medications);

        Assert.Equal(("cetirizine", "2.5 mg"), (m.Name, m.Dosage));
    }

    [Fact]
    public void A_next_phase_said_in_the_next_sentence_joins_the_first()
    {
        var m = Assert.Single(Consult.Facts(
            "D: I'm starting triamcinolone cream, zero point one percent. Apply it twice a day for two weeks. After that, use it once a day on weekends only.").Medications);

        Assert.Equal("twice daily for 2 weeks, then once daily on weekends only", m.Frequency);
    }

    [Fact]
    public void A_sentence_after_a_course_that_opens_no_phase_leaves_the_frequency()
    {
        var m = Assert.Single(Consult.Facts(
            "D: I'm starting amoxicillin, five hundred milligrams. Take it three times a day for ten days. Then we'll see you back in two weeks.").Medications);

        Assert.Equal("three times daily", m.Frequency);
    }

    [Theory]
    [InlineData("D: Swap the atenolol twenty five milligrams nightly for metoprolol succinate fifty milligrams once a day.", "atenolol", "stop", "metoprolol succinate", "start")]
    [InlineData("D: Let's add sertraline twenty five milligrams daily; the trazodone fifty milligrams at bedtime stays.", "sertraline", "start", "trazodone", "continue")]
    [InlineData("P: I take apixaban five milligrams with breakfast and supper and atenolol twenty five milligrams first thing in the morning.", "apixaban", "continue", "atenolol", "continue")]
    [InlineData("D: Continue nitrofurantoin one hundred milligrams with breakfast and supper and fluconazole one hundred fifty milligrams once weekly.", "nitrofurantoin", "continue", "fluconazole", "continue")]
    public void Two_drugs_decided_in_one_turn(string line, string first, string firstAction, string second, string secondAction)
    {
        var medications = Consult.Facts(line).Medications;

        Assert.Equal([(first, firstAction), (second, secondAction)], medications.Select(m => (m.Name, m.Action)).ToArray());
    }

    [Theory]
    [InlineData("D: The lisinopril ten milligrams daily can go up to twenty if your pressure stays high.", "lisinopril", "stop")]
    [InlineData("D: Metformin alone is not enough for your sugars, so let's add glipizide five milligrams daily.", "metformin", "increase")]
    [InlineData("D: We won't start lisinopril ten milligrams today.", "lisinopril", "start")]
    [InlineData("D: I thought about lisinopril ten milligrams daily, but it's not right for you.", "lisinopril", "start")]
    public void A_verdict_after_the_drug_decides_only_what_it_says(string line, string drug, string notThis)
    {
        Assert.DoesNotContain(Consult.Facts(line).Medications, m => m.Name == drug && m.Action == notThis);
    }

    [Theory]
    [InlineData("D: Looking at everything, not well controlled, so type 2 diabetes.", "E11.65")]
    [InlineData("D: Impression: acute sinusitis.", "J01.90")]
    public void A_diagnosis_summed_up_at_the_end_of_a_sentence_is_asserted(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: You tested positive for strep throat.", "J02.0")]
    [InlineData("D: Everything points to gout.", "M10.9")]
    [InlineData("D: We're looking at shingles here.", "B02.9")]
    [InlineData("P: I was diagnosed with asthma last year.", "J45.909")]
    [InlineData("P: I've got gout.", "M10.9")]
    [InlineData("P: I'm being treated for hypothyroidism.", "E03.9")]
    [InlineData("P: The doctor said it was gout.", "M10.9")]
    // Names the lexicon gained in session 34.
    [InlineData("D: Your pressure drops when you stand, so this is orthostatic hypotension.", "I95.1")]
    [InlineData("D: That clicking in your jaw is TMJ disorder.", "M26.609")]
    [InlineData("D: So you have trouble getting erections, and that's common at your age.", "N52.9")]
    // Session 35: ICD-10-CM has a code of its own for a plantar wart.
    [InlineData("D: That's a plantar wart, the skin lines go around it.", "B07.0")]
    [InlineData("D: It's a common wart on your finger.", "B07.9")]
    public void Results_and_diagnoses_told_are_asserted(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: You tested negative for strep throat.")]
    [InlineData("P: My brother was diagnosed with asthma last year.")]
    [InlineData("D: We'll screen for gout at your next visit.")]
    public void Results_that_exclude_and_others_diagnoses_are_not_problems(string line)
    {
        Assert.Empty(Consult.Facts(line).Problems);
    }

    [Fact]
    public void A_diagnosis_after_so_that_goes_on_is_not_summed_up()
    {
        Assert.Empty(Consult.Facts("D: Exercise helps, so diabetes does less harm over time.").Problems);
    }

    [Theory]
    [InlineData("D: The x-ray is fine. You've sprained the ligaments on the outside of your left ankle, a typical ankle sprain.", "S93.402A")]
    [InlineData("D: This is a sprain of the anterior talofibular ligament of the right ankle.", "S93.491A")]
    [InlineData("D: Your bipolar disorder is in a moderate depressive episode right now.", "F31.32")]
    [InlineData("D: This is bipolar two disorder.", "F31.81")]
    [InlineData("D: Your ulcerative colitis is flaring, with blood in the stool.", "K51.911")]
    [InlineData("D: You have gestational diabetes, and for now we can manage it with diet alone.", "O24.410")]
    public void New_specialties_are_coded_as_specifically_as_they_were_said(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: You're twenty six weeks pregnant. Your glucose screen came back at one sixty, which is above our cutoff.", "O99.810")]
    [InlineData("D: Your fasting glucose came back high, at one hundred eight.", "R73.09")]
    [InlineData("D: Your hemoglobin is low, ten point one.", "D64.9")]
    // Session 35: the triglycerides are a test of their own, read high as hypertriglyceridemia.
    [InlineData("D: Your triglycerides are very high at nine hundred, so that's the priority.", "E78.1")]
    public void A_lab_result_read_as_abnormal_is_a_problem(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: We want your hemoglobin above eleven before the surgery.")]
    [InlineData("D: Your hemoglobin is not low anymore.")]
    [InlineData("D: If the glucose test comes back high, we'll talk about diet.")]
    [InlineData("P: Does that mean I have diabetes?")]
    [InlineData("P: I had a headache on Monday, but it went away after lunch.")]
    [InlineData("D: Acetaminophen is fine for headaches.")]
    [InlineData("D: The real danger of leaving your sugars this high for years is a heart attack.")]
    [InlineData("D: One risk of untreated snoring is high blood pressure and stroke.")]
    [InlineData("D: The complications we watch for are pneumonia and blood clots.")]
    public void Targets_questions_purposes_and_passing_symptoms_are_not_problems(string line)
    {
        Assert.Empty(Consult.Facts(line).Problems);
    }

    [Fact]
    public void A_timing_said_once_belongs_to_every_order_of_the_sentence_and_a_generic_name_gives_way()
    {
        var facts = Consult.Facts(
            "D: I'm ordering a ferritin and a complete blood count, two weeks after you start the iron.",
            "D: We'll fit you with a wrist brace today. Wear the brace at night.",
            "D: And I'll put the order in for your Tdap vaccine.");

        Assert.Equal(["Tdap vaccine", "complete blood count in 2 weeks", "ferritin in 2 weeks", "wrist brace"], facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Touching_base_is_a_follow_up_and_throwing_up_is_a_reaction()
    {
        var facts = Consult.Facts("D: Any allergies?", "P: Morphine. I threw up all night after it.", "D: Let's touch base in six weeks.");

        Assert.Equal("6 weeks", facts.FollowUp?.Interval);
        var allergy = Assert.Single(facts.Allergies);
        Assert.Equal(("morphine", "vomiting"), (allergy.Substance, allergy.Reaction));
    }

    [Theory]
    [InlineData("D: Start alendronate, seventy milligrams every Monday morning.", "once weekly")]
    [InlineData("D: Take the methotrexate, fifteen milligrams on Fridays.", "once weekly")]
    [InlineData("D: Start isoniazid, nine hundred milligrams once per week.", "once weekly")]
    public void Weekly_doses_are_read_from_weekdays(string line, string frequency)
    {
        Assert.Equal(frequency, Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Theory]
    [InlineData("D: Start losartan fifty milligrams, take it at dinner.", "once daily")]
    [InlineData("D: Add famotidine twenty milligrams one time a week.", "once weekly")]
    [InlineData("D: Use sucralfate one gram two to three times a day.", "2 to 3 times daily")]
    [InlineData("D: Take tamsulosin zero point four milligrams in the evenings.", "every night")]
    [InlineData("D: Hydroxyzine twenty five milligrams three or four times a day as needed for itching.", "3 to 4 times daily as needed")]
    [InlineData("D: Take loperamide two milligrams after each loose stool.", "as needed")]
    [InlineData("D: Use the artificial tears, one drop five times a day.", "5 times daily")]
    [InlineData("D: Omeprazole twenty milligrams in the mornings.", "every morning")]
    [InlineData("P: I give him the children's Motrin, five milliliters, when he has a fever.", "as needed")]
    [InlineData("D: Keep the naproxen, five hundred milligrams every twelve hours for pain.", "every 12 hours as needed")]
    [InlineData("D: Wash with the selenium sulfide shampoo two times a week.", "twice weekly")]
    [InlineData("P: I take the naproxen, two hundred twenty milligrams, maybe two or three a day.", "2 to 3 times daily")]
    [InlineData("D: Apply the fluocinonide cream twice a day for two weeks, then only on weekends.", "twice daily for 2 weeks, then twice daily on weekends only")]
    public void Frequencies_are_read_however_they_are_counted(string line, string frequency)
    {
        Assert.Equal(frequency, Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Theory]
    [InlineData("D: We'll treat the infection with cephalexin, five hundred milligrams four times a day.", "cephalexin", "start")]
    [InlineData("D: I'll call in valacyclovir for you.", "valacyclovir", "start")]
    [InlineData("D: I'll send a prescription to your pharmacy, terbinafine two hundred fifty milligrams daily.", "terbinafine", "start")]
    [InlineData("D: I recommend famotidine at night.", "famotidine", "start")]
    public void A_drug_prescribed_in_other_words_is_started(string line, string name, string action)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((name, action), (m.Name, m.Action));
    }

    [Fact]
    public void A_drug_stopped_before_the_switch_to_another_stays_stopped()
    {
        var facts = Consult.Facts("D: The pill raises your clot risk, so I want you to stop the Yaz and we'll switch to a progestin-only pill, norethindrone zero point three five milligrams every day.");

        Assert.Equal([("drospirenone ethinyl estradiol", "stop"), ("norethindrone", "start")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Theory]
    [InlineData("D: Take rizatriptan ten milligrams at the first sign of a migraine, and you may repeat it after two hours, no more than two doses in a day.")]
    [InlineData("D: Use the ondansetron four milligrams when the nausea starts.")]
    public void A_dose_for_an_attack_is_as_needed_and_a_daily_limit_is_no_frequency(string line)
    {
        Assert.Equal("as needed", Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Fact]
    public void A_new_dose_said_without_the_drug_is_the_drug_talked_about_lately()
    {
        var one = Consult.Facts(
            "D: Are you taking the sertraline every day?",
            "P: Yes, fifty milligrams.",
            "D: How's your sleep?",
            "P: Not great.",
            "D: I'd like to go up on the dose to one hundred milligrams.");
        var two = Consult.Facts(
            "P: I take lisinopril and amlodipine.",
            "D: Okay.",
            "D: Let's increase the dose to twenty milligrams.");

        var m = Assert.Single(one.Medications);
        Assert.Equal(("increase", "100 mg"), (m.Action, m.Dosage));
        Assert.All(two.Medications, m => Assert.Equal("continue", m.Action));
    }

    [Fact]
    public void A_decision_on_it_before_another_drug_goes_to_the_drug_of_the_sentence_before()
    {
        var facts = Consult.Facts("D: First, the Motrin, that's ibuprofen, and it's rough on the stomach. So he needs to come off it, and for the pain he can use acetaminophen, six fifty milligrams.");

        Assert.Equal([("acetaminophen", "start"), ("ibuprofen", "stop")], facts.Medications.Select(m => (m.Name, m.Action)).Order());
    }

    [Fact]
    public void A_new_dose_said_before_the_drug_is_the_new_dose_whatever_the_tablets()
    {
        var m = Assert.Single(Consult.Facts("D: Let's go up to forty milligrams of the citalopram, so take two of your twenty milligram tablets each morning.").Medications);

        Assert.Equal(("increase", "40 mg"), (m.Action, m.Dosage));
    }

    [Fact]
    public void A_recognisers_stays_up_is_stays_at()
    {
        var m = Assert.Single(Consult.Facts("D: The rosuvastatin stays up twenty at night.").Medications);

        Assert.Equal(("continue", "20 mg"), (m.Action, m.Dosage));
    }

    [Fact]
    public void A_change_in_steps_keeps_the_dose_taken_and_says_the_steps()
    {
        var facts = Consult.Facts(
            "D: You're on Toujeo forty units every morning?",
            "P: Yes.",
            "D: Let's increase the Toujeo by two units every three days until your morning sugars are under one thirty.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("increase", "40 units", "every morning"), (m.Action, m.Dosage, m.Frequency));
        Assert.Equal("Increase by 2 units every 3 days until morning sugars under 130.", m.Instructions);
        Assert.Contains("Increase insulin glargine by 2 units every 3 days until morning sugars under 130 (now 40 units every morning).", TemplateRenderer.SoapPlan(facts));
    }

    [Fact]
    public void A_four_drug_regimen_is_started_and_after_you_finish_is_no_decision()
    {
        var facts = Consult.Facts(
            "D: Your stool test came back positive for H. pylori. We treat it with four medicines for fourteen days.",
            "D: Pantoprazole forty milligrams twice a day, bismuth subsalicylate five hundred twenty four milligrams four times a day, metronidazole five hundred milligrams three times a day, and tetracycline five hundred milligrams four times a day.",
            "D: We'll retest four weeks after you finish, off the pantoprazole for two weeks before the test.");

        Assert.All(facts.Medications, m => Assert.Equal("start", m.Action));
        Assert.Equal(4, facts.Medications.Count);
        Assert.Equal("B96.81", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_drug_switched_away_from_is_stopped()
    {
        var together = Consult.Facts("D: The amlodipine is swelling your ankles, so I'd like to switch you to chlorthalidone instead.");
        var apart = Consult.Facts("D: The ibuprofen is hard on your kidneys. Let's switch you to acetaminophen, five hundred milligrams, instead.");

        Assert.Equal([("amlodipine", "stop"), ("chlorthalidone", "start")], together.Medications.Select(m => (m.Name, m.Action)));
        Assert.Equal([("acetaminophen", "start"), ("ibuprofen", "stop")], apart.Medications.Select(m => (m.Name, m.Action)).Order());
    }

    [Theory]
    [InlineData("P: I take losartan and I drink two glasses of wine a day.")]
    [InlineData("P: I'm on sertraline, and I walk every morning.")]
    public void How_often_a_habit_is_kept_is_not_how_often_the_drug_is_taken(string line)
    {
        Assert.Null(Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Fact]
    public void A_number_written_with_thousands_separators_is_one_number()
    {
        var m = Assert.Single(Consult.Facts("D: Keep the vitamin D, 50,000 units once every week, and stop if your level is over 1,000.").Medications);

        Assert.Equal(("50000 IU", "once weekly"), (m.Dosage, m.Frequency));
    }

    [Theory]
    [InlineData("D: Is he allergic to anything?", "P: Peanuts, and cephalexin gave him hives.", "peanuts|cephalexin")]
    [InlineData("D: Any allergies to medications?", "P: I'm allergic to iodine and to latex.", "iodine|latex")]
    [InlineData("D: Any bad reactions to medicines?", "P: Morphine made me throw up.", "morphine")]
    public void Every_allergen_of_a_list_and_an_answer_to_a_question_about_reactions_is_an_allergy(string question, string answer, string allergens)
    {
        var facts = Consult.Facts(question, answer, "D: Okay.");

        Assert.Equal(allergens.Split('|'), facts.Allergies.Select(a => a.Substance));
        Assert.Empty(facts.Medications);
    }

    [Fact]
    public void A_drug_for_allergies_is_a_medicine_not_an_allergen()
    {
        var facts = Consult.Facts(
            "D: For the allergies, fluticasone nasal spray, two sprays in each nostril every day.",
            "D: You take loratadine for allergic rhinitis, right?",
            "P: Yes, loratadine ten milligrams every day, and a steroid allergy spray sometimes.",
            "D: Any allergies to medicines?",
            "P: No.");

        Assert.Equal([("fluticasone", "start"), ("loratadine", "continue")], facts.Medications.Select(m => (m.Name, m.Action)).Order());
        Assert.Equal("NKDA", Assert.Single(facts.Allergies).Substance);
    }

    [Fact]
    public void How_often_a_drug_is_taken_is_read_from_the_answer_to_how_often()
    {
        var facts = Consult.Facts(
            "D: What do you take for the heartburn?",
            "P: Pantoprazole, forty milligrams.",
            "D: How often?",
            "P: Just in the morning.",
            "D: Any inhalers?",
            "P: The tiotropium, two puffs, I use it every day.",
            "D: Let's stop the meloxicam.",
            "P: I take it twice a day.");

        Assert.Equal(
            [("meloxicam", "twice daily", "stop"), ("pantoprazole", "every morning", "continue"), ("tiotropium", "once daily", "continue")],
            facts.Medications.Select(m => (m.Name, m.Frequency, m.Action)).Order());
    }

    [Fact]
    public void An_answer_to_an_unrelated_question_does_not_dose_the_drug()
    {
        var facts = Consult.Facts(
            "P: I take pantoprazole, forty milligrams.",
            "D: Do you smoke?",
            "P: Every day, about half a pack.");

        Assert.Null(Assert.Single(facts.Medications).Frequency);
    }

    [Theory]
    [InlineData("D: Keep taking the acetaminophen, one thousand milligrams every eight hours as needed, and don't go over three thousand milligrams a day.")]
    [InlineData("D: Keep taking the acetaminophen as needed, never more than three thousand milligrams a day, one thousand milligrams at a time.")]
    public void A_daily_limit_is_not_the_dose(string line)
    {
        Assert.Equal("1000 mg", Assert.Single(Consult.Facts(line).Medications).Dosage);
    }

    [Theory]
    [InlineData("D: Increase the metformin to one thousand milligrams once a day with breakfast and dinner.", "twice daily")]
    [InlineData("D: Keep the metoprolol, twenty five milligrams in the morning and in the evening.", "twice daily")]
    [InlineData("D: Take the metformin with breakfast, five hundred milligrams once a day.", "once daily")]
    public void Two_times_of_day_are_twice_daily(string line, string frequency)
    {
        Assert.Equal(frequency, Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Fact]
    public void A_decision_on_something_the_lexicon_does_not_know_does_not_dose_the_drug_before_it()
    {
        var facts = Consult.Facts("D: First, come off the glipizide completely. Second, lower the want us to sixteen units at bedtime.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("glipizide", "stop", null), (m.Name, m.Action, m.Dosage));
    }

    [Fact]
    public void A_target_is_not_a_reading_and_a_recognisers_vitals_are_read_as_a_list()
    {
        var facts = Consult.Facts(
            "D: Our goal pulse is under one hundred ten.",
            "D: Your vitals: heart rate seventy six, pressure on thirty two over eighty, ninety nine point one, and the route sixty four kilos.");

        Assert.Equal(
            [("blood_pressure", 132.0), ("heart_rate", 76.0), ("temperature", 99.1), ("weight", 64.0)],
            facts.Vitals.Select(v => (v.Kind, v.Value)).Order());
    }

    [Fact]
    public void A_recognisers_question_after_an_acknowledgement_is_still_the_allergy_question()
    {
        var facts = Consult.Facts(
            "D: Okay that's good to know any allergies to medicines",
            "P: Penicillin my whole body broke out in hives when I was a kid");

        Assert.Equal(("penicillin", "hives"), (Assert.Single(facts.Allergies).Substance, Assert.Single(facts.Allergies).Reaction));
    }

    [Fact]
    public void In_a_recognisers_unpunctuated_line_a_new_clause_ends_the_negation_before_it()
    {
        var facts = Consult.Facts("D: Good news it is not broken you've got a sprained ankle on the right side so rest it and ice it for two days");

        Assert.Equal("S93.401A", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_plan_without_an_order_verb_still_orders_and_a_result_or_a_talk_about_one_does_not()
    {
        var facts = Consult.Facts(
            "D: I want monthly liver tests while you're on the pills.",
            "D: She's due for her MMR and varicella vaccines today.",
            "D: We're going to have you do a home sleep study.",
            "D: I'd like a hepatitis panel, a blood count and an HIV test before we start.",
            "D: Let's have you see the sleep medicine team, and I'll get you in with a dentist.",
            "D: Your chest x-ray was clear.",
            "D: We'll go over the stool culture at the next visit.",
            "D: You're also due for the shingles vaccine.");

        Assert.Equal(
            ["HIV test", "MMR vaccine", "complete blood count", "dentistry", "hepatitis panel", "home sleep apnea test", "liver function tests", "sleep medicine", "varicella vaccine"],
            facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("D: Follow up after the MRI.", "after the MRI", "Follow up after the MRI.")]
    [InlineData("D: Come back once the biopsy results are in, and we'll talk.", "once the biopsy results are in", "Follow up once the biopsy results are in.")]
    [InlineData("D: Come back in ten days, or after the antibiotics if it's worse.", "10 days", "Follow up in 10 days.")]
    public void A_visit_set_by_an_event_is_said_as_the_event(string line, string interval, string planLine)
    {
        var facts = Consult.Facts(line);
        Assert.Equal(interval, facts.FollowUp?.Interval);
        Assert.Contains(planLine, Templates.TemplateRenderer.Render("soap", facts)!["plan"]!.ToString());
    }

    [Theory]
    [InlineData("D: Let's plan a video visit in six to eight weeks.", "6 to 8 weeks")]
    [InlineData("D: We'll see you in a couple of weeks.", "2 weeks")]
    [InlineData("D: Follow up with me in about six weeks.", "6 weeks")]
    [InlineData("D: I want to see you again one month after you start the machine.", "1 month")]
    [InlineData("D: We'll schedule a follow up appointment for four weeks from now.", "4 weeks")]
    [InlineData("D: I'll see you every month while you're on the treatment.", "1 month")]
    [InlineData("D: This is her twelve month visit. I'll see her back at her fifteen month checkup.", "3 months")]
    [InlineData("D: He's eighteen months old today. See you at his two year checkup.", "6 months")]
    [InlineData("D: Let's get you back here in about ten days.", "10 days")]
    [InlineData("D: We'll reassess in two weeks.", "2 weeks")]
    [InlineData("D: Plan to see me again in three months.", "3 months")]
    [InlineData("D: Make an appointment at the front desk for six weeks out.", "6 weeks")]
    [InlineData("D: I want to recheck the wound in forty-eight hours.", "48 hours")]
    [InlineData("D: Take it every six hours, and come back in three days.", "3 days")]
    [InlineData("D: See you back in a week, and use the cream every twelve hours.", "1 week")]
    [InlineData("D: We'll touch base by phone next week.", "1 week")]
    [InlineData("D: I'll see you back next month.", "1 month")]
    public void A_next_visit_is_read_however_its_time_is_said(string text, string interval)
    {
        Assert.Equal(interval, Consult.Facts(text).FollowUp?.Interval);
    }

    [Fact]
    public void A_frequency_said_once_for_drugs_taken_together_belongs_to_each_and_a_new_drug_stays_new_when_later_called_taken()
    {
        var facts = Consult.Facts(
            "D: The plan is isoniazid nine hundred milligrams and rifapentine nine hundred milligrams, taken together once a week.",
            "D: Use a backup method while you're on the rifapentine.",
            "D: The losartan stays at one hundred, and the atorvastatin stays at forty at night.");

        Assert.Equal(
            [("atorvastatin", "every night", "continue"), ("isoniazid", "once weekly", "start"), ("losartan", null, "continue"), ("rifapentine", "once weekly", "start")],
            facts.Medications.Select(m => (m.Name, m.Frequency, m.Action)).Order());
    }

    [Fact]
    public void A_dose_for_when_a_symptom_comes_is_as_needed_not_a_deferral()
    {
        var facts = Consult.Facts(
            "D: He can have acetaminophen, five milliliters every four to six hours if he gets a fever.",
            "D: Use two puffs of the albuterol when you need it.");

        Assert.Equal(
            [("acetaminophen", "every 4 to 6 hours as needed"), ("albuterol", "as needed")],
            facts.Medications.Select(m => (m.Name, m.Frequency)).Order());
    }

    [Fact]
    public void One_drug_by_mouth_and_rectally_is_two_medications()
    {
        var facts = Consult.Facts(
            "D: We'll increase the mesalamine to four point eight grams a day.",
            "D: And add a mesalamine suppository, one gram rectally at bedtime.");

        Assert.Equal(
            [("mesalamine", "1 g", "rectal", "start"), ("mesalamine", "4.8 g", null, "increase")],
            facts.Medications.Select(m => (m.Name, m.Dosage, m.Route, m.Action)).Order());
    }

    [Theory]
    [InlineData("D: Stay off the naproxen for now.", "naproxen", "stop")]
    [InlineData("D: Switch from the atorvastatin to rosuvastatin, ten milligrams nightly.", "atorvastatin", "stop")]
    [InlineData("D: Instead of the ibuprofen, take acetaminophen, five hundred milligrams every six hours as needed.", "ibuprofen", "stop")]
    [InlineData("D: Skip the aspirin until after the procedure.", "aspirin", "hold")]
    [InlineData("D: Finish the course of azithromycin.", "azithromycin", "continue")]
    [InlineData("D: Please don't take the tramadol anymore.", "tramadol", "stop")]
    [InlineData("D: let's bomb the amlodipine up to ten milligrams once a day", "amlodipine", "increase")]
    [InlineData("D: We'll bring the prednisone dose down to twenty milligrams.", "prednisone", "decrease")]
    [InlineData("D: we're going to cop the gabapentin back to three hundred milligrams a day", "gabapentin", "decrease")]
    [InlineData("D: Take ibuprofen, four hundred milligrams, up to three times a day with food.", "ibuprofen", "start")]
    [InlineData("D: For the fever you can take acetaminophen, five hundred milligrams every six hours as needed.", "acetaminophen", "start")]
    [InlineData("D: I see you're taking acetaminophen, five hundred milligrams at night.", "acetaminophen", "continue")]
    [InlineData("D: Go ahead and restart the omeprazole, twenty milligrams before breakfast.", "omeprazole", "start")]
    public void Decisions_are_read_however_they_are_phrased(string line, string drug, string action)
    {
        Assert.Equal(action, Consult.Facts(line).Medications.Single(m => m.Name == drug).Action);
    }

    [Fact]
    public void A_dose_with_one_meal_is_once_daily()
    {
        Assert.Equal("once daily", Assert.Single(Consult.Facts("D: Take omeprazole, twenty milligrams before breakfast.").Medications).Frequency);
    }

    [Fact]
    public void A_routine_examination_that_finds_something_new_is_coded_with_abnormal_findings()
    {
        var facts = Consult.Facts(
            "D: This is her twelve month well child check.",
            "D: Her hemoglobin is low, so she has iron deficiency anemia from drinking too much milk.");

        Assert.Equal(["D50.8", "Z00.121"], facts.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_examination_just_before_an_assessment_refines_its_code()
    {
        var facts = Consult.Facts(
            "D: The right eardrum is normal. The left eardrum is red and bulging, with pus behind it.",
            "P: So it's an ear infection?",
            "D: Yes, he has acute otitis media in the left ear.");

        Assert.Equal("H66.002", Assert.Single(facts.Problems).Code);
    }

    [Theory]
    [InlineData("D: This flare of your ulcerative colitis is left sided, with some bleeding.", "K51.511")]
    [InlineData("D: You're a bit dehydrated.", "E86.0")]
    [InlineData("D: Your weight puts you in the obese range.", "E66.9")]
    [InlineData("D: He has a couple of cavities starting on his front teeth.", "K02.9")]
    [InlineData("D: The nerve study confirms carpal tunnel syndrome in the left hand.", "G56.02")]
    [InlineData("D: You have arthritis in the left knee.", "M17.12")]
    [InlineData("D: Your x-ray shows osteoarthritis of the right hip.", "M16.11")]
    [InlineData("D: That's a frozen shoulder on the left.", "M75.02")]
    [InlineData("D: So the ringing is tinnitus in both ears.", "H93.13")]
    [InlineData("D: This redness is cellulitis of your left foot.", "L03.116")]
    [InlineData("D: The ultrasound shows a deep vein thrombosis in the right calf.", "I82.401")]
    [InlineData("D: You have nicotine dependence, and the vaping keeps it going.", "F17.290")]
    [InlineData("D: This is lobar pneumonia, in the right lower lobe.", "J18.1")]
    [InlineData("D: I can feel an inguinal hernia on both sides.", "K40.20")]
    public void Problems_are_coded_as_specifically_as_they_are_said(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void The_clinicians_answer_to_a_question_about_a_drug_says_how_to_take_it()
    {
        var facts = Consult.Facts(
            "D: Start doxycycline one hundred milligrams, and I'm adding cetirizine ten milligrams too.",
            "P: When should I take that one?",
            "D: In the evening.",
            "D: And the pantoprazole goes up to forty milligrams.",
            "P: Before breakfast, like now?",
            "D: Yes, each morning before breakfast.");
        var byName = facts.Medications.ToDictionary(m => m.Name);
        Assert.Null(byName["doxycycline"].Frequency);
        Assert.Equal("every night", byName["cetirizine"].Frequency);
        Assert.Equal(("increase", "every morning"), (byName["pantoprazole"].Action, byName["pantoprazole"].Frequency));
    }

    [Theory]
    [InlineData("D: Your insulin, the glargine, we'll move from eighteen to twenty two units at bedtime.", "insulin glargine", "increase", "22 units")]
    [InlineData("D: The gabapentin we'll take from three capsules to two capsules a day.", "gabapentin", "decrease", "2 capsules")]
    public void A_change_said_as_its_two_amounts_goes_the_way_they_go(string line, string drug, string action, string dose)
    {
        var med = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal((drug, action, dose), (med.Name, med.Action, med.Dosage));
    }

    [Fact]
    public void The_side_said_with_a_problem_wins_over_one_said_before_it()
    {
        var facts = Consult.Facts(
            "D: Your left wrist has a full range of motion and no swelling.",
            "D: But the numbness in your right hand is carpal tunnel syndrome.");
        Assert.Equal("G56.01", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void Hypertension_with_heart_failure_is_hypertensive_heart_disease_and_with_kidney_disease_too_both()
    {
        var heart = Consult.Facts("D: Your high blood pressure is why the heart failure got worse; it's systolic heart failure.");
        Assert.Equal(["I11.0", "I50.20"], heart.Problems.Select(p => p.Code).Order());
        var both = Consult.Facts(
            "D: You have hypertension and chronic heart failure with a reduced ejection fraction.",
            "D: And your labs show chronic kidney disease, stage four.");
        Assert.Equal(["I13.0", "I50.22", "N18.4"], both.Problems.Select(p => p.Code).Order());
    }

    [Fact]
    public void A_lab_named_by_its_analyte_alone_is_a_lab_in_a_list_or_after_check_and_not_a_medication()
    {
        var facts = Consult.Facts(
            "D: We'll draw a basic metabolic panel, a magnesium and a phosphorus this afternoon.",
            "D: I also want to recheck your vitamin D.",
            "D: For the leg cramps, you can try some magnesium at night.");
        Assert.Equal(["basic metabolic panel", "magnesium level", "phosphorus level", "vitamin D level"], facts.Orders.Select(o => o.Name).Order());
        Assert.DoesNotContain(facts.Medications, m => m.Name == "cholecalciferol");
    }

    [Fact]
    public void Orders_are_found_in_the_plural_and_with_the_equipment_that_goes_with_them()
    {
        var facts = Consult.Facts(
            "D: He'll get his MMR and hepatitis A shots today.",
            "D: Please drop off a stool sample in the next few days.",
            "D: I'm ordering an auto CPAP with a heated humidifier and a mask fitting.",
            "D: I want to screen you for HIV before we start.",
            "D: I'd recommend a flexible sigmoidoscopy, and make sure she gets her flu shot this fall.");

        Assert.Equal(
            ["CPAP", "CPAP humidifier", "CPAP mask fitting", "HIV test", "MMR vaccine", "flexible sigmoidoscopy", "hepatitis A vaccine", "influenza vaccine", "stool studies"],
            facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_call_or_a_repeated_test_is_the_next_visit_only_when_no_visit_is_said()
    {
        Assert.Equal("3 months", Consult.Facts(
            "D: We'll check in by phone in two weeks to see how the mask is going.",
            "D: We'll recheck her hemoglobin in one month.",
            "D: And I'll see you back in three months.").FollowUp?.Interval);
        Assert.Equal("1 month", Consult.Facts("D: We'll recheck her hemoglobin in one month.").FollowUp?.Interval);
        Assert.Equal("2 weeks", Consult.Facts("D: I want to recheck her in two weeks.").FollowUp?.Interval);
    }

    [Fact]
    public void A_childs_vaccines_are_orders_by_their_short_names_and_a_question_about_an_illness_is_not()
    {
        var facts = Consult.Facts(
            "D: Has he had chickenpox?",
            "P: He had chickenpox last spring.",
            "D: Today she'll get her MMR, chickenpox, hep A, and pneumococcal booster.",
            "D: I'm also referring you to WIC for help with iron rich foods.");

        Assert.Equal(
            ["MMR vaccine", "WIC nutrition program", "hepatitis A vaccine", "pneumococcal vaccine", "varicella vaccine"],
            facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    // Session 35: a treatment given once and once more after a while.
    [InlineData("D: Albendazole four hundred milligrams now, then another dose in two weeks.", "albendazole", "once, repeat in 2 weeks")]
    [InlineData("D: Apply permethrin five percent cream from the neck down, wash it off in the morning, and repeat in one week.", "permethrin", "once, repeat in 1 week")]
    [InlineData("D: Take ivermectin twelve milligrams once, and repeat it in seven days.", "ivermectin", "once, repeat in 7 days")]
    [InlineData("D: Use permethrin one percent lotion on dry hair, rinse it out after ten minutes, and do a second treatment on day nine.", "permethrin", "once, repeat in 9 days")]
    public void A_treatment_repeated_once_after_a_wait_is_once_and_the_wait(string line, string drug, string frequency)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal((drug, frequency), (m.Name, m.Frequency));
    }

    [Theory]
    [InlineData("D: The benefit is small, so we'll leave out valacyclovir.")]
    [InlineData("D: I'm leaving out the mupirocin, it won't add much.")]
    public void A_drug_left_out_is_not_started(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Fact]
    public void Triglycerides_ordered_with_the_cholesterol_are_the_lipid_panel_and_alone_their_own_test()
    {
        Assert.Equal(["lipid panel in 3 months"], Consult.Facts("D: We'll check your cholesterol and triglycerides in three months.").Orders.Select(o => o.Name));
        Assert.Equal(["triglyceride level in 6 weeks"], Consult.Facts("D: Let's recheck the triglycerides in six weeks.").Orders.Select(o => o.Name));
    }

    [Fact]
    public void A_drug_for_one_disease_only_started_is_that_disease_though_unnamed()
    {
        var facts = Consult.Facts("P: My home test was positive yesterday and I feel awful.", "D: Given your age, I'm prescribing Paxlovid, twice a day for five days.");
        Assert.Equal(("U07.1", "new"), (Assert.Single(facts.Problems).Code, Assert.Single(facts.Problems).Status));
        Assert.Empty(Consult.Facts("D: If you test positive, call us and we can talk about Paxlovid.").Problems);
    }

    [Theory]
    [InlineData("D: Check your sugars at home with the continuous glucose monitor.")]
    [InlineData("D: Check your blood pressure at home, and a sleep study could wait.")]
    public void What_the_patient_checks_at_home_orders_nothing(string line)
    {
        Assert.Empty(Consult.Facts(line).Orders);
    }

    [Theory]
    [InlineData("D: Your A1c came back at five point nine.", "R73.03")]
    [InlineData("D: Your a one c is six point on which puts you in the bread to be drainage", "R73.03")]
    [InlineData("D: We want your A1c under six point five.", null)]
    [InlineData("D: Your A1c is six point eight.", null)]
    public void An_a1c_read_in_the_prediabetes_range_is_prediabetes_though_unnamed(string line, string? code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.SingleOrDefault()?.Code);
    }

    [Theory]
    [InlineData("D: Your TSH came back at nine. Let's start levothyroxine fifty micrograms every morning.", "E03.9")]
    [InlineData("D: The TSH is still up, so we'll go to one hundred twelve micrograms of levothyroxine.", "E03.9")]
    [InlineData("D: Your TSH is suppressed and the T4 is high. I'm starting methimazole ten milligrams once a day.", "E05.90")]
    public void Thyroid_treatment_changed_with_the_tsh_talked_about_is_the_thyroid_disease(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void A_loading_dose_said_for_the_first_day_gives_way_to_the_dose_after_it()
    {
        var m = Assert.Single(Consult.Facts("D: Doxycycline: two hundred milligrams the first day, then one hundred milligrams once a day for nine more days.").Medications);
        Assert.Equal(("100 mg", "once daily"), (m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_reaction_read_from_the_chart_and_confirmed_is_an_allergy()
    {
        var allergy = Assert.Single(Consult.Facts("D: The chart says sulfa gives you a rash?", "P: Yes, a bad one, years ago.").Allergies);
        Assert.Equal(("sulfa", "rash"), (allergy.Substance, allergy.Reaction));
        Assert.Empty(Consult.Facts("D: The chart says sulfa gives you a rash?", "P: No, that was my sister.").Allergies);
    }

    [Theory]
    [InlineData("D: Your temperature is a hundred and one, and the rapid strep is positive.", "J02.0")]
    [InlineData("D: The mono test came back positive, so no contact sports for a month.", "B27.90")]
    [InlineData("D: The rapid strep is negative, so this is a virus.", null)]
    [InlineData("D: If the covid test is positive, stay home for five days.", null)]
    public void A_test_for_one_disease_read_positive_is_that_disease(string line, string? code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.SingleOrDefault()?.Code);
    }

    [Fact]
    public void A_steroid_injected_into_a_joint_is_given_once()
    {
        var m = Assert.Single(Consult.Facts("D: Today I can give you a steroid shot, methylprednisolone forty milligrams into the shoulder.").Medications);
        Assert.Equal(("40 mg", "once"), (m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_dose_when_the_child_needs_it_is_as_needed()
    {
        var m = Assert.Single(Consult.Facts("D: Keep the albuterol, two puffs every four hours when he needs it.").Medications);
        Assert.Equal("every 4 hours as needed", m.Frequency);
    }

    [Fact]
    public void A_test_given_its_weekday_is_booked()
    {
        Assert.Equal(["complete blood count"], Consult.Facts("D: weigh yourself daily but the complete blood count on monday and call me with the numbers").Orders.Select(o => o.Name));
    }

    [Fact]
    public void A_bladder_relaxant_started_is_overactive_bladder_though_unnamed()
    {
        var facts = Consult.Facts("P: I'm up five times a night to pee.", "D: Let's start solifenacin five milligrams once a day.");
        Assert.Equal("N32.81", Assert.Single(facts.Problems).Code);
    }

    [Theory]
    [InlineData("D: I'm referring you to our diabetes prevention program.")]
    [InlineData("D: There's a prediabetes class at the hospital, I'll refer you.")]
    public void A_diabetes_prevention_program_is_a_referral(string line)
    {
        var order = Assert.Single(Consult.Facts(line).Orders);
        Assert.Equal(("referral", "diabetes prevention program"), (order.Type, order.Name));
    }

    [Theory]
    [InlineData("D: If you're still sleepy on the CPAP, we can talk about modafinil down the line.")]
    [InlineData("D: There are pills for daytime sleepiness like modafinil, but not right now.")]
    public void A_drug_put_off_for_later_is_not_started(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Fact]
    public void An_enema_is_rectal()
    {
        Assert.Equal("rectal", Assert.Single(Consult.Facts("D: Start hydrocortisone enemas, one at bedtime.").Medications).Route);
    }

    [Fact]
    public void A_sick_day_rule_in_a_recognisers_run_on_line_does_not_hold_the_drug()
    {
        var facts = Consult.Facts("D: Third I'm starting empagliflozin ten milligrams by mouth every morning it protects the kidneys if she's sick and can't eat or drink she should skip that");

        Assert.Equal("start", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_parents_report_and_the_answer_to_any_others_are_medicines_taken_and_a_friends_medicine_is_not()
    {
        var facts = Consult.Facts(
            "D: What medicines is he on?",
            "P: He gets a vitamin D drop every day, four hundred units.",
            "D: Any others?",
            "P: Tylenol when his ears ache, and a multivitamin. My sister gets a shot, Prolia, for her bones.");

        Assert.Equal(
            [("acetaminophen", "as needed"), ("cholecalciferol", "once daily"), ("multivitamin", null)],
            facts.Medications.Select(m => (m.Name, m.Frequency)).Order());
        Assert.All(facts.Medications, m => Assert.Equal("continue", m.Action));
    }

    [Fact]
    public void A_problem_said_short_is_the_same_problem()
    {
        var facts = Consult.Facts(
            "D: Your ulcerative colitis is flaring.",
            "D: I think this is a flare of your colitis.",
            "D: The blood count confirms iron deficiency anemia, and the anemia explains the tiredness.");

        Assert.Equal(["D50.9", "K51.90"], facts.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bump_on_that_raises_the_drug_just_named()
    {
        var carvedilol = Assert.Single(Consult.Facts("D: Your carvedilol is at six point two five milligrams twice a day. Let's bump that to twelve point five milligrams.").Medications);

        Assert.Equal(("increase", "12.5 mg"), (carvedilol.Action, carvedilol.Dosage));
    }

    [Fact]
    public void A_new_dose_with_no_drug_named_is_for_the_one_drug_talked_about_lately()
    {
        var facts = Consult.Facts(
            "P: I take the gabapentin three hundred milligrams at night.",
            "D: How are you sleeping?",
            "P: Not great, the burning wakes me up.",
            "D: Let's go up to six hundred milligrams at night, and add melatonin three milligrams.");
        var alone = Consult.Facts(
            "P: I'm on buspirone ten milligrams twice a day.",
            "D: Any dizziness?",
            "P: No.",
            "D: Then we'll go up to fifteen milligrams twice a day.");

        Assert.Equal([("gabapentin", "600 mg", "increase"), ("melatonin", "3 mg", "start")], facts.Medications.Select(m => (m.Name, m.Dosage, m.Action)).Order());
        var buspirone = Assert.Single(alone.Medications);
        Assert.Equal(("15 mg", "increase"), (buspirone.Dosage, buspirone.Action));
    }

    [Fact]
    public void A_new_dose_with_no_drug_named_changes_nothing_when_two_drugs_were_talked_about()
    {
        var facts = Consult.Facts(
            "P: I take the gabapentin three hundred milligrams at night, and the duloxetine thirty milligrams.",
            "D: How are you sleeping?",
            "P: Not great.",
            "D: Let's go up to six hundred milligrams at night.");

        Assert.All(facts.Medications, m => Assert.Equal("continue", m.Action));
    }

    [Fact]
    public void Leaving_off_what_the_patient_stopped_stops_it()
    {
        var facts = Consult.Facts(
            "D: Are you still using the mupirocin ointment?",
            "P: I stopped it, it burned.",
            "D: Good, leave it off.");

        Assert.Equal("stop", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_rate_said_after_the_heart_is_the_heart_rate()
    {
        var irregular = Consult.Facts("D: Heart's irregular on exam, rate around one ten.");
        var breathing = Consult.Facts("D: Your heart sounds fine, and the respiratory rate is sixteen.");

        Assert.Equal(("heart_rate", 110.0), (Assert.Single(irregular.Vitals).Kind, irregular.Vitals[0].Value));
        Assert.Equal("respiratory_rate", Assert.Single(breathing.Vitals).Kind);
    }

    [Fact]
    public void A_diagnosis_said_as_a_sentence_of_its_own_or_after_theres_is_asserted()
    {
        var facts = Consult.Facts(
            "P: What does the low sodium mean?",
            "D: Hyponatremia. The water pill is part of it.",
            "D: There's also some anemia from your kidneys, and you've got gout in that toe.");
        var asked = Consult.Facts("D: Pneumonia? No, there's no pneumonia on the x-ray.");
        // A recogniser's "the nurse got your weight": "got" asserts only after its subject.
        var weighed = Consult.Facts("D: Good the nurse got overweight at ninety two kilos just for our records.");

        Assert.Equal(["D63.1", "E87.1", "M10.9"], facts.Problems.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Empty(asked.Problems);
        Assert.Empty(weighed.Problems);
    }

    [Fact]
    public void A_bare_study_takes_its_part_from_the_other_study_of_the_sentence()
    {
        var facts = Consult.Facts("D: I'm ordering an MRI of the left shoulder, and an x-ray today.");
        var blood = Consult.Facts("D: I'm ordering blood work, a complete blood count and a lipid panel.");

        Assert.Equal(["MRI shoulder, left", "shoulder x-ray, left"], facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["complete blood count", "lipid panel"], blood.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_culture_said_bare_is_of_the_specimen_named_and_a_study_awaited_is_no_new_order()
    {
        var stool = Consult.Facts("D: Let's collect a stool sample today and send it off for culture.");
        var dip = Consult.Facts("D: I'll do a dipstick on your urine.");
        var awaited = Consult.Facts("D: Let's meet again next week once the ultrasound is back.");
        var therapy = Consult.Facts("D: I'll get you started with occupational therapy for the hand.");

        Assert.Equal("stool culture", Assert.Single(stool.Orders).Name);
        Assert.Equal("urinalysis", Assert.Single(dip.Orders).Name);
        Assert.Empty(awaited.Orders);
        Assert.Equal(("referral", "occupational therapy"), (Assert.Single(therapy.Orders).Type, therapy.Orders[0].Name));
    }

    [Fact]
    public void Seeing_how_a_drug_works_decides_nothing()
    {
        var facts = Consult.Facts(
            "D: Let's start mirabegron twenty five milligrams once a day.",
            "D: We'll meet in six weeks to see how the mirabegron is working.");

        Assert.Equal("start", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void The_patients_own_drug_after_the_clinicians_takes_the_dose_said_next()
    {
        var facts = Consult.Facts(
            "D: Let's start losartan twenty five milligrams once a day.",
            "P: I already take allopurinol, my old doctor gave it to me. Three hundred milligrams.");

        Assert.Equal([("allopurinol", "300 mg"), ("losartan", "25 mg")], facts.Medications.Select(m => (m.Name, m.Dosage)).Order());
    }

    [Fact]
    public void A_clock_time_set_as_a_limit_and_a_frequency_said_not_to_keep_are_no_frequencies()
    {
        var facts = Consult.Facts(
            "P: I take oxybutynin five milligrams.",
            "D: Good, keep the oxybutynin. No drinks after eight in the evening.",
            "D: Ondansetron four milligrams as needed for the nausea, but don't take it every day.");

        Assert.Equal([("ondansetron", "as needed"), ("oxybutynin", null)], facts.Medications.Select(m => (m.Name, m.Frequency)).Order());
    }

    [Fact]
    public void A_referral_made_conditional_is_not_made_and_vestibular_therapy_is_physical_therapy()
    {
        var later = Consult.Facts("D: If the spinning isn't better in two weeks, I'll send you to ENT.");
        var now = Consult.Facts("D: I'm referring you to vestibular therapy.");

        Assert.Empty(later.Orders);
        Assert.Equal("physical therapy", Assert.Single(now.Orders).Name);
    }

    [Fact]
    public void A_diagnosis_said_as_a_long_icd_name_is_that_code()
    {
        var facts = Consult.Facts("D: The echo and the swelling tell me this is acute on chronic diastolic heart failure.");

        Assert.Equal("I50.33", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_change_said_from_one_regimen_to_another_takes_the_new_frequency()
    {
        var facts = Consult.Facts("D: I want to increase your bumetanide from one milligram once a day to one milligram twice a day.");

        var bumetanide = Assert.Single(facts.Medications);
        Assert.Equal(("increase", "1 mg", "twice daily"), (bumetanide.Action, bumetanide.Dosage, bumetanide.Frequency));
    }

    [Fact]
    public void A_couple_of_times_a_day_is_twice()
    {
        var facts = Consult.Facts("P: I use the saline spray a couple of times a day.");

        Assert.Equal("twice daily", Assert.Single(facts.Medications).Frequency);
    }

    [Fact]
    public void What_to_do_if_it_fails_orders_nothing_and_a_referral_without_a_name_after_it_is_for_the_one_before()
    {
        var ifNot = Consult.Facts(
            "P: What if the cream doesn't help?",
            "D: Then we'd do a skin biopsy.");
        var named = Consult.Facts("D: The best treatment is physical therapy, so I'll refer you.");

        Assert.Empty(ifNot.Orders);
        Assert.Equal("physical therapy", Assert.Single(named.Orders).Name);
    }

    [Fact]
    public void A_timing_said_for_one_order_of_a_sentence_with_orders_for_today_is_only_that_orders()
    {
        var facts = Consult.Facts("D: I'll check a magnesium level and a lipid panel today, and repeat the magnesium level in two weeks.");

        Assert.Equal(["lipid panel", "magnesium level", "magnesium level in 2 weeks"], facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Diagnoses_said_as_plain_statements_get_their_specific_codes()
    {
        Assert.Equal("E11.65", Assert.Single(Consult.Facts("D: With an A1c of nine, your diabetes isn't under control.").Problems).Code);
        Assert.Equal("E03.9", Assert.Single(Consult.Facts("D: The blood test says your thyroid is underactive.").Problems).Code);
        Assert.Equal("E05.90", Assert.Single(Consult.Facts("D: Your TSH is suppressed, so your thyroid is overactive.").Problems).Code);
        Assert.Equal("R73.03", Assert.Single(Consult.Facts("D: You're prediabetic, so let's work on diet.").Problems).Code);
        Assert.Equal("M16.9", Assert.Single(Consult.Facts("D: The pain in your hip is osteoarthritis.").Problems).Code);
    }

    [Fact]
    public void Making_that_a_new_dose_changes_it_up_or_down()
    {
        var up = Consult.Facts(
            "D: How many units of the Levemir do you take?",
            "P: Twenty units in the morning.",
            "D: Let's make that twenty four units.");
        var down = Consult.Facts(
            "D: What dose of gabapentin are you on?",
            "P: Six hundred milligrams at night.",
            "D: It's making you groggy, so let's make it three hundred milligrams.");

        Assert.Equal(("increase", "24 units"), (Assert.Single(up.Medications).Action, up.Medications[0].Dosage));
        Assert.Equal(("decrease", "300 mg"), (Assert.Single(down.Medications).Action, down.Medications[0].Dosage));
    }

    [Fact]
    public void Putting_the_patient_on_a_patch_worn_by_day_starts_it_once_a_day()
    {
        var patch = Assert.Single(Consult.Facts("D: I'm putting you on a rivastigmine patch, four point six milligrams, on in the morning and off at night.").Medications);

        Assert.Equal(("start", "every morning"), (patch.Action, patch.Frequency));
    }

    [Fact]
    public void A_reading_after_its_range_and_a_sat_are_read()
    {
        var facts = Consult.Facts("D: Pulse is in the upper seventies, seventy eight when I counted, and your sat is ninety four.");

        Assert.Equal([("heart_rate", 78.0), ("spo2", 94.0)], facts.Vitals.Select(v => (v.Kind, v.Value)).Order());
    }

    [Fact]
    public void The_answer_to_anything_else_listing_kinds_of_allergen_is_an_allergy()
    {
        var facts = Consult.Facts(
            "D: Any allergies to medications?",
            "P: Morphine makes me itch.",
            "D: Anything else, foods, latex, bee stings?",
            "P: Peanuts. My throat closes up.");

        Assert.Equal(["morphine", "peanuts"], facts.Allergies.Select(a => a.Substance).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Seeing_each_other_again_is_a_follow_up()
    {
        Assert.Equal("4 weeks", Consult.Facts("D: Let's see each other again in four weeks.").FollowUp?.Interval);
    }

    [Fact]
    public void A_study_with_and_without_contrast_declines_nothing_after_it_and_a_visit_after_a_study_orders_none()
    {
        var facts = Consult.Facts(
            "D: I'm ordering a CT of the abdomen with and without contrast and a lipase.",
            "D: I'll see you after the colonoscopy.");

        Assert.Equal(2, facts.Orders.Count);
        Assert.Contains(facts.Orders, o => o.Name == "lipase");
        Assert.DoesNotContain(facts.Orders, o => o.Name.Contains("colonoscopy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_route_said_before_the_next_drug_is_that_drugs()
    {
        var facts = Consult.Facts("D: Start clopidogrel seventy five milligrams daily and keep sublingual nitroglycerin on hand for chest pain.");

        Assert.Null(facts.Medications.Single(m => m.Name == "clopidogrel").Route);
    }

    [Fact]
    public void A_start_held_off_or_planned_for_what_may_come_is_not_started()
    {
        var facts = Consult.Facts(
            "D: I'm holding off on starting lamotrigine until neurology weighs in.",
            "P: What if I have another one?",
            "D: Then call us, and we'd start lamotrigine twenty five milligrams daily.");

        Assert.Empty(facts.Medications);
    }

    [Fact]
    public void A_first_choice_the_patient_is_allergic_to_is_taken_back_by_the_one_given_instead()
    {
        var facts = Consult.Facts(
            "D: Cephalexin five hundred milligrams four times a day for a week.",
            "P: Oh, I'm allergic to cephalexin, it gave me a rash.",
            "D: Then let's do clindamycin three hundred milligrams three times a day instead.");

        Assert.Equal("clindamycin", Assert.Single(facts.Medications).Name);
    }

    [Fact]
    public void Changing_it_to_another_drug_stops_it()
    {
        var facts = Consult.Facts(
            "P: I take chlorthalidone for my pressure.",
            "D: That can raise your sugar, so let's change it to amlodipine five milligrams daily.");

        Assert.Equal([("amlodipine", "start"), ("chlorthalidone", "stop")], facts.Medications.Select(m => (m.Name, m.Action)).Order());
    }

    [Fact]
    public void What_the_clinician_would_use_is_started_and_the_route_of_the_first_drug_stays_with_it()
    {
        var facts = Consult.Facts("D: I'd use a clonidine patch, zero point one milligrams weekly, with hydrochlorothiazide twelve point five milligrams each morning.");

        Assert.Equal([("clonidine", "start", "transdermal"), ("hydrochlorothiazide", "start", null)], facts.Medications.Select(m => (m.Name, m.Action, m.Route)).Order());
    }

    [Fact]
    public void An_adhd_presentation_refines_the_code()
    {
        Assert.Equal("F90.2", Assert.Single(Consult.Facts("D: The rating scales fit ADHD, combined type.").Problems).Code);
    }

    [Fact]
    public void Stopping_taking_it_or_keeping_using_the_form_decides_on_the_drug_the_patient_named()
    {
        var stop = Consult.Facts("P: I take meloxicam for my hip.", "D: Stop taking it, it's hard on your stomach.");
        var keep = Consult.Facts("P: I've tried clindamycin gel for months.", "D: Keep using the gel.");

        Assert.Equal("stop", Assert.Single(stop.Medications).Action);
        Assert.Equal("continue", Assert.Single(keep.Medications).Action);
    }

    [Fact]
    public void Maxing_out_a_drug_raises_it()
    {
        var facts = Consult.Facts("D: I'm going to max out the metformin at one thousand milligrams twice a day.");

        Assert.Equal("increase", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void Back_in_a_month_is_a_follow_up_and_a_home_average_is_no_reading_of_this_visit()
    {
        var facts = Consult.Facts(
            "D: Your home readings average one forty eight over ninety.",
            "D: Today it's one thirty eight over eighty six.",
            "D: Back in a month.");

        Assert.Equal((138.0, 86.0), (Assert.Single(facts.Vitals).Value, facts.Vitals[0].Second!.Value));
        Assert.Equal("1 month", facts.FollowUp?.Interval);
    }

    [Fact]
    public void Asking_after_the_patients_name_how_a_problem_is_takes_it_as_known()
    {
        var facts = Consult.Facts("D: Mrs. Okafor, how is the psoriasis?", "P: Better on the cream.");

        Assert.Equal("L40.9", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_drug_kept_for_attacks_with_a_most_per_day_is_as_needed()
    {
        var facts = Consult.Facts("D: Keep the rizatriptan ten milligrams for attacks, no more than three tablets a day.");

        Assert.Equal("as needed", Assert.Single(facts.Medications).Frequency);
    }

    [Fact]
    public void What_the_first_drug_is_for_does_not_break_the_patients_list()
    {
        var facts = Consult.Facts("P: I'm on amlodipine for high blood pressure and rosuvastatin.");

        Assert.Equal([("amlodipine", "continue"), ("rosuvastatin", "continue")], facts.Medications.Select(m => (m.Name, m.Action)).Order());
    }

    [Fact]
    public void A_drug_and_the_symptom_it_is_for_said_by_the_clinician_is_started_as_needed()
    {
        var facts = Consult.Facts("D: Ibuprofen for the pain.");
        var list = Consult.Facts("D: Lisinopril for blood pressure, is that right?");

        var ibuprofen = Assert.Single(facts.Medications);
        Assert.Equal(("start", "as needed"), (ibuprofen.Action, ibuprofen.Frequency));
        Assert.DoesNotContain(list.Medications, m => m.Action == "start");
    }

    [Fact]
    public void A_drug_named_then_asked_after_as_that_is_current_and_a_step_down_before_an_if_lowers_it()
    {
        var facts = Consult.Facts(
            "D: Pantoprazole forty milligrams daily, are you still on that?",
            "P: Yes, every morning.",
            "D: It's been years. Let's step down to twenty milligrams, and if the heartburn stays away we'll stop it.");

        var pantoprazole = Assert.Single(facts.Medications);
        Assert.Equal(("decrease", "20 mg"), (pantoprazole.Action, pantoprazole.Dosage));
    }

    [Fact]
    public void The_hundreds_of_a_dose_are_no_count_of_times_and_taking_it_off_the_list_stops_it()
    {
        var gabapentin = Consult.Facts("D: The pregabalin, one hundred three times a day, is that right?", "P: Yes.");
        var tramadol = Consult.Facts("D: The oxycodone you had for your back, you don't need it anymore, so I'll take it off your list.");

        Assert.Equal("three times daily", Assert.Single(gabapentin.Medications).Frequency);
        Assert.Equal("stop", Assert.Single(tramadol.Medications).Action);
    }

    [Fact]
    public void A_reply_that_agrees_and_says_to_continue_keeps_the_drug_asked_about()
    {
        var facts = Consult.Facts("P: And the fish oil?", "D: Fine to continue, one gram daily.");

        Assert.Equal("continue", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void Common_names_of_musculoskeletal_and_skin_problems_are_coded()
    {
        Assert.Equal("M75.42", Assert.Single(Consult.Facts("D: This is impingement syndrome of the left shoulder.").Problems).Code);
        Assert.Equal("M77.00", Assert.Single(Consult.Facts("D: You have golfer's elbow.").Problems).Code);
        Assert.Equal("L72.0", Assert.Single(Consult.Facts("D: That lump is a sebaceous cyst.").Problems).Code);
    }

    [Fact]
    public void Over_some_years_reads_no_result()
    {
        var facts = Consult.Facts("D: And a Pap smear today since it's been over three years.");
        var reviewed = Consult.Facts("D: Let's go over your Pap smear from today.");

        Assert.Equal("Pap smear", Assert.Single(facts.Orders).Name);
        Assert.Empty(reviewed.Orders);
    }

    [Fact]
    public void Hypertensive_kidney_disease_named_is_the_hypertension()
    {
        var facts = Consult.Facts("D: Your blood pressure is high and it has damaged your kidneys, so you have hypertensive nephropathy.");

        Assert.Equal("I12.9", Assert.Single(facts.Problems).Code);
    }

    [Theory]
    [InlineData("D: You're getting more than you need, so let's drop that to seventy five micrograms.", "decrease", "75 mcg")]
    [InlineData("D: Your pressure is still up, so let's bring it to forty milligrams.", "increase", "40 mg")]
    [InlineData("D: We can lower that to twenty five micrograms.", "decrease", "25 mcg")]
    public void A_new_dose_set_on_that_after_the_patient_named_the_drug_changes_it(string line, string action, string dosage)
    {
        var (p, unit) = dosage.EndsWith("mcg", StringComparison.Ordinal) ? ("P: I take the levothyroxine eighty eight micrograms every day.", "mcg")
            : ("P: I'm on the losartan, twenty five milligrams in the morning.", "mg");
        var m = Assert.Single(Consult.Facts(p, line).Medications);

        Assert.Equal((action, dosage), (m.Action, m.Dosage));
        Assert.EndsWith(unit, m.Dosage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_read_out_orders_nothing_and_a_result_rechecked_by_pronoun_is_ordered()
    {
        var read = Consult.Facts("D: The results are in and your ferritin is low at eight, so I'm giving you an iron pill.");
        var recheck = Consult.Facts("D: Your ferritin was twelve, so we'll recheck it in three months.");

        Assert.DoesNotContain(read.Orders, o => o.Name.Contains("ferritin", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(recheck.Orders, o => o.Name.StartsWith("ferritin", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_problem_after_a_remark_on_the_one_before_is_still_in_the_list()
    {
        var facts = Consult.Facts("D: What we're treating is type two diabetes, improving on the new dose, and gout.");
        var doubted = Consult.Facts("D: You have type two diabetes, and maybe gout.");

        Assert.Equal(["E11.9", "M10.9"], facts.Problems.Select(p => p.Code).Order());
        Assert.Equal("E11.9", Assert.Single(doubted.Problems).Code);
    }

    [Fact]
    public void A_diet_limit_after_a_new_drug_is_not_its_dose()
    {
        var facts = Consult.Facts("D: I'd like to add chlorthalidone twelve point five milligrams every morning.", "P: Alright.",
            "D: We'll stop the amlodipine now that you're starting chlorthalidone. Keep your sodium under one point five grams a day.");

        Assert.Equal("12.5 mg", Assert.Single(facts.Medications, m => m.Name == "chlorthalidone").Dosage);
    }

    [Theory]
    [InlineData("D: Let's start the metoprolol fifty milligram tablet, one each morning.", "50 mg")]
    [InlineData("D: I'm prescribing the finasteride five milligram tablet, take one every day.", "5 mg")]
    [InlineData("D: Start the estradiol point five milligram tablets, one every night.", "0.5 mg")]
    public void One_tablet_of_a_strength_is_that_strength(string line, string dosage)
    {
        Assert.Equal(dosage, Assert.Single(Consult.Facts(line).Medications).Dosage);
    }

    [Fact]
    public void Two_tablets_of_a_strength_stay_a_count()
    {
        Assert.Equal("2 tablets", Assert.Single(Consult.Facts("D: Start the ondansetron four milligram tablets, two every eight hours as needed.").Medications).Dosage);
    }

    [Fact]
    public void A_drug_offered_in_a_question_and_accepted_is_started_and_one_declined_is_not()
    {
        var taken = Consult.Facts("D: Do you want to try varenicline, half a milligram once a day to begin with?", "P: Sure, I'll give it a go.");
        var declined = Consult.Facts("D: Do you want to try varenicline, half a milligram once a day to begin with?", "P: Not yet, I'd rather wait.");

        Assert.Equal("start", Assert.Single(taken.Medications).Action);
        Assert.Empty(declined.Medications);
    }

    [Fact]
    public void Leave_asked_to_take_a_drug_is_no_report_of_taking_it()
    {
        var refused = Consult.Facts("P: Could I take naproxen for the pain?", "D: Better not, with your stomach ulcer history.");
        var granted = Consult.Facts("P: Could I take naproxen for the pain?", "D: Yes, two hundred twenty milligrams twice a day with food.");

        Assert.Empty(refused.Medications);
        var naproxen = Assert.Single(granted.Medications);
        Assert.Equal(("start", "220 mg"), (naproxen.Action, naproxen.Dosage));
    }

    [Fact]
    public void Taken_every_day_even_when_well_is_not_as_needed()
    {
        var facts = Consult.Facts("D: Use the budesonide formoterol, two puffs twice a day, even when you feel good.");

        Assert.Equal("twice daily", Assert.Single(facts.Medications).Frequency);
    }

    [Fact]
    public void The_patients_own_account_of_smoking_and_of_recurring_attacks_are_problems()
    {
        var facts = Consult.Facts("P: I still smoke around ten cigarettes a day.", "P: And I get cluster headaches every spring.");
        var worried = Consult.Facts("P: I get nervous about lung cancer.");

        Assert.Contains(facts.Problems, p => p.Code!.StartsWith("F17.21", StringComparison.Ordinal));
        Assert.Contains(facts.Problems, p => p.Code!.StartsWith("G44.0", StringComparison.Ordinal));
        Assert.Empty(worried.Problems);
    }

    [Fact]
    public void A_call_back_condition_before_the_next_visit_leaves_the_visit_plain()
    {
        var followUp = Consult.Facts("D: Phone us if the swelling spreads past the ankle within a day we'll see you in ten days").FollowUp;

        Assert.Equal("10 days", followUp!.Interval);
    }

    [Fact]
    public void A_drug_to_add_only_if_the_first_is_not_enough_is_not_started()
    {
        var facts = Consult.Facts("D: Let's see how the metformin does first, and we'll add glipizide if needed.");

        Assert.DoesNotContain(facts.Medications, m => m.Name == "glipizide");
        Assert.Contains(facts.NotDone, n => n.Name == "glipizide");
    }

    [Theory]
    [InlineData("D: If the cough keeps him awake, give dextromethorphan ten milligrams at bedtime.")]
    [InlineData("D: If she gets a headache, take acetaminophen five hundred milligrams.")]
    public void A_drug_given_when_a_symptom_comes_is_started(string line)
    {
        Assert.Equal("start", Assert.Single(Consult.Facts(line).Medications).Action);
    }

    [Fact]
    public void A_drug_given_if_the_treatment_fails_is_put_off_and_her_as_the_patient_is_no_report_of_use()
    {
        Assert.Empty(Consult.Facts("D: If it isn't any better in a week, take cephalexin five hundred milligrams.").Medications);
        Assert.Empty(Consult.Facts("D: If we need to, we can give her montelukast.").Medications);
    }

    [Fact]
    public void Coming_off_a_drug_slowly_lowers_it_first_to_the_dose_said_next()
    {
        var facts = Consult.Facts("P: I take clonazepam one milligram every night.", "D: I want to get you off the clonazepam gradually. Take one half milligram at night for two weeks, then stop.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("decrease", "0.5 mg"), (m.Action, m.Dosage));
    }

    [Fact]
    public void The_clinicians_new_strength_for_a_drug_the_patient_takes_is_a_change()
    {
        var up = Consult.Facts("P: I use famotidine twenty milligrams when I need it.", "D: Let's have you take the famotidine forty milligrams twice a day for a month.");
        var down = Consult.Facts("P: I'm on meloxicam fifteen milligrams a day.", "D: Take the meloxicam seven point five milligrams a day from now on.");
        var same = Consult.Facts("P: I'm on meloxicam fifteen milligrams a day.", "D: Take the meloxicam fifteen milligrams with food.");

        Assert.Equal(("increase", "40 mg"), (Assert.Single(up.Medications).Action, Assert.Single(up.Medications).Dosage));
        Assert.Equal("decrease", Assert.Single(down.Medications).Action);
        Assert.Equal("continue", Assert.Single(same.Medications).Action);
    }

    [Fact]
    public void Up_to_an_amount_a_day_is_a_most_and_a_dose_before_of_is_the_drugs_after_it()
    {
        var most = Consult.Facts("D: Take ibuprofen instead, up to twelve hundred milligrams a day.");
        var of = Consult.Facts("P: I take naproxen for my knee.", "D: We'll go up to forty milligrams a day of the omeprazole.");

        Assert.Null(Assert.Single(most.Medications).Frequency);
        Assert.Null(Assert.Single(of.Medications, m => m.Name == "naproxen").Dosage);
    }

    [Fact]
    public void An_unspecified_problem_goes_when_a_kind_of_it_is_named()
    {
        var facts = Consult.Facts("D: Your blood work shows you're anemic.", "D: It's vitamin B12 deficiency anemia.");
        var skin = Consult.Facts("D: This is seborrheic dermatitis, a kind of eczema.");

        Assert.Equal("D51.9", Assert.Single(facts.Problems).Code);
        Assert.Equal("L21.9", Assert.Single(skin.Problems).Code);
    }

    [Fact]
    public void A_sentence_that_is_only_problems_and_their_course_asserts_them()
    {
        var facts = Consult.Facts("D: So, major depressive disorder, stable, and obstructive sleep apnea.");

        Assert.Equal(2, facts.Problems.Count);
    }

    [Fact]
    public void Behavioral_health_is_a_referral_and_a_therapy_the_patient_is_to_start_is_referred()
    {
        Assert.Equal("psychology", Assert.Single(Consult.Facts("D: I'll put in a referral to behavioral health.").Orders).Name);
        Assert.Equal("psychology", Assert.Single(Consult.Facts("D: I'd like you to begin talk therapy.").Orders).Name);
    }

    [Fact]
    public void A_frequency_in_the_middle_of_a_list_is_only_the_drug_before_it()
    {
        var facts = Consult.Facts("D: What are you taking now?", "P: Lisinopril twenty, simvastatin forty at bedtime, and amlodipine five.");

        Assert.Equal("at bedtime", Assert.Single(facts.Medications, m => m.Name == "simvastatin").Frequency);
        Assert.Null(Assert.Single(facts.Medications, m => m.Name == "lisinopril").Frequency);
    }

    [Fact]
    public void A_drug_the_patient_still_keeps_on_hand_is_continued()
    {
        var facts = Consult.Facts("D: Do you still have the sumatriptan tablets?", "P: Yes, I haven't needed them lately.", "D: Keep them handy.");

        Assert.Equal("continue", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_list_of_problems_with_linking_words_asserts_each()
    {
        var facts = Consult.Facts("D: Okay, so heart failure due to a prior heart attack, atrial fibrillation, and gout.");

        Assert.Contains(facts.Problems, p => p.Code!.StartsWith("I50", StringComparison.Ordinal));
        Assert.Contains(facts.Problems, p => p.Code!.StartsWith("I48", StringComparison.Ordinal));
        Assert.Contains(facts.Problems, p => p.Code!.StartsWith("M10", StringComparison.Ordinal));
    }

    [Fact]
    public void Diabetic_peripheral_neuropathy_is_the_combination_code()
    {
        var facts = Consult.Facts("P: I have type two diabetes.", "D: The numbness in your feet is diabetic polyneuropathy.");

        Assert.Equal("E11.42", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void Switching_to_another_drug_in_answer_to_a_question_about_one_stops_it()
    {
        var facts = Consult.Facts("P: Should I keep the diphenhydramine for sleep?", "D: I'd switch to melatonin three milligrams at bedtime.");

        Assert.Equal("stop", Assert.Single(facts.Medications, m => m.Name == "diphenhydramine").Action);
        Assert.Equal("start", Assert.Single(facts.Medications, m => m.Name == "melatonin").Action);
    }

    [Fact]
    public void A_visit_after_a_phone_call_in_one_sentence_is_the_next_visit()
    {
        var followUp = Consult.Facts("D: We'll touch base by phone in one week, and see you back in six weeks.").FollowUp;

        Assert.Equal("6 weeks", followUp!.Interval);
    }

    [Fact]
    public void Working_with_a_therapist_is_a_referral()
    {
        Assert.Equal("psychology", Assert.Single(Consult.Facts("D: I want you to work with a counselor on the panic attacks.").Orders).Name);
    }

    [Fact]
    public void A_drug_said_for_what_it_can_do_and_kept_in_reserve_is_not_started()
    {
        var facts = Consult.Facts(
            "D: Mirabegron twenty five milligrams daily can help the urgency too.", "P: Okay.", "D: Let's start the oxybutynin first and add mirabegron if needed.");

        Assert.Equal(["oxybutynin"], facts.Medications.Select(m => m.Name));
    }

    [Fact]
    public void Where_the_weight_is_down_to_is_the_weight()
    {
        var facts = Consult.Facts("D: The diet is working on your weight, you're down to two hundred and three from two ten.");

        var weight = Assert.Single(facts.Vitals);
        Assert.Equal((203.0, "lb"), (weight.Value, weight.Unit));
        Assert.Empty(Consult.Facts("D: For your weight, let's aim to get down to one ninety pounds by summer.").Vitals);
    }

    [Fact]
    public void The_next_visit_a_reading_is_brought_to_sets_no_time_and_meeting_again_does()
    {
        var facts = Consult.Facts("D: Repeat the hemoglobin A1c in three weeks, and bring your glucose log to your next appointment.", "D: Let's meet again in two months.");

        Assert.Equal("2 months", facts.FollowUp!.Interval);
    }

    [Fact]
    public void An_analyte_a_panel_is_ordered_to_check_is_no_order_of_its_own()
    {
        var facts = Consult.Facts("D: I'm ordering a comprehensive metabolic panel to check your calcium.");

        Assert.DoesNotContain(facts.Orders, o => o.Name.Contains("calcium", StringComparison.OrdinalIgnoreCase));
        Assert.Single(facts.Orders);
    }

    [Fact]
    public void A_new_dose_said_against_the_one_it_replaces_changes_the_drug_talked_about()
    {
        var facts = Consult.Facts(
            "D: Are you still on the escitalopram?", "P: Yes, every day.", "D: The anxiety is still there. Twenty milligrams daily rather than the ten, then.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("escitalopram", "increase", "20 mg"), (m.Name, m.Action, m.Dosage));
    }

    [Fact]
    public void A_drug_kept_at_a_dose_other_than_the_one_before_is_changed()
    {
        var m = Assert.Single(Consult.Facts("D: Continue the gabapentin, but at three hundred milligrams at night, not six hundred.").Medications);

        Assert.Equal(("decrease", "300 mg"), (m.Action, m.Dosage));
    }

    [Fact]
    public void Stopping_it_and_using_another_starts_the_other()
    {
        var facts = Consult.Facts("P: The bacitracin did nothing for it.", "D: Then stop it and use mupirocin ointment three times a day.");

        Assert.Equal("start", Assert.Single(facts.Medications, m => m.Name == "mupirocin").Action);
    }

    [Fact]
    public void The_drug_of_a_clause_of_time_is_not_what_the_next_sentence_doses()
    {
        var facts = Consult.Facts("D: We'll bridge with methylprednisolone until the colchicine takes effect. Sixteen milligrams each morning for five days.");

        Assert.Equal("16 mg", Assert.Single(facts.Medications, m => m.Name == "methylprednisolone").Dosage);
        Assert.DoesNotContain(facts.Medications, m => m.Name == "colchicine" && m.Dosage is not null);
    }

    [Fact]
    public void Leave_to_keep_taking_a_drug_continues_it()
    {
        var granted = Consult.Facts("P: Could I keep using the hydroxyzine?", "D: Yes, but no more than two a day.");
        var dosed = Consult.Facts("P: Can I keep taking my fluticasone spray?", "D: You can use fluticasone, one spray in each nostril every day.");

        Assert.Equal("continue", Assert.Single(granted.Medications).Action);
        Assert.Equal("continue", Assert.Single(dosed.Medications).Action);
    }

    [Fact]
    public void A_reply_on_it_after_the_answer_about_a_drug_doses_that_drug()
    {
        var facts = Consult.Facts(
            "D: Do you still use the hydroxyzine at night?", "P: Once in a while.", "D: That's fine, keep it for the bad nights, twenty five milligrams at bedtime.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("hydroxyzine", "25 mg"), (m.Name, m.Dosage));
    }

    [Fact]
    public void Calcium_as_a_supplement_is_a_drug_and_as_a_level_or_a_class_is_not()
    {
        var supplement = Consult.Facts("D: Add calcium five hundred milligrams with breakfast and dinner.");
        var other = Consult.Facts("D: Your calcium level is fine, and nifedipine is a calcium channel blocker, so get calcium from dairy.");

        var m = Assert.Single(supplement.Medications);
        Assert.Equal(("calcium carbonate", "500 mg", "start"), (m.Name, m.Dosage, m.Action));
        Assert.DoesNotContain(other.Medications, m => m.Name == "calcium carbonate");
    }

    [Fact]
    public void A_known_problem_said_beside_a_risk_or_as_a_cause_is_the_patients()
    {
        Assert.Contains(Consult.Facts("D: Given your diabetes and your high blood pressure, your risk of a stroke is real.").Problems, p => p.Code == "I10");
        Assert.Contains(Consult.Facts("D: So the gout is what's causing the swelling in that foot.").Problems, p => p.Code!.StartsWith("M10", StringComparison.Ordinal));
        Assert.DoesNotContain(Consult.Facts("D: Stroke risk goes up with age.").Problems, p => p.Code!.StartsWith("I63", StringComparison.Ordinal));
    }

    [Fact]
    public void A_finding_typical_of_a_disease_names_it()
    {
        var problem = Assert.Single(Consult.Facts("D: Those scaly, salmon colored patches are classic for psoriasis.").Problems);

        Assert.Equal("L40.9", problem.Code);
    }

    [Fact]
    public void An_electrolyte_read_out_of_range_is_its_disorder_beside_other_problems()
    {
        var facts = Consult.Facts("D: Your heart failure is stable, but your sodium came back low at one twenty nine.");

        Assert.Contains(facts.Problems, p => p.Code == "E87.1");
        Assert.Contains(Consult.Facts("D: The potassium is a little low today, three point one.").Problems, p => p.Code == "E87.6");
    }

    [Fact]
    public void The_reaction_told_after_the_clinician_asks_what_happened_is_the_allergys()
    {
        var allergy = Assert.Single(Consult.Facts("P: Also, I'm allergic to codeine.", "D: What kind of reaction did you have?", "P: I threw up for a whole day.").Allergies);

        Assert.Equal("vomiting", allergy.Reaction);
    }

    [Fact]
    public void A_thyroid_panel_is_a_thyroid_function_test()
    {
        Assert.Equal("thyroid stimulating hormone", Assert.Single(Consult.Facts("D: Let's get a thyroid panel to be sure.").Orders).Name);
    }

    [Fact]
    public void The_fundal_height_and_the_babys_heartbeat_are_no_vitals_of_the_mother()
    {
        var facts = Consult.Facts(
            "D: You're thirty weeks. Fundal height measures thirty one centimeters, and on the doppler the heartbeat is one fifty two.",
            "D: Your own pulse is eighty eight and your pressure one twenty over seventy.");

        Assert.DoesNotContain(facts.Vitals, v => v.Kind == "height");
        Assert.Equal(88.0, Assert.Single(facts.Vitals, v => v.Kind == "heart_rate").Value);
    }

    [Fact]
    public void Asking_whether_an_allergy_matters_declines_no_drug()
    {
        var facts = Consult.Facts("P: I'm allergic to amoxicillin, is that an issue with this?", "D: No, azithromycin is a different kind of antibiotic.");

        Assert.Empty(facts.NotDone);
        Assert.Single(facts.Allergies);
    }

    [Fact]
    public void Keeping_that_going_after_a_confirmed_regimen_continues_it()
    {
        var facts = Consult.Facts("D: And the brimonidine, one drop in the left eye three times a day?", "P: Yes, I haven't missed any.", "D: Great. Keep that going.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("brimonidine", "continue"), (m.Name, m.Action));
    }

    [Fact]
    public void A_rescue_nasal_spray_and_a_patch_worn_half_the_day_are_regimens()
    {
        var rescue = Consult.Facts("D: For a seizure that lasts over five minutes, give midazolam nasal spray, five milligrams in one nostril.");
        var patch = Consult.Facts("D: Put on the lidocaine patch over the sore ribs, twelve hours on and twelve hours off.");

        var spray = Assert.Single(rescue.Medications);
        Assert.Equal(("midazolam", "5 mg", "nasal"), (spray.Name, spray.Dosage, spray.Route));
        Assert.Equal("12 hours on, 12 hours off", Assert.Single(patch.Medications).Frequency);
    }

    [Fact]
    public void Coming_off_a_drug_over_weeks_is_a_taper()
    {
        var m = Assert.Single(Consult.Facts("D: We should bring you off the oxycodone over the coming three weeks.").Medications);

        Assert.Equal("decrease", m.Action);
    }

    [Fact]
    public void The_infections_a_clinician_will_check_for_are_their_tests()
    {
        var facts = Consult.Facts("D: While you're here, we'll also screen for chlamydia, syphilis and HIV.");
        var exam = Consult.Facts("D: I'm going to check for swelling in your ankles.");

        Assert.Equal(["HIV test", "chlamydia and gonorrhea testing", "syphilis test"], facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
        Assert.Empty(exam.Orders);
    }

    [Fact]
    public void Open_angle_glaucoma_is_coded_by_eye_and_its_tests_are_ordered()
    {
        var facts = Consult.Facts("D: The nerve changes and the pressures say you have open angle glaucoma in the right eye. I'll order a visual field test and optical coherence tomography.");

        Assert.Equal("H40.1110", Assert.Single(facts.Problems).Code);
        Assert.Equal(["optical coherence tomography", "visual field test"], facts.Orders.Select(o => o.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_problem_named_along_with_another_shares_its_assertion()
    {
        var facts = Consult.Facts("D: So this is tension headache, along with the chronic neck pain.");

        Assert.Equal(2, facts.Problems.Count);
    }

    [Fact]
    public void A_named_disease_is_coded_over_the_unspecified_one_said_before_it()
    {
        var facts = Consult.Facts("D: Your thyroid is overactive, that's clear from the labs. With the antibodies positive, this is Graves' disease.");

        Assert.Equal("E05.00", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_bare_instruction_for_a_symptom_starts_the_drug_even_when_another_follows()
    {
        var facts = Consult.Facts("D: Use ibuprofen for the swelling, and I'm also adding cyclobenzaprine five milligrams at night, we can increase it if needed.");

        Assert.Equal("start", Assert.Single(facts.Medications, m => m.Name == "ibuprofen").Action);
        Assert.DoesNotContain("as needed", Assert.Single(facts.Medications, m => m.Name == "cyclobenzaprine").Frequency, StringComparison.Ordinal);
    }

    [Fact]
    public void Getting_a_symptom_is_no_report_of_taking_the_drug_after_it()
    {
        var facts = Consult.Facts("D: If you get hives, loratadine ten milligrams is the better choice.");

        Assert.DoesNotContain(facts.Medications, m => m.Action == "continue");
    }

    [Fact]
    public void A_disease_said_of_people_at_large_is_neither_the_patients_nor_a_vaccine()
    {
        var talk = Consult.Facts("D: It shows up later in life, but anyone who had chickenpox can get it.");
        var shots = Consult.Facts("D: Today he gets his MMR, chickenpox and hepatitis A vaccines.");

        Assert.DoesNotContain(talk.Problems, p => p.Code == "B01.9");
        Assert.DoesNotContain(talk.Orders, o => o.Name == "varicella vaccine");
        Assert.Contains(shots.Orders, o => o.Name == "varicella vaccine");
        Assert.DoesNotContain(shots.Problems, p => p.Code == "B01.9");
    }

    [Fact]
    public void A_combined_pill_is_found_with_its_parts_in_either_order()
    {
        var m = Assert.Single(Consult.Facts("D: I'll start you on levonorgestrel and ethinyl estradiol, one tablet every day.").Medications);

        Assert.Equal("levonorgestrel ethinyl estradiol", m.Name);
    }

    [Fact]
    public void An_auto_injector_into_the_thigh_is_intramuscular()
    {
        var m = Assert.Single(Consult.Facts("D: Keep an epinephrine auto injector, zero point three milligrams, and use it in the side of the thigh if your throat swells.").Medications);

        Assert.Equal("intramuscular", m.Route);
    }

    [Fact]
    public void Anaphylaxis_from_a_sting_is_coded_by_the_venom_and_the_venom_goes_on_the_allergy_list()
    {
        var facts = Consult.Facts("D: From what you describe, that was anaphylaxis after the wasp sting.", "D: I'm putting wasp venom on your allergy list.");

        Assert.Equal("T63.461A", Assert.Single(facts.Problems).Code);
        Assert.Contains("venom", Assert.Single(facts.Allergies).Substance, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_in_apposition_explains_the_diagnosis_and_is_no_second_problem()
    {
        var facts = Consult.Facts("D: This is bronchiolitis, a viral infection of the small airways.");

        Assert.Equal("J21.9", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_heart_rate_told_as_the_heart_going_along_is_read()
    {
        Assert.Equal(76.0, Assert.Single(Consult.Facts("D: Your heart's cruising along at seventy six today.").Vitals).Value);
        Assert.Empty(Consult.Facts("D: Your heart is regular with no murmur.").Vitals);
    }

    [Fact]
    public void A_drug_the_patient_has_been_on_is_lowered_to_the_tablet_named_next()
    {
        var facts = Consult.Facts(
            "D: You've been on the levothyroxine since the spring.", "P: Every morning.", "D: The TSH is too low. I'll drop you to the eighty eight microgram tablet.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("decrease", "88 mcg", null), (m.Action, m.Dosage, m.Details));
    }

    [Fact]
    public void A_result_read_with_a_decimal_is_no_order()
    {
        var facts = Consult.Facts("D: Your TSH is point one, so you're getting a little more thyroid hormone than you need.");

        Assert.Empty(facts.Orders);
    }

    [Fact]
    public void A_yes_with_how_often_answers_the_patients_question_about_a_drug()
    {
        var m = Assert.Single(Consult.Facts("P: Should I keep the allopurinol?", "D: Yes, once a day, every day.").Medications);

        Assert.Equal("once daily", m.Frequency);
    }

    [Fact]
    public void Lesions_pointed_at_are_named_problems()
    {
        Assert.Equal("L57.0", Assert.Single(Consult.Facts("D: Those are actinic keratoses from years of sun.").Problems).Code);
    }

    [Fact]
    public void Rehab_the_patient_is_asked_to_do_is_a_referral_and_skin_surgery_is_dermatology()
    {
        Assert.Equal("cardiac rehabilitation", Assert.Single(Consult.Facts("D: I'd like you to do cardiac rehab for twelve weeks.").Orders).Name);
        Assert.Equal("dermatology", Assert.Single(Consult.Facts("D: I'm sending you to Mohs surgery for the one on your nose.").Orders).Name);
    }

    [Fact]
    public void A_topical_chemotherapy_cream_and_an_inhalation_are_regimens_with_routes()
    {
        var cream = Assert.Single(Consult.Facts("D: Put imiquimod cream on the spot at bedtime, five nights a week.").Medications);
        var inhaler = Assert.Single(Consult.Facts("D: I'm starting tiotropium, two inhalations once a day.").Medications);

        Assert.Equal(("imiquimod", "topical"), (cream.Name, cream.Route));
        Assert.Equal("inhaled", inhaler.Route);
    }

    [Fact]
    public void Common_diagnoses_of_other_clinics_are_coded_with_their_combinations_and_sides()
    {
        Assert.Equal("E11.649", Assert.Single(Consult.Facts("D: You have type two diabetes, and the shaky spells are hypoglycemia from the glyburide.").Problems).Code);
        Assert.Equal("H04.121", Assert.Single(Consult.Facts("D: It's dry eye syndrome, in the right eye only.").Problems).Code);
        Assert.Equal("M70.6", Assert.Single(Consult.Facts("D: The tenderness over the outside of the hip is trochanteric bursitis.").Problems).Code![..5]);
        Assert.Equal("B08.4", Assert.Single(Consult.Facts("D: The spots in his mouth and on his palms are hand, foot and mouth disease.").Problems).Code);
    }

    [Fact]
    public void Days_of_the_week_named_say_how_many_times_a_week()
    {
        var m = Assert.Single(Consult.Facts("D: Take the calcitriol on Tuesdays, Thursdays and Saturdays after dialysis.").Medications);

        Assert.Equal("three times weekly", m.Frequency);
    }

    [Fact]
    public void Readings_told_by_how_the_patient_runs_stands_and_changed_are_vitals()
    {
        var warm = Consult.Facts("D: You do feel warm, and it's one hundred point four.");
        var tall = Consult.Facts("D: You're seventy one inches tall and one hundred ninety pounds.");
        var changed = Consult.Facts("D: Your weight is up four pounds to two oh six since March.");

        Assert.Equal(100.4, Assert.Single(warm.Vitals).Value);
        Assert.Equal([("height", 71.0), ("weight", 190.0)], tall.Vitals.Select(v => (v.Kind, v.Value)).Order());
        Assert.Equal(206.0, Assert.Single(changed.Vitals).Value);
    }

    [Fact]
    public void Tests_named_by_what_they_measure_or_sent_for_by_referral_are_orders()
    {
        Assert.Equal(["hemoglobin A1c", "lipid panel"], Consult.Facts("D: We'll recheck your cholesterol and your A1c in the spring.").Orders.Select(o => o.Name.Split(" in ")[0]).Order(StringComparer.Ordinal));
        Assert.Equal("colonoscopy", Assert.Single(Consult.Facts("D: With the blood in the stool, I'm referring you for a colonoscopy.").Orders).Name);
        Assert.Equal("abdominal ultrasound", Assert.Single(Consult.Facts("D: Let's get an ultrasound of the gallbladder this week.").Orders).Name);
        Assert.Empty(Consult.Facts("D: The walking is getting your cholesterol down nicely.").Orders);
    }

    [Fact]
    public void A_medication_list_told_in_answer_keeps_a_baby_aspirin_a_sleep_aid_and_a_spray_for_allergies()
    {
        var facts = Consult.Facts(
            "D: What do you take every day?", "P: Just a baby aspirin.", "D: Anything for the nerves?", "P: Buspirone, ten milligrams, twice a day.",
            "D: Any sprays?", "P: Azelastine when my allergies flare.");

        Assert.Equal("81 mg", Assert.Single(facts.Medications, m => m.Name == "aspirin").Dosage);
        Assert.Equal("continue", Assert.Single(facts.Medications, m => m.Name == "buspirone").Action);
        Assert.Contains(facts.Medications, m => m.Name == "azelastine");
        Assert.Empty(facts.Allergies);
    }

    [Fact]
    public void Alzheimers_dementia_addiction_referrals_and_urea_breath_tests_are_named()
    {
        Assert.Equal("G30.9", Assert.Single(Consult.Facts("D: Putting it all together, this is Alzheimer's dementia.").Problems).Code);
        Assert.Equal("addiction medicine", Assert.Single(Consult.Facts("D: I'd like you to see the addiction medicine clinic this month.").Orders).Name);
        Assert.Equal("H. pylori test", Assert.Single(Consult.Facts("D: I'm ordering a urea breath test for next week.").Orders).Name.Split(" in ")[0]);
    }

    [Fact]
    public void An_order_offered_and_taken_back_after_the_patients_answer_is_not_ordered()
    {
        var facts = Consult.Facts(
            "D: Let's check a lipid panel today, and a hepatitis C test if you've never had one.", "P: They did that one last year at the clinic.", "D: Okay, then we don't need it.");

        Assert.Equal("lipid panel", Assert.Single(facts.Orders).Name);
    }

    [Fact]
    public void The_most_a_day_is_neither_the_dose_nor_how_often()
    {
        var m = Assert.Single(Consult.Facts("D: Stay on the ibuprofen, up to twenty four hundred milligrams a day.").Medications);

        Assert.Equal((null, null), (m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_drug_for_a_symptom_ending_a_list_of_instructions_is_started_as_needed()
    {
        var m = Assert.Single(Consult.Facts("D: Stay hydrated, get some sleep, and take ibuprofen for the aches.").Medications);

        Assert.Equal(("ibuprofen", "start", "as needed"), (m.Name, m.Action, m.Frequency));
    }

    [Theory]
    [InlineData("P: Is it the flu?", "D: Yes, it is. Rest and fluids.", "J11.1")]
    [InlineData("P: Do I have shingles?", "D: I'm afraid so.", "B02.9")]
    [InlineData("P: So it's asthma?", "D: Most likely, a mild persistent asthma.", "J45.30")]
    [InlineData("P: Is this gout?", "D: No, it's cellulitis.", "L03.90")]
    public void A_patients_question_whether_they_have_a_problem_answered_yes_or_no_with_another_names_it(string asked, string answer, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(asked, answer).Problems).Code);
    }

    [Theory]
    [InlineData("P: Could it turn into pneumonia?", "D: Yes, it could.")]
    [InlineData("P: Is it my gallbladder?", "D: I don't think so.")]
    [InlineData("P: Is it the flu?", "D: Maybe, let's swab you and see.")]
    public void A_patients_question_whether_they_have_a_problem_doubted_or_of_what_may_come_names_none(string asked, string answer)
    {
        Assert.Empty(Consult.Facts(asked, answer).Problems);
    }

    [Fact]
    public void A_patient_who_has_been_smoking_a_number_a_day_is_nicotine_dependent()
    {
        Assert.Equal("F17.210", Assert.Single(Consult.Facts("P: I've been smoking about ten cigarettes a day since college.").Problems).Code);
    }

    [Theory]
    [InlineData("D: Your last colonoscopy was nine years ago, so let's schedule a new one.", "colonoscopy")]
    [InlineData("D: The echocardiogram was three years ago. I'll order another one today.", "echocardiogram")]
    [InlineData("D: Your last colonoscopy was nine years ago, so you're due for one.", null)]
    [InlineData("D: The chest x-ray was clear, and we don't need another one.", null)]
    public void One_more_of_a_study_named_before_is_ordered(string line, string? name)
    {
        Assert.Equal(name is null ? [] : [name], Consult.Facts(line).Orders.Select(o => o.Name.Split(" in ")[0]));
    }

    [Theory]
    [InlineData("D: The tender bump below each kneecap is Osgood Schlatter disease, in both knees.", "M92.523")]
    [InlineData("D: The crystals we saw in the knee fluid mean this is pseudogout.", "M11.20")]
    [InlineData("D: Your fingers turning white in the cold is Raynaud's phenomenon.", "I73.00")]
    [InlineData("D: Your triglycerides are very high, so you have hypertriglyceridemia.", "E78.1")]
    public void Common_diagnoses_of_sports_medicine_neurology_and_rheumatology_are_coded(string line, string code)
    {
        Assert.Contains(code, Consult.Facts(line).Problems.Select(p => p.Code));
    }

    [Fact]
    public void A_drug_the_patient_already_takes_when_the_clinician_starts_it_is_continued()
    {
        var facts = Consult.Facts("D: I'd like you on vitamin D, two thousand units a day.", "P: Oh, I'm already taking that.", "D: Perfect.");

        Assert.Equal("continue", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_drug_said_to_be_fine_for_a_symptom_is_started_with_its_dose()
    {
        var bare = Assert.Single(Consult.Facts("D: Ibuprofen is okay for the cramps.").Medications);
        Assert.Equal(("start", "as needed"), (bare.Action, bare.Frequency));

        var m = Assert.Single(Consult.Facts("D: Tylenol is fine for the fever, six fifty milligrams every six hours, but skip the cold medicines.").Medications);
        Assert.Equal(("acetaminophen", "start", "650 mg", "every 6 hours"), (m.Name, m.Action, m.Dosage, m.Frequency));
    }

    [Theory]
    [InlineData("D: I'll give you a methylprednisolone dose pack. It's a six day taper, starting with six tablets on the first day.", "methylprednisolone")]
    [InlineData("D: Let's do a prednisone five-day taper, six tablets the first day and one less each day.", "prednisone")]
    public void A_dose_pack_is_its_taper_without_the_first_days_count(string line, string drug)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal((drug, null, "start"), (m.Name, m.Dosage, m.Action));
        Assert.EndsWith("day taper", m.Frequency);
    }

    [Theory]
    [InlineData("D: Use acetaminophen five hundred milligrams, two tablets up to three times a day instead.", "acetaminophen", "1000 mg")]
    [InlineData("D: Take ibuprofen two hundred milligrams, three tablets every eight hours with food.", "ibuprofen", "600 mg")]
    // Not a strength the drug comes in, or a count said apart from it: the dose as said.
    [InlineData("D: Take ibuprofen three hundred milligrams, two tablets every eight hours.", "ibuprofen", "300 mg")]
    [InlineData("D: Take acetaminophen five hundred milligrams twice a day, two tablets if the pain is bad.", "acetaminophen", "500 mg")]
    public void A_strength_followed_by_a_count_of_tablets_is_taken_that_many_times_over(string line, string drug, string dose)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal((drug, dose), (m.Name, m.Dosage));
    }

    [Theory]
    // Drugs the lexicon gained in session 34, by generic and brand name.
    [InlineData("D: Let's try vardenafil ten milligrams an hour before sex.", "vardenafil", "10 mg")]
    [InlineData("D: I'm starting Atacand, eight milligrams once a day.", "candesartan", "8 mg")]
    [InlineData("D: For the migraines, take rizatriptan ten milligrams at onset, or Nurtec if that fails.", "rizatriptan", "10 mg")]
    public void Drugs_added_to_the_lexicon_are_found(string line, string drug, string dose)
    {
        var m = Assert.Single(Consult.Facts(line).Medications, x => x.Name == drug);
        Assert.Equal(dose, m.Dosage);
    }

    [Fact]
    public void Stepping_back_down_to_a_dose_decreases_it_and_the_next_drug_keeps_its_own_verb()
    {
        var facts = Consult.Facts(
            "D: How has the heartburn been since we doubled the omeprazole?",
            "P: Much better. I haven't had it in a month.",
            "D: Good. Your reflux is controlled, so let's step back down to omeprazole twenty milligrams once a day before breakfast.",
            "D: If it flares at night you can take famotidine twenty milligrams at bedtime as needed.");
        Assert.Equal([("omeprazole", "decrease"), ("famotidine", "start")], facts.Medications.Select(m => (m.Name, m.Action)));
    }

    [Theory]
    // A verb whose object is the next drug ("keep the ibuprofen") is that drug's, not the one put off before it.
    [InlineData("D: I won't add gabapentin today, you can keep the ibuprofen.")]
    [InlineData("D: We won't add gabapentin, you can keep taking ibuprofen.")]
    public void A_drug_put_off_does_not_take_the_verb_of_the_next_drug(string line)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);
        Assert.Equal(("ibuprofen", "continue"), (m.Name, m.Action));
    }

    [Fact]
    public void A_taper_said_in_milligrams_keeps_its_first_dose()
    {
        var m = Assert.Single(Consult.Facts("D: Start prednisone forty milligrams, a ten day taper.").Medications);
        Assert.Equal(("40 mg", "10 day taper"), (m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_high_pressure_treated_with_a_drug_that_lowers_it_is_hypertension_though_unnamed()
    {
        var facts = Consult.Facts(
            "D: Your home log averages around one forty eight over ninety, and here it's one fifty over ninety two.",
            "P: I've been taking the lisinopril every day, forty milligrams.",
            "D: We've maxed that out, so I'm adding chlorthalidone, twelve and a half milligrams every morning.");
        var problem = Assert.Single(facts.Problems);
        Assert.Equal(("I10", "chronic"), (problem.Code, problem.Status));
    }

    [Theory]
    // Session 35: one pressure drug swapped for another treats the pressure, whatever today's reading.
    [InlineData("D: A dry cough is a known side effect of lisinopril. Let's stop it and switch you to losartan fifty milligrams once a day.", "D: Your blood pressure is one twenty eight over eighty.")]
    [InlineData("D: That's the amlodipine making your ankles swell. Your pressure is one thirty over eighty.", "D: Let's stop the amlodipine and change you to valsartan eighty milligrams daily.")]
    public void A_pressure_drug_swapped_for_another_is_hypertension_though_unnamed(params string[] lines)
    {
        var problem = Assert.Single(Consult.Facts(lines).Problems);
        Assert.Equal(("I10", "chronic"), (problem.Code, problem.Status));
    }

    [Theory]
    // A normal pressure with a new drug; a drug that is kept, not started or raised; a pressure that drops on standing; heart
    // failure, for which the same drugs are given.
    [InlineData("D: Your blood pressure is one twenty eight over eighty. Let's start losartan fifty milligrams once a day for your kidneys.")]
    [InlineData("D: Your blood pressure is one fifty over ninety two. Keep the lisinopril twenty milligrams once a day.")]
    [InlineData("D: Your blood pressure is one fifty over ninety. This is heart failure, so let's stop the lisinopril and start valsartan.")]
    [InlineData("D: Your pressure is one forty eight over eighty two sitting and drops when you stand. That's orthostatic hypotension. Let's start amlodipine five milligrams once a day.")]
    [InlineData("D: Your blood pressure is one fifty over ninety. This is heart failure, so I'm starting lisinopril five milligrams once a day.")]
    public void A_pressure_not_high_or_a_drug_not_started_or_another_reason_for_it_is_no_hypertension(string line)
    {
        Assert.DoesNotContain(Consult.Facts(line).Problems, p => p.Code == "I10");
    }

    [Theory]
    [InlineData("P: I'm a diabetic, so does that change anything?", "E11.9")]
    [InlineData("P: He's asthmatic, by the way.", "J45.909")]
    [InlineData("D: Your thyroid test is back, and you're still mildly underactive.", "E03.9")]
    [InlineData("D: The TSH is low at zero point one, so you are overactive.", "E05.90")]
    [InlineData("D: You're still a bit hypothyroid on this dose.", "E03.9")]
    public void A_patient_called_by_a_condition_has_it(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: Follow a diabetic diet, and check your feet daily.")]
    [InlineData("P: Am I diabetic?")]
    [InlineData("P: I'm not diabetic.")]
    [InlineData("D: You're no longer underactive, your thyroid level is normal now.")]
    [InlineData("P: I'm overactive, I can never sit still.")]
    public void A_diet_a_question_or_a_denial_calls_the_patient_by_no_condition(string line)
    {
        Assert.Empty(Consult.Facts(line).Problems);
    }

    [Fact]
    public void A_question_in_words_the_lexicon_lacks_answered_yes_with_a_diagnosis_names_it()
    {
        Assert.Equal("J02.0", Assert.Single(Consult.Facts("P: So it's strep?", "D: Yes, strep throat. Here's what we'll do.").Problems).Code);
    }

    [Theory]
    [InlineData("D: I'd like an ultrasound of the liver to look for scarring.", "right upper quadrant ultrasound")]
    [InlineData("D: We'll get an arterial duplex of both legs.", "lower extremity arterial duplex")]
    public void Liver_ultrasounds_and_arterial_duplex_studies_are_ordered(string line, string name)
    {
        Assert.Equal(name, Assert.Single(Consult.Facts(line).Orders).Name);
    }

    [Fact]
    public void Hepatitis_c_combination_pills_are_named_by_their_generics()
    {
        var m = Assert.Single(Consult.Facts("D: I'm prescribing Epclusa, one tablet once a day for twelve weeks.").Medications);

        Assert.Equal(("sofosbuvir velpatasvir", "start"), (m.Name, m.Action));
    }

    [Fact]
    public void A_raise_said_long_before_if_needed_keeps_the_start_regular()
    {
        var m = Assert.Single(Consult.Facts("D: Start pregabalin seventy five milligrams at bedtime, and we can go to seventy five twice a day over the next couple of weeks if needed.").Medications);

        Assert.Equal("at bedtime", m.Frequency);
    }

    [Fact]
    public void What_a_screening_list_is_of_is_no_test_of_its_own()
    {
        var names = Consult.Facts("D: Let's screen for other infections: gonorrhea, syphilis and HIV today.").Orders.Select(o => o.Name).ToList();

        Assert.Contains("syphilis test", names);
        Assert.Contains("HIV test", names);
    }

    [Fact]
    public void Trimethoprim_eye_drops_and_a_hormonal_iud_are_named()
    {
        var m = Assert.Single(Consult.Facts("D: I'm prescribing Polytrim drops, one drop in the left eye four times a day for a week.").Medications);
        Assert.Equal(("polymyxin b trimethoprim", "ophthalmic"), (m.Name, m.Route));

        Assert.Equal("IUD insertion", Assert.Single(Consult.Facts("D: We'll place the copper IUD today.").Orders).Name);
    }

    [Theory]
    [InlineData("D: That's a three centimeter laceration on your right forearm, so it needs a few stitches.", "S51.811A")]
    [InlineData("D: You have a laceration on the left shin from the fall.", "S81.812A")]
    public void A_laceration_is_coded_by_where_it_is(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void Shots_of_a_drug_given_into_the_muscle_are_intramuscular_unless_said_under_the_skin()
    {
        var shots = Assert.Single(Consult.Facts("D: Let's do ceftriaxone shots, one gram once a day for three days.").Medications);
        var skin = Assert.Single(Consult.Facts("D: You'll give yourself the B12 shots under the skin, one thousand micrograms once a week.").Medications);

        Assert.Equal(("intramuscular", "subcutaneous"), (shots.Route, skin.Route));
    }

    [Theory]
    [InlineData("D: So the gout has been stable since the allopurinol.", "M10.9")]
    [InlineData("D: Overall, the hypothyroidism is well controlled.", "E03.9")]
    public void How_a_named_problem_is_doing_asserts_it(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: The cough is better than last week.")]
    [InlineData("D: If the asthma is controlled by then, we'll step down.")]
    public void A_symptom_doing_better_or_a_problem_doing_well_if_is_no_problem(string line)
    {
        Assert.Empty(Consult.Facts(line).Problems);
    }

    [Fact]
    public void Each_drug_of_a_choice_for_a_symptom_is_started_as_needed()
    {
        var facts = Consult.Facts("D: Naproxen or ibuprofen for the soreness.");

        Assert.Equal(["ibuprofen", "naproxen"], facts.Medications.Select(m => m.Name).Order());
        Assert.All(facts.Medications, m => Assert.Equal(("start", "as needed"), (m.Action, m.Frequency)));
    }

    [Fact]
    public void The_most_a_day_said_as_the_only_dose_says_nothing_of_how_often()
    {
        Assert.Null(Assert.Single(Consult.Facts("D: Take ibuprofen, up to twelve hundred milligrams a day.").Medications).Frequency);
    }

    [Fact]
    public void The_time_of_the_next_visit_does_not_keep_a_timing_from_the_labs_before_it()
    {
        var names = Consult.Facts("D: We'll check a magnesium and a potassium in one week, and I'll see you back in two months.").Orders.Select(o => o.Name).ToList();

        Assert.Equal(["magnesium level in 1 week", "potassium level in 1 week"], names.Order());
    }

    [Fact]
    public void A_reading_and_what_it_amounts_to_asserts_the_problem()
    {
        Assert.Equal("D64.9", Assert.Single(Consult.Facts("D: Your hemoglobin came back at ten point one, a mild anemia.").Problems).Code);
    }

    [Fact]
    public void A_bare_strength_opening_the_answer_about_a_drug_is_its_dose()
    {
        var m = Assert.Single(Consult.Facts("P: Am I still on the gabapentin?", "D: Yes, three hundred at bedtime, same as before.").Medications);

        Assert.Equal(("300 mg", "at bedtime"), (m.Dosage, m.Frequency));
    }

    [Fact]
    public void Switching_the_one_drug_to_another_stops_the_first()
    {
        var facts = Consult.Facts("D: I'm switching the Advair to Breo, one puff once a day.");

        Assert.Equal("stop", Assert.Single(facts.Medications, m => m.Name == "fluticasone salmeterol").Action);
        Assert.Equal("start", Assert.Single(facts.Medications, m => m.Name == "fluticasone vilanterol").Action);
    }

    [Fact]
    public void A_result_read_out_today_orders_nothing()
    {
        Assert.Empty(Consult.Facts("D: Your TSH today is eight point four, which is high.").Orders);
    }

    [Theory]
    [InlineData("D: Depending on the results, we might need a colonoscopy.")]
    [InlineData("D: At some point you may need a stress test.")]
    public void A_study_that_may_be_needed_is_not_ordered(string line)
    {
        Assert.Empty(Consult.Facts(line).Orders);
    }

    [Fact]
    public void An_oxygen_level_read_without_percent_is_the_saturation()
    {
        var vital = Assert.Single(Consult.Facts("D: The oxygen level is fine at ninety four on room air.").Vitals);

        Assert.Equal(("spo2", 94.0), (vital.Kind, vital.Value));
    }

    [Theory]
    [InlineData("P: I've been suffering from asthma since I was a kid.", "J45.909")]
    [InlineData("P: The cardiologist told me I was in atrial fibrillation.", "I48.91")]
    [InlineData("P: The emergency room said it was a kidney stone.", "N20.0")]
    [InlineData("P: They told me it was a migraine.", "G43.909")]
    [InlineData("P: My old doctor said I had a stomach ulcer.", "K27.9")]
    public void A_patient_who_suffers_from_a_problem_or_was_told_they_have_it_has_it(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: Since your heart attack three years ago, the stents have held up.", "I25.2")]
    [InlineData("D: You're having a heart attack right now, so we're calling the ambulance.", "I21.9")]
    public void A_heart_attack_of_years_ago_is_an_old_one(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void What_the_patient_is_on_is_no_part_of_a_list_of_medicines_being_added()
    {
        var facts = Consult.Facts("D: We're adding medicines that protect the kidneys. You're on losartan fifty milligrams once a day.");

        Assert.Equal("continue", Assert.Single(facts.Medications).Action);
    }

    [Fact]
    public void A_patient_down_to_a_dose_takes_the_drug()
    {
        var m = Assert.Single(Consult.Facts("P: I'm down to the prednisone ten milligrams a day.").Medications);

        Assert.Equal(("prednisone", "continue", "10 mg"), (m.Name, m.Action, m.Dosage));
    }

    [Fact]
    public void Going_down_to_a_new_frequency_after_the_patient_doses_a_drug_decreases_it()
    {
        var m = Assert.Single(Consult.Facts("P: I'm taking the tramadol fifty milligrams four times a day.", "D: That's a lot. Let's come down to twice a day.").Medications);

        Assert.Equal(("decrease", "50 mg", "twice daily"), (m.Action, m.Dosage, m.Frequency));
    }

    [Theory]
    [InlineData("D: If the cough gets worse or your fever goes over a hundred and two, come straight in.")]
    [InlineData("D: Call me if her pulse climbs above one twenty.")]
    [InlineData("D: If your temperature hits a hundred and three, take her to the emergency room.")]
    public void A_threshold_said_in_a_condition_is_no_reading(string line)
    {
        Assert.Empty(Consult.Facts(line).Vitals);
    }

    [Fact]
    public void A_temperature_said_after_running_is_read()
    {
        var vital = Assert.Single(Consult.Facts("P: I felt hot all night.", "D: You're still running one, a hundred and one point two.").Vitals);

        Assert.Equal(("temperature", 101.2), (vital.Kind, vital.Value));
    }

    [Fact]
    public void The_answer_to_what_else_the_patient_is_on_lists_what_is_taken()
    {
        var facts = Consult.Facts("D: What else are you on right now?", "P: The atenolol, fifty once a day.");

        Assert.Equal(("atenolol", "continue"), (Assert.Single(facts.Medications).Name, facts.Medications[0].Action));
    }

    [Fact]
    public void An_instruction_for_a_body_part_starts_the_drug()
    {
        var m = Assert.Single(Consult.Facts("D: For your knees, use diclofenac gel instead, four times a day.").Medications);

        Assert.Equal("start", m.Action);
    }

    [Fact]
    public void A_drug_started_with_a_course_after_it_stays_started_at_its_first_dose()
    {
        var m = Assert.Single(Consult.Facts(
            "D: I'm prescribing a two week regimen. Pantoprazole, forty milligrams twice a day.",
            "P: Okay.",
            "D: When that's done, keep taking the pantoprazole, forty once a day, for two more months.").Medications);

        Assert.Equal(("start", "40 mg", "twice daily"), (m.Action, m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_drug_stopped_weeks_from_now_is_started_for_those_weeks()
    {
        var facts = Consult.Facts(
            "D: Start ticagrelor ninety milligrams twice a day along with your aspirin.",
            "P: For how long?",
            "D: After four weeks, you'll stop the ticagrelor.");

        var m = Assert.Single(facts.Medications, x => x.Name == "ticagrelor");
        Assert.Equal(("start", "90 mg", "for 4 weeks"), (m.Action, m.Dosage, m.Details));
    }

    [Fact]
    public void A_first_dose_for_once_does_not_replace_the_dose_taken_after()
    {
        var m = Assert.Single(Consult.Facts("D: Your new blood thinner is prasugrel, ten milligrams once a day. Today you'll take a first dose of sixty milligrams of the prasugrel.").Medications);

        Assert.Equal("10 mg", m.Dosage);
    }

    [Fact]
    public void The_verb_of_a_kind_of_medicine_starts_the_list_that_follows_it()
    {
        var facts = Consult.Facts(
            "D: I want you to start two blood pressure pills today: amlodipine, five milligrams, and chlorthalidone, twelve point five milligrams, both once a day.",
            "P: Both of them?",
            "D: Yes, and keep taking the amlodipine in the morning.");

        Assert.All(facts.Medications, m => Assert.Equal(("start", "once daily"), (m.Action, m.Frequency)));
        Assert.Equal(2, facts.Medications.Count);
    }

    [Fact]
    public void A_drug_named_again_by_its_brand_stays_in_the_list()
    {
        var facts = Consult.Facts("D: Take metformin, five hundred milligrams, and sitagliptin, Januvia, one hundred milligrams, both once a day.");

        Assert.All(facts.Medications, m => Assert.Equal("once daily", m.Frequency));
        Assert.Equal(2, facts.Medications.Count);
    }

    [Theory]
    [InlineData("D: Your testosterone came back low.")]
    [InlineData("D: Your lithium was slightly high last week.")]
    public void A_drug_read_as_a_result_is_no_medication(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Fact]
    public void A_drug_to_skip_that_the_patient_is_not_on_is_no_medication()
    {
        var facts = Consult.Facts("D: For the headaches, acetaminophen five hundred milligrams is fine. Skip the naproxen.");

        Assert.Equal("acetaminophen", Assert.Single(facts.Medications).Name);
    }

    [Fact]
    public void A_drug_asked_about_and_then_dosed_is_continued_at_that_dose()
    {
        var m = Assert.Single(Consult.Facts(
            "D: How is the polyethylene glycol working?",
            "P: I go every other day.",
            "D: Take seventeen grams twice a day.").Medications);

        Assert.Equal(("continue", "17 g", "twice daily"), (m.Action, m.Dosage, m.Frequency));
    }

    [Fact]
    public void A_combination_is_found_with_its_parts_in_either_order()
    {
        Assert.Equal("ethinyl estradiol norgestimate", Assert.Single(Consult.Facts("D: I'm starting a pill, ethinyl estradiol and norgestimate, one a day.").Medications).Name);
    }

    [Theory]
    [InlineData("D: We'll check a free T four and a free T three in six weeks.", "free T4 in 6 weeks|free T3 in 6 weeks")]
    [InlineData("D: Let's get an AFP and your electrolytes.", "alpha fetoprotein|basic metabolic panel")]
    public void Lab_names_with_digits_or_letters_are_found_as_said(string line, string orders)
    {
        Assert.Equal(orders.Split('|'), Consult.Facts(line).Orders.Select(o => o.Name));
    }

    [Fact]
    public void A_timing_that_opens_the_next_clause_is_not_the_earlier_orders()
    {
        var orders = Consult.Facts("D: I'm checking a lipid panel today, and in about three months we'll repeat the A one C.").Orders;

        Assert.Equal(["lipid panel", "hemoglobin A1c in 3 months"], orders.Select(o => o.Name));
    }

    [Theory]
    [InlineData("D: We'll send a urine culture, and if you're not better in three days, call us.", "urine culture")]
    [InlineData("D: I'm ordering a chest x-ray, unless the cough is gone in two weeks.", "chest x-ray")]
    public void The_time_of_a_condition_is_no_orders_timing(string line, string order)
    {
        Assert.Equal(order, Assert.Single(Consult.Facts(line).Orders).Name);
    }

    [Fact]
    public void A_denial_before_a_clause_of_its_own_does_not_decline_a_referral()
    {
        var orders = Consult.Facts("D: No caffeine after noon, and I'm referring you to cardiology.").Orders;

        Assert.Equal("cardiology", Assert.Single(orders).Name);
    }

    [Theory]
    [InlineData("D: Let's check in at eight weeks.", "8 weeks")]
    [InlineData("D: I'll see you back at the three month mark.", "3 months")]
    public void A_visit_at_a_time_from_now_is_the_follow_up(string line, string interval)
    {
        Assert.Equal(interval, Consult.Facts(line).FollowUp?.Interval);
    }

    [Fact]
    public void A_test_positive_for_influenza_codes_an_identified_virus()
    {
        Assert.Equal("J10.1", Assert.Single(Consult.Facts("D: Your swab is positive for influenza B, so this is the flu.").Problems).Code);
    }

    [Fact]
    public void A_symptom_in_a_sentence_that_opens_with_a_condition_is_not_a_problem()
    {
        Assert.Empty(Consult.Facts("D: If you faint again, or get palpitations or chest pain, call 911 right away.").Problems);
    }

    [Fact]
    public void A_description_of_the_problem_just_named_is_not_another_problem()
    {
        var facts = Consult.Facts("D: This rash is cellulitis. It's a skin infection, usually from strep.");

        Assert.Equal("L03.90", Assert.Single(facts.Problems).Code);
    }

    [Fact]
    public void A_drug_to_start_when_another_stops_is_started()
    {
        var facts = Consult.Facts("D: Stop the Advair once you start the Breo.");

        Assert.Equal(["stop", "start"], facts.Medications.Select(m => m.Action));
    }

    [Fact]
    public void An_inhalation_is_a_puff()
    {
        Assert.Equal("1 puff", Assert.Single(Consult.Facts("D: I'm starting Spiriva. One inhalation every morning.").Medications).Dosage);
    }

    [Fact]
    public void A_second_dose_said_before_its_time_of_day_makes_the_drug_twice_daily()
    {
        var m = Assert.Single(Consult.Facts("D: Take twenty milligrams of torsemide in the morning and twenty milligrams in the early afternoon.").Medications);

        Assert.Equal("twice daily", m.Frequency);
    }

    [Fact]
    public void A_drug_the_patient_should_keep_is_continued()
    {
        Assert.Equal("continue", Assert.Single(Consult.Facts("D: And the sitagliptin, one hundred milligrams, you should keep too.").Medications).Action);
    }

    [Fact]
    public void Not_wanting_to_go_on_feeling_ill_refuses_nothing()
    {
        var facts = Consult.Facts("D: Your PHQ nine today is eighteen, still moderately severe.", "P: I don't want to keep feeling like this.");

        Assert.Empty(facts.NotDone);
    }

    [Fact]
    public void A_childs_visit_at_an_age_is_not_a_time_from_now()
    {
        var facts = Consult.Facts("D: She's nine months old and growing well.", "D: I'll see her back at twelve months.");

        Assert.NotEqual("12 months", facts.FollowUp?.Interval);
    }

    [Fact]
    public void The_virus_behind_the_problem_just_named_is_not_another_problem()
    {
        var facts = Consult.Facts("D: This is shingles. It's the chickenpox virus, come back in a nerve.");

        Assert.Single(facts.Problems);
    }

    [Theory]
    [InlineData("D: I'll order an x-ray of the kidneys and bladder.", "KUB x-ray")]
    [InlineData("D: Strain your urine so we can send the stone for analysis.", "kidney stone analysis")]
    [InlineData("D: Let's do a six minute walk test today.", "six minute walk test")]
    public void Everyday_orders_are_known(string line, string order)
    {
        Assert.Equal(order, Assert.Single(Consult.Facts(line).Orders).Name);
    }

    [Theory]
    [InlineData("P: When should I come back?", "D: In six weeks, and bring your blood pressure log.", "6 weeks")]
    [InlineData("P: When do I take it?", "D: In two weeks you'll be on the full dose.", null)]
    public void The_answer_to_when_the_next_visit_is_is_the_follow_up(string question, string answer, string? interval)
    {
        Assert.Equal(interval, Consult.Facts(question, answer).FollowUp?.Interval);
    }

    [Theory]
    [InlineData("D: All that bleeding is draining your iron.")]
    [InlineData("D: Her B twelve, thyroid and blood counts were normal.")]
    public void The_bodys_store_or_a_listed_result_is_no_medication(string line)
    {
        Assert.Empty(Consult.Facts(line).Medications);
    }

    [Fact]
    public void Going_to_a_new_frequency_from_the_one_taken_changes_the_drug_that_way()
    {
        var m = Assert.Single(Consult.Facts(
            "D: How are you taking the famotidine?",
            "P: Twenty milligrams, once at night.",
            "D: Let's go to twice a day, twenty milligrams in the morning and twenty at night.").Medications);

        Assert.Equal(("increase", "twice daily"), (m.Action, m.Frequency));
    }

    [Fact]
    public void A_drug_the_patient_mentioned_is_taken_and_how_many_a_day_says_no_frequency()
    {
        var m = Assert.Single(Consult.Facts("D: And you mentioned the Tums, how many a day?", "P: Four or five.").Medications);

        Assert.Equal(("continue", null), (m.Action, m.Frequency));
    }

    [Fact]
    public void The_visit_planned_otherwise_is_the_follow_up()
    {
        Assert.Equal("3 weeks", Consult.Facts("D: Come back in three days if the rash spreads, otherwise I'll see you in three weeks.").FollowUp?.Interval);
    }

    [Fact]
    public void A_drug_named_then_dosed_after_the_patients_reply_takes_the_dose()
    {
        var m = Assert.Single(Consult.Facts(
            "D: Now it's time for a daily medicine, febuxostat.",
            "P: My neighbor is on that.",
            "D: We start low. Forty milligrams once a day to begin with.").Medications);

        Assert.Equal(("febuxostat", "40 mg"), (m.Name, m.Dosage));
    }

    [Theory]
    [InlineData("D: The biopsies show Barrett's esophagus with low grade dysplasia.", "K22.710")]
    [InlineData("D: That's erythema migrans, so we'll treat it.", "A69.20")]
    public void Diagnoses_said_by_their_usual_names_are_coded(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: Take tranexamic acid, thirteen hundred milligrams three times a day during your period.", "tranexamic acid")]
    [InlineData("D: Let's stop the Junel.", "ethinyl estradiol norethindrone")]
    public void Everyday_drugs_are_known(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Consult.Facts(line).Medications).Name);
    }

    [Theory]
    [InlineData("D: I also sent a urine culture to be safe.", "urine culture")]
    [InlineData("D: We sent a culture last week and it came back negative.", null)]
    public void A_test_sent_off_at_this_visit_is_ordered(string line, string? order)
    {
        Assert.Equal(order, Consult.Facts(line).Orders.Select(o => o.Name).SingleOrDefault());
    }

    [Fact]
    public void A_sentence_that_is_only_a_drug_name_is_read_without_failing()
    {
        // "Lantus, insulin glargine.": the drug ends the sentence, where the reader looked one word past it for a symptom.
        var m = Assert.Single(Consult.Facts("D: It's time to add a long acting insulin at night. Lantus, insulin glargine. Start with ten units at bedtime.").Medications);
        Assert.Equal("insulin glargine", m.Name);
    }

    [Theory]
    [InlineData("D: I'm starting a blood thinner, apixaban. Ten milligrams twice a day for the first seven days, then five milligrams twice a day.", "apixaban", "5 mg", "twice daily")]
    [InlineData("D: Take varenicline, half a milligram once a day for three days, then twice a day, and then one milligram twice a day from day eight.", "varenicline", "1 mg", "twice daily")]
    [InlineData("D: Azithromycin, five hundred milligrams on the first day and then two fifty once a day for four more days.", "azithromycin", "250 mg", "once daily")]
    [InlineData("D: Sertraline is the best choice. Start with twenty five milligrams a day for one week, then go up to fifty milligrams a day.", "sertraline", "50 mg", "once daily")]
    public void A_first_phase_of_set_length_leads_to_the_dose_taken_from_then_on(string line, string drug, string dose, string frequency)
    {
        var m = Assert.Single(Consult.Facts(line).Medications);

        Assert.Equal((drug, dose, frequency, "start"), (m.Name, m.Dosage, m.Frequency, m.Action));
    }

    [Fact]
    public void A_taper_keeps_its_first_dose()
    {
        var m = Assert.Single(Consult.Facts("D: Start methylprednisolone at thirty two milligrams a day for four days, then sixteen milligrams for four days, then eight for four days, then stop.").Medications);

        Assert.Equal("32 mg", m.Dosage);
    }

    [Fact]
    public void The_first_phase_stays_in_the_plan_line()
    {
        Assert.Equal("Start apixaban 5 mg twice daily, after 10 mg twice daily for first 7 days.",
            TemplateRenderer.SoapPlan(Consult.Facts("D: Apixaban, ten milligrams twice a day for the first seven days, then five milligrams twice a day.", "P: Okay."))[0]);
    }

    [Fact]
    public void A_worry_about_getting_hooked_declines_nothing()
    {
        var m = Assert.Single(Consult.Facts("D: In the meantime, trazodone, fifty milligrams at bedtime.", "P: I don't want to get hooked on something.", "D: It isn't habit forming.").Medications);

        Assert.Equal(("trazodone", "start"), (m.Name, m.Action));
    }

    [Fact]
    public void Instead_of_a_regimen_take_another_changes_the_dose()
    {
        var m = Assert.Single(Consult.Facts("D: Instead of furosemide forty once a day, take forty milligrams twice a day, morning and early afternoon.").Medications);

        Assert.Equal(("40 mg", "twice daily", "increase"), (m.Dosage, m.Frequency, m.Action));
    }

    [Fact]
    public void The_higher_drug_is_an_increase()
    {
        var m = Assert.Single(Consult.Facts(
            "D: You've been on levetiracetam, five hundred twice a day.",
            "D: I want to raise the dose, seven fifty milligrams twice a day. If the mood gets worse, we could switch to something else. Let's try the higher levetiracetam first.").Medications);

        Assert.Equal(("750 mg", "increase"), (m.Dosage, m.Action));
    }

    [Theory]
    [InlineData("D: Otherwise, acetaminophen for the fever, and lots of fluids.")]
    [InlineData("D: No more ibuprofen while you're on the blood thinner. Use Tylenol for the knee instead.")]
    public void A_drug_for_a_symptom_or_a_sore_place_is_started_as_needed(string line)
    {
        var m = Assert.Single(Consult.Facts(line).Medications, x => x.Name == "acetaminophen");

        Assert.Equal(("start", "as needed"), (m.Action, m.Frequency));
    }

    [Theory]
    [InlineData("D: We'll check on you by phone in two days.", "2 days")]
    [InlineData("D: Keep a sleep diary and bring it in six weeks.", "6 weeks")]
    [InlineData("D: Let's talk by phone in one week about your sugars, and see you in the office in three months with a repeat A1c.", "3 months")]
    [InlineData("D: we'll check on you by phone and today is and i want to repeat just x ray in six weeks to make sure it's cleared", null)]
    [InlineData("D: we'll repeat the tsh in six weeks and i'll see you after that so in about two months", "2 months")]
    public void Follow_ups_by_phone_by_what_is_brought_and_in_the_next_clause(string line, string? interval)
    {
        Assert.Equal(interval, Consult.Facts(line).FollowUp?.Interval);
    }

    [Fact]
    public void What_a_dose_is_adjusted_by_is_no_order()
    {
        Assert.Empty(Consult.Facts("D: Usually, yes. We'll adjust the dose by your blood tests.").Orders);
    }

    [Theory]
    [InlineData("D: Here she's a hundred and one point three, and she weighs twenty four kilograms.", 101.3)]
    [InlineData("D: She's a hundred and one point three pounds now.", null)]
    public void A_person_said_to_be_a_temperature_with_a_decimal_has_that_temperature(string line, double? temperature)
    {
        Assert.Equal(temperature, Consult.Facts(line).Vitals.SingleOrDefault(v => v.Kind == "temperature")?.Value);
    }

    [Theory]
    [InlineData("D: That confirms poor circulation in both legs, peripheral artery disease with claudication.", "I70.213")]
    [InlineData("D: The ultrasound of your left leg shows a clot in the femoral vein, a deep vein thrombosis.", "I82.412")]
    [InlineData("D: This chest wall pain is costochondritis.", "M94.0")]
    [InlineData("D: The scope showed a small hiatal hernia.", "K44.9")]
    [InlineData("D: The dry mouth and dry eyes fit with Sjogren's syndrome.", "M35.00")]
    [InlineData("D: The ultrasound shows a simple cyst on your right ovary, an ovarian cyst.", "N83.201")]
    public void Problems_are_coded_as_specifically_as_said(string line, string code)
    {
        Assert.Contains(code, Consult.Facts(line).Problems.Select(p => p.Code));
    }

    [Fact]
    public void Limiting_a_drug_lowers_it()
    {
        var m = Assert.Single(Consult.Facts("D: That's too much, it can cause rebound headaches. Limit the ibuprofen to two days a week.").Medications);

        Assert.Equal("decrease", m.Action);
    }

    [Fact]
    public void A_dose_for_when_a_symptom_is_bad_is_as_needed()
    {
        var m = Assert.Single(Consult.Facts("D: You can use meclizine, twelve and a half milligrams, up to three times a day if the dizziness is bad.").Medications);

        Assert.Equal("up to 3 times daily as needed", m.Frequency);
    }

    [Fact]
    public void The_next_shot_is_the_next_visit()
    {
        Assert.Equal("12 weeks", Consult.Facts("D: We'll give the first shot today. Schedule your next shot in twelve weeks.").FollowUp?.Interval);
    }

    [Fact]
    public void A_test_read_out_as_negative_is_no_order()
    {
        Assert.Empty(Consult.Facts("D: Your pregnancy test today is negative. Let's talk options.").Orders);
    }

    [Theory]
    [InlineData("D: So this is benign positional vertigo in the right ear.", "H81.11")]
    [InlineData("D: Your voice is hoarse from laryngitis.", "J04.0")]
    [InlineData("D: Your fingers turning white in the cold, that's Raynaud's.", "I73.00")]
    public void More_diagnoses_are_found_by_their_usual_names(string line, string code)
    {
        Assert.Contains(code, Consult.Facts(line).Problems.Select(p => p.Code));
    }

    [Fact]
    public void Going_up_to_a_dose_a_day_is_the_next_dose_not_the_most_a_day()
    {
        var m = Assert.Single(Consult.Facts("D: Start sertraline, twenty five milligrams a day for one week, then go up to fifty milligrams a day.").Medications);

        Assert.Equal(("50 mg", "once daily"), (m.Dosage, m.Frequency));
    }

    [Theory]
    [InlineData("D: Her right eye is red with a thick yellow discharge. It's bacterial conjunctivitis, right eye.", "H10.021")]
    [InlineData("D: It's pink eye in both eyes, with pus in the corners.", "H10.023")]
    [InlineData("D: This is viral conjunctivitis, no discharge to speak of.", "B30.9")]
    public void Conjunctivitis_with_pus_is_mucopurulent_and_sided(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void An_enlarged_prostate_after_the_patient_tells_of_a_weak_stream_is_coded_with_its_symptoms()
    {
        var facts = Consult.Facts(
            "P: I get up three times a night and the stream is weak.",
            "D: Your prostate is smooth and enlarged. This is benign prostatic hyperplasia.");

        Assert.Equal("N40.1", Assert.Single(facts.Problems).Code);
    }

    [Theory]
    [InlineData("D: The knobby finger joints are from osteoarthritis, worst in her right hand.", "M19.041")]
    [InlineData("D: That's arthritis of the left ankle, wear and tear.", "M19.072")]
    [InlineData("D: Your shoulder pain is osteoarthritis.", "M19.019")]
    public void Osteoarthritis_is_coded_by_its_joint_and_side(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void Osteoarthritis_of_both_hands_is_coded_for_each_hand()
    {
        var facts = Consult.Facts("D: You have osteoarthritis of both hands.");

        Assert.Equal(["M19.041", "M19.042"], facts.Problems.Select(p => p.Code).Order());
        Assert.Contains(facts.Problems, p => p.Name.EndsWith("left hand", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("D: Your pressure is well controlled at one twenty six over seventy four.", true)]
    [InlineData("D: Your pressure's high again today.", true)]
    [InlineData("D: Your pressure is high in the left eye, so we'll start drops.", false)]
    public void A_pressure_said_to_be_controlled_or_high_is_hypertension_unless_it_is_the_eye(string line, bool hypertension)
    {
        Assert.Equal(hypertension, Consult.Facts(line).Problems.Any(p => p.Code == "I10"));
    }

    [Fact]
    public void The_visit_after_a_test_repeated_is_the_follow_up()
    {
        var facts = Consult.Facts("D: We'll recheck a basic metabolic panel in one week, and I'll see you in a month.");

        Assert.Equal("1 month", facts.FollowUp?.Interval);
    }

    [Theory]
    [InlineData("D: I'll send a note back to ophthalmology about the new drops.", "ophthalmology")]
    [InlineData("D: I'm writing to rheumatology today so they can see you sooner.", "rheumatology")]
    public void A_letter_to_a_specialty_is_a_referral(string line, string specialty)
    {
        var order = Assert.Single(Consult.Facts(line).Orders);

        Assert.Equal(("referral", specialty), (order.Type, order.Name.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("D: The spots are psoriasis.", "L40.9")]
    [InlineData("D: Those spots mean psoriasis.", "L40.9")]
    public void What_is_seen_named_with_are_or_mean_is_asserted(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Fact]
    public void What_there_may_be_is_not_asserted()
    {
        Assert.Empty(Consult.Facts("D: I'm referring you to gynecology. If there are fibroids, there are other options like a hormonal IUD.").Problems);
    }

    [Theory]
    [InlineData("D: Then amoxicillin with clavulanate, eight seventy five milligrams, twice a day for ten days.", "amoxicillin clavulanate")]
    [InlineData("D: Start amoxicillin and clavulanate, eight seventy five milligrams twice a day.", "amoxicillin clavulanate")]
    [InlineData("D: Take hydrocodone with acetaminophen, one tablet every six hours as needed.", "hydrocodone acetaminophen")]
    public void A_combination_said_by_its_parts_is_the_combination(string line, string name)
    {
        Assert.Equal(name, Assert.Single(Consult.Facts(line).Medications).Name);
    }

    [Fact]
    public void Two_drugs_of_their_own_said_with_and_stay_two()
    {
        var facts = Consult.Facts("D: Keep taking lisinopril and hydrochlorothiazide every morning.");

        Assert.Equal(["hydrochlorothiazide", "lisinopril"], facts.Medications.Select(m => m.Name).Order());
    }

    [Fact]
    public void A_dose_raised_on_it_after_the_clinician_asked_about_the_one_drug_is_that_drugs()
    {
        var facts = Consult.Facts(
            "D: How has the mood been on the escitalopram?",
            "P: A little better, I'm sleeping more.",
            "D: It's been eight weeks with no side effects, so I want to bump it up to twenty milligrams once a day.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("escitalopram", "20 mg", "increase"), (m.Name, m.Dosage, m.Action));
    }

    [Theory]
    [InlineData("D: Your weight went from one eighty to one seventy two pounds.", "weight", 172)]
    [InlineData("D: Your heart rate jumped from sixty eight to ninety since the last visit.", "heart_rate", 90)]
    [InlineData("D: Lying down it's seventy, and your pulse goes from seventy to ninety two when you stand.", "heart_rate", 70)]
    [InlineData("D: Your blood pressure came down from one fifty over ninety to one thirty two over eighty.", "blood_pressure", 132)]
    public void A_reading_said_as_a_change_from_one_number_to_another_is_where_it_went_unless_it_is_by_position(string line, string kind, double value)
    {
        Assert.Equal(value, Assert.Single(Consult.Facts(line).Vitals, v => v.Kind == kind).Value);
    }

    [Theory]
    [InlineData("D: The best treatment for chronic insomnia is a kind of therapy called CBT.", "G47.00")]
    [InlineData("D: First line therapy for your reflux is a proton pump inhibitor.", "K21.9")]
    public void What_the_clinician_names_the_best_treatment_for_is_the_patients(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Consult.Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: Start tadalafil, ten milligrams about an hour before sex, no more than once a day.", "up to once daily as needed")]
    [InlineData("D: Take the naproxen two hundred twenty milligrams, not more than twice a day.", "up to twice daily")]
    [InlineData("D: Use the albuterol two puffs fifteen minutes before exercise.", "as needed")]
    [InlineData("D: Take the meclizine twenty five milligrams an hour before the flight.", "as needed")]
    [InlineData("D: Keep the ibuprofen four hundred milligrams but only on the bad days.", "as needed")]
    [InlineData("D: Take the ibuprofen four hundred milligrams, at most three times a day.", "up to 3 times daily")]
    public void A_most_per_day_and_a_dose_before_an_occasion_are_said_as_such(string line, string frequency)
    {
        Assert.Equal(frequency, Assert.Single(Consult.Facts(line).Medications).Frequency);
    }

    [Fact]
    public void A_frequency_said_not_to_keep_is_still_none()
    {
        Assert.Equal("twice daily", Assert.Single(Consult.Facts("D: Take the omeprazole twenty milligrams twice a day, not every other day.").Medications).Frequency);
    }

    [Theory]
    [InlineData("D: So you stopped taking the sertraline?", "P: Yes, about a month ago.", "stop")]
    [InlineData("D: You quit the metformin because of the stomach upset?", "P: Yeah, it was awful.", "stop")]
    [InlineData("D: So you stopped taking the sertraline?", "P: No, I still take it every day.", "continue")]
    public void A_stop_the_clinician_asks_about_is_the_patients_answer(string question, string answer, string action)
    {
        Assert.Equal(action, Assert.Single(Consult.Facts(question, answer).Medications).Action);
    }

    [Theory]
    [InlineData("D: We'll get an x-ray of the knee in two weeks and see where things stand.", "2 weeks")]
    [InlineData("D: Let's recheck the sodium in one week and see where we are.", "1 week")]
    public void See_where_we_are_after_an_interval_is_the_next_visit(string line, string interval)
    {
        Assert.Equal(interval, Consult.Facts(line).FollowUp?.Interval);
    }

    [Fact]
    public void Leaving_an_application_on_for_a_while_keeps_nothing()
    {
        var m = Assert.Single(Consult.Facts("D: Use selenium sulfide lotion twice a week. Leave it on for ten minutes before you wash it off.").Medications);
        Assert.Equal("start", m.Action);
    }

    [Fact]
    public void How_often_it_is_taken_said_before_another_drug_is_not_that_drugs()
    {
        var facts = Consult.Facts(
            "D: We'll raise the levothyroxine to one hundred micrograms.",
            "D: Keep taking it an hour before breakfast, and keep your iron tablets at least four hours away from it.");

        Assert.Null(Assert.Single(facts.Medications, m => m.Name == "ferrous sulfate").Frequency);
    }
}

