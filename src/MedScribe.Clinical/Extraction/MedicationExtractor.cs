using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Medications: every mention of a drug from the lexicon, with the dose, frequency and route said after
/// it, the decision verb said before it ("I'm starting", "keep taking", "stop the", "increase it to"),
/// and whether the patient is already on it; mentions of one drug are then merged into one entry whose
/// action is the clinician's last decision.
/// </summary>
public static class MedicationExtractor
{
    private sealed record Mention(
        string Drug, Sentence Sentence, string? Decision, bool Current, Dose? Dose, string? Frequency, string? Route, bool Negated)
    {
        public List<string> Instructions { get; } = [];

        /// <summary>A start taken back before it was made ("I'm allergic to penicillin." "Then let's do doxycycline instead.").</summary>
        public bool Withdrawn { get; set; }

        public string? Titration { get; set; }

        /// <summary>Said with leave to take it ("you can use …"): for a drug the patient takes, going on with it.</summary>
        public bool Permitted { get; set; }

        public Dose? ExtraDose { get; set; }
        public string? ExtraFrequency { get; set; }
        public string? ExtraRoute { get; set; }
        public bool ExtraCurrent { get; set; }

        /// <summary>"I'm already taking it": the patient's reply that what the clinician starts is taken already.</summary>
        public bool AlreadyTaken { get; set; }
        public string? ExtraDecision { get; set; }
        public string? Action => Decision ?? ExtraDecision;

        /// <summary>"One milliliter … That's fifteen milligrams": a volume restated as a mass, which the note keeps.</summary>
        public Dose? Restated { get; set; }

        /// <summary>How long the frequency said so far lasts ("2 weeks"), when a course was said with it.</summary>
        public string? PhaseDuration { get; set; }

        /// <summary>"twice daily for 2 weeks, then twice daily on weekends only": the frequency with the phase a later sentence added.</summary>
        public string? Phased { get; set; }

        /// <summary>"… to one fifty": the number a dose change goes to, said without its unit.</summary>
        public double? BareTarget { get; set; }

        /// <summary>How often, said before the sentence's drugs: taken only when nothing else says it.</summary>
        public string? LeadingFrequency { get; set; }

        /// <summary>"And the lactulose, how many a day?" … "Take thirty milliliters twice a day.": dosed by the clinician after it was asked about.</summary>
        public bool Instructed { get; set; }

        /// <summary>"Today you'll take a first dose of three hundred milligrams": a dose for once, not the dose it goes on at.</summary>
        public bool Loading { get; set; }

        /// <summary>"After three weeks, you'll stop the clopidogrel and stay on the aspirin": when a stop or a going on said for later comes ("3 weeks").</summary>
        public string? DecidedLater { get; set; }

        /// <summary>"with food for 3 weeks, then 20 mg once daily": what the clinician's prescribing clause adds.</summary>
        public string? Details { get; set; }
    }

    private static readonly (string[] Phrase, string Action)[] Decisions =
    [
        (["increase"], "increase"), (["increasing"], "increase"), (["raise"], "increase"), (["raising"], "increase"), (["go", "up", "on"], "increase"),
        (["going", "up", "on"], "increase"), (["upping"], "increase"), (["bumping", "up"], "increase"), (["coming", "down", "on"], "decrease"),
        (["drop", "the"], "decrease"), (["drop", "your"], "decrease"), (["dropping", "the"], "decrease"), (["dropping", "your"], "decrease"),
        (["no", "change", "to"], "continue"), (["no", "changes", "to"], "continue"), (["leave", "the"], "continue"), (["leave", "your"], "continue"),
        // "Let's leave atenolol where it is" (a recogniser dropped the article); "leave off the naproxen" stops it.
        // "We'll leave out valacyclovir": a drug not taken is not started.
        (["leave", "off"], "stop"), (["leave", "out"], "hold"), (["leaving", "out"], "hold"), (["leave"], "continue"),
        (["higher", "dose", "of"], "increase"), (["lower", "dose", "of"], "decrease"), (["smaller", "dose", "of"], "decrease"), (["bigger", "dose", "of"], "increase"),
        // "Let's try the higher levetiracetam first": the drug at the higher dose just talked about.
        (["the", "higher"], "increase"),
        // "Limit the ibuprofen to two days a week".
        (["limit"], "decrease"),
        (["bump", "up"], "increase"), (["up", "the", "dose"], "increase"), (["double"], "increase"),
        (["decrease"], "decrease"), (["decreasing"], "decrease"), (["reduce"], "decrease"), (["reducing"], "decrease"),
        (["lower"], "decrease"), (["lowering"], "decrease"), (["drop", "to"], "decrease"), (["drop", "you", "to"], "decrease"), (["drop", "you", "down"], "decrease"), (["drop", "her", "to"], "decrease"), (["drop", "him", "to"], "decrease"),
        (["move", "you", "down"], "decrease"), (["bump", "you", "up"], "increase"), (["move", "you", "up"], "increase"), (["tapering"], "decrease"), (["cut", "back"], "decrease"), (["cut", "down"], "decrease"), (["taper"], "decrease"),
        (["stop"], "stop"), (["stopping"], "stop"), (["discontinue"], "stop"), (["discontinuing"], "stop"), (["discontinued"], "stop"), (["come", "off"], "stop"),
        (["get", "off"], "stop"), (["quit"], "stop"), (["no", "longer", "take"], "stop"),
        // A drug the patient has stopped, taken up again: "let's restart the omeprazole", "resume the …", "put you back on …".
        (["restart"], "start"), (["restarting"], "start"), (["resume"], "start"), (["resuming"], "start"), (["back", "on"], "start"),
        (["hold"], "hold"), (["holding"], "hold"), (["pause"], "hold"), (["hold", "off"], "hold"),
        (["continue"], "continue"), (["continuing"], "continue"), (["keep"], "continue"), (["stay", "on"], "continue"), (["remain", "on"], "continue"),
        (["start"], "start"), (["starting"], "start"), (["begin"], "start"), (["prescribe"], "start"), (["prescribing"], "start"),
        (["put", "you", "on"], "start"), (["putting", "you", "on"], "start"), (["putting", "her", "on"], "start"), (["putting", "him", "on"], "start"), (["add"], "start"), (["adding"], "start"), (["try"], "start"), (["trial", "of"], "start"),
        (["can", "also", "give"], "start"), (["can", "give"], "start"), (["also", "give"], "start"), (["give", "you"], "start"),
        (["giving", "you"], "start"), (["switch", "you", "to"], "start"), (["switching", "you", "to"], "start"),
        (["script", "for"], "start"), (["prescription", "for"], "start"), (["use", "a"], "start"), (["can", "use"], "start"),
        (["want", "you", "on"], "start"), (["get", "you", "on"], "start"), (["get", "you", "started"], "start"), (["have", "you", "take"], "start"),
        (["like", "you", "to", "take"], "start"), (["like", "you", "to", "start"], "start"), (["put", "her", "on"], "start"), (["put", "him", "on"], "start"),
        (["no", "more"], "stop"), (["cut", "out"], "stop"), (["done", "with"], "stop"), (["wean"], "decrease"), (["weaning"], "decrease"), (["halve"], "decrease"),
        (["move", "up", "to"], "increase"), (["move", "him", "up"], "increase"), (["move", "her", "up"], "increase"), (["move", "you", "up"], "increase"),
        (["moving", "him", "up"], "increase"), (["moving", "her", "up"], "increase"), (["moving", "you", "up"], "increase"),
        (["move", "him", "down"], "decrease"), (["move", "her", "down"], "decrease"), (["move", "you", "down"], "decrease"),
        (["go", "up", "to"], "increase"), (["come", "down", "on"], "decrease"), (["back", "off", "on"], "decrease"), (["stick", "with"], "continue"),
        (["carry", "on", "with"], "continue"), (["refill"], "continue"), (["renew"], "continue"), (["same", "dose", "of"], "continue"),
        (["swap"], "start"), (["swapping"], "start"), (["replace"], "start"), (["switch", "to"], "start"), (["switch", "her", "to"], "start"),
        (["switch", "him", "to"], "start"), (["change", "to"], "start"),
        // "We'll treat the flare with colchicine", "I recommend …", "I'll call in …", "let's go with …", "I'll send a prescription to
        // your pharmacy for …".
        (["treat"], "start"), (["recommend"], "start"), (["call", "in"], "start"), (["calling", "in"], "start"), (["send", "in"], "start"),
        (["go", "with"], "start"), (["i'd", "use"], "start"), (["we'd", "use"], "start"), (["send", "a", "prescription"], "start"), (["sending", "a", "prescription"], "start"),
        // "Stay off the naproxen", "switch from the atorvastatin to …", "instead of the ibuprofen, take …", "skip the aspirin
        // until after the procedure", "finish the course of azithromycin".
        (["stay", "off"], "stop"), (["keep", "off"], "stop"), (["switch", "from"], "stop"), (["switching", "from"], "stop"), (["change", "from"], "stop"),
        (["get", "you", "off"], "stop"), (["get", "her", "off"], "stop"), (["get", "him", "off"], "stop"), (["take", "you", "off"], "stop"),
        (["taking", "you", "off"], "stop"), (["take", "her", "off"], "stop"), (["take", "him", "off"], "stop"),
        (["bring", "you", "off"], "stop"), (["bring", "her", "off"], "stop"), (["bring", "him", "off"], "stop"), (["bringing", "you", "off"], "stop"),
        (["switch", "you", "from"], "stop"), (["switching", "you", "from"], "stop"), (["switch", "her", "from"], "stop"), (["switch", "him", "from"], "stop"),
        (["switching", "her", "from"], "stop"), (["switching", "him", "from"], "stop"), (["changing", "you", "from"], "stop"), (["change", "you", "from"], "stop"),
        (["instead", "of"], "stop"), (["skip"], "hold"), (["finish"], "continue"), (["finishing"], "continue"), (["complete", "the"], "continue"),
        // "I'm going to up the hydrochlorothiazide to …", "we'll go down on the …", "I'm cutting back your …", "I'd like you on …".
        (["to", "up", "the"], "increase"), (["let's", "up", "the"], "increase"), (["we'll", "up", "the"], "increase"), (["i'll", "up", "the"], "increase"),
        (["go", "down", "on"], "decrease"), (["going", "down", "on"], "decrease"), (["cutting", "back"], "decrease"), (["cutting", "down"], "decrease"),
        (["like", "you", "on"], "start"),
        // "We'll bump the carbidopa levodopa to twenty five" (a recogniser lost the "up"): a bump is up.
        (["bump", "the"], "increase"), (["bump", "your"], "increase"),
        // "… is at twenty five milligrams. Let's bump that to fifty."
        (["bump"], "increase"), (["bumping"], "increase"),
        // A caregiver told what to give: "I'd like you to give him …", "don't give her any more …", "give him a bit more …",
        // "give less …".
        (["like", "you", "to", "give"], "start"), (["want", "you", "to", "give"], "start"), (["don't", "give"], "stop"), (["do", "not", "give"], "stop"),
        (["a", "bit", "more"], "increase"), (["a", "little", "more"], "increase"), (["give", "more"], "increase"),
        (["a", "bit", "less"], "decrease"), (["a", "little", "less"], "decrease"), (["give", "less"], "decrease"), (["take", "less"], "decrease"), (["use", "less"], "decrease"),
        // A change said not to happen keeps the drug: "we won't change the …", "let's not change …", "I wouldn't touch the …",
        // "no change in the …", "stick to the …".
        (["won't", "change"], "continue"), (["wouldn't", "change"], "continue"), (["not", "change"], "continue"), (["don't", "change"], "continue"),
        (["not", "going", "to", "change"], "continue"), (["won't", "touch"], "continue"), (["wouldn't", "touch"], "continue"), (["not", "touch"], "continue"),
        (["no", "change", "in"], "continue"), (["no", "changes", "in"], "continue"), (["no", "change", "with"], "continue"), (["nothing", "changes", "with"], "continue"),
        (["no", "change", "on"], "continue"), (["stick", "to"], "continue"),
        (["get", "rid", "of"], "stop"), (["getting", "rid", "of"], "stop"), (["no", "longer", "need"], "stop"), (["take", "you", "off"], "stop"),
        (["taking", "you", "off"], "stop"), (["take", "him", "off"], "stop"), (["take", "her", "off"], "stop"), (["taking", "him", "off"], "stop"), (["taking", "her", "off"], "stop"),
        (["go", "higher"], "increase"), (["going", "higher"], "increase"), (["max", "out"], "increase"), (["maxing", "out"], "increase"),
        (["step", "down"], "decrease"), (["stepping", "down"], "decrease"), (["step", "back", "down"], "decrease"), (["go", "back", "down"], "decrease"),
        (["step", "back", "up"], "increase"), (["go", "back", "up"], "increase"), (["step", "up"], "increase"), (["stepping", "up"], "increase"), (["go", "lower"], "decrease"), (["going", "lower"], "decrease"),
        (["scale", "back"], "decrease"), (["scaling", "back"], "decrease"), (["scale", "down"], "decrease"),
        // "Your prescription is for clonidine."
        (["prescription", "is", "for"], "start"),
    ];

    /// <summary>
    /// A verb or verdict said after the drug's dose and frequency, with the drug as its subject: "the lisinopril ten milligrams
    /// daily stays the same", "… is fine as it is", "… can go", "… has to go". A reason ("isn't quite enough", "is too
    /// strong") decides only with a new dose after it ("… so let's make it twenty milligrams").
    /// </summary>
    private static readonly (string[] Phrase, string Action, bool DoseAfter)[] Tails =
    [
        (["stays", "the", "same"], "continue", false), (["stay", "the", "same"], "continue", false), (["remains", "the", "same"], "continue", false),
        (["unchanged"], "continue", false), (["stays"], "continue", false), (["remains"], "continue", false), (["same", "dose"], "continue", false), (["can", "stay"], "continue", false), (["as", "it", "is"], "continue", false),
        (["as", "is"], "continue", false), (["leave", "that"], "continue", false), (["leave", "it"], "continue", false),
        // "And the empagliflozin, ten milligrams, you should keep too", "… we'll keep going".
        (["should", "keep"], "continue", false), (["can", "keep"], "continue", false), (["keep", "too"], "continue", false), (["keep", "going"], "continue", false),
        // "The baclofen is going down. Take ten milligrams …", "the losartan is coming down".
        (["going", "down"], "decrease", false), (["coming", "down"], "decrease", false), (["going", "up"], "increase", false),
        (["can", "go"], "stop", false), (["has", "to", "go"], "stop", false), (["has", "to", "stop"], "stop", false), (["needs", "to", "stop"], "stop", false),
        (["should", "stop"], "stop", false), (["must", "stop"], "stop", false), (["needs", "to", "go"], "stop", false), (["should", "go"], "stop", false),
        (["go", "lower"], "decrease", false), (["go", "higher"], "increase", false),
        (["isn't", "enough"], "increase", true), (["isn't", "quite", "enough"], "increase", true), (["not", "enough"], "increase", true), (["too", "weak"], "increase", true),
        (["too", "strong"], "decrease", true), (["too", "much"], "decrease", true),
    ];

    private static readonly HashSet<string> CurrentCues =
    [
        "take", "taking", "takes", "on", "using", "use", "uses", "giving", "started", "my", "your", "his", "her", "tolerating", "took",
        // A parent's "he gets a vitamin D drop every day", "I give her Tylenol".
        "gets", "get", "getting", "give", "gives",
    ];

    private static readonly HashSet<string> Connectors = ["and", "your", "the", "also", "his", "her", "plus", "then", "as", "well", "a", "of"];

