using MedScribe.Diagnostics.Text;

namespace MedScribe.Diagnostics.Gatekeeping;

/// <summary>The part of a chart a finding belongs to, and what a question can ask for as a whole.</summary>
public enum ChartSection
{
    Other,
    PresentIllness,
    ReviewOfSystems,
    PastHistory,
    Medications,
    Allergies,
    SocialHistory,
    FamilyHistory,
    VitalSigns,
    Examination,
    MenstrualHistory,
}

/// <summary>
/// How physicians ask, for matching any case: abbreviations spelled out (SOB, PMH, meds), words of one meaning
/// folded into one concept ("throwing up", "emesis", "vomited"), the chart sections a question asks for ("the
/// main symptom", "when did it start" reach the history of present illness) and the examination's systems.
/// Written from ordinary clinical usage, not from any case; a case's own keywords still count on top.
/// </summary>
public static class ClinicalVocabulary
{
    /// <summary>Abbreviations and shorthand, replaced word for word before anything else.</summary>
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["sob"] = "shortness of breath", ["doe"] = "dyspnea on exertion", ["cp"] = "chest pain", ["abd"] = "abdomen",
        ["abdo"] = "abdomen", ["pmh"] = "past medical history", ["pmhx"] = "past medical history", ["psh"] = "past surgical history",
        ["fh"] = "family history", ["fhx"] = "family history", ["sh"] = "social history", ["shx"] = "social history",
        ["hx"] = "history", ["ros"] = "review of systems", ["hpi"] = "history of present illness", ["meds"] = "medications",
        ["med"] = "medication", ["rx"] = "prescription", ["otc"] = "over the counter", ["etoh"] = "alcohol", ["ivdu"] = "injection drug use",
        ["ivda"] = "injection drug use", ["lmp"] = "last menstrual period", ["bp"] = "blood pressure", ["hr"] = "heart rate",
        ["rr"] = "respiratory rate", ["temp"] = "temperature", ["sats"] = "oxygen saturation", ["sat"] = "oxygen saturation",
        ["spo2"] = "oxygen saturation", ["o2"] = "oxygen", ["wt"] = "weight", ["cv"] = "cardiovascular", ["cvs"] = "cardiovascular",
        ["resp"] = "respiratory", ["neuro"] = "neurologic", ["msk"] = "musculoskeletal", ["gi"] = "gastrointestinal",
        ["gu"] = "genitourinary", ["heent"] = "head eyes ears nose throat", ["ent"] = "ears nose throat", ["loc"] = "loss of consciousness",
        ["ha"] = "headache", ["exam"] = "examination",
        ["vitals"] = "vital signs", ["sx"] = "symptoms", ["yo"] = "year old", ["ams"] = "altered mental status", ["jvp"] = "jugular venous pressure",
        ["sexually"] = "sexual", ["uti"] = "urinary infection", ["urinary"] = "urine",
    };

    /// <summary>Words and phrases of one meaning, the concept's name first. Matched on stems, longest phrase first.</summary>
    private static readonly string[][] Concepts =
    [
        ["onset", "start", "started", "begin", "began", "begun", "onset", "first noticed", "first notice", "how long", "since when", "duration", "came on", "come on", "when", "ago", "since"],
        ["change", "change", "changed", "progress", "progressed", "progression", "evolve", "evolved", "course", "worse", "worsen", "worsened", "worsening", "better", "improve", "improved", "became", "become", "spread", "moved", "migrated", "steadily", "gradually"],
        ["pain", "pain", "painful", "ache", "aches", "aching", "hurt", "hurts", "hurting", "sore", "soreness", "discomfort", "cramp", "cramping"],
        ["vomit", "vomit", "vomiting", "vomited", "throw up", "throwing up", "threw up", "emesis", "being sick"],
        ["nausea", "nausea", "nauseated", "nauseous", "queasy", "sick to stomach"],
        ["dyspnea", "shortness of breath", "short of breath", "breathless", "breathlessness", "dyspnea", "winded", "trouble breathing", "difficulty breathing", "breathing"],
        ["cough", "cough", "coughing", "coughed"],
        ["sputum", "sputum", "phlegm", "mucus", "hemoptysis", "coughing blood", "coughed blood"],
        ["fever", "fever", "fevers", "febrile", "temperature", "chills", "rigors", "shivering"],
        ["sweats", "sweats", "sweating", "sweaty", "night sweats", "diaphoresis", "diaphoretic", "clammy"],
        ["fatigue", "fatigue", "fatigued", "tired", "tiredness", "exhausted", "exhaustion", "energy", "lethargy", "lethargic", "malaise", "sluggish"],
        ["weakness", "weak", "weakness"],
        ["weight", "weight", "weight loss", "lost weight", "losing weight", "weight gain", "gained weight", "kg", "pounds", "thinner"],
        ["appetite", "appetite", "eating", "hungry", "hunger", "anorexia", "meals", "food"],
        ["urine", "urine", "urinate", "urinating", "urination", "pee", "peeing", "void", "voiding", "dysuria", "micturition", "bladder", "passing water"],
        ["stool", "stool", "stools", "bowel", "bowels", "bowel movement", "bowel movements", "poop", "feces", "diarrhea", "constipation", "constipated"],
        ["headache", "headache", "headaches", "head pain", "head ache", "migraine"],
        ["vision", "vision", "visual", "eyesight", "blurry", "blurred", "blindness", "double vision", "diplopia"],
        ["dizziness", "dizzy", "dizziness", "lightheaded", "light headed", "lightheadedness", "vertigo", "faint", "fainting", "fainted", "syncope", "passing out", "passed out", "blackout", "collapse", "collapsed"],
        ["palpitations", "palpitation", "palpitations", "racing heart", "heart racing", "pounding heart", "fluttering", "skipped beats"],
        ["rash", "rash", "rashes", "spots", "lesion", "lesions", "itch", "itching", "itchy", "hives"],
        ["swelling", "swelling", "swollen", "edema", "puffy", "puffiness"],
        ["joint", "joint", "joints", "arthritis", "arthralgia"],
        ["muscle", "muscle", "muscles", "myalgia"],
        ["numbness", "numb", "numbness", "tingling", "pins and needles", "paresthesia", "paresthesias"],
        ["confusion", "confused", "confusion", "disoriented", "disorientation", "altered mental status", "drowsy", "drowsiness", "sleepy", "obtunded", "slurred", "behaving oddly", "behaviour", "behavior"],
        ["seizure", "seizure", "seizures", "fit", "fits", "convulsion", "convulsions", "shaking"],
        ["thirst", "thirst", "thirsty", "polydipsia", "drinking a lot"],
        ["bleeding", "bleed", "bleeding", "bled", "bruise", "bruises", "bruising", "blood"],
        ["mood", "mood", "depressed", "depression", "anxious", "anxiety", "stress"],
        ["sleep", "sleep", "sleeping", "insomnia"],
        ["menstrual", "period", "periods", "menstrual", "menses", "menstruation", "last menstrual period"],
        ["pregnancy", "pregnant", "pregnancy", "pregnancies", "obstetric"],
        ["smoking", "smoke", "smoking", "smoker", "smokes", "cigarette", "cigarettes", "tobacco", "vape", "vaping", "pack years"],
        ["alcohol", "alcohol", "drink", "drinking", "drinks", "drinker", "beer", "wine", "liquor", "spirits", "antifreeze"],
        ["drugs", "recreational drugs", "drug use", "illicit", "street drugs", "cocaine", "heroin", "injection drug use", "marijuana", "cannabis"],
        ["travel", "travel", "traveled", "travelled", "traveling", "trip", "abroad", "overseas", "visited", "returned from", "holiday", "vacation"],
        ["occupation", "work", "works", "job", "occupation", "employed", "employment", "profession", "student", "retired"],
        ["sexual", "sexual", "sex", "partner", "partners"],
        ["exposure", "exposure", "exposed", "contact", "contacts", "sick contacts", "animals", "pets", "ticks", "insect", "bites", "mosquito", "mosquitoes"],
        ["infection", "infection", "infections", "sore throat", "strep", "common cold", "flu", "viral illness"],
        ["diet", "diet", "vegan", "vegetarian", "nutrition"],
        ["surgery", "surgery", "surgeries", "operation", "operations", "operated", "surgical"],
        ["hospital", "hospital", "hospitalized", "hospitalised", "admission", "admissions", "admitted"],
        ["chest pain", "chest pain", "chest discomfort", "chest tightness", "chest pressure"],
        ["abdominal pain", "abdominal pain", "belly pain", "stomach pain", "tummy pain", "stomach ache", "stomachache"],
        ["jaw", "jaw", "chewing"],
    ];

    /// <summary>Phrases that ask for a section as a whole.</summary>
    private static readonly (ChartSection Section, string[] Phrases)[] SectionPhrases =
    [
        (ChartSection.PresentIllness,
        [
            "main symptom", "main symptoms", "chief complaint", "presenting complaint", "main complaint", "main problem", "presenting symptom",
            "presenting problem", "history of present illness", "present illness", "what brought", "what brings", "why is he here",
            "why is she here", "why did he come", "why did she come", "his story", "her story", "the story", "what happened", "the symptom",
            "the symptoms", "current symptoms", "how did it start", "when did it start", "when did this start", "when did they start",
            "how has it changed", "how have they changed", "how did it progress", "timeline", "tell me more", "describe the",
        ]),
        (ChartSection.ReviewOfSystems, ["review of systems", "other symptoms", "other symptom", "associated symptoms", "any other complaints", "anything else"]),
        (ChartSection.PastHistory,
        [
            "past medical history", "medical history", "past history", "medical problems", "health problems", "previous illnesses",
            "prior illnesses", "chronic conditions", "chronic illnesses", "medical conditions", "past surgical history", "surgical history",
            "previous surgery", "surgeries", "operations", "hospitalizations", "illnesses in the past", "been healthy", "health before",
        ]),
        (ChartSection.Medications,
        [
            "medications", "medication", "medicines", "medicine", "pills", "prescriptions", "prescription", "taking anything", "supplements",
            "over the counter", "drugs does he take", "drugs does she take", "regular drugs", "takes any",
        ]),
        (ChartSection.Allergies, ["allergies", "allergy", "allergic", "drug reactions"]),
        (ChartSection.SocialHistory,
        [
            "social history", "smoke", "smoking", "alcohol", "drink", "drinking", "recreational drugs", "drug use", "illicit drugs",
            "occupation", "job", "work", "travel", "lives with", "living situation", "home situation", "sexual history", "diet", "habits",
        ]),
        (ChartSection.FamilyHistory,
        [
            "family history", "family", "relatives", "mother", "father", "parents", "siblings", "brother", "sister", "runs in the family",
            "inherited", "hereditary",
        ]),
        (ChartSection.VitalSigns,
        [
            "vital signs", "vital sign", "temperature", "pulse", "heart rate", "blood pressure", "respiratory rate", "oxygen saturation",
            "saturation", "oxygen level",
        ]),
        (ChartSection.Examination,
        [
            "examination", "examine", "examined", "examining", "physical", "on examination", "inspection", "inspect", "palpation", "palpate",
            "auscultation", "auscultate", "listen to", "look at", "what do you see", "what do i see", "what does he look like",
            "what does she look like", "how does he look", "how does she look", "how does the patient look", "how do they look",
            "findings on",
        ]),
        (ChartSection.MenstrualHistory,
        [
            "menstrual history", "menstrual", "periods", "last menstrual period", "last period", "pregnant", "pregnancy", "obstetric history",
            "gynecologic history", "contraception",
        ]),
    ];

    /// <summary>The examination's systems: a name, then the words that name it in a question or a finding's topic.</summary>
    private static readonly string[][] ExamSystems =
    [
        ["general", "general", "appearance", "distress", "looks", "overall", "habitus", "general appearance"],
        ["head", "head", "scalp", "face", "facial", "temple", "temples", "temporal"],
        ["eyes", "eye", "eyes", "pupil", "pupils", "conjunctiva", "conjunctivae", "sclera", "fundus", "fundi", "fundoscopy", "retina", "visual acuity"],
        ["ears nose and throat", "ear", "ears", "nose", "throat", "oropharynx", "pharynx", "tonsils", "sinus", "sinuses", "nasal"],
        ["mouth", "mouth", "tongue", "oral", "teeth", "gums", "lips", "buccal"],
        ["neck", "neck", "thyroid", "jugular venous pressure", "carotid", "carotids"],
        ["lymph nodes", "lymph", "lymph nodes", "lymphadenopathy", "nodes"],
        ["cardiovascular", "heart", "cardiac", "cardiovascular", "murmur", "murmurs", "heart sounds", "pulses", "peripheral pulses"],
        ["respiratory", "lung", "lungs", "chest", "respiratory", "breath sounds", "crackles", "wheeze", "wheezing", "pulmonary"],
        ["abdomen", "abdomen", "abdominal", "belly", "stomach", "tummy", "liver", "spleen", "bowel sounds", "gastrointestinal"],
        ["genitourinary", "genital", "genitals", "genitalia", "testes", "testicle", "testicles", "testicular", "scrotal", "scrotum", "pelvic", "rectal", "groin", "hernia", "genitourinary", "costovertebral"],
        ["musculoskeletal", "joint", "joints", "muscle", "muscles", "spine", "musculoskeletal", "bones"],
        ["extremities", "extremity", "extremities", "legs", "leg", "arms", "arm", "limbs", "limb", "feet", "foot", "ankles", "calves", "calf"],
        ["skin", "skin", "rash", "rashes", "lesions", "nails", "nail", "hands", "hand", "fingers", "palms", "jaundice", "pallor"],
        ["neurologic", "neurologic", "neurological", "nervous system", "reflexes", "reflex", "strength", "power", "tone", "sensation", "cranial nerves", "gait", "coordination", "mental status", "orientation", "cerebellar"],
        ["hydration", "hydration", "dehydration", "dehydrated", "mucous membranes", "skin turgor", "turgor", "capillary refill"],
    ];

    /// <summary>Each concept phrase by its first stem, longest first, so a text is matched in one pass.</summary>
    private static readonly Dictionary<string, (string[] Stems, string Concept)[]> ConceptPhrases = Concepts
        .SelectMany(group => group.Skip(1).Select(phrase => (Stems: PlainWords.Stems(phrase), Concept: "#" + group[0])))
        .Concat(Concepts.Select(group => (Stems: PlainWords.Stems(group[0]), Concept: "#" + group[0])))
        .Where(p => p.Stems.Length > 0)
        .GroupBy(p => p.Stems[0], StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Stems.Length).ToArray(), StringComparer.Ordinal);

    private static readonly List<(ChartSection Section, string[] Stems)> SectionStems = SectionPhrases
        .SelectMany(s => s.Phrases.Select(p => (s.Section, Stems: PlainWords.Stems(p))))
        .ToList();

    private static readonly List<(string System, string[] Stems)> SystemStems = ExamSystems
        .SelectMany(s => s.Skip(1).Select(p => (System: s[0], Stems: PlainWords.Stems(p))))
        .OrderByDescending(p => p.Stems.Length)
        .ToList();

    /// <summary>Every word that names a concept; only these count when a question is matched against a finding's text.</summary>
    public static bool IsConcept(string token) => token.StartsWith('#');

    /// <summary>The text's words with abbreviations spelled out ("SOB" is "shortness of breath").</summary>
    public static string[] ExpandedWords(string text) =>
        PlainWords.Words(text).SelectMany(w => Abbreviations.TryGetValue(w, out var full) ? full.Split(' ') : [w]).ToArray();

    /// <summary>Stems in order, abbreviations spelled out.</summary>
    public static string[] Stems(string text) => ExpandedWords(text).Select(PlainWords.Stem).ToArray();

    /// <summary>
    /// The text as concept tokens: each phrase of a concept group becomes its concept ("#vomit"), every other
    /// content word stays its stem. Stop words are dropped.
    /// </summary>
    public static string[] Tokens(string text)
    {
        var words = ExpandedWords(text);
        var stems = words.Select(PlainWords.Stem).ToArray();
        var tokens = new List<string>();
        for (var i = 0; i < stems.Length;)
        {
            var matched = ConceptPhrases.TryGetValue(stems[i], out var phrases) ? phrases.FirstOrDefault(p => Matches(stems, i, p.Stems)) : default;
            if (matched.Stems is not null)
            {
                tokens.Add(matched.Concept);
                i += matched.Stems.Length;
                continue;
            }

            if (!PlainWords.IsStopWord(words[i]))
            {
                tokens.Add(stems[i]);
            }

            i++;
        }

        return [.. tokens];
    }

    /// <summary>The sections a question asks for as a whole.</summary>
    public static HashSet<ChartSection> SectionsAskedFor(string[] stems) =>
        SectionStems.Where(s => PlainWords.ContainsPhrase(stems, s.Stems)).Select(s => s.Section).ToHashSet();

    /// <summary>The examination systems a text names.</summary>
    public static HashSet<string> SystemsNamed(string[] stems) =>
        SystemStems.Where(s => PlainWords.ContainsPhrase(stems, s.Stems)).Select(s => s.System).ToHashSet(StringComparer.Ordinal);

    /// <summary>A finding's section and, for the examination, its systems, from its topic ("physical exam: skin and mouth").</summary>
    public static (ChartSection Section, IReadOnlyCollection<string> Systems) Classify(string topic)
    {
        var lower = topic.ToLowerInvariant();
        var colon = lower.IndexOf(':');
        var head = colon >= 0 ? lower[..colon] : lower;
        var tail = colon >= 0 ? lower[(colon + 1)..] : "";
        if (head.Contains("exam", StringComparison.Ordinal) || head.Contains("physical", StringComparison.Ordinal))
        {
            var systems = SystemsNamed(Stems(tail));
            if (systems.Count == 0)
            {
                systems.Add(tail.Trim().Length > 0 ? tail.Trim() : "general");
            }

            return (ChartSection.Examination, systems);
        }

        var section = head switch
        {
            _ when head.Contains("present illness", StringComparison.Ordinal) || head.Contains("presenting", StringComparison.Ordinal) || head.Contains("chief complaint", StringComparison.Ordinal) => ChartSection.PresentIllness,
            _ when head.Contains("review of systems", StringComparison.Ordinal) => ChartSection.ReviewOfSystems,
            _ when head.Contains("medical history", StringComparison.Ordinal) || head.Contains("surgical history", StringComparison.Ordinal) || head.Contains("past history", StringComparison.Ordinal) => ChartSection.PastHistory,
            _ when head.Contains("medication", StringComparison.Ordinal) || head.Contains("drug history", StringComparison.Ordinal) => ChartSection.Medications,
            _ when head.Contains("allerg", StringComparison.Ordinal) => ChartSection.Allergies,
            _ when head.Contains("social", StringComparison.Ordinal) || head.Contains("travel", StringComparison.Ordinal) || head.Contains("exposure", StringComparison.Ordinal) => ChartSection.SocialHistory,
            _ when head.Contains("family", StringComparison.Ordinal) => ChartSection.FamilyHistory,
            _ when head.Contains("vital", StringComparison.Ordinal) => ChartSection.VitalSigns,
            _ when head.Contains("menstrual", StringComparison.Ordinal) || head.Contains("obstetric", StringComparison.Ordinal) || head.Contains("gyn", StringComparison.Ordinal) => ChartSection.MenstrualHistory,
            _ => ChartSection.Other,
        };
        return (section, []);
    }

    private static bool Matches(string[] stems, int at, string[] phrase)
    {
        if (at + phrase.Length > stems.Length)
        {
            return false;
        }

        for (var j = 0; j < phrase.Length; j++)
        {
            if (stems[at + j] != phrase[j])
            {
                return false;
            }
        }

        return true;
    }
}
