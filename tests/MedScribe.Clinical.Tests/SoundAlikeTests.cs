using MedScribe.Clinical.Lexicons;

namespace MedScribe.Clinical.Tests;

/// <summary>
/// Drug and problem names a speech engine heard as common words, found by sound against the general dictionary
/// (pocketsphinx-en-us's cmudict, a Debian package of the test machine) and medical.dict.
/// </summary>
public sealed class SoundAlikeTests
{
    private const string GeneralDictionary = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";

    private static readonly Lazy<ClinicalExtractor> Extractor = new(() =>
        new ClinicalExtractor(ClinicalLexicon.Default, SoundAlikeTerms.Load(ClinicalLexicon.Default, GeneralDictionary)));

    private static ClinicalFacts Facts(params string[] lines) => Extractor.Value.Extract(Consult.Of(lines));

    [Theory]
    [InlineData("D: So you've got adrenal fibrillation.", "I48.91")]
    [InlineData("D: This looks like the pain thrombosis in your left leg.", "I82.402")]
    [InlineData("D: We are treating your or took stenosis.", "I35.0")]
    [InlineData("D: That sounds like a judo tightness media.", "H66.90")]
    public void A_problem_whose_head_word_was_heard_and_the_rest_sounds_like_its_name_is_coded(string line, string code)
    {
        var problem = Assert.Single(Facts(line).Problems);
        Assert.Equal(code, problem.Code);
        Assert.DoesNotContain(problem.Name, problem.Evidence[0].Text);
    }

    [Fact]
    public void A_combination_heard_with_a_stray_word_between_its_parts_is_the_combination()
    {
        var m = Assert.Single(Facts("D: then amoxicillin was clavulanate and seventy five milligrams twice a day for ten days").Medications);
        Assert.Equal(("amoxicillin clavulanate", "875 mg", "twice daily"), (m.Name, m.Dosage, m.Frequency));
    }

    [Theory]
    // Two drugs of their own, joined, are two drugs; a word that is no part of a name after the drug is no combination.
    [InlineData("D: keep the lisinopril and hydrochlorothiazide ten milligrams as they are", 2)]
    [InlineData("D: keep the amoxicillin for clavulanic reasons five hundred milligrams", 1)]
    public void Two_drugs_joined_are_no_combination(string line, int count)
    {
        var medications = Facts(line).Medications;
        Assert.Equal(count, medications.Count);
        Assert.DoesNotContain(medications, m => m.Name.Contains(' '));
    }

    [Fact]
    public void A_short_name_that_would_never_be_heard_on_sound_alone_is_no_rival()
    {
        // "Boss prone" sounds about as near aspirin as buspirone, but aspirin never comes in 10 mg and is too short to be heard on
        // sound alone that far off.
        var m = Assert.Single(Facts("D: I'm sending a prescription for boss prone ten milligrams at bedtime.", "P: Thank you.").Medications);
        Assert.Equal(("buspirone", "10 mg"), (m.Name, m.Dosage));
    }

    [Theory]
    [InlineData("D: I want you to stop the hydro cortisone for now.", "hydrocortisone", "stop")]
    [InlineData("D: Take a multi vitamin every day.", "multivitamin", "start")]
    public void A_name_heard_as_words_that_join_into_it_needs_no_dose(string line, string drug, string action)
    {
        var m = Assert.Single(Facts(line, "P: Okay.").Medications);
        Assert.Equal((drug, action), (m.Name, m.Action));
    }

    [Theory]
    [InlineData("D: The two creams differ in how strong they are.")]
    [InlineData("D: The pain is focal in nature.")]
    [InlineData("D: He has a pacer one of the nurses checked.")]
    public void Words_a_sentence_joins_anyway_are_no_drug(string line)
    {
        Assert.Empty(Facts(line, "P: Okay.").Medications);
    }

    [Fact]
    public void An_allergen_spelled_out_with_a_word_no_dictionary_holds_is_not_heard_as_another()
    {
        var allergy = Assert.Single(Facts("D: Any allergies to medicines?", "P: Yes, st. john's wort. I broke out in itching all over.").Allergies);
        Assert.Equal("st john's wort", allergy.Substance);
    }