    public static IReadOnlyList<MedicationFact> Extract(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var mentions = new List<Mention>();
        string? context = null;
        Mention? lastInUtterance = null;
        // "And this box of Benadryl?" "That's for sleep. Two every night, fifty milligrams.": the answer doses the drug asked about.
        Mention? questioned = null;
        // "The atorvastatin made me dizzy." "Then let's stop it.": the one drug of the patient's turn is what the clinician's
        // answer decides on.
        var patientNamed = new List<Mention>();
        Utterance? utterance = null;
        Sentence? lastSentence = null;
        // A patient's turn with a dose after a clinician's turn that named one drug: "The levothyroxine has to stop." "I've been
        // taking eighty eight micrograms."
        var carriedToPatient = false;
        // The drugs of the last sentence that named some, for "Take both once a day."
        var lastNamed = new List<Mention>();
        // The sentences each drug is named in: a brand a recogniser inserted is named once, with nothing to say it is a drug.
        var drugsOf = transcript.Sentences.ToDictionary<Sentence, Sentence, IReadOnlyList<PhraseMatch<Drug>>>(s => s, s => lexicon.Drugs.FindAll(s.Words), ReferenceEqualityComparer.Instance);
        var namedIn = drugsOf.SelectMany(d => d.Value.Select(m => (m.Value, Sentence: d.Key))).ToLookup(x => x.Value, x => x.Sentence);
        foreach (var sentence in transcript.Sentences)
        {
            if (!ReferenceEquals(sentence.Utterance, utterance))
            {
                var told = sentence.ByClinician && utterance is { } previous && previous.Index + 1 == sentence.Utterance.Index
                    && patientNamed.Select(m => m.Drug).Distinct().Count() == 1 ? patientNamed[^1] : null;
                var before = utterance;
                utterance = sentence.Utterance;
                lastInUtterance = questioned is not null && sentence.ByClinician != questioned.Sentence.ByClinician && sentence.Utterance.Index == questioned.Sentence.Utterance.Index + 1 ? questioned : told;
                carriedToPatient = false;
                if (lastInUtterance is null && before is not null && before.Index + 1 == sentence.Utterance.Index)
                {
                    lastInUtterance = Carried(mentions, sentence, before, lastSentence);
                    carriedToPatient = lastInUtterance is not null && !sentence.ByClinician && lastInUtterance.Sentence.ByClinician;
                }

                questioned = null;
                patientNamed.Clear();
                if (!sentence.ByClinician)
                {
                    context = null;
                }
            }

            var asked = lastSentence;
            lastSentence = sentence;
            var words = sentence.Words;
            // "Because of the penicillin allergy, I'll go with doxycycline …": the clinician's choice around an allergy starts the
            // drug chosen; the allergen itself is no medicine.
            var choosesAroundAllergy = sentence.ByClinician && !sentence.IsQuestion && AllergyTalk.Mentions(words) && FindDecision(words, 0, words.Count) == "start";
            if (AllergyTalk.IsAbout(transcript, sentence) && !choosesAroundAllergy)
            {
                // "Any allergies to medicines?" "Lisinopril. Her lips swelled up on it.": an allergy, not a medicine taken.
                continue;
            }

            var matches = Restated(drugsOf[sentence]);
            matches = matches.Where(m => !InsertedBrand(sentence, m, namedIn)).ToList();
            if (choosesAroundAllergy)
            {
                // The allergen: "the penicillin allergy", "allergic to (the) penicillin".
                static bool Allergy(string w) => w.StartsWith("allerg", StringComparison.Ordinal);
                matches = matches.Where(m => !(m.End < words.Count && Allergy(words[m.End])
                    || m.Start >= 2 && words[m.Start - 1] == "to" && Allergy(words[m.Start - 2])
                    || m.Start >= 3 && words[m.Start - 1] == "the" && words[m.Start - 2] == "to" && Allergy(words[m.Start - 3]))).ToList();
            }

            if (matches.Count > 0 && AllergyExtractor.CausedReaction(transcript, sentence, lexicon) is not null)
            {
                // "When I took amoxicillin years ago I got a rash": told as an allergy, not a medicine taken.
                continue;
            }

            var answersMedicationQuestion = !sentence.ByClinician && AnswersMedicationQuestion(transcript, sentence);
            if (matches.Count > 0 && lastInUtterance is not null && !ReferenceEquals(lastInUtterance.Sentence.Utterance, sentence.Utterance) && sentence.Ordinal <= 1
                && lastInUtterance.Drug != matches[0].Value.Generic && (lastInUtterance.Dose ?? lastInUtterance.ExtraDose) is null
                && Dosing.Doses(words, 0, matches[0].Start).LastOrDefault() is { } answered && !DosesNext(words, answered.End, matches[0].Start))
            {
                // "And this box of Benadryl?" "That's for sleep, every night, fifty milligrams. The Tylenol is for my knees …": what
                // the answer says before it names another drug is about the drug asked about.
                lastInUtterance.ExtraDose = answered;
                lastInUtterance.ExtraFrequency ??= Dosing.Frequency(words, 0, matches[0].Start);
                lastInUtterance.ExtraCurrent |= !sentence.ByClinician;
            }

            if (matches.Count > 0 && lastInUtterance is not null
                && (!ReferenceEquals(lastInUtterance.Sentence.Utterance, sentence.Utterance) && sentence.Ordinal <= 1
                    || ReferenceEquals(lastInUtterance.Sentence.Utterance, sentence.Utterance) && sentence.Ordinal == lastInUtterance.Sentence.Ordinal + 1)
                && sentence.ByClinician && !sentence.IsQuestion && lastInUtterance.Drug != matches[0].Value.Generic && lastInUtterance.Decision is null
                && PronounDecision(words, 0, matches[0].Start) is { } answeredDecision)
            {
                // "What about the St. John's wort?" "I'd like you to stop it, it interacts … an antidepressant like sertraline …":
                // the decision on "it" before another drug is named is on the drug asked about; so is it on the drug of the sentence
                // before ("That's naproxen, it's hard on the kidneys. So she needs to come off it; for her knees she can use …").
                lastInUtterance.ExtraDecision ??= answeredDecision;
            }

            if (matches.Count > 0 && lastInUtterance is { Decision: null, ExtraDecision: null, Sentence.IsQuestion: true } switchedFrom && sentence.ByClinician && !sentence.IsQuestion
                && !ReferenceEquals(switchedFrom.Sentence.Utterance, sentence.Utterance) && sentence.Ordinal <= 1 && switchedFrom.Drug != matches[0].Value.Generic
                && matches[0].Start >= 2 && words[matches[0].Start - 1] == "to"
                && Enumerable.Range(Math.Max(0, matches[0].Start - 4), Math.Min(3, matches[0].Start - 1)).Any(i => words[i] is "switch" or "switching" or "change" or "changing"))
            {
                // "What about the loratadine?" "You can switch to cetirizine at night.": the drug asked about is replaced.
                switchedFrom.ExtraDecision = "stop";
            }

            if (matches.Count > 0 && sentence.ByClinician && !sentence.IsQuestion && mentions.Count > 0 && mentions[^1] is { } changed
                && changed.Drug != matches[0].Value.Generic && sentence.Utterance.Index - changed.Sentence.Utterance.Index <= 8
                && mentions.Where(m => m.Sentence.Utterance.Index >= changed.Sentence.Utterance.Index - 8).Select(m => m.Drug).Distinct().Count() == 1
                && UnnamedChange(words, matches[0].Start, changed) is { } unnamed
                // ("Let's go up to twenty milligrams a day of the fluoxetine": the dose is the drug's after "of".)
                && !Enumerable.Range(unnamed.Dose.End, Math.Max(0, Math.Min(matches[0].Start, unnamed.Dose.End + 4) - unnamed.Dose.End)).Any(i => words[i] == "of"))
            {
                // "I've been taking the methotrexate fifteen milligrams every Monday." … "Let's go up to twenty milligrams weekly,
                // and take folic acid …": the change said before another drug is named is on the one drug talked about lately.
                changed.ExtraDecision = unnamed.Action;
                changed.ExtraDose = unnamed.Dose;
                changed.ExtraFrequency = Dosing.Frequency(words, unnamed.Dose.End, matches[0].Start) ?? changed.ExtraFrequency;
            }

            if (matches.Count > 0 && sentence.ByClinician && !sentence.IsQuestion && lastInUtterance is { Sentence.ByClinician: true, Negated: false, Action: "start" } undosed
                && ReferenceEquals(undosed.Sentence.Utterance, sentence.Utterance) && undosed.Sentence.Ordinal == sentence.Ordinal - 1
                && (undosed.Dose ?? undosed.ExtraDose) is null && undosed.Drug != matches[0].Value.Generic
                && Dosing.Doses(words, 0, matches[0].Start) is [var leadingDose, ..] && leadingDose.Start <= 3
                && Dosing.Frequency(words, leadingDose.End, matches[0].Start) is { } leadingFrequency
                && !Enumerable.Range(leadingDose.End, matches[0].Start - leadingDose.End).Any(i => words[i] is "of" or "with" or "and"))
            {
                // "I'm prescribing cefdinir, the liquid. She'll take one hundred twenty five milligrams … twice a day for ten days, for
                // fever … acetaminophen …": the dose and how often said before the next drug are the undosed drug's just started.
                undosed.ExtraDose = leadingDose;
                undosed.ExtraFrequency ??= leadingFrequency;
            }

            if (matches.Count == 0)
            {
                // "I'm starting four medicines.", "I'm prescribing what we call quadruple therapy." sets the decision for the list that follows; a sentence of
                // dosing without a drug name ("Take it in the morning with breakfast.") belongs to the last drug named.
                if (sentence.ByClinician && !sentence.IsQuestion && FindDecision(words, 0, words.Count) is { } generic
                    && words.Any(w => w is "medicines" or "medications" or "medicine" or "medication" or "prescriptions" or "therapy" or "regimen" or "antibiotics"))
                {
                    context = generic;
                }

                // "Start cephalexin … and valproate …. You'll take them once a day.": one frequency for the drugs just named.
                if (lastNamed.Count > 1 && ReferenceEquals(lastNamed[0].Sentence.Utterance, sentence.Utterance) && sentence.Ordinal == lastNamed[0].Sentence.Ordinal + 1
                    && words.Any(w => w is "both" or "them" or "each" or "all" or "together") && Dosing.Frequency(words, 0, words.Count) is { } shared)
                {
                    foreach (var named in lastNamed.Where(m => (m.Frequency ?? m.ExtraFrequency) is null))
                    {
                        named.ExtraFrequency = shared;
                    }
                }

                if (lastInUtterance is null && sentence.ByClinician && !sentence.IsQuestion && mentions.Count > 0
                    && mentions[^1] is { } discussed && sentence.Utterance.Index - discussed.Sentence.Utterance.Index <= 8
                    && mentions.Where(m => m.Sentence.Utterance.Index >= discussed.Sentence.Utterance.Index - 8).Select(m => m.Drug).Distinct().Count() == 1
                    // ("How has the mood been on the escitalopram?" … "No side effects, so I want to bump it up to twenty milligrams.")
                    && (words.Any(w => w is "dose" or "it") && PronounDecision(words, 0, words.Count) is "increase" or "decrease"
                        || words.Any(w => w is "tablet" or "capsule" or "pill" or "patch") && FindDecision(words, 0, words.Count) is "increase" or "decrease"
                        || UnnamedChange(words, words.Count, discussed) is not null)
                    && Dosing.Doses(words, 0, words.Count).Count > 0 && !DecidesOnSomethingElse(sentence))
                {
                    // "What dose are you on?" "Seventy five micrograms." … "I'm going to go up on the dose to eighty eight micrograms.": the
                    // one drug talked about lately is the one whose dose changes; so it is for "let's move him up to the twenty seven
                    // milligram tablet".
                    var unnamedChange = UnnamedChange(words, words.Count, discussed);
                    if (!words.Contains("dose") && (unnamedChange?.Action ?? FindDecision(words, 0, words.Count)) is { } change)
                    {
                        discussed.ExtraDecision = change;
                        discussed.ExtraDose = unnamedChange?.Dose ?? Dosing.Best(Dosing.Doses(words, 0, words.Count));
                    }

                    Attach(discussed, sentence, lexicon);
                    continue;
                }

                // "Would you like to try a nicotine patch, fourteen milligrams a day?" "Yes, let's try it.": an offer accepted starts it.
                if (!sentence.ByClinician && sentence.Ordinal == 0 && lastInUtterance is { Sentence: { ByClinician: true, IsQuestion: true }, Action: null } offer
                    && !ReferenceEquals(offer.Sentence.Utterance, sentence.Utterance) && Consent.Offers(offer.Sentence.Words) && Consent.Accepts(words))
                {
                    offer.ExtraDecision = "start";
                }

                // "Start aspirin eighty one milligrams at night." "I'm already taking it.": the drug just started is taken already.
                if (!sentence.ByClinician && sentence.Ordinal == 0 && lastInUtterance is { Sentence.ByClinician: true } started
                    && sentence.Utterance.Index == started.Sentence.Utterance.Index + 1 && words.Contains("already")
                    && words.Any(w => w is "taking" or "take" or "on" or "using" or "use") && !words.Any(w => w is "not" or "don't" or "haven't" or "isn't" or "no" or "stopped"))
                {
                    started.AlreadyTaken = true;
                }

                // "Can I take ibuprofen for it?" "Sure, four hundred milligrams every six hours if you need it.": leave asked and given.
                if (sentence.ByClinician && sentence.Ordinal == 0 && lastInUtterance is { Sentence: { ByClinician: false, IsQuestion: true }, Action: null } request
                    && !ReferenceEquals(request.Sentence.Utterance, sentence.Utterance) && Consent.Grants(words))
                {
                    // ("Can I keep taking naproxen?" "Yes, when you need it.": kept, not started.)
                    request.ExtraDecision = Consent.RequestsToKeep(request.Sentence.Words) ? "continue"
                        : Consent.Requests(request.Sentence.Words, "take", "use", "try", "have") ? "start" : null;
                }

                // Only the next two sentences: a long turn soon moves on to other things.
                // An answer to "And this box of Benadryl?" doses it only when it says a dose.
                var answering = lastInUtterance is not null && !ReferenceEquals(lastInUtterance.Sentence.Utterance, sentence.Utterance);
                if (carriedToPatient && !words.Any(w => w is "take" or "taking" or "on" or "using" or "been" or "took" or "taken" or "yes" or "yeah"))
                {
                    // The patient's dose is the drug's only when they say they take it.
                    answering = false;
                    lastInUtterance = null;
                }

                // "What about the St. John's wort?" "I'd like you to stop it.": the clinician's answer decides on the drug asked about.
                // The clinician's answer to the patient's question about the drug the clinician named says how to take it
                // ("Same time, in the morning?" "Yes, every morning before breakfast.").
                if (lastInUtterance is not null && (answering
                        ? sentence.Ordinal <= 1 && (Dosing.Doses(words, 0, words.Count).Count > 0 || sentence.ByClinician && PronounDecision(words, 0, words.Count) is not null
                            || sentence.ByClinician && lastInUtterance.Sentence.ByClinician && Dosing.Frequency(words, 0, words.Count) is not null
                            // "I'm down to the oxycodone … three times a day." "Let's go down to twice a day."
                            || sentence.ByClinician && !sentence.IsQuestion && FrequencyChange(words) is not null
                            // "Do I still take the metformin?" "Yes, a thousand twice a day with meals."
                            || sentence.ByClinician && lastInUtterance.Sentence is { ByClinician: false, IsQuestion: true } && words[0] is "yes" or "yeah" or "yep" or "right"
                                && Dosing.Frequency(words, 0, words.Count) is not null
                            // "Are you taking the sertraline, fifty milligrams?" "Yes, every morning."
                            || !sentence.ByClinician && (carriedToPatient || !lastInUtterance.Sentence.ByClinician && AskedWhenTaken(asked)
                                || lastInUtterance.Sentence is { ByClinician: true, IsQuestion: true }
                                    && (words[0] is "yes" or "yeah" or "yep" or "correct" or "right" || TakesIt(words))) && Dosing.Frequency(words, 0, words.Count) is not null)
                        : sentence.Ordinal - lastInUtterance.Sentence.Ordinal <= 2)
                    && !DecidesOnSomethingElse(sentence))
                {
                    Attach(lastInUtterance, sentence, lexicon);
                    if (answering && (lastInUtterance.Dose ?? lastInUtterance.ExtraDose) is null && AnsweredStrength(words, lastInUtterance.Drug, lexicon) is { } bare)
                    {
                        // "Do I still take the metformin?" "Yes, a thousand twice a day with meals.": a thousand milligrams.
                        lastInUtterance.ExtraDose = bare;
                    }

                    if (!sentence.ByClinician && answering && !patientNamed.Contains(lastInUtterance))
                    {
                        // "Tell me about the methotrexate." "I take two point five milligrams …" "Good, keep taking it.": the
                        // clinician's answer decides on the drug the patient just dosed.
                        patientNamed.Add(lastInUtterance);
                    }
                }

                continue;
            }

            string? previousDecision = null;
            var previousCurrent = false;
            var replacing = false;
            // Each drug of the sentence, whether it continues a list, and whether only connectors stand before it ("amoxicillin and ibuprofen").
            var listed = new List<(Mention Mention, bool Continues, bool Bare, bool Plain)>();
            for (var k = 0; k < matches.Count; k++)
            {
                var match = matches[k];
                var before = k == 0 ? 0 : matches[k - 1].End;
                var after = k + 1 < matches.Count ? matches[k + 1].Start : words.Count;
                var continues = k > 0 && ContinuesList(words, before, match.Start);
                var negated = Enumerable.Range(Math.Max(before, match.Start - 3), match.Start - Math.Max(before, match.Start - 3))
                    .Any(i => words[i] is "not" or "never" or "don't" or "no" or "without" or "didn't" or "haven't");
                string? decision = null;
                if (sentence.ByClinician && !sentence.IsQuestion && !IsConditional(words, match.Start))
                {
                    // The verb is said around the drug: "bump the amlodipine up", "the losartan stays at one hundred";
                    // or just before it ("I'm starting a daily controller inhaler, fluticasone").
                    decision = SplitDecision(words, Math.Max(before, match.Start - 3), match.Start, match.End, after)
                        ?? FromTo(words, match.End, after, FindDecision(words, Math.Max(before, match.Start - 6), match.Start))
                        ?? AfterDecision(words, match.Start, match.End, after)
                        ?? TopicAfterPronoun(words, match.Start, match.End, after)
                        ?? FindDecision(words, Math.Max(before, match.Start - 6), match.Start)
                        // "I want you to start two blood thinners for three weeks: aspirin …": the verb of the kind the list names.
                        ?? (KindNamedBefore(words, Math.Max(before, match.Start - 6), match.Start) is >= 0 and var kind ? FindDecision(words, Math.Max(before, kind - 6), kind) : null)
                        ?? TailDecision(words, match.Start, match.End, after)
                        ?? PronounDecision(words, match.End, UntilCondition(words, match.End, after))
                        // "Let's go up to three hundred milligrams of the lithium": the verb stands before the dose said first.
                        ?? (DoseSaidFirst(words, before, match.Start) is { } first ? FindDecision(words, Math.Max(before, first.Start - 4), first.Start) : null)
                        // "Swap the X … for Y": the drug replacing the stopped one is started, not listed with it.
                        ?? (replacing ? "start" : null)
                        ?? (continues ? previousDecision : null);
                }

                replacing = false;
                if (decision == "stop" && Enumerable.Range(match.End, Math.Max(0, Math.Min(after, match.End + 3) - match.End)).Any(i => words[i] is "slowly" or "gradually"
                    || words[i] == "over" && Enumerable.Range(i + 1, Math.Max(0, Math.Min(after, i + 5) - i - 1)).Any(j => words[j] is "weeks" or "week" or "month" or "months")))
                {
                    // "I'd like to get you off the lorazepam slowly", "… off the tramadol over the next month": a taper lowers the dose first.
                    decision = "decrease";
                }

                // The patient says "I take …"; the clinician says "you're on …", "your lisinopril", "since we started the …"
                // (a clinician's bare "take naproxen" is an instruction, not a report of use).
                // "I've been taking five hundred milligrams of cephalexin": the cue stands before the dose said first.
                var doseFirst = DoseSaidFirst(words, before, match.Start);
                var cueFrom = Math.Max(before, (doseFirst?.Start ?? match.Start) - 4);
                var cueWindow = Enumerable.Range(cueFrom, match.Start - cueFrom).Select(i => words[i]).ToList();
                // "You can take acetaminophen …", "you should use …": a clinician's modal is an instruction, not a report of use.
                var instructed = sentence.ByClinician && cueWindow.Any(w => w is "can" or "could" or "should" or "may" or "might" or "need" or "want" or "you'll" or "he'll" or "she'll");
                var reported = sentence.ByClinician
                    // ("If the itching keeps her up, give cetirizine": "her" is the patient, not her drug.)
                    // ("For your back, use acetaminophen instead": "your" of what the instruction is for.)
                    ? Enumerable.Range(cueFrom, match.Start - cueFrom).Any(i => (words[i] is "your" or "his" or "started")
                            && !Enumerable.Range(i + 1, match.Start - i - 1).Any(k => words[k] is "use" or "take" or "try" or "start" or "apply" or "give")
                        || words[i] == "her" && !(i + 1 < match.Start && words[i + 1] is "up" or "off" or "out" or "on" or "down" or "away" or "to" or "a" or "the" or "some" or "give" or "take")
                            && !(i > 0 && words[i - 1] is "give" or "get" or "put" or "start" or "prescribe" or "send" or "offer" or "try" or "switch" or "move" or "bring" or "have" or "let"))
                    // "Do you still have the nitroglycerin tablets?": kept on hand is taken when needed.
                    || sentence.IsQuestion && cueWindow.Contains("still") && cueWindow.Any(w => w is "have" or "got" or "carry" or "keep")
                    || AskedHowOn(sentence, match.Start) || AskedStillOnAfter(sentence, match.Start, match.End)
                        || decision is null && !instructed && !sentence.IsQuestion && NoteExtractor.FirstWord(words) is not ("take" or "use" or "start" or "give" or "apply" or "try")
                            // ("And for the flare, prednisone forty milligrams once a day for five days." "Yeah.": a course of set length
                            // is prescribed now, not an account of one taken.)
                            && Consent.ConfirmedNext(transcript, sentence) && Dosing.Duration(words, match.End, after) is null
                        || !instructed && cueWindow.Any(w => w is "you're" or "you" or "you've" or "he's" or "she's" or "still") && cueWindow.Any(w => CurrentCues.Contains(w))
                            // ("If you get hives, cetirizine …": "get" of a symptom, not of the drug, which is got only right before it.)
                            && (cueWindow.Any(w => CurrentCues.Contains(w) && w is not ("get" or "gets" or "getting")) || GetsIt(words, match.Start))
                            // "Have you ever been on bupropion?", "Should we put you on …?": asked of the past or of a start, not of now.
                            && !(sentence.IsQuestion && words.Take(match.Start).Any(w => w is "ever" or "before" or "should" or "would" or "could" or "shall" or "put" or "want" or "try"))
                    : (cueWindow.Any(w => CurrentCues.Contains(w)) || answersMedicationQuestion
                        // "I'm down to the oxycodone five milligrams three times a day", "I'm up to two of the gabapentin".
                        || cueWindow.Contains("i'm") && cueWindow.Contains("to") && cueWindow.Any(w => w is "down" or "up")
                        // "I take twenty milligrams once a day, and the amoxicillin is eight hundred seventy five milligrams …": a
                        // patient who says they take something goes on to dose the next drug.
                        || Enumerable.Range(0, cueFrom).Any(i => words[i] is "take" or "taking" or "on") && Dosing.Doses(words, match.End, after).Count > 0
                        // "… and the lisinopril I take ten milligrams daily": the patient's "I take" right after the name.
                        || TakenAfterName(words, match.End, after))
                        && !SomeoneElsesDrug(words, match.Start) && !TakenLongAgo(words)
                        // "Can I take ibuprofen for it?": asking leave to take it, not telling of taking it.
                        // ("Can I keep taking naproxen?" tells of taking it.)
                        && !(sentence.IsQuestion && !Consent.RequestsToKeep(words)
                            && Enumerable.Range(Math.Max(0, match.Start - 4), Math.Min(4, match.Start)).Any(i => words[i] is "can" or "could" or "should" or "may" && i + 1 < words.Count && words[i + 1] == "i"));
                if (!sentence.ByClinician && NeverTaken(words))
                {
                    // "My old doctor wanted me on lisinopril, but I never filled it."
                    reported = false;
                    negated = true;
                }

                if (sentence.ByClinician && sentence.IsQuestion && decision is null && StoppedAsked(words, match.Start) && Consent.ConfirmedNext(transcript, sentence))
                {
                    // "You stopped the atorvastatin because of the muscle aches?" "Yes, …": the patient stopped it.
                    decision = "stop";
                }

                if (!sentence.ByClinician && !sentence.IsQuestion && (StoppedOwn(words, match.End, after) || TakenOffBefore(words, match.Start)
                    || k == matches.Count - 1 && transcript.SentencesOf(sentence.Utterance.Index).FirstOrDefault(n => n.Ordinal == sentence.Ordinal + 1) is { } next
                        && lexicon.Drugs.FindAll(next.Words).Count == 0 && StoppedOwn(next.Words, 0, next.Words.Count)))
                {
                    // "I was on omeprazole but I stopped it two months ago", "I tried saw palmetto, but it didn't help, so I quit.",
                    // "I used to take melatonin. I stopped taking it when we moved."
                    decision = "stop";
                }

                var current = decision is null
                    && (reported || continues && previousCurrent);
                var doses = Dosing.Doses(words, match.End, after);
                if (decision is "increase" or "decrease")
                {
                    // "increase it to one thousand milligrams": the new dose follows "to".
                    var to = Enumerable.Range(match.End, Math.Max(0, after - match.End)).FirstOrDefault(i => words[i] == "to", -1);
                    if (to >= 0 && doses.Where(d => d.Start > to).ToList() is { Count: > 0 } newDoses)
                    {
                        // "lower the Lantus from twenty two units to sixty units": a change the wrong way from the dose before it is a
                        // teen heard as a ty (or the other way).
                        if (doses.LastOrDefault(d => d.End <= newDoses[0].Start) is { } was && was.Unit == newDoses[0].Unit
                            && WrongWay(was.Amount, newDoses[0].Amount, decision) is { } heard)
                        {
                            newDoses[0] = newDoses[0] with { Amount = heard };
                        }

                        doses = newDoses;
                    }
                }

                if (decision == "decrease" && doses.Count == 0 && match.Start >= 2 && words[match.Start - 2] is "drop" or "dropping" && words[match.Start - 1] is "the" or "your"
                    && !Enumerable.Range(match.End, Math.Max(0, Math.Min(after, match.End + 3) - match.End)).Any(i => words[i] is "to" or "by" or "down" or "dose"))
                {
                    // "Let's drop the metformin": dropped altogether ("drop the metformin to five hundred" lowers it).
                    decision = "stop";
                }

                var loading = false;
                var frequencyFrom = match.End;
                string? startingWith = null;
                if (decision == "stop" && matches.Count == 1 && InsteadOfRegimen(words, match.Start, match.End, after) is var (change, newFrom))
                {
                    // "Instead of furosemide forty once a day, take forty milligrams twice a day": the same drug on a new regimen.
                    decision = change;
                    frequencyFrom = newFrom;
                    doses = Dosing.Doses(words, newFrom, after) is { Count: > 0 } newDoses ? newDoses
                        // ("… take twenty five twice a day": a bare amount in the unit of the dose before.)
                        : doses.Count > 0 && BareAmount(words, newFrom, doses[0]) is { } bareNew ? [bareNew] : doses;
                }
                // "Increase the Lantus by two units every three days until …": a titration's step and how often it is taken, not the
                // dose and its frequency.
                var titrated = decision is "increase" or "decrease" && match.End + 1 < after && words[match.End] == "by"
                    && doses.FirstOrDefault() is { } step && step.Start == match.End + 1;
                if (titrated)
                {
                    doses = [];
                }
                else if (StartingPhase(words, doses) is var kept && (kept ?? LoadingDose(words, doses)) is { } maintenance)
                {
                    loading = true;
                    frequencyFrom = maintenance.End;
                    if (kept is not null)
                    {
                        // The note keeps the first phase: "5 mg twice daily, after 10 mg twice daily for the first 7 days".
                        var phaseEnd = Enumerable.Range(doses[0].End, kept.Start - doses[0].End).Last(i => PhaseTurn(words, i));
                        phaseEnd -= phaseEnd > 0 && words[phaseEnd - 1] == "and" ? 1 : 0;
                        startingWith = "after " + NoteStyle.Shorthand(string.Join(' ', words.Skip(doses[0].Start).Take(phaseEnd - doses[0].Start))).TrimEnd('.');
                    }

                    // "Colchicine 1.2 milligrams now, then 0.6 milligrams an hour later, then 0.6 milligrams twice a day": the dose
                    // taken from then on is the one the frequency belongs to.
                    doses = [maintenance];
                }

                if (decision is "increase" or "decrease" && doseFirst is { } target && target.Start > 0 && words[target.Start - 1] == "to")
                {
                    // "Let's go up to twenty milligrams of the escitalopram, two of your ten milligram tablets": the new dose is the one
                    // said before the drug.
                    doses = [target];
                }

                // ("Keep the acetaminophen, up to three thousand milligrams a day": a most a day, not the dose.)
                // ("Let's take the lisinopril up to forty milligrams a day" goes up to a new dose; "take ibuprofen instead, up to twelve
                // hundred milligrams a day" says no other.)
                var dailyMost = (decision is null or "increase" or "decrease") && doses.Count < 2 ? null : doses.FirstOrDefault(d => DailyMost(words, d));
                // (Kept as the dose when no other is said, it still says nothing of how often: "take acetaminophen, up to three
                // thousand milligrams a day" is no "once daily".)
                var mostSaid = dailyMost ?? (decision is not ("increase" or "decrease") && doses.Count == 1 && DailyMost(words, doses[0]) ? doses[0] : null);
                doses = doses.Where(d => d != dailyMost).ToList();
                var dose = PerPieces(UsualStrength(EightHeardAsAnd(words, Dosing.Best(doses), match.Value, lexicon), match.Value, lexicon), doses, match.Value, lexicon);
                if (dose is null && match.Value.Generic == "aspirin" && (words[match.Start] == "baby" || match.Start > 1 && words[match.Start - 1] == "dose" && words[match.Start - 2] == "low"))
                {
                    // "A baby aspirin", "low dose aspirin": eighty one milligrams.
                    dose = new Dose(81, "mg", match.Start, match.End, true);
                }

                if (dose is null && BareStrength(words, match, after, lexicon) is { } bare)
                {
                    // "And the gabapentin three hundred, I take two at bedtime", "the losartan stays at one hundred".
                    dose = bare;
                }

                // (Not a count of tablets before a tablet's strength: "two five hundred milligram tablets".)
                if (dose is { Unit: "mg" or "mcg", Strength: false } && IsCombination(match.Value.Generic, lexicon) && PairedStrength(words, match.End, dose.Start) is { Amount: >= 5 } paired)
                {
                    // "Percocet five slash three twenty five milligrams": both strengths of the combination, 5/325 mg.
                    dose = dose with { Paired = paired.Amount, Start = paired.Start };
                }

                if (dose is null && doseFirst is { } adjectival && adjectival.End == match.Start)
                {
                    // "a fifteen milligram morphine pill": the strength said before the name.
                    dose = adjectival;
                }

                if ((dose is null || dose is { Unit: "ml" } && dose.Start > match.End) && match.Start >= 3
                    && (words[match.Start - 1] is "of" || words[match.Start - 1] is "the" or "elemental" && words[match.Start - 2] is "of"))
                {
                    // (A mass said before the drug over the volume said after it: "fifteen milligrams of elemental iron a day, that's
                    // one milliliter of the drops" is 15 mg.)
                    // "one hundred sixty milligrams of acetaminophen", "… of the acetaminophen", "… of elemental iron"; not "… every night fifty milligrams
                    // the tylenol is for my knees", where the dose ends what was said before.
                    var ofAt = words[match.Start - 1] == "of" ? match.Start - 1 : match.Start - 2;
                    dose = Dosing.Doses(words, before, ofAt + 1).LastOrDefault(d => d.End >= ofAt - 3) is { } said && (dose is null || said.IsMass) ? said : dose;
                }

                if (sentence.ByClinician && !sentence.IsQuestion && decision is null or "continue" && dose is not null
                    && InsteadOf(words, dose, after) is { } former && Direction(former, dose) is { } redosed)
                {
                    // "Keep the metformin but at five hundred milligrams twice a day, not a thousand": a new dose of it.
                    decision = redosed;
                }

                if (k + 1 < matches.Count && decision is null && sentence.ByClinician && SwitchedAwayFrom(words, match.End, matches[k + 1].Start, matches[k + 1].End))
                {
                    // "The hydrochlorothiazide raises uric acid, so let's switch you to losartan instead": the first is stopped.
                    decision = "stop";
                }

                if (k + 1 < matches.Count && decision is "start" or null && Replaces(words, match.Start, match.End, matches[k + 1].Start))
                {
                    // "We'll swap the oxybutynin for mirabegron", "I'm switching the Flovent to Symbicort": the first is stopped, the second started.
                    decision = "stop";
                    replacing = true;
                }

                // "We talked about finasteride too, but let's hold off on that": a drug weighed and put off is not held, it was never begun.
                var weighedAndPutOff = decision == "hold" && !reported && (Considered(words, Math.Max(0, match.Start - 7), match.Start)
                    && Dosing.Says(words, PutOffs, match.End, after) || LeftOut(words, match.Start));
                var spoken = new DrugSaid(match.Start, dose?.End ?? match.End);
                if (sentence.ByClinician && !current && (weighedAndPutOff || Negation.AnswersWhatIf(transcript, sentence) || decision is null && (Considered(words, Math.Max(0, match.Start - ConsideredReach), words.Count, dose is null ? ConsideredUntil(words, matches, k) : match.End, spoken) || DeferredNext(transcript, sentence, lexicon))
                    || decision == "start" && (Considered(words, StartDeferralFrom(words, before, match.Start), match.Start, said: spoken) || PutOffAfter(words, match.End, after, dose) || dose is null && NotDoneExtractor.AddedIfNeeded(words, match.Start, match.End)
                        || dose is null && k == matches.Count - 1 && DeferredNext(transcript, sentence, lexicon))))
                {
                    // "There's also a newer medicine called finerenone; I'd rather not add it today", "we could consider
                    // X down the road": a drug discussed, not started.
                    decision = null;
                    negated = true;
                }

                if (IsDescription(words, match.Start) || Tested(words, match.Start, match.End) || Nutrient(words, match.Start, match.End))
                {
                    // "It's a vitamin D type cream": what the drug just named is, not another drug.
                    continue;
                }

                // "… don't go over three thousand milligrams of Tylenol a day": a most per day, not how often it is taken.
                var limited = match.Start >= 2 && words[match.Start - 1] == "of" && Dosing.LimitBefore(words, match.Start - 1);
                // "Start aspirin eighty one milligrams daily and keep sublingual nitroglycerin on hand": the route after the last "and"
                // before the next drug is that drug's.
                var routeTo = k + 1 < matches.Count && LastJoint(words, match.End, after) is >= 0 and var joint ? joint : after;
                // "Tylenol for the fever.", "ibuprofen for pain": the clinician's plan said as the drug and the symptom it is for.
                // So is "Take acetaminophen for the pain, and …": the bare instruction with what it is for.
                // "Acetaminophen is fine for the headache, five hundred milligrams every six hours": leave to take it for the symptom.
                // ("Acetaminophen or ibuprofen for pain": each drug of a choice, said as one.)
                var (choiceStart, choiceEnd) = Choice(words, matches, k);
                // ("Otherwise, acetaminophen for the fever": a word that joins the sentence to the last stands before the plan.)
                choiceStart -= choiceStart > 0 && words[0] is "otherwise" or "also" or "plus" or "and" or "then" && (choiceStart == 1 || words[1] is "take" or "use") ? 1 : 0;
                var fineFor = choiceStart == 0 && choiceEnd + 2 < words.Count && words[choiceEnd] is "is" or "are" && words[choiceEnd + 1] is "fine" or "okay" or "ok" or "safe";
                var forSymptom = decision is null && sentence.ByClinician && !sentence.IsQuestion
                    && (fineFor || choiceStart == 0 && (words.Count - choiceEnd <= 5 || SymptomThenAnd(words, choiceEnd)) || choiceStart == 1 && words[0] is "take" or "use"
                        // "Drink fluids, rest, and take acetaminophen for the fever": the last of a list of instructions.
                        || choiceStart >= 2 && words[choiceStart - 1] is "take" or "use" && words[choiceStart - 2] is "and" or "then" && NoteExtractor.IsInstruction(words))
                    && Dosing.ForSymptom(words, fineFor ? choiceEnd + 2 : choiceEnd, words.Count);
                decision ??= forSymptom || sentence.ByClinician && !sentence.IsQuestion && UsedInstead(words, before, match.Start, match.End, after) ? "start" : null;
                if (decision == "hold" && sentence.ByClinician && !current && !reported && !mentions.Any(m => m.Drug == match.Value.Generic)
                    && Enumerable.Range(Math.Max(before, match.Start - 3), match.Start - Math.Max(before, match.Start - 3)).Any(i => words[i] == "skip")
                    && words.Skip(match.End).All(w => w is "too" or "completely" or "altogether" or "entirely"))
                {
                    // "For the pain, acetaminophen … Skip the ibuprofen.": a drug the patient is not on, to avoid, not one held ("skip
                    // the aspirin until after the procedure" holds it).
                    decision = null;
                    negated = true;
                }

                // ("We're adding medicines that help the heart. You're on carvedilol …": what the patient is on is no part of the list started.)
                var mention = new Mention(match.Value.Generic, sentence, decision ?? (sentence.ByClinician && !sentence.IsQuestion && dose is not null && !current ? context : null),
                    current, dose, limited || titrated || AsksHowMany(sentence) ? null : NewFrequency(words, frequencyFrom, Math.Min(UntilHabit(words, match.End, after), mostSaid?.Start ?? int.MaxValue)) ?? (forSymptom ? "as needed" : null), Dosing.Route(words, RouteFrom(words, before, match.Start, k), routeTo), negated && decision is null);
                // "You can use naproxen …", "you may take …": leave given, not a new prescription.
                mention.Permitted = instructed && cueWindow.Any(w => w is "can" or "may") || forSymptom && fineFor;
                // ("Keep taking it thirty minutes before breakfast, and keep your calcium four hours away from it": how often "it" is
                // taken, a drug said before this sentence.)
                if (mention.Frequency is null && !limited && !titrated && matches[0].Start > 0 && Dosing.Doses(words, 0, matches[0].Start).Count == 0
                    && !Enumerable.Range(1, matches[0].Start - 1).Any(i => words[i] is "it" or "them" && words[i - 1] is "take" or "taking" or "use" or "using" or "give" or "giving")
                    && Dosing.Frequency(words, 0, matches[0].Start) is { } leading)
                {
                    // "Once a week, you'll take methotrexate fifteen milligrams", "each week you'll take methotrexate … and folic acid …":
                    // how often, said before the drugs of the sentence (not the last drug's, dosed before this one: "a hundred twenty
                    // milligrams once a day, then the valganciclovir I take …").
                    mention.LeadingFrequency = leading;
                }

                if (dose is null && decision is "increase" or "decrease")
                {
                    // "Raise the lamotrigine to one fifty": the new strength in the unit the drug was dosed in before.
                    mention.BareTarget = BareTarget(words, match.End, after);
                }

                if (mention.Frequency is not null && !mention.Frequency.Contains(", then ", StringComparison.Ordinal))
                {
                    mention.PhaseDuration = Dosing.Duration(words, match.End, after);
                }

                // ("You've been on the Synthroid for a year now": how long it has been taken is no instruction.)
                if (sentence.ByClinician && !sentence.IsQuestion && !titrated && !loading && decision is not "stop" and not "hold" && !current)
                {
                    mention.Details = Dosing.Details(words, match.End, after, mention.Frequency);
                }
                else if (startingWith is not null && decision is not "stop" and not "hold" && !current)
                {
                    mention.Details = string.Join(", ", new[] { Dosing.Details(words, frequencyFrom, after, mention.Frequency), startingWith }.OfType<string>());
                }

                if (titrated)
                {
                    // The step as the note says it: "by 2 units every 3 days until fasting sugars under 130".
                    var stepText = NoteStyle.Shorthand(string.Join(' ', words.Skip(match.End).Take(after - match.End))).TrimEnd('.');
                    mention.Titration = stepText.Length == 0 ? null : char.ToLowerInvariant(stepText[0]) + stepText[1..];
                }

                mention.Loading = dose is not null && FirstDoseSaid(words, Math.Max(before, dose.Start - 4), dose.Start);
                // (A recogniser's turn cut into clauses before the verb: "… once a day after three weeks you'll | stop the clopidogrel".)
                mention.DecidedLater = decision is "stop" or "continue" && sentence.ByClinician
                    ? LaterBy(words, Math.Max(0, match.Start - 12), after)
                        ?? (match.Start <= 10 && transcript.SentencesOf(sentence.Utterance.Index).FirstOrDefault(s => s.Ordinal == sentence.Ordinal - 1) is { } clause
                            ? LaterBy(clause.Words, Math.Max(0, clause.Words.Count - 5), clause.Words.Count) : null)
                    : null;
                mentions.Add(mention);
                var between = Enumerable.Range(before, match.Start - before).ToList();
                listed.Add((mention, continues, between.All(i => Connectors.Contains(words[i])),
                    between.All(i => Connectors.Contains(words[i]) || DosingWords.Contains(words[i]) || NumberWords.IsNumberWord(words[i]))));
                if (k == 0 || !Enumerable.Range(Math.Max(before, match.Start - 3), match.Start - Math.Max(before, match.Start - 3)).Any(i => words[i] is "while" or "until" or "till"))
                {
                    // ("A short course of prednisone while the methotrexate kicks in. Twenty milligrams a day …": the drug of a
                    // clause of time is no topic the next sentence goes on about.)
                    lastInUtterance = mention;
                }

                // What the turn says next is about the drug it names, no longer the one carried over from the clinician's turn.
                carriedToPatient = false;
                previousDecision = decision;
                previousCurrent = current;
                // "Tell me about the methotrexate." asks as a question does.
                questioned = (sentence.IsQuestion || Dosing.At(words, 0, words.Count, "tell", "me", "about") || sentence.ByClinician && PointsAt(words)) && matches.Count == 1 ? mention : null;
                if (!sentence.ByClinician)
                {
                    patientNamed.Add(mention);
                }
            }

            if (sentence.ByClinician && matches.Count == 1 && listed.Count == 1 && listed[0].Mention.Decision == "start" && lastNamed.Count == 1
                && lastNamed[0] is { Action: null } replaced && replaced.Drug != listed[0].Mention.Drug && ReferenceEquals(replaced.Sentence.Utterance, sentence.Utterance)
                && replaced.Sentence.Ordinal == sentence.Ordinal - 1 && SwitchedAwayFrom(words, 0, matches[0].Start, matches[0].End))
            {
                // "The hydrochlorothiazide raises uric acid. Let's switch you to losartan instead.": the drug before is stopped.
                replaced.ExtraDecision = "stop";
            }

            if (sentence.ByClinician && matches.Count == 1 && listed.Count == 1 && listed[0].Mention.Decision is "start" or null && words.Skip(matches[0].End).Contains("instead")
                && sentence.Utterance.Index >= 2 && transcript.SentencesOf(sentence.Utterance.Index - 1).ToList() is [{ ByClinician: false }, ..] objection
                && objection.Any(o => AllergyTalk.Mentions(o.Words))
                && mentions.Where(m => m.Sentence.Utterance.Index == sentence.Utterance.Index - 2).ToList() is [{ Decision: "start" or null, Current: false, Sentence.ByClinician: true } offered]
                && offered.Drug != listed[0].Mention.Drug && mentions.Count(m => m.Drug == offered.Drug) == 1)
            {
                // "Amoxicillin clavulanate twice a day for seven days." "I'm allergic to penicillin." "Then let's do doxycycline instead.":
                // the first choice was never prescribed.
                offered.Withdrawn = true;
            }

            ShareFrequency(listed);
            lastNamed = listed.Select(l => l.Mention).ToList();
        }

        // "Metoprolol succinate fifty" … "keep the metoprolol": the drug said by its base name is the one form of it named.
        var drugs = mentions.Select(m => m.Drug).ToHashSet(StringComparer.Ordinal);
        // (A salt, not a combination: "amlodipine" is not "amlodipine benazepril".)
        string Form(string drug) => drugs.Where(d => d.StartsWith(drug + " ", StringComparison.Ordinal) && Salts.Contains(d[(drug.Length + 1)..])).ToList() is [var only] ? only : drug;
        return mentions.GroupBy(m => Form(m.Drug)).SelectMany(SplitByRoute).Select(Merge).OfType<MedicationFact>()
            .OrderBy(m => m.Evidence[0].Utterance).ToList();
    }

    /// <summary>
    /// The drug a turn goes on about when the turn before it names none: across a question about it ("I'd like to start
    /// metoclopramide." "How do I take it?" "Five milligrams daily."), or, for the patient, right after the clinician named
    /// it ("The levothyroxine has to stop." "I've been taking eighty eight micrograms."). One drug only, or it is a guess.
    /// </summary>
    private static Mention? Carried(List<Mention> mentions, Sentence sentence, Utterance before, Sentence? lastSentence)
    {
        static Mention? Only(IEnumerable<Mention> named) => named.ToList() is { Count: > 0 } list && list.Select(m => m.Drug).Distinct().Count() == 1 ? list[^1] : null;
        var inBefore = mentions.Where(m => m.Sentence.Utterance.Index == before.Index).ToList();
        if (inBefore.Count == 0 && lastSentence is { IsQuestion: true } && before.ByClinician != sentence.ByClinician)
        {
            // "… terbinafine … I'm also starting hydroxyzine." "When do I take that?": "that" or "it" is the drug named last.
            var asked = mentions.Where(m => m.Sentence.Utterance.Index == before.Index - 1 && m.Sentence.ByClinician == sentence.ByClinician).ToList();
            return Only(asked) ?? (asked.Count > 0 && lastSentence.Words.Any(w => w is "that" or "it" or "this") ? asked[^1] : null);
        }

        if (inBefore.Count == 0 && sentence.ByClinician && !before.ByClinician && lastSentence is { IsQuestion: false }
            && (lastSentence.Words.Any(w => w is "that" or "it" or "them") || Tokens.Words(sentence.Utterance.Text).Take(8).Any(w => w is "it" or "them" or "that")
                // ("How is the lactulose going?" "Maybe one a day." "Take thirty milliliters twice a day.")
                || sentence.Words.Count > 0 && sentence.Words[0] is "take" or "use" or "give" or "apply" && Dosing.Doses(sentence.Words, 0, sentence.Words.Count).Count > 0))
        {
            // "You're also using the hydrocortisone cream?" "I stopped that, it didn't do anything." "Fine, leave that off.": the
            // clinician's reply is on the one drug asked about; so it is when the reply says "it" ("Now and then." "Keep it for
            // nights you can't sleep, fifty milligrams at bedtime.").
            // ("Now it's time for … allopurinol." "My brother takes that." "… One hundred milligrams a day to begin with.": the
            // drug the clinician named, dosed after the patient's reply.)
            return Only(mentions.Where(m => m.Sentence.Utterance.Index == before.Index - 1 && m.Sentence is { ByClinician: true, IsQuestion: true }))
                ?? (Tokens.Words(sentence.Utterance.Text) is var said && Dosing.Doses(said, 0, said.Length).Count > 0 && lastSentence.Words.Any(w => w is "that" or "it" or "them")
                    ? Only(mentions.Where(m => m.Sentence.Utterance.Index == before.Index - 1 && m.Sentence.ByClinician)) : null);
        }

        return !sentence.ByClinician && before.ByClinician && lastSentence is { IsQuestion: false } ? Only(inBefore) : null;
    }