    [Theory]
    [InlineData("D: You can see it on social media.")]
    [InlineData("D: He plays the sound of a flutter.")]
    [InlineData("D: We saw some narrowing and stenosis.")]
    [InlineData("D: The adrenal gland is fine.")]
    public void Words_before_a_head_word_that_sound_like_nothing_in_the_lexicon_are_left_alone(string line)
    {
        Assert.Empty(Facts(line).Problems);
    }

    [Fact]
    public void A_thyroid_hormone_heard_as_common_words_before_a_dose_in_micrograms_is_found_and_its_decision_kept()
    {
        var facts = Facts("D: I'm lowering your leave oh thigh rocks in to fifty micrograms every morning.");

        var m = Assert.Single(facts.Medications);
        Assert.Equal(("levothyroxine", "decrease", "50 mcg", "every morning"), (m.Name, m.Action, m.Dosage, m.Frequency));
        // The evidence is what was heard, not the name we read it as.
        Assert.Contains("leave oh thigh rocks in", m.Evidence[0].Text);
    }

    [Theory]
    [InlineData("P: I take the met for men, five hundred milligrams twice a day.", "metformin")]
    [InlineData("D: Let's start gaba pen tin, three hundred milligrams at night.", "gabapentin")]
    [InlineData("D: Keep taking the all a pure and all, three hundred milligrams daily.", "allopurinol")]
    public void Names_split_into_words_are_found_by_sound(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Facts(line).Medications).Name);
    }

    [Theory]
    [InlineData("P: I started the met for men back in May, five hundred milligrams twice a day.", "metformin")]
    [InlineData("D: We'll lower the gaba pen tin at night to one hundred milligrams.", "gabapentin")]
    public void A_medication_verb_before_the_name_lets_the_dose_follow_a_few_words_later(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Facts(line).Medications).Name);
    }

    [Theory]
    [InlineData("P: I saw the met for men at the game last night, five hundred milligrams of popcorn.")]
    [InlineData("P: I started the new job in May, five hundred milligrams twice a day.")]
    [InlineData("P: I saw the met for men at the game last night.")]
    [InlineData("D: Take two of the white tablets, five hundred milligrams each.")]
    [InlineData("D: Your blood pressure pills, ten milligrams, are fine.")]
    public void Without_a_dose_after_them_or_a_name_they_sound_like_no_drug_is_reported(string line)
    {
        Assert.Empty(Facts(line).Medications);
    }

    [Theory]
    [InlineData("D: I'd like to start you on drama dull fifty milligrams once a day.", "tramadol", "50 mg")]
    [InlineData("D: I'd like to start you on october thinning five milligrams once a day.", "oxybutynin", "5 mg")]
    [InlineData("D: I'm sending in a prescription for brock seating twenty milligrams with dinner.", "paroxetine", "20 mg")]
    // A strength the drug list holds since session 20, heard against the name as clinicians say it (M IH R AH B EH G R AA N).
    [InlineData("D: Let's switch the bladder pill to me regret, fifty milligrams once a day.", "mirabegron", "50 mg")]
    public void A_name_heard_farther_from_its_sound_is_found_when_the_dose_is_one_of_its_usual_strengths(string line, string drug, string dose)
    {
        var m = Assert.Single(Facts(line).Medications);
        Assert.Equal((drug, dose), (m.Name, m.Dosage));
    }

    [Theory]
    // "quit eye a pea" is far from the name as its letters read (K W EH SH IH AE P AY N), near it as said (K W AH T AY AH P IY N).
    [InlineData("D: Start the quit eye a pea, twenty five milligrams at bedtime.", "quetiapine", "25 mg")]
    // "a bike so" also sounds like suboxone, but lacks its first sound: no rival, as no rule would report it.
    [InlineData("D: You'll take a bike so but, two point five milligrams twice a day.", "apixaban", "2.5 mg")]
    public void A_name_is_heard_by_any_of_its_pronunciations_and_a_rival_no_rule_would_report_does_not_veto_it(string line, string drug, string dose)
    {
        var m = Assert.Single(Facts(line).Medications);
        Assert.Equal((drug, dose), (m.Name, m.Dosage));
    }

    [Theory]
    // A recogniser's unpunctuated turn, cut into clauses before "so": not when a dose follows it, which belongs to the name before.
    [InlineData("D: your sleep has been poor for months and the other pills did nothing so tonight we start quit eye a pea so fifty milligrams at bedtime", "quetiapine", "50 mg")]
    [InlineData("D: the clot risk score came out high and you need protection from a stroke i'm starting a bike so ban so five milligrams twice a day", "apixaban", "5 mg")]
    public void A_so_between_a_misheard_name_and_its_dose_does_not_cut_the_turn(string line, string drug, string dose)
    {
        var m = Assert.Single(Facts(line).Medications);
        Assert.Equal((drug, dose, "start"), (m.Name, m.Dosage, m.Action));
    }

    [Theory]
    // Not one of tramadol's strengths, or not in its unit.
    [InlineData("D: I'd like to start you on drama dull seven milligrams once a day.")]
    [InlineData("D: I'd like to start you on drama dull fifty micrograms once a day.")]
    [InlineData("D: Let's switch the bladder pill to me regret, seven milligrams once a day.")]
    // The run does not open with the name's first sound or its kin.
    [InlineData("D: Let's have a bomb the puzzle to ten milligrams with each meal.")]
    public void Without_a_usual_strength_or_the_names_first_sound_a_far_sound_is_no_drug(string line)
    {
        Assert.Empty(Facts(line).Medications);
    }

    [Theory]
    [InlineData("D: About the varenicline. It's a bit too much, so let's make it fourteen milligrams once a week.", "varenicline")]
    [InlineData("D: The prednisone is a lot for you, so we'll change it to twenty one milligrams.", "prednisone")]
    public void A_verb_that_sets_a_new_dose_is_never_part_of_a_name_heard_by_sound(string line, string drug)
    {
        Assert.Equal([drug], Facts(line).Medications.Select(m => m.Name));
    }

    [Fact]
    public void A_strength_few_drugs_come_in_lets_a_name_be_heard_farther()
    {
        // 0.6 mg is colchicine's alone; "coach ice it" is farther from it than a common dose would allow.
        var m = Assert.Single(Facts("D: We'll go on the coach ice it to zero point six milligrams daily.").Medications);
        Assert.Equal(("colchicine", "0.6 mg"), (m.Name, m.Dosage));
    }

    [Theory]
    // A strength many drugs come in, and one colchicine does not.
    [InlineData("D: We'll go on the coach ice it to ten milligrams daily.")]
    [InlineData("D: We'll go on the coach ice it to zero point five milligrams daily.")]
    public void A_far_sound_with_a_common_or_foreign_strength_is_no_drug(string line)
    {
        Assert.DoesNotContain(Facts(line).Medications, m => m.Name == "colchicine");
    }

    [Theory]
    [InlineData("D: Keep taking your money press twice a day.", "prazosin")]
    [InlineData("D: I'm sending a prescription for coding sulfate at bedtime.", "codeine")]
    public void Without_a_dose_a_medication_verb_before_and_a_frequency_after_are_the_evidence(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Facts(line).Medications).Name);
    }

    [Theory]
    [InlineData("P: I've been taking the bus every morning.")]
    [InlineData("D: Let's start you on physical therapy twice a week.")]
    [InlineData("P: I keep taking my money out every week.")]
    public void A_verb_and_a_frequency_around_words_that_sound_like_no_drug_report_nothing(string line)
    {
        Assert.Empty(Facts(line).Medications);
    }

    [Theory]
    [InlineData("D: The finasteride comes down to five milligrams three times a day.", "finasteride")]
    [InlineData("D: Let's leave the simvastatin where it is, ten milligrams in the evening.", "simvastatin")]
    public void A_dose_after_a_drug_already_named_is_that_drugs_and_no_evidence_for_the_words_between(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Facts(line).Medications).Name);
    }

    [Theory]
    [InlineData("D: Keep taking your alprazolam fifty milligrams twice a day.", "hydralazine")]
    // One of alprazolam's strengths, a dose in no unit of mass, or a dose far from the name: the name stays as heard.
    [InlineData("D: Keep taking your alprazolam point five milligrams twice a day.", "alprazolam")]
    [InlineData("D: Keep taking your alprazolam, two tablets twice a day.", "alprazolam")]
    [InlineData("D: Keep taking your alprazolam as needed; the other one is fifty milligrams twice a day.", "alprazolam")]
    public void A_drug_heard_as_another_whose_strengths_the_dose_is_none_of_reads_as_the_sound_alike_it_fits(string line, string drug)
    {
        Assert.Contains(Facts(line).Medications, m => m.Name == drug);
        Assert.DoesNotContain(Facts(line).Medications, m => m.Name != drug && m.Name is "hydralazine" or "alprazolam");
    }

    [Theory]
    [InlineData("P: I'm allergic to sulfur drugs. I get hives.", "sulfa drugs")]
    [InlineData("P: And you have my limit tried in allergy on file, right? The rash?", "lamotrigine")]
    [InlineData("P: Yes, sulfur. I get hives.", "sulfa")]
    public void An_allergen_heard_as_other_words_after_allergic_to_or_before_allergy_is_found_by_sound(string line, string allergen)
    {
        var allergy = Assert.Single(Facts("D: Any allergies to medicines?", line, "D: Okay.").Allergies);
        Assert.Equal(allergen, allergy.Substance);
    }

    [Theory]
    [InlineData("P: No known drug allergies.")]
    [InlineData("P: I'm allergic to Mondays.")]
    [InlineData("P: Well, not really that I know of.")]
    [InlineData("P: Nothing I know of.")]
    [InlineData("P: Just seasonal stuff, pollen mostly.")]
    [InlineData("P: My sister has a peanut allergy.")]
    public void Words_around_an_allergy_that_sound_like_no_allergen_are_left_alone(string line)
    {
        Assert.DoesNotContain(Facts("D: Any allergies?", line, "D: Okay.").Allergies, a => a.Substance is not ("NKDA" or "peanut" or "peanuts"));
    }

    [Fact]
    public void Usual_strengths_are_read_from_the_drug_list_with_their_unit()
    {
        var lexicon = ClinicalLexicon.Default;
        var levothyroxine = lexicon.UsualDoses[new Drug("levothyroxine")];
        Assert.True(levothyroxine.Includes(new Text.Dose(88, "mcg", 0, 2, false)));
        Assert.False(levothyroxine.Includes(new Text.Dose(88, "mg", 0, 2, false)));
        Assert.True(lexicon.UsualDoses[new Drug("tamsulosin")].Includes(new Text.Dose(0.4, "mg", 0, 2, false)));
        // A drug with a line for each unit it is said in: fluticasone's sprays and its inhaled micrograms.
        var fluticasone = lexicon.UsualDoses[new Drug("fluticasone")];
        Assert.True(fluticasone.Includes(new Text.Dose(2, "spray", 0, 2, false)) && fluticasone.Includes(new Text.Dose(110, "mcg", 0, 2, false)));
        Assert.Equal([110], fluticasone.Between(100, 200, "mcg"));
        // The list names vitamin D by a spoken name; its strengths are the lexicon's drug's.
        Assert.Contains(lexicon.UsualDoses.Keys, d => lexicon.DrugSpellings.Any(s => s.Spelling == "vitamin d" && s.Drug == d));

        var parsed = UsualDoses.Parse(["# comment", "", "insulin glargine 10 20 units", "metformin 500 1000"]);
        Assert.Equal([("insulin glargine", "units"), ("metformin", "milligrams")], parsed.Select(d => (d.Name, d.Unit)));
        Assert.Equal(["500", "1000"], parsed[1].Doses);
        Assert.Contains("names a drug and then its doses", Assert.Throws<FormatException>(() => UsualDoses.Parse(["metformin"])).Message);
    }

    [Fact]
    public void Spelled_names_are_read_as_before_and_the_phoneme_distance_weighs_kin_sounds_half()
    {
        Assert.Equal("metformin", Assert.Single(Facts("D: Continue metformin, five hundred milligrams twice a day.").Medications).Name);
        Assert.Equal(0.5, SoundAlikeTerms.Distance(["M", "EH", "N"], ["M", "IH", "N"]));
        Assert.Equal(1, SoundAlikeTerms.Distance(["M", "EH", "N"], ["M", "EH", "N", "Z"]));
        Assert.Equal(0.5, SoundAlikeTerms.Distance(["T", "AO"], ["D", "AO"]));
    }
    [Theory]
    [InlineData("D: Keep taking the pla vicks seventy five milligrams daily.", "clopidogrel")]
    [InlineData("D: Keep taking the core egg twenty five milligrams twice a day.", "carvedilol")]
    public void Short_brands_the_recogniser_is_never_given_are_found_by_their_sound(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Facts(line).Medications).Name);
    }

    [Fact]
    public void Every_word_of_a_drug_name_has_a_pronunciation_to_match_by_sound()
    {
        // A word with a digit is said as its spoken variant ("vitamin b twelve"), which the lexicon lists beside it.
        var pronounced = new[] { File.ReadLines(GeneralDictionary), Text.EmbeddedText.ReadLines(typeof(SoundAlikeTerms).Assembly, "clinical/medical.dict"),
                Text.EmbeddedText.ReadLines(typeof(SoundAlikeTerms).Assembly, "clinical/drug-names.dict") }
            .SelectMany(lines => lines).Where(l => !l.StartsWith('#') && l.Contains(' ', StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)].Split('(')[0].ToLowerInvariant()).ToHashSet();
        var unpronounced = ClinicalLexicon.Default.DrugSpellings.SelectMany(s => Text.Tokens.Words(s.Spelling))
            .Where(w => !w.Any(char.IsDigit) && !pronounced.Contains(w)).Distinct().ToList();
        Assert.Empty(unpronounced);
        Assert.Contains(ClinicalLexicon.Default.DrugSpellings, s => s.Spelling == "vitamin b twelve");
    }
    [Theory]
    [InlineData("D: Keep taking the hydro but don't acetaminophen, one tablet every six hours as needed.", "hydrocodone acetaminophen")]
    [InlineData("D: Keep taking your low certain hydrochlorothiazide twice a day.", "losartan hydrochlorothiazide")]
    public void A_combination_heard_with_one_part_spelled_and_the_rest_as_words_is_the_combination(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Facts(line).Medications).Name);
    }

    [Theory]
    [InlineData("D: Take acetaminophen for the pain, as needed.", "acetaminophen")]
    [InlineData("D: Keep taking the losartan and the hydrochlorothiazide.", "hydrochlorothiazide|losartan")]
    public void A_part_said_with_ordinary_words_beside_it_stays_the_part(string line, string drugs)
    {
        Assert.Equal(drugs, string.Join('|', Facts(line).Medications.Select(m => m.Name).Order()));
    }
    [Theory]
    [InlineData("D: I've got your pile set eighty eight.", "heart_rate", 88)]
    [InlineData("D: Your polls is about eighty eight.", "heart_rate", 88)]
    public void A_vitals_name_heard_as_other_words_before_a_number_it_takes_is_read(string line, string kind, double value)
    {
        var vital = Assert.Single(Facts(line, "P: Okay.").Vitals);
        Assert.Equal((kind, value), (vital.Kind, vital.Value));
    }

    [Theory]
    // Pulse takes no 7, a pile of eighty books is no reading, and a pressure needs its "over".
    [InlineData("D: I've got your pile set seven.")]
    [InlineData("D: There's a pile of eighty books on my desk.")]
    [InlineData("D: The pleasure is one hundred percent mine.")]
    public void Words_that_sound_like_a_vital_before_a_number_it_cannot_take_are_left_alone(string line)
    {
        Assert.Empty(Facts(line, "P: Okay.").Vitals);
    }

    [Fact]
    public void Words_a_drug_was_heard_as_once_a_dose_confirmed_it_are_that_drug_again_later_in_the_consult()
    {
        var facts = Facts(
            "P: I started taking the coach ice it zero point six milligrams once a day for my toe",
            "D: thanks for telling me",
            "P: so what about the coach ice it",
            "D: I'd like you to stop it for now");
        var m = Assert.Single(facts.Medications);
        Assert.Equal(("colchicine", "stop"), (m.Name, m.Action));
        // Without the dose that confirmed it the first time, the same words are no drug.
        Assert.Empty(Facts("P: so what about the coach ice it", "D: I'd like you to stop it for now").Medications);
    }

    [Theory]
    [InlineData("D: Start the come to lose in zero point four milligrams at bedtime.")]
    [InlineData("D: Keep the him so lose in point four milligrams daily.")]
    public void A_strength_few_drugs_come_in_needs_no_first_sound(string line)
    {
        var m = Assert.Single(Facts(line).Medications);
        Assert.Equal(("tamsulosin", "0.4 mg"), (m.Name, m.Dosage));
    }

    [Fact]
    public void Another_drug_the_dose_fits_that_sounds_as_near_without_the_first_sound_makes_it_a_guess()
    {
        // "today raising" is as near cetirizine as tadalafil, and both come in 5 mg: no drug is reported.
        Assert.Empty(Facts("D: Give the today raising five milligrams at night.").Medications);
    }

    [Fact]
    public void Everyday_words_before_a_problems_head_word_are_not_respelled_into_a_new_problem()
    {
        // "Low blood sugar" is no problem name, so "blood sugar" and "fasting blood sugar" are never heard as one.
        var facts = Facts("D: Your blood sugar log looks fine. We'll do a fasting blood sugar in three months.");

        Assert.Empty(facts.Problems);
        Assert.Equal("glucose in 3 months", Assert.Single(facts.Orders).Name);
    }

    [Theory]
    [InlineData("D: Start amlodipine two hundred milligrams daily.", "amlodipine")]
    [InlineData("D: Take metformin two hundred milligrams with supper.", "metformin")]
    public void A_name_said_exactly_is_replaced_only_by_a_drug_that_sounds_much_the_same(string line, string drug)
    {
        Assert.Equal(drug, Assert.Single(Facts(line).Medications).Name);
    }

    [Fact]
    public void A_supplement_with_a_dose_is_no_drug_named_by_that_word()
    {
        Assert.Equal(["cholecalciferol"], Facts("D: I'd recommend a vitamin D supplement, two thousand units.").Medications.Select(m => m.Name));
        Assert.Empty(Facts("D: Take a supplement, two thousand units.").Medications);
    }

    [Theory]
    [InlineData("D: Take the new medicine, twenty milligrams once a day.")]
    [InlineData("D: Stay on the statin, five hundred milligrams, I mean the fish oil.")]
    [InlineData("D: Use the nasal spray, two hundred fifty milligrams, no, two sprays.")]
    [InlineData("D: Take the migraine medicine, fifty milligrams, when it starts.")]
    public void A_drug_called_by_its_kind_or_a_problem_with_a_dose_is_no_drug_heard_by_sound(string line)
    {
        Assert.DoesNotContain(Facts(line).Medications, m => m.Name is not ("fish oil" or "omega 3 fatty acids"));
    }

    [Fact]
    public void The_on_that_opens_a_medication_may_be_the_names_first_sound()
    {
        // "… and on prize l for heartburn, twenty milligrams": "on prize l" is omeprazole, nearer than "prize l" is any drug.
        var m = Assert.Single(Facts("D: What else do you take?", "P: The metoprolol twenty five twice a day and on prize l for heartburn twenty milligrams every morning").Medications, x => x.Name != "metoprolol");

        Assert.Equal(("omeprazole", "20 mg"), (m.Name, m.Dosage));
    }

    [Fact]
    public void A_name_said_before_the_clause_that_doses_it_is_heard_by_sound()
    {
        // A recogniser's turn cut before "I'll start you at": the name ends one clause, its dose opens the next.
        var m = Assert.Single(Facts("D: the treatment is thyroid hormone levels oxide I'll start you at fifty micrograms every morning").Medications);

        Assert.Equal(("levothyroxine", "50 mcg", "start"), (m.Name, m.Dosage, m.Action));
    }

    [Fact]
    public void Use_it_is_no_drug_name()
    {
        // "use it" sounds like part of budesonide; the pronoun is the albuterol named before.
        var m = Assert.Single(Facts("P: I have an albuterol inhaler from years ago.", "D: You can use it, two puffs every four hours if you're wheezy.").Medications);

        Assert.Equal("albuterol", m.Name);
    }

    [Theory]
    [InlineData("D: your blood pressure is one twenty two over seventy eight and your balls is sixty eight", 68)]
    [InlineData("D: blood pressure one twelve over seventy I'll eighty on exam the lungs are clear", 80)]
    public void A_rate_said_right_after_a_pressure_by_a_word_like_pulse_is_the_pulse(string line, double rate)
    {
        var facts = Facts(line, "P: okay");

        Assert.Equal(rate, Assert.Single(facts.Vitals, v => v.Kind == "heart_rate").Value);
    }

    [Theory]
    // Another vital named between, a second pressure, and a word that sounds nothing like "pulse".
    [InlineData("D: your blood pressure is one thirty over eighty and your weight is one ninety pounds")]
    [InlineData("D: blood pressure one thirty over eighty also one forty over ninety at home")]
    [InlineData("D: blood pressure one thirty over eighty for maybe sixty days now")]
    public void A_number_after_a_pressure_that_is_no_pulse_is_left_alone(string line)
    {
        Assert.DoesNotContain(Facts(line, "P: okay").Vitals, v => v.Kind == "heart_rate");
    }

    [Theory]
    [InlineData("D: so this is your sister like heart failure", "I50.20")]
    [InlineData("D: your systolic heart failure is a coupon chronic today", "I50.23")]
    public void A_refinement_heard_as_other_words_beside_its_problem_refines_it(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Facts(line, "P: okay").Problems).Code);
    }

    [Fact]
    public void Words_beside_a_problem_that_sound_like_no_refinement_leave_it_as_said()
    {
        Assert.Equal("I50.9", Assert.Single(Facts("D: this is heart failure and i do not want to scare you", "P: okay").Problems).Code);
    }

    [Theory]
    [InlineData("D: i'm starting potassium chloride twenty male equivalents once a day", "20 mEq")]
    [InlineData("D: start lactulose fifteen mil liters twice a day", "15 ml")]
    [InlineData("D: take lactulose thirty male waiters twice a day", "30 ml")]
    [InlineData("D: start metformin five hundred mini grams twice a day", "500 mg")]
    public void A_unit_heard_as_other_words_after_a_number_is_the_unit(string line, string dosage)
    {
        Assert.Equal(dosage, Assert.Single(Facts(line).Medications).Dosage);
    }

    [Fact]
    public void Words_after_a_number_that_sound_like_no_unit_stay()
    {
        var terms = SoundAlikeTerms.Load(ClinicalLexicon.Default, GeneralDictionary);

        Assert.Equal(["twenty", "five", "million", "people"], terms.RespellUnits(["twenty", "five", "million", "people"]));
    }

    [Fact]
    public void An_insulin_heard_as_other_words_before_any_number_of_units_is_found()
    {
        var m = Assert.Single(Facts("D: second lower the land pus from twenty to units to sixty units at bedtime", "P: okay").Medications);

        Assert.Equal(("insulin glargine", "16 units", "decrease"), (m.Name, m.Dosage, m.Action));
    }

    [Fact]
    public void A_drug_named_plainly_earlier_and_heard_as_words_after_a_decision_is_that_drug()
    {
        var facts = Facts(
            "D: most likely the hydrochlorothiazide makes you lose potassium",
            "D: we stop the hydro call rocephin yeah side and put you on losartan fifty milligrams once a day");

        Assert.Equal(["hydrochlorothiazide", "losartan"], facts.Medications.Select(m => m.Name).Order());
        Assert.Equal("stop", Assert.Single(facts.Medications, m => m.Name == "hydrochlorothiazide").Action);
    }

    [Theory]
    [InlineData("D: we'll stop the bleeding with pressure and a bandage")]
    [InlineData("D: we can stop the hydration fluids once you are drinking")]
    public void Words_after_a_decision_that_sound_like_no_drug_of_the_consult_stay(string line)
    {
        var facts = Facts("D: you take hydrochlorothiazide twelve point five milligrams every morning", line);

        Assert.Equal("continue", Assert.Single(facts.Medications).Action);
    }

    [Theory]
    [InlineData("D: the swab shows clue cells so this is bacterial good to know cyst", "N76.0")]
    [InlineData("D: your face hurts over the cheeks and the mucus is green so this is sign you sight us", "J01.90")]
    public void A_diagnosis_asserted_and_heard_as_other_words_is_found_by_the_sound_of_its_whole_name(string line, string code)
    {
        Assert.Equal(code, Assert.Single(Facts(line).Problems).Code);
    }

    [Theory]
    [InlineData("D: this is a good time to talk about your diet")]
    [InlineData("D: that's a pretty normal thing to feel after a long week")]
    [InlineData("D: that's a condition where the joints get stiff")]
    [InlineData("D: you have no back pain and no numbness")]
    public void Words_after_this_is_that_sound_like_no_problem_stay(string line)
    {
        Assert.Empty(Facts(line).Problems);
    }

    [Theory]
    [InlineData("D: okay then mount a loo cast is safe for you take ten milligrams every evening", "montelukast", "10 mg")]
    [InlineData("D: okay then mount a loo cast works well for this take ten milligrams every evening", "montelukast", "10 mg")]
    public void A_name_heard_as_words_then_a_word_on_it_then_the_instruction_that_doses_it_is_found(string line, string drug, string dose)
    {
        var m = Assert.Single(Facts(line).Medications);
        Assert.Equal((drug, dose), (m.Name, m.Dosage));
    }

    [Fact]
    public void A_name_heard_before_a_word_on_it_is_found_when_the_recogniser_cut_the_instruction_into_the_next_clause()
    {
        // The recogniser's turn "... is safe for you | take ten milligrams ...": two clauses of one turn.
        var transcript = ClinicalTranscript.From(
        [
            new Utterance(0, Speakers.Doctor, "Okay then mount a loo cast is safe for you. Take ten milligrams every evening.", 0, 1000),
        ]);

        Assert.Equal("montelukast", Assert.Single(Extractor.Value.Extract(transcript).Medications).Name);
    }

    [Theory]
    [InlineData("D: the mountain air is safe for you take ten milligrams every evening")]
    [InlineData("D: i'm glad the dollar bill is safe for you take ten milligrams every evening")]
    public void Words_before_a_verdict_that_sound_only_roughly_like_a_drug_are_no_drug(string line)
    {
        Assert.Empty(Facts(line).Medications);
    }

    [Fact]
    public void A_dose_said_of_a_drug_named_after_it_is_no_evidence_for_words_before_a_verdict()
    {
        var m = Assert.Single(Facts("D: good the dollar fill is fine take ten milligrams of the montelukast every evening").Medications);
        Assert.Equal("montelukast", m.Name);
    }

    [Fact]
    public void A_negation_is_never_made_by_sound()
    {
        // "are well controlled" sounds nearly like the cue "isn't well controlled": it stays what was said.
        var facts = Facts("D: with your diabetes and the arthritis your sugars are well controlled now");

        Assert.Equal("E11.9", Assert.Single(facts.Problems, p => p.Code!.StartsWith("E11", StringComparison.Ordinal)).Code);
    }

    [Theory]
    [InlineData("D: your pressure is one twenty over eighty and you weigh seventy eight pillows today", "kg")]
    [InlineData("D: the scale says sixty four silos today", "kg")]
    public void A_weights_unit_heard_as_another_word_is_read_by_its_sound(string line, string unit)
    {
        Assert.Equal(unit, Assert.Single(Facts(line).Vitals, v => v.Kind == "weight").Unit);
    }

    [Fact]
    public void A_word_after_a_number_with_no_weight_said_is_no_unit()
    {
        Assert.DoesNotContain(Facts("D: you've had two pillows under your head for years").Vitals, v => v.Kind == "weight");
    }

    [Theory]
    [InlineData("D: you're taking one hundred milligrams of the met oh pro lol every morning", "metoprolol", "100 mg")]
    [InlineData("D: so that's ten milligrams of mount a loo cast at night", "montelukast", "10 mg")]
    public void A_name_said_after_its_dose_and_of_and_heard_as_words_is_found(string line, string drug, string dose)
    {
        var m = Assert.Single(Facts(line).Medications);
        Assert.Equal((drug, dose), (m.Name, m.Dosage));
    }

    [Theory]
    [InlineData("D: that's about ten milligrams of sugar in a cookie")]
    [InlineData("D: you lost five pounds of water weight")]
    public void Words_after_a_dose_and_of_that_sound_like_no_drug_stay(string line)
    {
        Assert.Empty(Facts(line).Medications);
    }
}