    /// <summary>
    /// Where a clause about a habit begins ("… and I drink two beers a day", "I walk every day", "I smoke a pack a day"): how
    /// often the patient drinks, walks or smokes is not how often the drug named before is taken.
    /// </summary>
    private static int UntilHabit(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i + 1 < to; i++)
        {
            if (words[i] is "i" or "he" or "she" or "we" or "you" or "they" && HabitVerbs.Contains(words[i + 1])
                // "… and the empagliflozin ten milligrams, you should keep to weigh yourself every morning": a measure the patient
                // takes of themself.
                || words[i] is "weigh" or "check" or "measure" or "test" && words[i + 1] is "yourself" or "herself" or "himself" or "your" or "her" or "his")
            {
                return i;
            }
        }

        return to;
    }

    private static readonly HashSet<string> HabitVerbs =
    [
        "drink", "drinks", "smoke", "smokes", "vape", "vapes", "walk", "walks", "run", "runs", "swim", "swims", "bike", "bikes", "exercise", "exercises",
        "eat", "eats", "sleep", "sleeps", "work", "works", "chew", "chews", "jog", "jogs",
    ];

    /// <summary>"How often?", "When do you take it?", "Once or twice a day?": the clinician asks how often a drug is taken.</summary>
    private static bool AskedWhenTaken(Sentence? question) =>
        question is { ByClinician: true, IsQuestion: true } && question.Words.Any(w => w is "often" or "when" or "time" or "times" or "frequency" or "schedule"
            or "day" or "daily" or "night" or "nightly" or "morning" or "evening" or "week" or "weekly");

    /// <summary>
    /// "And this box of Benadryl", "the lisinopril": a few words that only point at a drug, with no verb and no number, ask
    /// about it as "And this box of Benadryl?" does; a recogniser drops the question mark.
    /// </summary>
    private static bool PointsAt(IReadOnlyList<string> words)
    {
        var first = 0;
        while (first < words.Count && words[first] is "and" or "now" or "okay" or "then" or "also" or "what" or "how")
        {
            first++;
        }

        return words.Count <= 6 && first < words.Count && words[first] is "this" or "these" or "the" or "your" or "that" or "those"
            && !words.Any(w => NumberWords.IsNumberWord(w) || w.Contains('\'') || StatementVerbs.Contains(w) || w.EndsWith("ing", StringComparison.Ordinal));
    }

    /// <summary>Words that make a few words about a drug a statement or an instruction rather than a pointer at it.</summary>
    private static readonly HashSet<string> StatementVerbs =
    [
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "take", "stop", "start", "keep", "continue", "increase",
        "decrease", "use", "try", "give", "need", "needs", "want", "like", "looks", "look", "seems", "works", "work", "goes", "go", "stays", "stay",
        "can", "will", "should", "must", "may", "might", "could", "would", "hold", "add", "cut", "drop", "raise", "lower", "reduce", "switch", "sounds",
        "comes", "come", "helps", "help", "again", "too",
    ];

    /// <summary>"fifty milligrams of the losartan", "a fifteen milligram morphine …": the dose said right before a drug is that drug's.</summary>
    private static bool DosesNext(IReadOnlyList<string> words, int doseEnd, int drugStart) =>
        Enumerable.Range(doseEnd, Math.Max(0, drugStart - doseEnd)).All(i => words[i] is "of" or "the" or "your" or "tablet" or "tablets" or "pill" or "pills"
            or "capsule" or "capsules" or "a" or "day" or "daily")
        // ("forty milligrams a day of the omeprazole").
        && (drugStart == doseEnd || words[doseEnd] is "of" or "tablet" or "tablets" or "pill" or "pills" or "capsule" or "capsules" || words[drugStart - 1] == "of" || drugStart >= 2 && words[drugStart - 2] == "of");

    /// <summary>"I took it once in college", "I tried it years ago": a drug taken once, long ago, is not taken now.</summary>
    private static bool TakenLongAgo(IReadOnlyList<string> words) =>
        words.Any(w => w is "took" or "tried" or "used")
        && (Dosing.Says(words, LongAgo)
            // "I tried it once", not "the Spiriva once a day … I've used the albuterol six times today".
            || Enumerable.Range(0, words.Count).Any(i => words[i] == "once" && !(i + 1 < words.Count && words[i + 1] is "a" or "daily" or "weekly" or "every" or "each" or "per" or "in" or "at")));

    private static readonly string[][] LongAgo =
        [["college"], ["kid"], ["child"], ["teenager"], ["years", "ago"], ["long", "time", "ago"], ["high", "school"], ["back", "then"]];

    /// <summary>
    /// Where a deferral before a started drug is looked for: the seven words before it, but not past a drug named before it
    /// when the start's own verb follows that drug ("I'll avoid cephalexin and go with doxycycline": the avoiding is the
    /// cephalexin's), unless the two are alternatives ("we could try X or add Y").
    /// </summary>
    private static int StartDeferralFrom(IReadOnlyList<string> words, int before, int start) =>
        before > 0 && FindDecision(words, before, start) is not null && !Enumerable.Range(before, start - before).Any(i => words[i] == "or")
            ? Math.Max(before, start - 7)
            : Math.Max(0, start - 7);

    /// <summary>
    /// "How's school going on the Concerta?", "Any side effects on the sertraline?": the clinician's question about life on a
    /// drug takes for granted that the patient is on it; not "have you ever been on …", "should we put you on …".
    /// </summary>
    private static bool AskedHowOn(Sentence sentence, int start)
    {
        var words = sentence.Words;
        var on = start >= 1 && words[start - 1] == "on" ? start - 1 : start >= 2 && words[start - 1] is "the" or "his" or "her" or "your" && words[start - 2] == "on" ? start - 2 : -1;
        // "And the lactulose, how many bowel movements a day?", "How's the metformin going?": asked of the drug taken.
        // ("And you mentioned the Tums, how many a day?")
        if (sentence.IsQuestion && start >= 2 && words[start - 1] is "the" or "your" && words.Take(start).Any(w => w is "mentioned" or "said"))
        {
            return true;
        }

        if (sentence.IsQuestion && start is >= 2 and <= 3 && words[start - 1] is "the" or "your" && !words.Take(start).Any(w => w is "about" or "ever")
            && (words[0] is "how" or "how's" || words[0] is "and" or "so" && words.Skip(start + 1).Any(w => w is "how" or "going" or "working")))
        {
            return true;
        }

        return sentence.IsQuestion && on >= 1 && words[0] is "how" or "how's" or "any" or "what" or "what's" or "and" or "so"
            && words[on - 1] is not ("you" or "him" or "her" or "them" or "been" or "go" or "get" or "put" or "start" or "stay")
            && !words.Take(on).Any(w => w is "ever" or "before" or "should" or "would" or "could" or "want" or "try" or "about" or "considered" or "thought");
    }

    /// <summary>
    /// Where the words before a drug that may say its route begin: after the drug before it, and after the last "and" between
    /// them ("clindamycin one percent gel in the morning, and doxycycline …": the gel is the clindamycin's).
    /// </summary>
    private static int RouteFrom(IReadOnlyList<string> words, int before, int start, int k) =>
        k == 0 ? before : LastJoint(words, before, start) is >= 0 and var joint ? joint + 1 : before;

    /// <summary>The last "and", "plus", "then" or "with" between two drugs, where one drug's words end and the next's begin; -1 if none.</summary>
    private static int LastJoint(IReadOnlyList<string> words, int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from)).LastOrDefault(i => words[i] is "and" or "plus" or "then" or "with", -1);

    /// <summary>A combination product: a generic of several words, one of which is a drug of its own, and not a salt ("metoprolol succinate").</summary>
    private static bool IsCombination(string generic, ClinicalLexicon lexicon) =>
        generic.Split(' ') is { Length: > 1 } parts && parts.Any(lexicon.DrugNames.Contains) && !Salts.Contains(parts[^1]);

    /// <summary>
    /// The number said right before a combination's strength, after the drug ("twenty four twenty six milligrams", "five slash
    /// three twenty five", "five over three twenty five"): its first strength.
    /// </summary>
    private static (double Amount, int Start)? PairedStrength(IReadOnlyList<string> words, int from, int doseStart)
    {
        var end = doseStart > from && words[doseStart - 1] is "slash" or "over" or "and" ? doseStart - 1 : doseStart;
        for (var j = Math.Max(from, end - 3); j < end; j++)
        {
            if (NumberWords.TryRead(words, j, out var amount, out var length) && j + length == end && amount > 0)
            {
                return (amount, j);
            }
        }

        return null;
    }

    /// <summary>The salts a generic's name may end with ("metoprolol succinate").</summary>
    private static readonly HashSet<string> Salts = ["succinate", "tartrate", "phosphate", "hydrochloride", "sodium", "potassium", "besylate", "maleate", "citrate", "sulfate"];

    /// <summary>"You stopped the atorvastatin …?", "so you've quit taking the metformin?", "she came off the sertraline?": asked whether the patient stopped it.</summary>
    private static bool StoppedAsked(IReadOnlyList<string> words, int start)
    {
        for (var i = Math.Max(1, start - 4); i < start; i++)
        {
            var stopped = words[i] is "stopped" or "quit" or "discontinued" || words[i] is "came" or "went" && i + 1 < start && words[i + 1] == "off";
            if (stopped && words[i - 1] is "you" or "you've" or "she" or "he" or "she's" or "he's" or "they"
                && Enumerable.Range(i + 1, start - i - 1).All(k => words[k] is "off" or "taking" or "using" or "the" or "your" or "her" or "his"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The patient's own stop, said after the drug: "… but I stopped it", "so I quit", "I stopped taking it", "I gave it up",
    /// "I'm not taking it anymore"; not the stop of something else ("I stopped smoking").
    /// </summary>
    private static bool StoppedOwn(IReadOnlyList<string> words, int end, int to)
    {
        for (var i = end; i < to - 1; i++)
        {
            // "I finished it yesterday": a course completed is stopped too.
            if (words[i] is "i" or "i've" && words[i + 1] is "stopped" or "quit" or "discontinued" or "finished")
            {
                var next = i + 2 < to ? words[i + 2] : null;
                return next is null or "it" or "them" or "that" or "taking" or "using" or "a" or "about" or "last" or "when" or "because" or "after" or "since"
                    || NumberWords.IsNumberWord(next);
            }

            if (Dosing.At(words, i, to, "i", "gave", "it", "up") || Dosing.At(words, i, to, "not", "taking", "it", "anymore") || Dosing.At(words, i, to, "don't", "take", "it", "anymore"))
            {
                return true;
            }

            // "… but my kidney doctor told me to stop", "the cardiologist took me off it": another prescriber's stop, before this visit.
            if (words[i] is "told" or "asked" or "had" or "wanted" && words[i + 1] == "me" && i + 3 < to && words[i + 2] == "to" && words[i + 3] is "stop" or "quit"
                || words[i] is "had" && words[i + 1] == "me" && i + 2 < to && words[i + 2] is "stop" or "quit"
                || words[i] is "took" or "taken" && words[i + 1] == "me" && i + 2 < to && words[i + 2] == "off")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"the lisinopril I take ten milligrams daily", "the valganciclovir, that I'm taking nine hundred milligrams": "I take" right after the name, dosed.</summary>
    private static bool TakenAfterName(IReadOnlyList<string> words, int end, int to)
    {
        var at = end < to && words[end] is "that" or "which" ? end + 1 : end;
        return (Dosing.At(words, at, to, "i", "take") || Dosing.At(words, at, to, "i'm", "taking") || Dosing.At(words, at, to, "i", "use")
                || Dosing.At(words, at, to, "i've", "been", "taking") || Dosing.At(words, at, to, "i", "still", "take"))
            && Dosing.Doses(words, at, to).Count > 0;
    }

    /// <summary>"I take it once a day", "I'm using them at night": the patient says they take the drug just asked about.</summary>
    private static bool TakesIt(IReadOnlyList<string> words) =>
        Enumerable.Range(0, Math.Max(0, words.Count - 1)).Any(i => words[i] is "take" or "taking" or "use" or "using" or "took" && words[i + 1] is "it" or "them" or "one" or "two")
        && words.Take(3).Any(w => w is "i" or "i'm" or "i've" or "she" or "he" or "she's" or "he's")
        && !words.Any(w => w is "don't" or "not" or "never" or "stopped" or "quit" or "anymore" or "didn't" or "doesn't");

    /// <summary>"The cardiologist took me off the amlodipine", "I was taken off it": a stop before this visit, said before the drug.</summary>
    private static bool TakenOffBefore(IReadOnlyList<string> words, int start) =>
        Enumerable.Range(Math.Max(0, start - 4), Math.Min(4, start)).Any(i => words[i] == "off" && i >= 2
            && (words[i - 2] is "took" or "taken" && words[i - 1] is "me" or "her" or "him" || words[i - 1] == "taken"));

    /// <summary>
    /// "My husband takes lisinopril": a relative's drug, unless the patient speaks of themself after the relative and before the
    /// drug ("… and I take metformin") or before the relative comes in ("I also take turmeric capsules, one a day, my sister swears by them").
    /// </summary>
    private static bool SomeoneElsesDrug(IReadOnlyList<string> words, int start)
    {
        if (!OtherPeople.Named(words))
        {
            return false;
        }

        // Whoever was named last before the drug: "My husband takes lisinopril and I take metformin".
        for (var i = start - 1; i >= 0; i--)
        {
            if (words[i] is "i" or "i'm" or "i've")
            {
                return false;
            }

            if (OtherPeople.Is(words[i]) || OtherPeople.IsPossessive(words[i]))
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>"… but I never filled it", "I never picked it up", "I didn't start it": a prescription the patient never took ("I didn't take it this morning" is a missed dose).</summary>
    private static bool NeverTaken(IReadOnlyList<string> words) =>
        Enumerable.Range(0, words.Count - 1).Any(i => words[i] == "never" && words[i + 1] is "filled" or "took" or "taken" or "started" or "picked" or "tried"
            || words[i] is "didn't" or "haven't" && words[i + 1] is "fill" or "filled" or "pick" or "picked" or "start" or "started");

    /// <summary>"Fifteen" and "fifty" sound alike (thirteen to nineteen and thirty to ninety).</summary>
    private static readonly Dictionary<int, int> TeenOrTy = new() { [13] = 30, [14] = 40, [15] = 50, [16] = 60, [17] = 70, [18] = 80, [19] = 90, [30] = 13, [40] = 14, [50] = 15, [60] = 16, [70] = 17, [80] = 18, [90] = 19 };

    /// <summary>
    /// The new amount of a change said the wrong way ("lower … from twenty two to sixty units") read as its teen or ty, when that
    /// goes the way the verb says; null when the change goes that way already or its sound-alike does not.
    /// </summary>
    private static double? WrongWay(double was, double now, string change)
    {
        var hundreds = (int)now / 100 * 100;
        return (change == "decrease" ? now > was : now < was) && now == Math.Floor(now) && TeenOrTy.TryGetValue((int)now - hundreds, out var other)
            && hundreds + other is var heard && (change == "decrease" ? heard < was : heard > was) ? heard : null;
    }

    /// <summary>
    /// "Rivaroxaban fifty milligrams" is no strength rivaroxaban comes in, and fifteen is: a teen heard as a ty (or the other
    /// way) is read as the drug's usual strength. A dose that is one of them, or whose sound-alike is not, stays as said.
    /// </summary>
    private static Dose? UsualStrength(Dose? dose, Drug drug, ClinicalLexicon lexicon)
    {
        if (dose is { Clipped: true })
        {
            // "fluticasone one hundred and micrograms": the one usual strength between one and two hundred, or no dose at all.
            return lexicon.UsualDoses.TryGetValue(drug, out var strengths) && strengths.Between(dose.Amount, dose.Amount + 100, dose.Unit) is [var only]
                ? dose with { Amount = only, Clipped = false }
                : null;
        }

        if (dose is null || !dose.IsMass || !lexicon.UsualDoses.TryGetValue(drug, out var usual) || usual.Includes(dose) || dose.Amount != Math.Floor(dose.Amount))
        {
            return dose;
        }

        var hundreds = (int)dose.Amount / 100 * 100;
        return TeenOrTy.TryGetValue((int)dose.Amount - hundreds, out var other) && dose with { Amount = hundreds + other } is var heard && usual.Includes(heard) ? heard : dose;
    }

    /// <summary>
    /// "Amoxicillin clavulanate and seventy five milligrams": "eight" heard as "and" (or "a") before a number under a hundred, read
    /// as eight hundred and that number when that is one of the drug's usual strengths and the number alone is not.
    /// </summary>
    private static Dose? EightHeardAsAnd(IReadOnlyList<string> words, Dose? dose, Drug drug, ClinicalLexicon lexicon) =>
        dose is { IsMass: true, Strength: false, Amount: > 0 and < 100 } && dose.Start >= 1 && words[dose.Start - 1] is "and" or "a"
        && dose.Amount == Math.Floor(dose.Amount) && lexicon.UsualDoses.TryGetValue(drug, out var usual) && !usual.Includes(dose)
        && dose with { Amount = 800 + dose.Amount, Start = dose.Start - 1 } is var heard && usual.Includes(heard)
            ? heard
            : dose;

    /// <summary>
    /// "Acetaminophen five hundred milligrams, two tablets up to three times a day": a strength the drug comes in followed at once by
    /// two to four tablets or capsules is taken that many times over (1000 mg), as a note writes the dose.
    /// </summary>
    private static Dose? PerPieces(Dose? dose, IReadOnlyList<Dose> doses, Drug drug, ClinicalLexicon lexicon) =>
        dose is { IsMass: true, Strength: false } && doses.FirstOrDefault(d => d.Start == dose.End) is { Amount: >= 2 and <= 4 } pieces && Dosing.IsPiece(pieces.Unit)
        && pieces.Amount == Math.Floor(pieces.Amount) && lexicon.UsualDoses.TryGetValue(drug, out var usual) && usual.Includes(dose)
            ? dose with { Amount = dose.Amount * pieces.Amount, End = pieces.End }
            : dose;

    /// <summary>
    /// A number said right after the drug (or after "stays at", "is at", "at", "to") with no unit, that is one of the drug's usual
    /// strengths: that strength. A number with a unit or a count after it ("two tablets", "three times") is not one.
    /// </summary>
    private static Dose? BareStrength(IReadOnlyList<string> words, PhraseMatch<Drug> match, int after, ClinicalLexicon lexicon)
    {
        var at = match.End;
        // ("… stays up forty": a recogniser's "stays at".)
        // ("… raise the lamotrigine to one fifty", "… up to one fifty": the new strength.)
        while (at < after && at - match.End < 3 && (words[at] is "stays" or "stay" or "is" or "at" or "remains" or "the" or "to"
            || words[at] == "up" && at > match.End && words[at - 1] is "stays" or "stay" or "remains"
            || words[at] is "up" or "down" && at + 1 < after && words[at + 1] == "to"))
        {
            at++;
        }

        if (at >= after || !NumberWords.TryRead(words, at, out var amount, out var length) || !lexicon.UsualDoses.TryGetValue(match.Value, out var usual))
        {
            return null;
        }

        var next = at + length;
        // ("… one hundred and micrograms": a number cut short, not a bare one.)
        var clipped = next + 1 < words.Count && words[next] == "and" && (Dosing.IsUnitWord(words[next + 1]) || NumberWords.IsNumberWord(words[next + 1]));
        // ("The metoprolol twenty five times a day": Dosing reads "five times" as "twice"; the strength is the whole number.)
        var twice = length >= 2 && Dosing.TwiceHeardAsTimes(words, next - 1, words.Count);
        return clipped || !twice && next < words.Count && (Dosing.IsUnitWord(words[next]) || words[next] is "times" or "time" or "of" or "point" or "percent" or "to" or "over")
            ? null
            : usual.Bare(amount, at, next);
    }

    /// <summary>
    /// "Yes, a thousand twice a day", "right, the fifty in the morning": a number without a unit opening an answer about a drug,
    /// one of the drug's usual strengths, is that strength.
    /// </summary>
    private static Dose? AnsweredStrength(IReadOnlyList<string> words, string generic, ClinicalLexicon lexicon)
    {
        var at = words.Count > 0 && words[0] is "yes" or "yeah" or "yep" or "right" or "correct" ? 1 : 0;
        // ("a thousand" is read with its "a".)
        while (at < words.Count && at < 3 && words[at] is "a" or "the" or "it's" or "that's" or "just" && !(words[at] == "a" && at + 1 < words.Count && words[at + 1] is "hundred" or "thousand"))
        {
            at++;
        }

        if (at >= words.Count || !NumberWords.TryRead(words, at, out var amount, out var length)
            || !lexicon.UsualDoses.TryGetValue(new Drug(generic), out var usual))
        {
            return null;
        }

        var next = at + length;
        return next < words.Count && (Dosing.IsUnitWord(words[next]) || words[next] is "times" or "time" or "of" or "point" or "percent" or "to" or "over" or "and" or "pills" or "tablets" or "days" or "weeks")
            ? null
            : usual.Bare(amount, at, next);
    }

    /// <summary>
    /// The number said after "to" (and "up to", "down to") following a drug whose dose changes, with no unit or count after it:
    /// "raise the lamotrigine to one fifty in the morning".
    /// </summary>
    private static double? BareTarget(IReadOnlyList<string> words, int end, int to)
    {
        var at = Enumerable.Range(end, Math.Max(0, Math.Min(to, end + 4) - end)).FirstOrDefault(i => words[i] == "to", -1);
        if (at < 0 || !NumberWords.TryRead(words, at + 1, out var amount, out var length))
        {
            return null;
        }

        var next = at + 1 + length;
        return next < words.Count && (Dosing.IsUnitWord(words[next]) || words[next] is "times" or "time" or "of" or "point" or "percent" or "a" or "per" or "tablets" or "pills")
            ? null
            : amount;
    }

    /// <summary>"Five hundred milligrams of cephalexin", "four milligrams of the methylprednisolone": a dose said before the drug.</summary>
    private static Dose? DoseSaidFirst(IReadOnlyList<string> words, int before, int start)
    {
        var of = start >= 1 && words[start - 1] == "of" ? start - 1 : start >= 2 && words[start - 1] == "the" && words[start - 2] == "of" ? start - 2 : -1;
        // "a fifteen milligram morphine pill": the strength said before the name, its unit singular.
        return of >= 0 ? Dosing.Doses(words, before, of).LastOrDefault(d => d.End == of)
            : start > before && words[start - 1] is "milligram" or "microgram" or "gram" or "unit" ? Dosing.Doses(words, before, start).LastOrDefault(d => d.End == start) : null;
    }

    /// <summary>
    /// "Isoniazid nine hundred milligrams and rifapentine nine hundred milligrams, taken together once a week": a
    /// frequency said once after a list of drugs belongs to each drug of the list that has none of its own.
    /// </summary>
    private static void ShareFrequency(List<(Mention Mention, bool Continues, bool Bare, bool Plain)> listed)
    {
        for (var i = listed.Count - 2; i >= 0; i--)
        {
            var (mention, next) = (listed[i].Mention, listed[i + 1]);
            // "… the losartan stays at one hundred, and the atorvastatin stays at forty at night": a drug dosed on its own
            // shares the frequency only when the sentence says they go together, or when nothing but doses stands between
            // the drugs and no drug before it in the list has a frequency of its own ("X nine hundred milligrams and Y nine
            // hundred milligrams once a week", not "X twice a day, Y twenty, Z forty at night").
            if (next.Continues && mention.Frequency is null && (next.Mention.Frequency ?? next.Mention.ExtraFrequency) is { } frequency
                && (next.Bare || next.Mention.Sentence.Words.Any(w => w is "together" or "both" or "each") || next.Plain && NoFrequencyBefore(listed, i)
                    // ("Aspirin eighty one, clopidogrel seventy five, atorvastatin eighty at night, and metoprolol twenty five": a frequency in
                    // the middle of the list, with a drug after it that has none, is its own drug's.)
                    && !(i + 2 < listed.Count && listed[i + 2].Continues && listed[i + 2].Mention.Frequency is null)))
            {
                mention.ExtraFrequency ??= frequency;
            }
        }
    }

    /// <summary>True when no drug of the list that <paramref name="i"/> ends has a frequency of its own.</summary>
    private static bool NoFrequencyBefore(List<(Mention Mention, bool Continues, bool Bare, bool Plain)> listed, int i)
    {
        for (var k = i; k >= 0; k--)
        {
            if (listed[k].Mention.Frequency is not null)
            {
                return false;
            }

            if (!(listed[k].Continues && listed[k].Plain))
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>
    /// "Second, lower the want us from twenty two units to sixteen": a decision on a named thing the lexicon does not
    /// know (a misheard drug) is about that thing, not the drug named before it.
    /// </summary>
    /// <summary>
    /// "I take omeprazole twenty milligrams when it flares." … "Let's take the omeprazole every day, forty milligrams.": the
    /// clinician's later instruction at another strength (same unit) changes the dose the patient takes; null when none does.
    /// </summary>
    private static string? Redosed(IReadOnlyList<Mention> mentions)
    {
        var taken = mentions.FirstOrDefault(m => !m.Sentence.ByClinician && (m.Current || m.ExtraCurrent) && (m.Dose ?? m.ExtraDose) is { IsMass: true });
        if (taken is null)
        {
            return null;
        }

        var told = mentions.LastOrDefault(m => m.Sentence.ByClinician && !m.Sentence.IsQuestion && !m.Current && !m.ExtraCurrent
            && m.Sentence.Utterance.Index > taken.Sentence.Utterance.Index && (m.Dose ?? m.ExtraDose) is { IsMass: true });
        return told is null ? null : Direction((taken.Dose ?? taken.ExtraDose)!, (told.Dose ?? told.ExtraDose)!);
    }

    private static readonly HashSet<string> DietWords =
    [
        "salt", "sodium", "fluid", "fluids", "water", "sugar", "sugars", "alcohol", "caffeine", "protein", "carbs", "carbohydrates", "calories", "fat", "fiber",
        "drinks", "coffee",
    ];

    private static bool DecidesOnSomethingElse(Sentence sentence)
    {
        var words = sentence.Words;
        // "Keep salt under two grams a day and fluids under two liters": a diet's limits, not a drug's dose.
        if (Dosing.Doses(words, 0, words.Count).Any(d => Enumerable.Range(Math.Max(0, d.Start - 4), Math.Min(4, d.Start)).Any(i => DietWords.Contains(words[i]))))
        {
            return true;
        }

        if (!sentence.ByClinician || sentence.IsQuestion)
        {
            return false;
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] is "lower" or "increase" or "decrease" or "stop" or "start" or "raise" or "reduce" or "switch" or "change"
                && words[i + 1] is "the" or "your" or "his" or "her" && !(i + 2 < words.Count && words[i + 2] is "dose" or "dosage" or "frequency"))
            {
                return true;
            }
        }

        return false;
    }

    private static void Attach(Mention mention, Sentence sentence, ClinicalLexicon lexicon)
    {
        var words = sentence.Words;
        if (sentence.ByClinician && !sentence.IsQuestion && mention.Decision is null && !mention.Current
            && Dosing.Doses(words, 0, words.Count) is [var opening, ..] said && Enumerable.Range(0, opening.Start).Any(i => words[i] is "start" or "begin" or "starting")
            && StartingPhase(words, said) is { } target)
        {
            // "Sertraline is the best choice. Start with twenty five milligrams a day for one week, then go up to fifty milligrams a day.":
            // started, at the dose it is raised to ("go up" raises the first week's dose, not a dose taken before).
            mention.ExtraDecision = "start";
            mention.ExtraDose = target;
            mention.ExtraFrequency = Dosing.Frequency(words, target.End, words.Count) ?? mention.ExtraFrequency;
            return;
        }

        if (sentence.ByClinician && !sentence.IsQuestion && mention.Decision is null
            // "About the oxybutynin. It's a bit too much, so let's make it five milligrams": a verdict on "it" with the new dose.
            && ((IsConditional(words, words.Count) ? null : PronounDecision(words, 0, words.Count)
                    ?? (words[0] is "it" or "it's" or "that" or "that's" ? TailDecision(words, 0, 1, words.Count) : null) ?? MadeDose(words, mention) ?? Acknowledged(words) ?? FrequencyChange(words)
                    ?? FrequencyTo(words, mention))
                // "Let's step down to twenty milligrams, and if the heartburn stays away we'll stop it": the change before the "if".
                ?? (UnnamedChange(words, words.Count, mention) is { } unnamed && !IsConditional(words, unnamed.Dose.Start) ? unnamed.Action : null)) is { } decision)
        {
            // "… metformin well. I'd like to increase it to one thousand milligrams": the new dose follows "to".
            mention.ExtraDecision = decision;
            // (Not the "to" of "every four to six hours".)
            var doses = Dosing.Doses(words, 0, words.Count);
            var toDoses = doses.Where(d => d.Start > 0 && words[d.Start - 1] == "to").ToList();
            mention.ExtraDose = Dosing.Best(toDoses.Count > 0 ? toDoses : doses) ?? mention.ExtraDose;
            // (The frequency the decision says is the new one: "Forty milligrams, once in the morning." "Let's go to twice a day.")
            mention.ExtraFrequency = Dosing.Frequency(words, 0, words.Count) ?? mention.ExtraFrequency;
            mention.ExtraRoute ??= Dosing.Route(words, 0, words.Count);
            return;
        }

        if ((mention.Dose ?? mention.ExtraDose) is { Unit: "ml" } && words.Count > 2 && (words[0] is "that's" or "which's" || words[0] is "that" or "which" && words[1] == "is")
            && Dosing.Doses(words, 0, words.Count).FirstOrDefault(d => d.IsMass && !d.Strength) is { } mass)
        {
            // "Give one milliliter of the drops once a day. That's fifteen milligrams.": the mass, as when both are said in one sentence.
            mention.Restated = mass;
        }

        // "I'm starting a blood thinner, apixaban. Ten milligrams twice a day for the first seven days, then five milligrams twice a
        // day.": the dose taken after the first phase.
        if (mention.ExtraDose is null && mention.Dose is null && sentence.ByClinician && StartingPhase(words, Dosing.Doses(words, 0, words.Count)) is { } kept)
        {
            mention.ExtraDose = kept;
            mention.ExtraFrequency ??= Dosing.Frequency(words, kept.End, words.Count);
        }

        // (Not the percent of a saturation read out after the patient's list: "… oxygen 99 percent"; nor a dose far from any the
        // drug comes in, which a sentence that does not name it says of another: "… take will try seven point six milligrams" for
        // a colchicine lost, after allopurinol.)
        mention.ExtraDose ??= Dosing.Best(Dosing.Doses(words, 0, words.Count).Where(d => d.Unit != "%" || !VitalsExtractor.KindsNamed(words).Contains(VitalsExtractor.Spo2))
            .Where(d => !(lexicon.UsualDoses.TryGetValue(new Drug(mention.Drug), out var usual) && usual.FarFrom(d))).ToList());
        // ("… concerta, which is methylphenidate | we'll start with eighty milligrams every morning": a teen heard as a ty in the
        // clause after the name is read as the drug's strength, as in the name's own.)
        mention.ExtraDose = UsualStrength(mention.ExtraDose, new Drug(mention.Drug), lexicon);
        var frequency = Dosing.Frequency(words, 0, words.Count);
        if (sentence.ByClinician && frequency is not null && (mention.Frequency ?? mention.ExtraFrequency) is { } first && mention.PhaseDuration is { } duration
            && mention.Phased is null && Dosing.OpensNextPhase(words))
        {
            // "Apply it twice a day for two weeks. After that, use it twice a day only on Saturdays and Sundays."
            mention.Phased = $"{first} for {duration}, then {frequency}";
        }
        else if (mention.ExtraFrequency is null && frequency is not null)
        {
            mention.ExtraFrequency = frequency;
            mention.PhaseDuration ??= mention.Frequency is null ? Dosing.Duration(words, 0, words.Count) : null;
        }

        mention.ExtraRoute ??= Dosing.Route(words, 0, words.Count);
        mention.Instructed |= sentence.ByClinician && !sentence.IsQuestion && (mention.ExtraDose ?? (object?)mention.ExtraFrequency) is not null;
        if (!sentence.ByClinician && (words.Any(w => w is "taking" or "take" or "giving" or "using")
            || !ReferenceEquals(mention.Sentence.Utterance, sentence.Utterance) && Dosing.Doses(words, 0, words.Count).Count > 0))
        {
            mention.ExtraCurrent = true;
        }

        if (sentence.ByClinician && !sentence.IsQuestion && words[0] is "take" or "use" or "rinse" or "don't" or "give" or "apply" or "swallow" or "put")
        {
            mention.Instructions.Add(NoteText.Normalize(sentence.Text));
        }
    }

    /// <summary>
    /// "Increase the mesalamine to four point eight grams a day … and add a mesalamine suppository, one gram rectally at
    /// bedtime": one drug given two ways is two medications. A dosed mention by a local route (rectal, vaginal, nasal,
    /// topical, transdermal, eye, ear) is split from the dosed mentions by mouth or with no route said; undosed mentions stay
    /// with the mentions by mouth.
    /// </summary>
    private static IEnumerable<(string Drug, List<Mention> Mentions)> SplitByRoute(IGrouping<string, Mention> group)
    {
        static bool Dosed(Mention m) => !m.Negated && !m.Withdrawn && (m.Dose ?? m.ExtraDose) is not null;
        var routes = group.Where(m => Dosed(m) && m.Route is "rectal" or "vaginal" or "nasal" or "topical" or "ophthalmic" or "otic" or "transdermal")
            .Select(m => m.Route).Distinct().ToList();
        bool Local(Mention m) => Dosed(m) && routes.Contains(m.Route);
        var other = group.Where(m => !Local(m)).ToList();
        if (routes.Count != 1 || !other.Any(Dosed))
        {
            return [(group.Key, group.ToList())];
        }

        return [(group.Key, other), (group.Key, group.Where(Local).ToList())];
    }

    /// <summary>Where the drugs joined to matches[k] by "or" or "and" alone start and end ("acetaminophen or ibuprofen").</summary>
    private static (int Start, int End) Choice(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> matches, int k)
    {
        var (first, last) = (k, k);
        while (first > 0 && matches[first - 1].End + 1 == matches[first].Start && words[matches[first - 1].End] is "or" or "and")
        {
            first--;
        }

        while (last + 1 < matches.Count && matches[last].End + 1 == matches[last + 1].Start && words[matches[last].End] is "or" or "and")
        {
            last++;
        }

        return (matches[first].Start, matches[last].End);
    }

    /// <summary>Drugs whose shot goes into the muscle when no site is said.</summary>
    private static readonly HashSet<string> IntoMuscle =
        ["cyanocobalamin", "ceftriaxone", "medroxyprogesterone", "testosterone", "ketorolac", "methylprednisolone", "triamcinolone", "haloperidol", "promethazine"];

    private static readonly string[][] UnderTheSkin = [["under", "the", "skin"], ["into", "the", "skin"], ["in", "the", "belly"], ["in", "your", "belly"]];

    private static MedicationFact? Merge((string Drug, List<Mention> Mentions) group)
    {
        var mentions = group.Mentions.Where(m => !m.Negated && !m.Withdrawn).ToList();
        if (mentions.Count == 0)
        {
            return null;
        }

        var decisions = mentions.Where(m => m.Action is not null).ToList();
        var current = mentions.Any(m => m.Current || m.ExtraCurrent);
        var dosed = mentions.Any(m => (m.Dose ?? m.ExtraDose) is not null || (m.Frequency ?? m.ExtraFrequency) is not null);
        if (decisions.Count == 0 && !current && !dosed)
        {
            return null;
        }

        var decided = decisions.LastOrDefault();
        if (decided is { Action: "start" } && (decided.Dose ?? decided.ExtraDose) is null
            && decisions.TakeWhile(m => m != decided).LastOrDefault(m => m.Action is "increase" or "decrease") is { } changed)
        {
            // "I also want to raise the dose, seven fifty milligrams twice a day … let's try the levetiracetam first": trying, with no
            // dose of its own, a drug whose dose was just changed is trying the change.
            decided = changed;
        }

        // "The plan is isoniazid nine hundred milligrams … while you're on it": a drug the clinician first named with a
        // dose, and the patient was not taking, is new even when later talked of as taken.
        var first = mentions[0];
        var prescribedFirst = first.Sentence.ByClinician && !first.Sentence.IsQuestion && !first.Current && !first.ExtraCurrent && (first.Dose ?? first.ExtraDose) is not null;
        current &= !prescribedFirst;
        // "Omeprazole, forty milligrams twice a day …" then "After the fourteen days, keep taking the omeprazole, forty once a day":
        // a drug started at this visit goes on as started; keeping it is the course after.
        // "Clopidogrel, seventy five milligrams once a day …" then "After three weeks, you'll stop the clopidogrel (and stay on the
        // aspirin)": a course started now, prescribed first with a dose.
        var stopsAfter = decided is { Action: "stop", DecidedLater: { } span } ? span : null;
        var laterDecided = decided is { Action: "stop" or "continue", DecidedLater: not null };
        var started = decided is { Action: "continue" } || laterDecided
            ? decisions.LastOrDefault(m => m.Action == "start" && m.Sentence.ByClinician && !m.Sentence.IsQuestion) ?? (laterDecided && prescribedFirst && first.Action is null ? first : null)
            : null;
        var startKept = started is not null && !mentions.TakeWhile(m => m != started).Any(m => m.Current || m.ExtraCurrent);
        if (startKept)
        {
            decided = started;
        }
        // A drug the patient is not on that the clinician doses or tells how often to take ("apply the cream twice a day") is new.
        var action = decided?.Action ?? (current ? Redosed(mentions) ?? "continue"
            : mentions.Any(m => m.Sentence.ByClinician && ((m.Dose ?? m.ExtraDose) is not null || !m.Sentence.IsQuestion && (m.Frequency ?? m.ExtraFrequency) is not null)) ? "start" : "continue");
        if (decided is null && !current && !mentions.Any(m => m.Sentence.ByClinician && !m.Sentence.IsQuestion || m.Instructed))
        {
            return null;
        }

        // The deciding mention says the dose that applies from now on; other mentions fill what it leaves out
        // (a stopped drug keeps the dose the patient was taking).
        IEnumerable<Mention> byPreference = decided is null
            ? mentions.AsEnumerable().Reverse()
            : new[] { decided }.Concat(mentions.Where(m => m != decided && m.Action == decided.Action).Reverse()).Concat(mentions.Where(m => m.Action != decided.Action).Reverse());
        var ordered = byPreference.ToList();
        // A decision made on "it" carries its new dose in the sentence that said it.
        // (A first dose said for once gives way to the dose it goes on at.)
        var dose = ordered.Where(m => !m.Loading).Concat(ordered.Where(m => m.Loading))
            .Select(m => m.Restated ?? (m.ExtraDecision is not null && m.Decision is null ? m.ExtraDose ?? m.Dose : m.Dose ?? m.ExtraDose)).FirstOrDefault(d => d is not null);
        if (decided is { BareTarget: { } target } && (decided.Dose ?? decided.ExtraDose) is null
            && mentions.TakeWhile(m => m != decided).Select(m => m.Dose ?? m.ExtraDose).LastOrDefault(d => d is { IsMass: true }) is { } before
            && target != before.Amount && target >= before.Amount / 4 && target <= before.Amount * 4 && (target > before.Amount) == (decided.Action == "increase"))
        {
            // "Lamotrigine, a hundred milligrams … raise the lamotrigine to one fifty": 150 mg, a change the right way of no more than fourfold.
            dose = before with { Amount = target };
        }

        // (A decision made on the drug talked about carries its new frequency too: "I'm down to … three times a day." "Let's go down
        // to twice a day.")
        // ("And the lactulose, how many bowel movements a day?" asks no frequency of the drug; the answer given after it says one.)
        // ("Naproxen, five hundred milligrams twice a day … no more ibuprofen while you're on the naproxen … three times a day": a
        // drug prescribed whole, with no decision said after, keeps the frequency it was prescribed at.)
        var frequencyOrder = decided is null && prescribedFirst && (first.Frequency ?? first.ExtraFrequency) is not null ? ordered.Prepend(first).Distinct() : ordered;
        var frequency = frequencyOrder.Select(m => m.Phased ?? (m.ExtraDecision is not null && m.Decision is null || m.Sentence.IsQuestion ? m.ExtraFrequency ?? m.Frequency : m.Frequency ?? m.ExtraFrequency))
            .FirstOrDefault(f => f is not null)
            ?? ordered.Select(m => m.LeadingFrequency).FirstOrDefault(f => f is not null);
        var route = ordered.Select(m => m.Route ?? m.ExtraRoute).FirstOrDefault(r => r is not null);
        if (route == "subcutaneous" && IntoMuscle.Contains(group.Drug)
            && !mentions.Any(m => m.Sentence.Words.Any(w => w is "subcutaneous" or "subcutaneously") || Dosing.Says(m.Sentence.Words, UnderTheSkin)))
        {
            // "B12 shots", "a ceftriaxone injection": a shot of a drug given into the muscle, unless said to go under the skin.
            route = "intramuscular";
        }

        if (action is "start" && Compare(mentions, dose) is { } change)
        {
            // "Switch to cholecalciferol, two thousand units" for a patient taking one thousand: a new dose of the
            // same drug, not a new drug.
            action = change;
        }
        else if (action is "start" && decided is not null && ((decided.Dose ?? decided.ExtraDose) is null || decided.Permitted)
            && mentions.TakeWhile(m => m != decided).Any(m => (m.Current || m.ExtraCurrent) && m.Action is null))
        {
            // "Tums, four or five a day" … "You can use the Tums as needed, but no more than six in a day": a drug the patient
            // already takes, told how to go on taking it, is continued; so it is when told with leave and a dose ("Can I keep
            // taking naproxen?" "You can use naproxen five hundred milligrams twice a day …").
            action = "continue";
        }
        else if (action is "start" && decided is not null && mentions.SkipWhile(m => m != decided).Any(m => m.AlreadyTaken))
        {
            // "Start aspirin eighty one milligrams at night." "I'm already taking it.": what the patient takes already goes on.
            action = "continue";
        }

        var instructions = mentions.SelectMany(m => m.Instructions).Distinct().ToList();
        var evidence = mentions.Select(m => m.Sentence.Utterance).DistinctBy(u => u.Index).OrderBy(u => u.Index).Select(Evidence.Of).ToList();
        // ("A six day taper, starting with six tablets": the count falls day by day, so a taper has no one dose.)
        dose = dose is not null && Dosing.IsCount(dose.Unit) && frequency?.EndsWith(" day taper", StringComparison.Ordinal) == true ? null : dose;
        var dosage = dose is { Unit: "unit" } && InternationalUnits.Contains(group.Drug) ? $"{NumberWords.Format(dose.Amount)} IU" : dose?.ToString();
        var titration = mentions.Select(m => m.Titration).LastOrDefault(t => t is not null);
        if (titration is not null)
        {
            // The medication template's instructions say the steps too: "Increase by 2 units every 3 days until …".
            instructions.Add($"{char.ToUpperInvariant(action[0])}{action[1..]} {titration}.");
        }

        return new MedicationFact(group.Drug, dosage, frequency, route, instructions.Count == 0 ? null : string.Join(" ", instructions), action, evidence)
        {
            Titration = titration,
            Details = action is "stop" or "hold" ? null : startKept ? decided!.Details ?? (stopsAfter is null ? null : "for " + stopsAfter)
                : (decided?.Details ?? byPreference.Select(m => m.Details).FirstOrDefault(d => d is not null)),
        };
    }

    /// <summary>
    /// The dose taken after a first one said for now ("… now", "… today", "… to start", "… as a loading dose", then another
    /// dose): the last dose said after it, or null when the first dose is no loading dose.
    /// </summary>
    private static Dose? LoadingDose(IReadOnlyList<string> words, IReadOnlyList<Dose> doses) =>
        doses.Count >= 2 && doses[0].End < words.Count
        && (words[doses[0].End] is "now" or "today" or "stat" or "tonight" || Dosing.At(words, doses[0].End, words.Count, "to", "start")
            || Dosing.At(words, doses[0].End, words.Count, "as", "a", "loading") || Dosing.At(words, doses[0].End, words.Count, "on", "the", "first", "day")
            // ("… five hundred milligrams the first day, then two fifty …")
            || Dosing.At(words, doses[0].End, words.Count, "the", "first", "day") || Dosing.At(words, doses[0].End, words.Count, "on", "day", "one"))
        && doses.Skip(1).LastOrDefault(d => d.Unit == doses[0].Unit) is { } later && later.Amount != doses[0].Amount
            ? later
            : null;

    /// <summary>
    /// "Ten milligrams twice a day for the first seven days, then five milligrams twice a day", "point five milligrams once a day for
    /// three days, then …, and then one milligram twice a day from day eight", "five hundred milligrams on the first day and then
    /// two fifty once a day": a first phase of a set length, then the dose taken from then on, which is the dose. (A taper, each
    /// step of a set length, has no dose taken from then on, and keeps its first.)
    /// </summary>
    private static Dose? StartingPhase(IReadOnlyList<string> words, IReadOnlyList<Dose> doses)
    {
        if (doses.Count == 0)
        {
            return null;
        }

        var first = doses[0];
        var then = Enumerable.Range(first.End, Math.Max(0, Math.Min(words.Count, first.End + 12) - first.End))
            .FirstOrDefault(i => PhaseTurn(words, i) && PhaseLength(words, first.End, i), -1);
        if (then < 0)
        {
            return null;
        }

        // The last dose said after it, or a bare number in the first dose's unit ("and then two fifty once a day").
        var later = doses.LastOrDefault(d => d.Start > then && d.Unit == first.Unit);
        if (later is null)
        {
            later = doses.Any(d => d.Start > then) ? null
                : Enumerable.Range(then + 1, Math.Max(0, Math.Min(words.Count, then + 3) - then - 1)).Select(i => BareAmount(words, i, first)).FirstOrDefault(d => d is not null);
            if (later is null || !(later.End < words.Count && Dosing.Frequency(words, later.End, Math.Min(words.Count, later.End + 5)) is not null))
            {
                return null;
            }

            // "… five hundred milligrams on the first day and then to fifty once a day": "two fifty" heard as "to fifty" (a dose a
            // tenth of a loading dose of hundreds is none a course goes on with).
            if (later.Start == then + 2 && words[then + 1] is "to" or "too" && later.Amount is >= 10 and < 100 && later.Amount % 10 == 0 && first.Amount >= 200)
            {
                later = later with { Amount = later.Amount + 200 };
            }
        }

        // ("… then thirty for three days, then stop": every step of a taper has its length, and it ends; a first day or first days
        // said as such are a loading dose, whatever course follows: "… and then two fifty once a day for four more days".)
        var rest = Enumerable.Range(later.End, Math.Max(0, Math.Min(words.Count, later.End + 8) - later.End)).Select(i => words[i]).ToList();
        var firstSaid = Enumerable.Range(first.End, then - first.End).Any(i => words[i] is "first" || words[i] == "one" && words[i - 1] == "day");
        var open = !rest.Any(w => w is "stop" or "off" or "then" or "until" or "through") && (firstSaid || !rest.Contains("for"));
        return open && later.Amount != first.Amount ? later : null;
    }

    /// <summary>
    /// The "then" that ends a first phase, or a recogniser's word for it: "… for the first seven days been five milligrams …", "…
    /// for one week, ago up to fifty …" ("then go up to" heard without its "then").
    /// </summary>
    private static bool PhaseTurn(IReadOnlyList<string> words, int i) =>
        words[i] == "then"
        || words[i] is "been" or "ben" or "than" && i + 1 < words.Count && (NumberWords.IsNumberWord(words[i + 1]) || words[i + 1] is "go" or "up" or "down")
        || words[i] is "ago" or "go" && i + 2 < words.Count && words[i + 1] is "up" or "down" && words[i + 2] == "to";

    /// <summary>A number said without a unit at <paramref name="at"/> ("… then two fifty", "take twenty five twice a day"), in the unit of <paramref name="like"/>.</summary>
    private static Dose? BareAmount(IReadOnlyList<string> words, int at, Dose like) =>
        at < words.Count && words[at] != "a" && NumberWords.TryRead(words, at, out var amount, out var length)
            ? like with { Amount = amount, Start = at, End = at + length, Paired = null }
            : null;

    /// <summary>"… for the first seven days", "for three days", "on the first day and": a first phase's length, right before "then" at <paramref name="then"/>.</summary>
    private static bool PhaseLength(IReadOnlyList<string> words, int from, int then) =>
        Enumerable.Range(from, then - from).Any(i => words[i] is "for" or "on") && then - 1 >= from
        && (words[then - 1] is "day" or "days" or "week" or "weeks" || then - 2 >= from && words[then - 1] == "and" && words[then - 2] is "day" or "days" or "week" or "weeks");

    private static readonly string[][] Deferrals =
    [
        ["consider"], ["considering"], ["could"], ["might"], ["option"], ["options"], ["maybe"], ["later"], ["eventually"], ["future"],
        ["next", "step"], ["rather", "not"], ["hold", "off"], ["holding", "off"], ["not", "yet"], ["revisit"], ["deferred"], ["defer"], ["think", "about"], ["thought", "about"],
        ["down", "the", "road"], ["if"], ["unless"], ["would", "rather"], ["not", "today"], ["wait", "on"], ["another", "time"],
        ["not", "going", "to"], ["won't"], ["wouldn't"], ["don't", "think", "we", "need"], ["don't", "want", "to"], ["no", "need", "for"], ["avoid"],
        // "We can talk about modafinil down the line", "not right now".
        ["talk", "about"], ["talked", "about"], ["discuss"], ["discussed"], ["down", "the", "line"], ["not", "right", "now"], ["not", "now"],
        // "Another choice would be meloxicam", "an alternative is …".
        ["another", "choice"], ["alternative"], ["alternatively"],
        // "I brought up adding dupilumab; we decided against it", "… you'd rather wait".
        ["decided", "against"], ["decided", "to", "wait"], ["rather", "wait"], ["prefer", "to", "wait"],
        // "Tadalafil five milligrams daily can help both": what a drug would do, said of it, prescribes nothing.
        ["can", "help"], ["may", "help"], ["would", "help"],
    ];

    /// <summary>
    /// How far before a drug a deferral weighs it: "That's a good option for some people … I'm writing you a script for
    /// Fosamax" (one unpunctuated clause of thirty words) does not put off the drug the clause ends on.
    /// </summary>
    private const int ConsideredReach = 12;

    /// <summary>"We'll leave out valacyclovir", "leaving out the antiviral": the drug right after "leave out" (and an article).</summary>
    private static bool LeftOut(IReadOnlyList<string> words, int drugStart)
    {
        var at = drugStart - (drugStart >= 1 && words[drugStart - 1] is "the" or "a" or "an" ? 1 : 0);
        return at >= 2 && words[at - 2] is "leave" or "leaving" && words[at - 1] == "out";
    }

    /// <summary>
    /// How far a doubt said after an undosed drug reaches: the sentence's end, or the next drug when a clause of the
    /// clinician's own starts it ("Take acetaminophen for the pain, and I'll add gabapentin …, we can raise it if needed").
    /// </summary>
    private static int ConsideredUntil(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> matches, int k) =>
        k + 1 < matches.Count && Enumerable.Range(matches[k].End, matches[k + 1].Start - matches[k].End).Any(i => words[i] is "i'll" or "we'll" or "i'm" or "let's")
            ? matches[k + 1].Start : words.Count;

    /// <summary>
    /// A clinician's sentence that weighs a drug rather than prescribing it. After <paramref name="dosedEnd"/> (a drug said
    /// with its dose) an "if" is when to take it ("five milliliters every six hours if he gets a fever"), not a deferral.
    /// </summary>
    private static bool Considered(IReadOnlyList<string> words, int from, int to, int dosedEnd = int.MaxValue, DrugSaid? said = null) =>
        Enumerable.Range(from, Math.Max(0, to - from)).Any(i => Deferrals.Any(d => Dosing.At(words, i, to, d) && !(i >= dosedEnd && d is ["if"] or ["unless"])
            && !(d is ["if"] && WhenSymptomComes(words, i))
            && !(d is [_, "help"] && said is { } drug && !HelpSaidOf(words, i, drug))
            && !(said is { } named && i < named.Start && OwnClauseBetween(words, i + d.Length, named.Start))
            // "… then 0.6 milligrams an hour later": when the next dose is due, not a start put off.
            && !(d is ["later"] && i > 0 && words[i - 1] is "hour" or "hours" or "minutes" or "days")));

    /// <summary>
    /// "… antibiotics won't help you can give acetaminophen …": a clause of the clinician's own that says what the patient may or
    /// will do ("you can", "you should", "we'll", "let's") opens between a deferral and the drug, so the deferral is another subject's.
    /// </summary>
    private static bool OwnClauseBetween(IReadOnlyList<string> words, int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from)).Any(i => words[i] is "we'll" or "i'll" or "let's" or "you'll"
            || i + 1 < to && words[i] is "you" or "we" && words[i + 1] is "can" or "should" or "will");

    /// <summary>
    /// "… with the high blood pressure and orapred deal beats you qualify …", "… the nicotine patch … on pataday been a lot at each
    /// morning …": a brand the recogniser heard in everyday words (the language model knows the long brands), in a turn it cut,
    /// with no dose after it, no word before it that speaks of a medicine, and named nowhere else in the consult, is no drug.
    /// </summary>
    private static bool InsertedBrand(Sentence sentence, PhraseMatch<Drug> match, ILookup<Drug, Sentence> namedIn)
    {
        var words = sentence.Words;
        if (sentence.Utterance.Punctuated || sentence.Utterance.Text.Contains(',') || match.End - match.Start != 1 || words[match.Start] == match.Value.Generic
            || namedIn[match.Value].Any(other => other != sentence))
        {
            return false;
        }

        var dosed = Enumerable.Range(match.End, Math.Max(0, Math.Min(words.Count, match.End + 6) - match.End)).Any(i => NumberWords.IsNumberWord(words[i]));
        var cued = Enumerable.Range(Math.Max(0, match.Start - 2), Math.Min(2, match.Start)).Any(i => BrandCues.Contains(words[i]))
            || match.Start >= 2 && words[match.Start - 1] == "on" && words[match.Start - 2] is "you're" or "i'm" or "she's" or "he's" or "been" or "still" or "was";
        return !dosed && !cued;
    }

    /// <summary>Words before a drug's name that speak of it as a medicine: "the", "your", "take", "stop", "prescribe", "refill" ….</summary>
    private static readonly HashSet<string> BrandCues =
    [
        "the", "your", "my", "his", "her", "take", "taking", "took", "start", "started", "starting", "stop", "stopped", "stopping", "keep", "continue",
        "try", "tried", "use", "using", "used", "prescribe", "prescribing", "prescribed", "refill", "some", "of", "about", "with", "called",
        "inhaler", "pill", "pills", "tablet", "tablets", "cream", "drops", "spray", "patch", "medicine", "medication", "shot", "injection",
    ];

    /// <summary>Where a drug was said in its sentence: its name's start, and the end of its dose (or of its name, undosed).</summary>
    private readonly record struct DrugSaid(int Start, int End);

    /// <summary>
    /// Whether "can help" at <paramref name="at"/> is said of the drug: right after it and its dose and frequency ("Tadalafil five
    /// milligrams daily can help both"), or before it as what helps ("what can help is gabapentin"). Another subject's help in the
    /// same unpunctuated turn ("… dexamethasone by mouth now six milligrams cool night air or a steamy bathroom can help for the fever
    /// acetaminophen …") weighs neither drug.
    /// </summary>
    private static bool HelpSaidOf(IReadOnlyList<string> words, int at, DrugSaid drug) =>
        at >= drug.End ? at - drug.End <= 5
        : at >= drug.Start || Enumerable.Range(at + 2, Math.Max(0, Math.Min(drug.Start, at + 4) - at - 2)).Any(j => words[j] is "is" or "are" or "be");

    /// <summary>
    /// "If the itching keeps her up, give cetirizine …", "if you get a headache, take …": an "if" of a symptom, then the
    /// instruction, says when to take the drug; an "if" of a treatment failing ("if it isn't better in two weeks, we'll add …")
    /// puts the drug off.
    /// </summary>
    private static bool WhenSymptomComes(IReadOnlyList<string> words, int condition)
    {
        var verb = Enumerable.Range(condition + 1, Math.Max(0, Math.Min(words.Count, condition + 12) - condition - 1))
            .FirstOrDefault(i => words[i] is "give" or "take" or "use" or "apply", -1);
        return verb > condition + 2 && !Enumerable.Range(condition + 1, verb - condition - 1).Any(i => FailureWords.Contains(words[i]));
    }

    private static readonly HashSet<string> FailureWords =
    [
        "still", "better", "improve", "improves", "improving", "improved", "work", "works", "working", "help", "helps", "helping", "day", "days", "week", "weeks",
        "month", "months", "worse", "worsens", "persists", "continues", "again", "back", "doesn't", "don't", "isn't", "aren't", "not", "no", "we", "i",
        "allergic", "pregnant", "need", "needed", "necessary",
    ];

    /// <summary>"Let's go down to twice a day", "cut back to once a day", "we'll go up to three times a day": a new frequency, the way it goes, or null.</summary>
    private static string? FrequencyChange(IReadOnlyList<string> words)
    {
        for (var i = 1; i + 2 < words.Count; i++)
        {
            if (words[i] is "down" or "back" or "up" && words[i + 1] == "to" && words[i - 1] is "go" or "come" or "cut" or "drop" or "step" or "bring" or "move" or "going" or "coming"
                && (words[i + 2] is "once" or "twice" or "every" || i + 3 < words.Count && words[i + 3] == "times")
                && Dosing.Doses(words, i + 2, Math.Min(words.Count, i + 4)).Count == 0 && Dosing.Frequency(words, i + 2, words.Count) is not null)
            {
                return words[i] == "up" ? "increase" : "decrease";
            }
        }

        return null;
    }

    /// <summary>
    /// "How are you taking the pantoprazole?" "Forty milligrams, once in the morning." "Let's go to twice a day.": a move to a new
    /// frequency, up or down by how many times a day the drug was taken.
    /// </summary>
    private static string? FrequencyTo(IReadOnlyList<string> words, Mention mention)
    {
        if ((mention.Frequency ?? mention.ExtraFrequency) is not { } was || TimesADay(was) is not { } before)
        {
            return null;
        }

        for (var i = 1; i + 2 < words.Count; i++)
        {
            if (words[i] == "to" && words[i - 1] is "go" or "switch" or "move" or "change" or "going" or "switching" or "moving"
                && Dosing.Frequency(words, i + 1, Math.Min(words.Count, i + 6)) is { } now && TimesADay(now) is { } after && after != before)
            {
                return after > before ? "increase" : "decrease";
            }
        }

        return null;
    }

    /// <summary>"And the Tums, how many a day?": a question of how much, whose "a day" is no frequency said.</summary>
    private static bool AsksHowMany(Sentence sentence) =>
        sentence.IsQuestion && Dosing.Says(sentence.Words, [["how", "many"], ["how", "often"], ["how", "much"]]);

    /// <summary>
    /// "Instead of furosemide forty once a day, take forty milligrams twice a day": the drug's regimen before "take" and after it,
    /// compared by the amount a day (a regimen whose amount a day stays the same is continued); null unless both are said.
    /// </summary>
    private static (string Change, int NewFrom)? InsteadOfRegimen(IReadOnlyList<string> words, int start, int end, int to)
    {
        var instead = Enumerable.Range(Math.Max(0, start - 3), Math.Max(0, start - Math.Max(0, start - 3) - 1)).Any(i => words[i] == "instead" && words[i + 1] == "of");
        var verb = Enumerable.Range(end, Math.Max(0, Math.Min(to, end + 8) - end)).FirstOrDefault(i => words[i] is "take" or "use" or "give" or "make" or "do", -1);
        if (!instead || verb < 0 || Dosing.Frequency(words, end, verb) is not { } oldFrequency || Dosing.Frequency(words, verb, to) is not { } newFrequency
            || TimesADay(oldFrequency) is not { } oldTimes || TimesADay(newFrequency) is not { } newTimes)
        {
            return null;
        }

        double? Amount(int from, int until) => Dosing.Doses(words, from, until).FirstOrDefault()?.Amount
            ?? (from < until && NumberWords.TryRead(words, from, out var bare, out _) && words[from] != "a" ? bare : null);
        var oldAmount = Amount(end, verb);
        var newAmount = Amount(verb + 1, to) ?? oldAmount;
        if (oldAmount is null || newAmount is null)
        {
            return null;
        }

        var (was, now) = (oldAmount.Value * oldTimes, newAmount.Value * newTimes);
        return (now > was ? "increase" : now < was ? "decrease" : "continue", verb + 1);
    }

    /// <summary>"acetaminophen for the fever, and lots of fluids": the symptom the drug is for, then the next item of the plan.</summary>
    private static bool SymptomThenAnd(IReadOnlyList<string> words, int at)
    {
        var end = at + 1 < words.Count && words[at + 1] is "the" or "any" or "your" ? at + 3 : at + 2;
        return end < words.Count && words[end] == "and" && Dosing.ForSymptom(words, at, end);
    }

    /// <summary>How many times a day a frequency takes the drug, or null when it says no fixed number.</summary>
    private static double? TimesADay(string frequency) => frequency switch
    {
        "once daily" or "every morning" or "every night" or "at bedtime" or "every evening" => 1,
        "twice daily" => 2,
        "three times daily" => 3,
        "four times daily" => 4,
        _ when frequency.StartsWith("every ", StringComparison.Ordinal) && frequency.EndsWith(" hours", StringComparison.Ordinal)
            && int.TryParse(frequency["every ".Length..^" hours".Length], out var hours) && hours > 0 => 24.0 / hours,
        _ => null,
    };

    /// <summary>"And the vitamin D?" "Fine to continue, two thousand units daily.": a reply that opens by agreeing, then says what to do.</summary>
    private static string? Acknowledged(IReadOnlyList<string> words)
    {
        if (words.Count < 2 || words[0] is not ("fine" or "okay" or "ok" or "yes" or "yeah" or "sure" or "good"))
        {
            return null;
        }

        for (var i = 1; i < Math.Min(words.Count, 4); i++)
        {
            if (words[i] is "continue" or "keep" && !(i + 1 < words.Count && words[i + 1] is "an" or "a" or "track" or "in"))
            {
                return "continue";
            }

            if (words[i] is "stop" or "skip" && !(i + 1 < words.Count && words[i + 1] is "by" or "in"))
            {
                return words[i] == "stop" ? "stop" : "hold";
            }
        }

        return null;
    }

    /// <summary>"Omeprazole forty daily, are you still on that?", "the gabapentin, still taking it?": the drug named first, then asked after as "that".</summary>
    private static bool AskedStillOnAfter(Sentence sentence, int start, int end) =>
        sentence.IsQuestion && start <= 2 && (Enumerable.Range(end, Math.Max(0, sentence.Words.Count - end - 1))
            .Any(i => sentence.Words[i] is "on" or "taking" or "using" && sentence.Words[i + 1] is "that" or "it" or "them" && sentence.Words.Skip(end).Contains("still"))
            // "The pregabalin, one hundred three times a day, is that right?": the regimen read back to be confirmed.
            || sentence.Words[^1] is "right" or "correct" && sentence.Words.Count - end >= 3 && Dosing.Frequency(sentence.Words, end, sentence.Words.Count) is not null);

    /// <summary>What puts off a start said just before it: "we talked about starting semaglutide, but you'd rather wait, so we'll hold off".</summary>
    private static readonly string[][] PutOffs =
    [
        ["hold", "off"], ["holding", "off"], ["rather", "wait"], ["prefer", "to", "wait"], ["want", "to", "wait"], ["not", "yet"], ["not", "today"], ["rather", "not"],
        ["not", "right", "now"], ["for", "another", "time"], ["down", "the", "road"], ["revisit"], ["decided", "against"], ["decided", "to", "wait"],
    ];

    /// <summary>
    /// A start put off in the same sentence after the drug ("… but you'd rather wait, so we'll hold off for now"), before any
    /// other drug; not once the drug is dosed ("start X ten milligrams, and hold off on the Y" puts off the other).
    /// </summary>
    private static bool PutOffAfter(IReadOnlyList<string> words, int end, int to, Dose? dose) =>
        dose is null && Dosing.Says(words, PutOffs, end, to);

    /// <summary>
    /// "Some people do well on diltiazem … | so we might think about it next time", "… | let's hold off for now": a recogniser's
    /// unpunctuated turn is cut into clauses, and the clause after a drug can weigh it: the next clause of the same turn, short,
    /// dosing nothing, deferring.
    /// </summary>
    private static bool DeferredNext(ClinicalTranscript transcript, Sentence sentence, ClinicalLexicon lexicon)
    {
        var next = transcript.SentencesOf(sentence.Utterance.Index).FirstOrDefault(s => s.Ordinal == sentence.Ordinal + 1);
        return next is not null && next.Words.Count <= 10 && next.Words[0] is "so" or "but" or "and" or "well" or "let's" or "we"
            && Dosing.Says(next.Words, LaterDeferrals)
            && Dosing.Doses(next.Words, 0, next.Words.Count).Count == 0
            // ("… vitamin d a thousand units daily | we talked about alendronate but": the clause weighs a drug of its own.)
            && lexicon.Drugs.FindAll(next.Words).Count == 0;
    }

    /// <summary>
    /// The deferrals that put a drug off on their own ("think about it next time", "hold off for now"), not a condition or a
    /// modal that also tells how to take it ("so if the fever stays, call me", "so you could take it with food").
    /// </summary>
    private static readonly string[][] LaterDeferrals = Deferrals.Where(d => d is not (["could"] or ["might"] or ["if"] or ["unless"] or ["avoid"] or ["maybe"])).ToArray();

    /// <summary>"swap the oxybutynin for mirabegron", "switch the X to Y", "replace X with Y".</summary>
    private static bool Replaces(IReadOnlyList<string> words, int start, int end, int nextStart) =>
        Enumerable.Range(Math.Max(0, start - 4), Math.Min(4, start)).Any(i => words[i] is "swap" or "swapping" or "switch" or "switching" or "replace" or "change" or "changing")
        && Enumerable.Range(end, Math.Max(0, nextStart - end)).Any(i => words[i] is "for" or "to" or "with")
        && (nextStart - end <= 3
            // "Swap the atenolol twenty five milligrams nightly for sucralfate …": the first drug's dose and how often, then "for".
            || nextStart - end <= 12 && words[nextStart - 1] is "for" or "to" or "with" && Dosing.Doses(words, end, nextStart - 1).FirstOrDefault()?.Start == end);

    /// <summary>
    /// "X …, so I'd like to switch you to Y instead", "X …; we'll change over to Y instead": the next drug replaces this one.
    /// </summary>
    private static bool SwitchedAwayFrom(IReadOnlyList<string> words, int end, int nextStart, int nextEnd) =>
        Enumerable.Range(Math.Max(end, nextStart - 5), nextStart - Math.Max(end, nextStart - 5))
            .Any(i => words[i] is "switch" or "switching" or "change" or "changing" or "move" or "moving")
        && words[nextStart - 1] is "to" or "the" && Enumerable.Range(nextEnd, Math.Max(0, words.Count - nextEnd)).Any(i => words[i] == "instead");

    /// <summary>
    /// "We'll recheck your vitamin D", "check a B12 and a magnesium", "your lithium level": the drug's level is tested, the
    /// drug is not prescribed (a drug taken is named so elsewhere).
    /// </summary>
    private static bool Tested(IReadOnlyList<string> words, int start, int end) =>
        end < words.Count && words[end] is "level" or "levels"
        || Enumerable.Range(Math.Max(0, start - 3), start - Math.Max(0, start - 3)).Any(i => words[i] is "check" or "recheck" or "checking" or "rechecking" or "draw" or "measure"
            && Enumerable.Range(i + 1, start - i - 1).All(k => words[k] is "a" or "an" or "the" or "your" or "her" or "his"));

    /// <summary>
    /// "Vitamin D deficiency", "iron deficiency anemia", "your vitamin D is low", "low in iron", "iron-rich foods": the
    /// nutrient the body lacks or a result, not a medicine (a dose said with it still makes one: "your vitamin D is low, so take
    /// two thousand units a day" names the drug again).
    /// </summary>
    private static bool Nutrient(IReadOnlyList<string> words, int start, int end) =>
        end < words.Count && (words[end] is "deficiency" or "deficient" or "overload" or "toxicity" or "poisoning" or "studies" or "stores" or "rich" or "intake"
                or "panel" or "infusion" or "infusions" or "transfusion" or "saturation" or "channel" or "score" or "scoring" or "deposits" or "buildup"
            || words[end] is "is" or "was" && end + 1 < words.Count && words[end + 1] is "low" or "high" or "normal" or "mildly" or "slightly" or "elevated"
                or "borderline" or "undetectable" or "therapeutic" or "subtherapeutic"
            // "Your testosterone came back mildly high": a result.
            || words[end] is "came" or "comes" && end + 1 < words.Count && words[end + 1] == "back")
        || start >= 1 && (words[start - 1] is "low" or "high" or "iv" or "intravenous" || words[start - 1] == "in" && start >= 2 && words[start - 2] is "low" or "rich" or "high")
        // "That much bleeding is what's straining your iron" (however the verb is heard): a nutrient the body stores, ending the
        // sentence after "your" with nothing said of taking it or its dose, is the body's store of it.
        || end == words.Count && start >= 1 && words[start - 1] is "your" or "her" or "his" && BodyStores.Contains(words[start])
            && !words.Any(w => w is "take" or "taking" or "took" or "keep" or "continue" or "stay" or "still" or "start" or "stop" or "using")
            && Dosing.Doses(words, 0, words.Count).Count == 0
        // "That much bleeding is what's draining your iron": the body's store of it.
        || start >= 2 && words[start - 1] is "your" or "her" or "his" && words[start - 2] is "draining" or "drains" or "drained" or "depleting" or "depletes" or "losing" or "boost" or "boosting" or "build" or "rebuild"
        // "Her B twelve, thyroid, and blood counts were normal", "your vitamin D and calcium came back fine": results listed.
        || Enumerable.Range(end, Math.Max(0, Math.Min(words.Count, end + 8) - end)).Any(i => words[i] is "were" && i + 1 < words.Count && words[i + 1] is "normal" or "low" or "high" or "fine" or "okay" or "elevated" or "abnormal"
            || words[i] == "came" && i + 1 < words.Count && words[i + 1] == "back")
            && start >= 1 && words[start - 1] is "your" or "her" or "his" or "the";

    /// <summary>Nutrients the body keeps a store of, which "your …" can mean as well as the supplement.</summary>
    private static readonly HashSet<string> BodyStores = ["iron", "calcium", "potassium", "magnesium", "folate", "b12", "zinc", "sodium"];

    /// <summary>Where a kind of medicine is named before a drug ("two blood thinners", "a couple of antibiotics"), or -1.</summary>
    private static int KindNamedBefore(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            if (words[i] is "thinners" or "medicines" or "medications" or "antibiotics" or "pills" or "inhalers" or "drugs" or "therapy" or "regimen")
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"a first dose of", "a loading dose of", "a single dose of" among the words before a dose.</summary>
    private static bool FirstDoseSaid(IReadOnlyList<string> words, int from, int to) =>
        Enumerable.Range(from, Math.Max(0, to - from)).Any(i => words[i] == "dose")
        && Enumerable.Range(from, Math.Max(0, to - from)).Any(i => words[i] is "first" or "loading" or "initial" or "single");

    /// <summary>"After three weeks, you'll stop …", "… stop it in two weeks": the time a decision is said to wait for.</summary>
    private static string? LaterBy(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i + 1 < to; i++)
        {
            if (words[i] is "after" or "in" && Intervals.At(words, i + 1) is { } interval && interval.End <= to)
            {
                return interval.Text;
            }
        }

        return null;
    }

    /// <summary>"… and clopidogrel, Plavix, seventy five milligrams", "Tamiflu, oseltamivir": a drug named twice in a row is one mention.</summary>
    private static IReadOnlyList<PhraseMatch<Drug>> Restated(IReadOnlyList<PhraseMatch<Drug>> matches)
    {
        if (matches.Count < 2)
        {
            return matches;
        }

        var joined = new List<PhraseMatch<Drug>> { matches[0] };
        foreach (var match in matches.Skip(1))
        {
            if (joined[^1] is var last && last.End == match.Start && last.Value.Generic == match.Value.Generic)
            {
                joined[^1] = last with { End = match.End };
            }
            else
            {
                joined.Add(match);
            }
        }

        return joined;
    }

    /// <summary>"It's a vitamin D type cream", "that's a steroid": a description of the drug just named.</summary>
    private static bool IsDescription(IReadOnlyList<string> words, int start) =>
        start >= 2 && words[start - 1] is "a" or "an" && words[start - 2] is "it's" or "that's" or "is" or "which's"
        // "Sunshine helps your body make vitamin D": what the body makes, not a medicine.
        || start >= 1 && words[start - 1] is "make" or "makes" or "making" or "produce" or "produces";

    /// <summary>Vitamins dosed in international units: "two thousand units" of vitamin D is 2000 IU (insulin's units stay units).</summary>
    private static readonly HashSet<string> InternationalUnits = ["cholecalciferol", "ergocalciferol", "vitamin d2", "vitamin e", "vitamin a"];

    /// <summary>The change a "start" of a drug already taken makes: its new dose against the dose taken so far.</summary>
    private static string? Compare(List<Mention> mentions, Dose? now)
    {
        var before = mentions.Where(m => (m.Current || m.ExtraCurrent) && m.Action is null).Select(m => m.Dose ?? m.ExtraDose)
            .FirstOrDefault(d => d is not null && now is not null && d.Unit == now.Unit);
        if (before is null || now is null)
        {
            return null;
        }

        return now.Amount > before.Amount ? "increase" : now.Amount < before.Amount ? "decrease" : "continue";
    }

    /// <summary>
    /// "… empagliflozin ten milligrams every morning … if she's sick and can't eat she should skip that": a decision on
    /// "it" after a condition is a sick-day rule; the drug's own decisions end where the condition starts.
    /// </summary>
    private static int UntilCondition(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (IsConditionWord(words[i]))
            {
                return i;
            }
        }

        return to;
    }

    /// <summary>"If she can't keep fluids down, she should hold the metformin": a sick-day rule, not today's decision.</summary>
    private static bool IsConditional(IReadOnlyList<string> words, int before) =>
        Enumerable.Range(0, Math.Min(before, words.Count)).Any(i => IsConditionWord(words[i]) || words[i] == "in" && i + 1 < words.Count && words[i + 1] == "case");

    private static bool IsConditionWord(string word) => word is "if" or "unless" or "whenever";

    /// <summary>"What are you taking?", "Any inhalers?", "What do you use on the rash?", "Any vitamins or supplements?"</summary>
    private static readonly HashSet<string> MedicationQuestionWords =
    [
        "taking", "take", "medicines", "medications", "medicine", "medication", "pills", "supplements", "vitamins", "prescriptions",
        "using", "use", "inhaler", "inhalers", "creams", "ointments", "drops", "sprays", "injections", "patches",
    ];

    /// <summary>A patient's sentence in the answer to "What are you taking?" / "What medicines…?": its drugs are taken now.</summary>
    private static bool AnswersMedicationQuestion(ClinicalTranscript transcript, Sentence sentence)
    {
        // A turn a service sent as several segments ("I take metoprolol …" / "And the gabapentin …") answers as one.
        var turn = sentence.Utterance.Index;
        while (turn > 0 && sentence.Utterance.Index - turn < 6 && transcript.Utterances[turn - 1].ByClinician == sentence.ByClinician)
        {
            turn--;
        }

        // "What medicines are you taking?" … "Any others?": a short follow-on question continues the medication question.
        for (var at = turn - 1; at >= Math.Max(0, turn - 3); at -= 2)
        {
            var question = transcript.SentencesOf(at).LastOrDefault(s => s.ByClinician && s.IsQuestion);
            if (question is null)
            {
                return false;
            }

            // "Are you on anything right now?", "Is she on any medicines?", "What else are you on these days?"
            // ("Anything for sleep?", "something for the pain?")
            if (question.Words.Any(MedicationQuestionWords.Contains) || Dosing.Says(question.Words, [["on", "anything"], ["on", "any"]])
                || question.Words[0] == "what" && Dosing.Says(question.Words, [["are", "you", "on"], ["is", "she", "on"], ["is", "he", "on"]])
                || question.Words.Count <= 6 && question.Words[0] is "anything" or "something" && question.Words.Contains("for"))
            {
                return true;
            }

            if (!(question.Words.Count <= 4 && question.Words.Any(w => w is "others" or "other" or "else")))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A verb before the drug and its particle after it: "bump the amlodipine up", "cut the prednisone back",
    /// "cut the metformin in half", "bring the insulin down".
    /// </summary>
    private static string? SplitDecision(IReadOnlyList<string> words, int from, int start, int end, int to)
    {
        // "… the amlodipine in half": halved, whatever verb a recogniser heard before it ("stop the amlodipine in half to five").
        if (start > from && Enumerable.Range(end, Math.Max(0, Math.Min(to, end + 2) - end)).Any(j => words[j] == "in" && j + 1 < to && words[j + 1] == "half"))
        {
            return "decrease";
        }

        for (var i = start - 1; i >= from; i--)
        {
            if (words[i] is not ("bump" or "cut" or "bring" or "take" or "turn" or "dial" or "knock" or "drop" or "move" or "push"))
            {
                continue;
            }

            for (var j = end; j < Math.Min(to, end + 2); j++)
            {
                var action = (words[i], words[j]) switch
                {
                    // "take the ibuprofen up to three times a day": a most that may be taken; "bump the X up to …" is a new dose.
                    ("take", "up") when Limit(words, j, to) && !ClinicianActs(words, i) => null,
                    (_, "up" or "higher" or "harder") when words[i] is not ("cut" or "drop") => "increase",
                    (_, "down") or (_, "back") => "decrease",
                    ("cut", "in") when j + 1 < to && words[j + 1] == "half" => "decrease",
                    _ => null,
                };
                if (action is not null)
                {
                    return action;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// "The glargine, we'll bump from twenty to twenty four units", "let's move the gabapentin from one capsule to two": a
    /// change said as its two amounts, whatever the verb; the bigger second amount raises the dose (unless the verb before says
    /// the other way and the second amount's teen or ty goes that way: see <see cref="WrongWay"/>).
    /// </summary>
    private static string? FromTo(IReadOnlyList<string> words, int end, int to, string? verb)
    {
        for (var i = end; i + 3 < to; i++)
        {
            if (words[i] != "from" || !NumberWords.TryRead(words, i + 1, out var was, out var wasLength))
            {
                continue;
            }

            var at = i + 1 + wasLength;
            while (at < to && at <= i + 1 + wasLength + 2 && words[at] != "to")
            {
                // "from twenty units to", "from one capsule to".
                at++;
            }

            if (at + 1 < to && words[at] == "to" && NumberWords.TryRead(words, at + 1, out var now, out _) && now != was)
            {
                // ("Lower the Lantus from twenty two to sixty units": the verb's way, when the second amount's teen or ty goes it.)
                return verb is "increase" or "decrease" && WrongWay(was, now, verb) is not null ? verb : now > was ? "increase" : "decrease";
            }
        }

        return null;
    }

    /// <summary>
    /// How often the drug is taken from now on: after the "to" of a change said as its two doses ("from forty milligrams once a
    /// day to forty milligrams twice a day"), else the first said.
    /// </summary>
    private static string? NewFrequency(IReadOnlyList<string> words, int end, int to)
    {
        for (var i = end; i + 3 < to; i++)
        {
            if (words[i] != "from" || !NumberWords.TryRead(words, i + 1, out _, out var length))
            {
                continue;
            }

            // The "to" of the new amount, within a few words of the old one ("… milligrams once a day to forty …").
            for (var k = i + 1 + length; k + 1 < to && k <= i + length + 6; k++)
            {
                if (words[k] == "to" && NumberWords.TryRead(words, k + 1, out _, out _))
                {
                    return Dosing.Frequency(words, k, to) ?? Dosing.Frequency(words, end, to);
                }
            }
        }

        return Dosing.Frequency(words, end, to);
    }

    /// <summary>"let's take …", "we'll take …", "I'm going to take …": the clinician acting on the dose, not telling the patient how to take it.</summary>
    private static bool ClinicianActs(IReadOnlyList<string> words, int verb) =>
        verb > 0 && words[verb - 1] is "let's" or "we'll" or "i'll" or "gonna"
        || verb > 2 && words[verb - 1] == "to" && words[verb - 2] == "going" && words[verb - 3] is "we're" or "i'm";

    /// <summary>
    /// "… so I'd like you to stop it the melatonin you can keep" (a recogniser's turn without its full stop): the verb before is
    /// on "it", the drug named before; the drug that opens the next clause has its own verb after it.
    /// </summary>
    private static string? TopicAfterPronoun(IReadOnlyList<string> words, int start, int end, int to) =>
        start >= 3 && words[start - 1] is "the" or "your" && words[start - 2] is "it" or "that" or "them" or "those"
        && end + 2 < to && words[end] is "you" or "we" or "i" && words[end + 1] is "can" or "should" or "will" or "may"
            ? FindDecision(words, end + 2, Math.Min(to, end + 4))
            : null;

    /// <summary>The drug as the subject: "the losartan stays at one hundred", "the insulin goes down to sixteen units".</summary>
    private static string? AfterDecision(IReadOnlyList<string> words, int start, int end, int to)
    {
        // "For the prednisone, let's start tapering": the clinician's plan for the drug just named (the last verb says what); not
        // when a verb just before the drug decides on it ("stop the Sprintec and we'll switch to …" switches to another).
        for (var i = end; i < Math.Min(to, end + 3) && FindDecision(words, Math.Max(0, start - 3), start) is null; i++)
        {
            if (words[i] is "let's" or "we'll" or "i'll" || words[i] is "we" or "i" && i + 1 < to && words[i + 1] is "will" or "should")
            {
                if (FindDecision(words, i + 1, Math.Min(to, i + 5)) is { } planned)
                {
                    return planned;
                }
            }
        }

        // "For the prednisone, drop to two and a half milligrams": a drug named as the topic, then what happens to it, up to its dose.
        if (start >= 1 && (words[start - 1] == "for" || start >= 2 && words[start - 1] is "the" or "your" && words[start - 2] == "for") && start <= 3)
        {
            var doseAt = Enumerable.Range(end, Math.Max(0, Math.Min(to, end + 10) - end)).FirstOrDefault(i => NumberWords.IsNumberWord(words[i]) && words[i] != "a", Math.Min(to, end + 10));
            if (FindDecision(words, end, doseAt) is { } topical)
            {
                return topical;
            }
        }

        // "… the amlodipine up to ten milligrams", "… the prednisone down to twenty", "… the gabapentin back to three hundred": the
        // particle right after the drug says the direction, whatever verb a recogniser heard before it ("let's bomb the amlodipine
        // up to ten", "we're going to cop the baclofen back to ten").
        var particle = end < to && words[end] == "dose" ? end + 1 : end;
        if (particle + 2 < to && words[particle] is "up" or "down" or "back" && words[particle + 1] == "to" && NumberWords.TryRead(words, particle + 2, out _, out _)
            && !Limit(words, particle, to))
        {
            return words[particle] == "up" ? "increase" : "decrease";
        }

        // A verb a recogniser garbled before "the X to <dose>": "we'll go on the simvastatin to twenty milligrams" lost the "up" of
        // "go up on" and raises it; "let's have the letrozole to two point five" is "halve" and lowers it.
        if (end + 1 < to && words[end] == "to" && NumberWords.TryRead(words, end + 1, out _, out _) && start >= 3 && words[start - 1] is "the" or "your")
        {
            var garbled = (words[start - 3], words[start - 2]) switch
            {
                ("go" or "going", "on") => "increase",
                // ("… so we'll stop it and have the lisinopril to ten milligrams": the same "halve" after another decision.)
                ("let's" or "we'll" or "i'll" or "and", "have") => "decrease",
                _ => null,
            };
            if (garbled is not null)
            {
                return garbled;
            }
        }

        // "The montelukast five milligrams once a day is working, so no changes there": a drug that works is kept ("no change
        // to the …" names another thing); "… to see how the tamsulosin is working" asks, and decides nothing.
        var asks = Enumerable.Range(Math.Max(0, start - 3), Math.Min(3, start)).Any(i => words[i] is "how" or "whether" or "if");
        for (var i = end; i < to; i++)
        {
            if (words[i] is "working" && i > end && words[i - 1] is "is" or "it's" && !(i + 1 < to && words[i + 1] is "on" or "out") && !asks
                || words[i] == "no" && i + 1 < to && words[i + 1] is "change" or "changes" && !(i + 2 < to && words[i + 2] is "to" or "in" or "for" or "with"))
            {
                return "continue";
            }
        }

        // "Please don't take the tramadol anymore", "don't take the tramadol fifty milligrams at night any longer".
        if (Enumerable.Range(end, Math.Max(0, to - end)).Any(i => words[i] == "anymore" || words[i] == "any" && i + 1 < to && words[i + 1] is "more" or "longer")
            && Enumerable.Range(Math.Max(0, start - 4), Math.Min(4, start)).Any(i => words[i] is "don't" or "not" or "no")
            // "We don't use acetaminophen for this anymore": the clinicians' practice, not the patient's drug.
            && !(start >= 1 && words[start - 1] is not ("the" or "your" or "his" or "her" or "that") && words.Take(start).Contains("we")))
        {
            return "stop";
        }

        for (var i = end; i < Math.Min(to, end + 3); i++)
        {
            var action = words[i] switch
            {
                "stays" or "remains" or "unchanged" => "continue",
                // "… will stay at", or a recogniser's "the clonazepam stay as a point five" (stays).
                "stay" or "remain" when i > end && words[i - 1] is "will" or "can" or "should" || i == end && i + 1 < to && words[i + 1] is "at" or "as" or "the" => "continue",
                "goes" or "go" or "comes" or "come" when i + 1 < to && words[i + 1] == "up" => "increase",
                "goes" or "go" or "comes" or "come" when i + 1 < to && words[i + 1] == "down" => "decrease",
                _ => null,
            };
            if (action is not null)
            {
                return action;
            }
        }

        return null;
    }

    /// <summary>"Same lisinopril, ten milligrams", or a verb or verdict after the drug's dosing (<see cref="Tails"/>); not past a condition.</summary>
    private static string? TailDecision(IReadOnlyList<string> words, int start, int end, int to)
    {
        if (start > 0 && words[start - 1] == "same")
        {
            return "continue";
        }

        for (var i = end; i < to && !IsConditionWord(words[i]); i++)
        {
            foreach (var (phrase, action, doseAfter) in Tails)
            {
                if (!Dosing.At(words, i, to, phrase))
                {
                    continue;
                }

                // "The baclofen is going down": the drug's own movement, right after its name; "… and your pressure is going down" is not.
                if (phrase[0] is "going" or "coming" && phrase[^1] is "down" or "up" && i - end > 2)
                {
                    continue;
                }

                var next = i + phrase.Length;
                // "… can go", "… stays" end the clause: "can go up to", "should go with food", "stays in the fridge" are other things.
                if (phrase[^1] is "go" or "stays" or "remains" && next < to && words[next] is not ("now" or "completely" or "altogether" or "away" or "put"))
                {
                    continue;
                }

                // ("I won't add gabapentin today, you can keep the ibuprofen": a verb whose object is the next drug is that drug's.)
                if (to < words.Count && Enumerable.Range(next, to - next).All(k => words[k] is "the" or "your" or "his" or "her" or "my" or "taking" or "using" or "on"))
                {
                    continue;
                }

                if (!doseAfter || Dosing.Doses(words, next, to).Count > 0)
                {
                    return action;
                }
            }
        }

        return null;
    }

    /// <summary>"He gets a vitamin D drop", "she's getting the amoxicillin": "get" said of the drug, right before it.</summary>
    private static bool GetsIt(IReadOnlyList<string> words, int start) =>
        start >= 1 && words[start - 1] is "get" or "gets" or "getting"
        || start >= 2 && words[start - 2] is "get" or "gets" or "getting" && words[start - 1] is "a" or "an" or "the" or "his" or "her" or "some" or "their";

    /// <summary>
    /// "up to three thousand milligrams a day", "no more than four grams per day": a mass as the most a day (not "then go up to
    /// fifty milligrams a day", "move up to …", where the dose goes next).
    /// </summary>
    private static bool DailyMost(IReadOnlyList<string> words, Dose dose) =>
        dose.IsMass
        && (dose.Start >= 2 && words[dose.Start - 2] == "up" && words[dose.Start - 1] == "to" && !(dose.Start >= 3 && words[dose.Start - 3] is "go" or "going" or "move" or "moving" or "ago" or "come" or "work" or "step" or "bump" or "bumped" or "titrate")
            || dose.Start >= 3 && words[dose.Start - 3] is "no" or "not" && words[dose.Start - 2] == "more" && words[dose.Start - 1] == "than")
        && dose.End + 1 < words.Count && (words[dose.End] is "a" or "per" or "each" or "in" && words[dose.End + 1] is "day" or "24" || words[dose.End] == "daily");

    /// <summary>
    /// "… ibuprofen up to three times a day", "… acetaminophen up to three thousand milligrams a day": after "up to" a
    /// most that may be taken, not a new dose.
    /// </summary>
    private static bool Limit(IReadOnlyList<string> words, int particle, int to)
    {
        if (particle + 2 >= to || words[particle] != "up" || words[particle + 1] != "to" || !NumberWords.TryRead(words, particle + 2, out _, out var length))
        {
            return false;
        }

        var next = particle + 2 + length;
        if (next < to && words[next] is "milligrams" or "mg" or "grams" or "g" or "units" or "tablets" or "pills" or "capsules" or "puffs")
        {
            next++;
        }

        return next < to && (words[next] is "times" or "doses" or "daily" or "each" or "every" or "per" || words[next] is "a" or "in" && next + 1 < to && words[next + 1] is "day" or "day's" or "24");
    }

    private static string? FindDecision(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = to - 1; i >= from; i--)
        {
            if (BackOn(words, i, to) is { } back)
            {
                return back;
            }

            foreach (var (phrase, action) in Decisions)
            {
                if (Dosing.At(words, i, to, phrase))
                {
                    // "no change to the metformin" is not "change to the metformin".
                    if (i > 0 && words[i - 1] == "no" && phrase[0] is "change" or "changes")
                    {
                        continue;
                    }

                    // "Stop it and use clobetasol": the verb is on "it", the drug named before, not on the one after "and".
                    if (i + phrase.Length + 1 < to && words[i + phrase.Length] is "it" or "that" or "them" && words[i + phrase.Length + 1] is "and" or "then")
                    {
                        continue;
                    }

                    // "a bit more amoxicillin" is more of the drug; "a little more water with the metformin" is not.
                    if (phrase[^1] is "more" or "less" && Enumerable.Range(i + phrase.Length, Math.Max(0, to - i - phrase.Length))
                            .Any(k => words[k] is not ("of" or "the" or "your" or "his" or "her")))
                    {
                        continue;
                    }

                    // "… so the attacks stop that's allopurinol": a verb of another clause, the drug named in one of its own.
                    if (Enumerable.Range(i + phrase.Length, Math.Max(0, to - i - phrase.Length)).Any(k => words[k] is "that's" or "it's" or "which"))
                    {
                        continue;
                    }

                    // "after you finish", "once you stop": when something happens, not a decision.
                    if (i > 1 && words[i - 1] is "you" or "she" or "he" && words[i - 2] is "after" or "when" or "once" or "until" or "before")
                    {
                        // ("Stop the Symbicort once you start the Trelegy": the switch the clinician makes.)
                        if (action == "start" && words.Take(i - 2).Any(w => w is "stop" or "stopping"))
                        {
                            return action;
                        }

                        continue;
                    }

                    // "don't skip", "don't stop": a negated verb is an instruction to keep going, not a decision.
                    if (i > 0 && words[i - 1] is "don't" or "not" or "never" or "won't" or "wouldn't")
                    {
                        return action is "stop" or "hold" ? "continue" : null;
                    }

                    return action;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// "… back on the X": going, getting or being put back on a drug is a return to it ("go back on the sertraline",
    /// "put you back on …"); a patient who is back on it takes it; any other verb before it is less of the drug, since
    /// "cut back on" is the phrase and a recogniser hears its short verb as another ("drop", "talk", "come back on").
    /// </summary>
    private static string? BackOn(IReadOnlyList<string> words, int i, int to)
    {
        if (i == 0 || i + 1 >= to || words[i] != "back" || words[i + 1] != "on" || words.Skip(i + 2).Take(to - i - 2).Any(w => w is not ("the" or "your" or "his" or "her")))
        {
            return null;
        }

        return words[i - 1] switch
        {
            "go" or "going" or "get" or "getting" or "got" or "you" or "him" or "her" or "them" => "start",
            "i'm" or "been" or "was" or "is" or "are" or "i" or "she's" or "he's" => "continue",
            "not" or "never" or "don't" => null,
            _ => "decrease",
        };
    }

    /// <summary>
    /// "Let's go up to twenty milligrams weekly", "we'll come down to five hundred milligrams": a change of dose with no drug
    /// named before <paramref name="to"/>, the new dose right after the change's "to", in the unit the drug was said in; the
    /// change and the new dose, or null.
    /// </summary>
    private static (string Action, Dose Dose)? UnnamedChange(IReadOnlyList<string> words, int to, Mention drug)
    {
        var unit = (drug.Dose ?? drug.ExtraDose)?.Unit;
        foreach (var dose in Dosing.Doses(words, 0, to))
        {
            if ((unit is null || dose.Unit == unit) && InsteadOf(words, dose, to) is { } was && Direction(was, dose) is { } replaced)
            {
                // "Take one hundred milligrams each morning instead of the fifty."
                return (replaced, dose);
            }

            if (dose.Start < 2 || words[dose.Start - 1] != "to" || unit is not null && dose.Unit != unit)
            {
                continue;
            }

            if (dose.Start >= 3 && words[dose.Start - 2] is "it" or "that" or "this" && ChangeOn(words[dose.Start - 3], drug, dose) is { } changed)
            {
                return (changed, dose);
            }

            foreach (var (phrase, action) in Decisions)
            {
                var end = phrase[^1] == "to" ? dose.Start : dose.Start - 1;
                if (action is "increase" or "decrease" && end - phrase.Length >= 0 && Dosing.At(words, end - phrase.Length, end, phrase))
                {
                    return (action, dose);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// "One hundred milligrams each morning instead of the fifty", "ten units rather than eight", "five hundred twice a day, not a
    /// thousand": the dose a new one replaces, said within a few words after it (in the new dose's unit when it names none); null
    /// when none is.
    /// </summary>
    private static Dose? InsteadOf(IReadOnlyList<string> words, Dose dose, int to)
    {
        for (var i = dose.End; i + 1 < to && i <= dose.End + 5; i++)
        {
            var not = words[i] == "not";
            if (!(not || i + 2 < to && (words[i] == "instead" && words[i + 1] == "of" || words[i] == "rather" && words[i + 1] == "than")))
            {
                continue;
            }

            var at = not ? i + 1 : i + 2;
            // ("not a thousand" is one number; "instead of the fifty" skips "the".)
            at = at < to && (words[at] is "the" or "your" || words[at] == "a" && !NumberWords.TryRead(words, at, out _, out _)) ? at + 1 : at;
            if (at >= to)
            {
                return null;
            }

            if (Dosing.Doses(words, at, Math.Min(to, at + 4)).FirstOrDefault(d => d.Start == at) is { } said)
            {
                return said;
            }

            return at < to && NumberWords.TryRead(words, at, out var amount, out _) ? dose with { Amount = amount, Start = at, End = at + 1 } : null;
        }

        return null;
    }

    /// <summary>
    /// "Let's drop that to one hundred micrograms", "we'll bring it to forty milligrams": the change a verb makes of a dose on "it"
    /// or "that"; a verb that says no direction ("bring", "change", "move") reads it from the dose the drug was said at.
    /// </summary>
    private static string? ChangeOn(string verb, Mention drug, Dose now) => verb switch
    {
        "drop" or "dropping" or "cut" or "cutting" or "lower" or "lowering" or "reduce" or "reducing" or "decrease" or "decreasing" => "decrease",
        "raise" or "raising" or "increase" or "increasing" or "bump" or "bumping" or "up" or "upping" => "increase",
        "bring" or "bringing" or "change" or "changing" or "move" or "moving" or "adjust" or "set" or "take" when (drug.ExtraDose ?? drug.Dose) is { } was => Direction(was, now),
        _ => null,
    };

    /// <summary>Up or down from <paramref name="was"/> to <paramref name="now"/> in the same unit; null when the unit differs or the amount is the same.</summary>
    private static string? Direction(Dose was, Dose now) =>
        now.Unit != was.Unit || now.Amount == was.Amount ? null : now.Amount > was.Amount ? "increase" : "decrease";

    /// <summary>
    /// "Thirty units at night." "Let's make that thirty four units.": a new dose set on "it" or "that", more or less than the
    /// dose the drug was said at (in the same unit).
    /// </summary>
    private static string? MadeDose(IReadOnlyList<string> words, Mention mention)
    {
        var was = mention.ExtraDose ?? mention.Dose;
        for (var i = 0; was is not null && i + 2 < words.Count; i++)
        {
            if (words[i] is "make" or "making" && words[i + 1] is "it" or "that" && Dosing.Doses(words, i + 2, Math.Min(words.Count, i + 5)).FirstOrDefault() is { } now
                && Direction(was, now) is { } direction)
            {
                return direction;
            }
        }

        return null;
    }

    /// <summary>"… metformin well, I'd like to increase it to …": a decision on "it" right after the drug.</summary>
    private static readonly HashSet<string> ObjectComplements =
    [
        "up", "elevated", "raised", "above", "clean", "dry", "wrapped", "covered", "still", "moving", "down", "out", "away", "iced", "cool", "warm", "open", "closed",
    ];

    /// <summary>What a drug is said as once named: "keep using the wash", "stop the cream".</summary>
    private static readonly HashSet<string> Forms =
    [
        "wash", "cream", "ointment", "gel", "lotion", "drops", "spray", "inhaler", "patch", "pills", "tablets", "capsules", "shampoo", "medicine", "medication",
    ];

    /// <summary>
    /// "… it raises the bleeding risk, use Tylenol for that instead", "take acetaminophen instead": a drug the clinician tells the
    /// patient to use in place of another is started (one already taken is continued when merged).
    /// </summary>
    private static bool UsedInstead(IReadOnlyList<string> words, int before, int start, int end, int to)
    {
        var verb = start - 1 >= before && words[start - 1] is "the" or "some" ? start - 2 : start - 1;
        return verb >= before && verb >= 0 && words[verb] is "use" or "take" or "give"
            && Enumerable.Range(end, Math.Max(0, Math.Min(to, end + 6) - end)).Any(i => words[i] == "instead");
    }

    private static string? PronounDecision(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i < to - 1; i++)
        {
            // "… so we'll cut it in half to five hundred milligrams", whatever a recogniser made of "cut it" ("we'll covid in half
            // to five hundred"): halved to the new dose.
            if (words[i] == "in" && words[i + 1] == "half" && i + 3 < to && words[i + 2] == "to" && NumberWords.TryRead(words, i + 3, out _, out _))
            {
                return "decrease";
            }

            // "come off it", "get off it"; "bump that up", "cut it in half", "cut it back".
            if (i + 2 < to && words[i + 1] is "off" && words[i + 2] is "it" or "that" or "them" && words[i] is "come" or "get" or "go")
            {
                return "stop";
            }

            if (words[i + 1] is "it" or "that" or "them" && SplitDecision(words, i, i + 1, i + 2, to) is { } split)
            {
                return split;
            }

            // "I take hydrochlorothiazide." "That raises uric acid, so let's change it to losartan": what "it" is changed to replaces it.
            if (i + 2 < to && words[i] is "change" or "changing" or "switch" or "switching" or "swap" or "swapping" && words[i + 1] is "it" or "that" or "them"
                && words[i + 2] is "to" or "for" or "over")
            {
                return "stop";
            }

            // "I'll take it off your list"; "I stopped that." "Fine, leave that off."; "keep them off for now".
            if (i + 2 < to && words[i] is "take" or "taking" or "leave" or "keep" && words[i + 1] is "it" or "that" or "them" && words[i + 2] == "off")
            {
                return "stop";
            }

            // "keep it up above your heart", "keep it clean and dry": what to do with a limb or a wound, not with the drug.
            if (words[i + 1] is "it" or "that" && i + 2 < to && words[i] is "keep" or "leave" && ObjectComplements.Contains(words[i + 2]))
            {
                continue;
            }

            // "Leave it on for five minutes before you rinse", "leave it on overnight": how long an application stays, not the drug kept.
            if (words[i] is "leave" or "keep" && i + 3 < to && words[i + 1] is "it" or "them" && words[i + 2] == "on" && words[i + 3] is "for" or "overnight" or "until" or "while" or "before" or "about")
            {
                continue;
            }

            // "Stop taking it", "keep using the wash": the drug said by its form, after the verb that uses it.
            var said = i + 2 < to && words[i + 1] is "taking" or "using" ? i + 2 : i + 1;
            if (words[said] is "it" or "that" || said > i + 1 && words[said] == "them"
                || said + 1 < to && words[said] is "the" or "your" && Forms.Contains(words[said + 1]) && (said + 2 == to || !Forms.Contains(words[said + 2]))
                || Dosing.At(words, i + 1, to, "the", "dose") || Dosing.At(words, i + 1, to, "your", "dose"))
            {
                // "increase it", "go up on the dose", "come down on your dose".
                foreach (var (phrase, action) in Decisions)
                {
                    if (action is not "start" && i - phrase.Length + 1 >= from && Dosing.At(words, i - phrase.Length + 1, i + 1, phrase))
                    {
                        return action;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// "Keep taking lisinopril, ten milligrams by mouth once a day, and atorvastatin, …": between two drugs
    /// only the first one's dosing and a conjunction, so the second shares the first one's verb.
    /// </summary>
    private static bool ContinuesList(IReadOnlyList<string> words, int from, int to)
    {
        // "… in between the ibuprofen doses", "with the naproxen": the second drug is the object of a preposition, not listed.
        var last = to - 1;
        while (last > from && words[last] is "the" or "your" or "his" or "her")
        {
            last--;
        }

        // "… metoprolol fifty milligrams together with omeprazole …" lists the two.
        if (to > from && words[last] is "with" && last > from && words[last - 1] == "together")
        {
            return true;
        }

        if (to > from && words[last] is "between" or "with" or "after" or "before" or "than" or "like" or "of" or "from" or "about" or "instead" or "around")
        {
            return false;
        }

        // "… and regular Tylenol": a plain form of the drug is still listed.
        var lead = to - 1;
        while (lead > from && words[lead] is "regular" or "plain" or "generic")
        {
            lead--;
        }

        // "I'm on lisinopril for blood pressure and atorvastatin": what the first drug is for is no break in the list.
        var purpose = to > from ? Enumerable.Range(from, lead - from).LastOrDefault(i => words[i] == "for", -1) : -1;
        var purposeEnd = purpose >= 0 && lead - purpose <= 5 && words[lead] is "and" or "plus" ? lead : purpose;
        var others = Enumerable.Range(from, Math.Max(0, to - from))
            .Count(i => !(Connectors.Contains(words[i]) || DosingWords.Contains(words[i]) || NumberWords.IsNumberWord(words[i]) || purpose <= i && i < purposeEnd));
        // "… and atorvastatin", or a list of nothing but dosing: "metformin five hundred twice a day, lisinopril twenty, …"; a
        // recogniser's "to" for "the" after the dosing ("… twice a day to lisinopril twenty") when nothing is switched.
        var misheardThe = to - 1 > from && words[to - 1] == "to" && (DosingWords.Contains(words[to - 2]) || NumberWords.IsNumberWord(words[to - 2])) && others == 1
            && !words.Any(w => w is "switch" or "switching" or "change" or "changing" or "swap" or "from" or "instead");
        return to > from && (words[lead] is "and" or "your" or "the" or "plus" or "also" && others <= 2 || others == 0 || misheardThe);
    }

    private static readonly HashSet<string> DosingWords =
    [
        "milligrams", "milligram", "mg", "micrograms", "mcg", "milliliters", "ml", "units", "puffs", "puff", "tablets", "tablet", "by", "mouth",
        "once", "twice", "day", "daily", "every", "night", "morning", "at", "bedtime", "needed", "times", "inhaled", "hours", "in", "point", "one",
        "weekly", "week", "percent", "capsule", "capsules", "unit",
        // "… with breakfast and supper", "… as needed for pain", "… first thing in the morning".
        "with", "breakfast", "lunch", "supper", "dinner", "meal", "meals", "food", "each", "pain", "sleep", "nausea", "evening", "first",
        "thing", "sprays", "spray", "drops", "drop", "grams", "gram", "months", "month", "other",
    ];
}
