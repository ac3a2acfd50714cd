using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Places the clinician's and the patient's sentences in the note: the patient's history (subjective),
/// what the clinician examined and read during the visit (objective), and what the clinician told the
/// patient to do (instructions).
/// </summary>
public static class NoteExtractor
{
    private static readonly HashSet<string> ExamWords =
    [
        "heart", "lungs", "lung", "murmur", "murmurs", "rhythm", "clear", "tender", "tenderness", "swelling", "eardrum", "throat", "reflexes",
        "strength", "sensation", "pulses", "abdomen", "belly", "skin", "rash", "exam", "examine", "shows", "showed", "show", "dipstick", "electrocardiogram",
        "ecg", "ekg", "wheezing", "crackles", "score", "peak", "flow", "neck", "nodes", "supple", "spasm", "straight", "leg", "raise", "bending",
        "eye", "contact", "speech", "mood", "thinking", "look", "looks", "sounds", "veins", "negative", "positive", "test", "feet", "calluses",
        "ulcers", "filament", "reduced", "movement", "irregular", "irregularly", "edema", "distended", "oriented", "alert", "reading", "checked",
        "nurse", "results", "function", "ldl", "percent", "questionnaire", "pressure", "rate", "temperature", "oxygen", "weigh", "weight",
    ];

    private static readonly HashSet<string> Imperatives =
    [
        "take", "keep", "avoid", "check", "cut", "drink", "go", "call", "try", "use", "stay", "rinse", "don't", "do", "limit", "write", "bring",
        "give", "put", "return", "apply", "stop", "continue", "eat", "get", "make", "watch", "wear", "ice", "rest", "elevate", "walk", "exercise",
        "remember", "ask", "follow", "schedule", "let", "contact", "seek", "monitor", "weigh", "record", "offer", "please", "until", "urinating",
        "start", "sit", "spit",
    ];

    private static readonly HashSet<string> HistoryWords =
    [
        "smoke", "smoking", "smoked", "drink", "beer", "beers", "wine", "alcohol", "father", "mother", "brother", "sister", "family", "work",
        "years", "ago", "since", "months", "weeks", "days", "week", "month", "hospital", "hospitalized", "daycare", "vaccines", "shots", "period",
        "pregnant", "iud", "sleep", "energy", "therapist", "therapy", "diet", "exercise", "walking", "stairs",
    ];

    /// <summary>The clinician's instructions to the patient, in the order given.</summary>
    public static IReadOnlyList<InstructionFact> Instructions(ClinicalTranscript transcript) =>
        transcript.Sentences
            .Where(s => s.ByClinician && !s.IsQuestion && IsInstruction(s.Words))
            .Select(s => new InstructionFact(NoteText.Normalize(s.Text), [Evidence.Of(s.Utterance)]))
            .ToList();

    /// <summary>
    /// What the patient reported: each of their answers with substance, and a bare "No" or "Yes" together
    /// with the question it answers, so the note says what was denied.
    /// </summary>
    public static IReadOnlyList<NoteLine> Subjective(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var lines = new List<NoteLine>();
        Sentence? question = null;
        foreach (var utterance in transcript.Sentences.GroupBy(s => s.Utterance))
        {
            if (utterance.Key.ByClinician)
            {
                question = utterance.LastOrDefault(s => s.IsQuestion) is { } q && q == utterance.Last() ? q : null;
                continue;
            }

            var said = utterance.Where(s => !s.IsQuestion).ToList();
            var text = string.Join(' ', said.Select(s => s.Text));
            var words = said.SelectMany(s => s.Words).ToList();
            if (words.Count < 2 || words.All(w => w is "thank" or "thanks" or "you" or "doctor" or "okay" or "ok" or "so" or "much" or "i" or "understand" or "will" or "got" or "it"))
            {
                continue;
            }

            var answer = words[0] is "no" or "yes" or "yeah" or "none" or "nothing" or "never" or "not" or "nope" or "that's" or "most" or "maybe";
            // "That's a lot of changes", "I can give that a try": a reply to the plan, not history.
            // "How much alcohol do you drink?" "Two beers most nights.": the answer to a "when", "how" or "what" question about a
            // symptom or a habit is history, however short.
            var topic = !answer && question is not null ? Topic(question.Words, lexicon) : null;
            if (!(answer && question is not null) && topic is null && !IsClinical(words, lexicon) && words.Count < 8)
            {
                continue;
            }

            // A bare "No." to "Any heartburn?" is "Denies heartburn."; a question the note cannot turn into a statement stays beside its answer.
            var line = answer && question is not null ? AnsweredQuestion.Statement(question.Text, text) ?? $"{question.Text} {text}"
                : topic is not null && !words.Contains(topic.Split(' ')[^1]) ? $"{topic}, {char.ToLowerInvariant(text[0])}{text[1..]}" : text;
            lines.Add(new NoteLine(NoteText.Normalize(line), question is null ? [Evidence.Of(utterance.Key)] : [Evidence.Of(question.Utterance), Evidence.Of(utterance.Key)]));
            question = null;
        }

        return lines;
    }

    /// <summary>What a clinician's "when", "how" or "what" question asks about, for an answer that does not say it: "How much
    /// alcohol do you drink?" "Two beers most nights." is "alcohol, two beers most nights"; "When did you go through menopause?"
    /// "Around fifty." is "menopause, around 50".</summary>
    private static string? Topic(IReadOnlyList<string> question, ClinicalLexicon lexicon)
    {
        if (question.Count == 0 || question[0] is not ("when" or "how" or "what" or "which" or "where"))
        {
            return null;
        }

        if (lexicon.Findings.FindAll(question).FirstOrDefault() is { End: > 0 } finding)
        {
            return string.Join(' ', question.Skip(finding.Start).Take(finding.End - finding.Start));
        }

        return question.Select(w => w switch
        {
            "smoke" or "smoking" or "cigarettes" => "smoking", "drink" or "alcohol" or "drinking" => "alcohol", "menopause" => "menopause",
            "period" or "periods" => "periods", "exercise" or "exercising" => "exercise", "sleep" or "sleeping" => "sleep", "coffee" or "caffeine" => "caffeine",
            "diet" or "eat" or "eating" => "diet", "work" => "work", "appetite" => "appetite", "energy" => "energy", "mood" => "mood",
            _ => null,
        }).FirstOrDefault(t => t is not null);
    }

    /// <summary>The clinician's words that open what a test or an examination excluded: "no signs of", "no evidence of", "there's no".</summary>
    private static readonly string[][] RuledOutCues =
    [
        ["no", "signs", "of"], ["no", "sign", "of"], ["no", "evidence", "of"], ["no", "warning", "signs", "of"], ["no", "red", "flags", "for"], ["no", "red", "flags"],
        ["nothing", "to", "suggest"], ["ruled", "out"], ["rules", "out"], ["don't", "sound", "like"], ["doesn't", "sound", "like"], ["don't", "look", "like"],
        ["doesn't", "look", "like"], ["not", "consistent", "with"], ["there's", "no"], ["there", "is", "no"], ["shows", "no"], ["showed", "no"], ["with", "no"],
    ];

    /// <summary>What an x-ray or an examination excludes that the lexicons do not name as a problem.</summary>
    private static readonly HashSet<string> Excludable = ["fracture", "fractures", "break", "dislocation", "infection", "spread", "blockage", "bleeding", "mass"];

    private static readonly HashSet<string> ClauseEnds = ["and", "or", "so", "but", "which", "that", "because", "since", "today", "right", "at", "on", "in", "when", "while"];

    /// <summary>
    /// What the clinician excluded, for the assessment: "no signs of heart attack", "no fracture". The words after the cue up
    /// to the problem, finding or excluded thing they name (at most six), without articles; a sentence naming none is not one.
    /// </summary>
    public static IReadOnlyList<NoteLine> RuledOut(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var lines = new List<NoteLine>();
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion && !s.Words.Take(3).Contains("if")))
        {
            var words = sentence.Words;
            for (var i = 0; i < words.Count; i++)
            {
                var cue = RuledOutCues.FirstOrDefault(c => Dosing.At(words, i, words.Count, c));
                // "… an x-ray to make sure there's no pneumonia", "to see if there's any fracture": what a test will look for is not
                // excluded yet.
                if (cue is null || Dosing.Says(words, LookingFor, Math.Max(0, i - 4), i))
                {
                    continue;
                }

                var from = i + cue.Length;
                var until = from;
                while (until < words.Count && until - from < 6 && !ClauseEnds.Contains(words[until]))
                {
                    until++;
                }

                var span = words.Skip(from).Take(until - from).ToList();
                // "There's no swelling" is the examination; "no signs of swelling" is what it excluded. After a plain "no" the
                // thing excluded comes first ("there's no fracture"; "there's no cure for diabetes" excludes nothing).
                var strong = cue[^1] is not "no";
                var first = span.TakeWhile(w => w is "a" or "an" or "the" or "any").Count();
                var named = lexicon.Problems.FindAll(span).Where(m => strong || m.Start == first).Select(m => m.End)
                    .Concat(strong ? lexicon.Findings.FindAll(span).Select(m => m.End) : [])
                    .Concat(span.Select((w, k) => (w, k)).Where(p => Excludable.Contains(p.w) && (strong || p.k == first)).Select(p => p.k + 1)).DefaultIfEmpty(0).Max();
                // "There are no warning signs of a nerve problem", "no red flags": what the reasoning excluded, whatever it names.
                if (named == 0 && cue.Contains("warning") || named == 0 && cue.Contains("flags"))
                {
                    named = span.Count;
                }

                if (named == 0 && !(cue.Contains("flags") && span.Count == 0))
                {
                    continue;
                }

                // "Your lungs don't sound like pneumonia" is written "no signs of pneumonia".
                var said = cue[0] is "ruled" or "rules" ? "ruled out" : cue[^1] is "no" ? "no" : cue[^1] is "like" or "with" ? "no signs of" : string.Join(' ', cue);
                var thing = span.Take(named).Where(w => w is not ("a" or "an" or "the" or "any" or "your" or "his" or "her"));
                lines.Add(new NoteLine(NoteText.Normalize($"{said} {string.Join(' ', thing)}".Trim()), [Evidence.Of(sentence.Utterance)]));
                i = from + named - 1;
            }
        }

        return lines.DistinctBy(l => l.Text).ToList();
    }

    /// <summary>What a test will look for: "to make sure there's no …", "to see if …", "to rule out …".</summary>
    private static readonly string[][] LookingFor =
        [["make", "sure"], ["see", "if"], ["rule", "out"], ["check", "for"], ["look", "for"], ["see", "whether"]];

    /// <summary>What the clinician found on examination and in tests read during the visit.</summary>
    public static IReadOnlyList<NoteLine> Objective(ClinicalTranscript transcript, IReadOnlyList<VitalFact> vitals) =>
        transcript.Sentences.Where(s => IsFinding(s) && (!IsJudgement(s) || HasReading(s.Words)) && !OnlyVitals(s, vitals))
            .Select(s => new NoteLine(NoteText.Normalize(s.Text), [Evidence.Of(s.Utterance)])).ToList();

    /// <summary>
    /// "Your temperature is 98.9, blood pressure is running 148 over 92": vital signs and nothing else, each of them read into
    /// the note's vitals line ("… heart rate 112 and irregular, on room air" says more, and stays; so does a reading the vitals
    /// line lacks).
    /// </summary>
    private static bool OnlyVitals(Sentence sentence, IReadOnlyList<VitalFact> vitals)
    {
        var words = sentence.Words;
        return words.Any(w => NumberWords.IsNumberWord(w) && w is not ("a" or "an")) && words.All(w => NumberWords.IsNumberWord(w) || VitalWords.Contains(w))
            && VitalsExtractor.KindsNamed(words) is { Count: > 0 } kinds
            && kinds.All(kind => vitals.Any(v => v.Kind == kind && v.Evidence.Any(e => e.Utterance == sentence.Utterance.Index)));
    }

    private static readonly HashSet<string> VitalWords =
    [
        "your", "the", "is", "are", "was", "and", "today", "vital", "vitals", "signs", "blood", "pressure", "bp", "pulse", "heart", "rate", "rate's",
        "pressure's", "pulse's", "temperature", "temperature's", "temp", "respiratory", "respirations", "breathing", "breaths", "oxygen", "oxygen's",
        "saturation", "sat", "sats", "o2", "weight", "weigh", "weighs", "height", "bmi", "running", "about", "around", "at", "sitting", "over", "percent",
        "degrees", "fahrenheit", "celsius", "mmhg", "bpm", "per", "minute", "pounds", "lb", "lbs", "kilograms", "kg", "beats", "you", "you're", "here",
        "we", "have", "got", "of", "so", "okay", "alright", "let's", "see", "point", "her", "his", "their", "she's", "he's",
    ];

    /// <summary>
    /// "Your lithium level was zero point five, which is on the low side": a result read, which the objective keeps beside the
    /// judgement; "above our goal of under one thirty over eighty" names only the goal.
    /// </summary>
    private static bool HasReading(IReadOnlyList<string> words) =>
        Enumerable.Range(0, words.Count).Any(i => NumberWords.IsNumberWord(words[i]) && words[i] is not ("a" or "one" or "an")
            && !Enumerable.Range(Math.Max(0, i - 3), i - Math.Max(0, i - 3)).Any(k => words[k] is "goal" or "target" or "under" or "below" or "above" or "less" or "more" or "than" or "over"));

    /// <summary>Words by which the clinician judges a result or a condition against where it should be.</summary>
    private static readonly string[][] JudgementCues =
    [
        ["goal"], ["target"], ["well", "controlled"], ["not", "controlled"], ["poorly", "controlled"], ["under", "control"], ["out", "of", "control"],
        ["on", "the", "low", "side"], ["on", "the", "high", "side"], ["running", "low"], ["running", "high"], ["too", "low"], ["too", "high"],
        ["over", "treated"], ["overtreated"], ["under", "treated"], ["out", "of", "range"], ["in", "range"], ["subtherapeutic"], ["therapeutic", "range"],
        ["reasonable"], ["probably", "making"], ["likely", "from"], ["part", "of", "why"], ["explains"],
        // "I think the atorvastatin is causing the muscle aches", "the cough is a side effect of the lisinopril".
        ["is", "causing"], ["are", "causing"], ["side", "effect", "of"], ["is", "due", "to"], ["are", "due", "to"],
    ];

    /// <summary>
    /// A drug given during the visit, for the plan: "We're going to give you an albuterol breathing treatment with the nebulizer
    /// right now" is "Albuterol nebulizer treatment given in clinic."; "I'll give him a shot of ceftriaxone here before you
    /// leave" is "Ceftriaxone injection given in clinic.".
    /// </summary>
    public static IReadOnlyList<NoteLine> GivenInClinic(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var lines = new List<NoteLine>();
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion && !s.Words.Contains("if")))
        {
            var words = sentence.Words;
            if (!Dosing.Says(words, GiveVerbs) || !Dosing.Says(words, HereAndNow) || lexicon.Drugs.FindAll(words) is not [var drug, ..])
            {
                continue;
            }

            var form = words.Contains("nebulizer") || Dosing.Says(words, [["breathing", "treatment"]]) ? " nebulizer treatment"
                : words.Any(w => w is "shot" or "injection" or "intramuscular" or "im") ? " injection" : " dose";
            var dose = Dosing.Best(Dosing.Doses(words, drug.End, words.Count));
            var name = char.ToUpperInvariant(drug.Value.Generic[0]) + drug.Value.Generic[1..];
            lines.Add(new NoteLine($"{name}{(dose is null ? "" : " " + dose)}{form} given in clinic.", [Evidence.Of(sentence.Utterance)]));
        }

        return lines.DistinctBy(l => l.Text).ToList();
    }

    /// <summary>
    /// What the clinician counselled on, discussed or reviewed, for the plan: "We talked about cutting back on salt" is
    /// "Counseled on cutting back on salt."; "we discussed the risks of surgery" "Discussed risks of surgery."; "we went over
    /// your results" "Reviewed results."; "I explained that the inhaler needs a spacer" "Counseled: inhaler needs spacer.".
    /// </summary>
    public static IReadOnlyList<NoteLine> Counseling(ClinicalTranscript transcript)
    {
        var lines = new List<NoteLine>();
        foreach (var sentence in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion))
        {
            var words = sentence.Words;
            var opening = words.TakeWhile(w => w is "so" or "and" or "also" or "okay" or "now" or "well").Count();
            // "We talked about …", "I also explained that …": where the cue ends, and so what was counselled begins.
            var cueEnd = CounselingCues.Select(c => Dosing.At(words, opening, words.Count, c) ? opening + c.Length
                    : opening + 1 < words.Count && words[opening] == c[0] && words[opening + 1] == "also" && Dosing.At(words, opening + 2, words.Count, c[1..]) ? opening + 1 + c.Length
                    : -1)
                .FirstOrDefault(end => end > 0, -1);
            var at = Text.Tokens.Of(sentence.Text);
            if (cueEnd < 0 || cueEnd >= at.Count)
            {
                continue;
            }

            var rest = NoteStyle.Shorthand(sentence.Text[at[cueEnd].Start..]).TrimEnd('.');
            if (rest.Length < 8)
            {
                continue;
            }

            var lead = words[cueEnd - 1] switch { "about" => "Counseled on", "discussed" => "Discussed", "over" => "Reviewed", _ => "Counseled:" };
            lines.Add(new NoteLine($"{lead} {char.ToLowerInvariant(rest[0])}{rest[1..]}.", [Evidence.Of(sentence.Utterance)]));
        }

        return lines;
    }

    private static readonly string[][] CounselingCues =
    [
        ["we", "talked", "about"], ["we've", "talked", "about"], ["we", "discussed"], ["we've", "discussed"], ["we", "went", "over"],
        ["i", "explained", "that"], ["i've", "explained", "that"], ["i", "explained"], ["i", "talked", "to", "you", "about"],
    ];

    private static readonly string[][] GiveVerbs =
    [
        ["give", "you"], ["giving", "you"], ["give", "him"], ["give", "her"], ["giving", "him"], ["giving", "her"], ["administer"], ["we'll", "do"],
        ["get", "a", "dose"], ["get", "a", "shot"], ["a", "dose", "of"], ["a", "shot", "of"],
    ];

    private static readonly string[][] HereAndNow =
    [
        ["right", "now"], ["here", "today"], ["here", "in", "the", "office"], ["in", "the", "office"], ["in", "clinic"], ["before", "you", "leave"],
        ["before", "you", "go"], ["while", "you're", "here"], ["here", "now"],
    ];

    /// <summary>
    /// What the clinician judged of a result or a condition, for the assessment: "your pressure is above our goal of under 130/80",
    /// "your lithium level … is on the low side", "the quetiapine is probably making you sedated"; not a plan, a question or an
    /// instruction.
    /// </summary>
    public static IReadOnlyList<NoteLine> Judgements(ClinicalTranscript transcript) =>
        transcript.Sentences.Where(IsJudgement).Select(s => new NoteLine(NoteText.Normalize(s.Text), [Evidence.Of(s.Utterance)])).ToList();

    private static bool IsJudgement(Sentence sentence)
    {
        var words = sentence.Words;
        return sentence.ByClinician && !sentence.IsQuestion && !IsInstruction(words) && words.Count >= 4
            && Dosing.Says(words, JudgementCues)
            // "Our goal is to …", "we'll aim for a target of …": a plan; "if it's too low, call me": a condition.
            && !words.Any(w => w is "i'll" or "we'll" or "let's" or "i'd" or "want" or "if" or "unless" or "should" or "aim")
            // "That's too low", "a little at first": what it judges was said before, and the line would not say.
            && words[0] is not ("that's" or "that" or "it's" or "it" or "a" or "which" or "this")
            && !Dosing.At(words, 0, words.Count, "our", "goal", "is", "to") && !Dosing.At(words, 0, words.Count, "the", "goal", "is", "to");
    }

    /// <summary>A clinician's statement about the examination or a test, not an instruction, a plan, a conclusion or an explanation.</summary>
    private static bool IsFinding(Sentence sentence)
    {
        var words = sentence.Words;
        return sentence.ByClinician && !sentence.IsQuestion && !IsInstruction(words) && words.Any(ExamWords.Contains)
            // "Let me examine you", "let me take a look": announcing the examination finds nothing.
            && !Dosing.At(words, 0, words.Count, "let", "me")
            // "This looks like a lumbar strain", "I think this is gout": the assessment, not a finding.
            // ("So this is a heart failure exacerbation …": after the words that open a turn.)
            && !Conclusions.Any(c => Dosing.At(words, 0, words.Count, c) || Dosing.At(words, words.TakeWhile(ListOpeners.Contains).Count(), words.Count, c))
            // "It slows the heart …", "It's not immediately dangerous …", "We use a score …": explaining, not examining.
            && words[0] is not ("it" or "it's" or "we" or "we're" or "which" or "that's")
            && !words.Any(w => w is "i'm" or "i'll" or "we'll" or "let's" or "prescribing" or "ordering" or "referring" or "want" or "teach" or "inject" or "injected" or "press")
            // "I'd like a complete blood count today": a plan (said first; a recogniser's run-on sentence may hold one later).
            && !words.Take(2).Any(w => w is "i'd" or "we'd")
            && !words.Take(2).Contains("if");
    }

    private static readonly string[][] Conclusions =
    [
        ["this", "looks", "like"], ["this", "is"], ["it", "looks", "like"], ["this", "sounds", "like"], ["it", "sounds", "like"], ["i", "think"],
        ["this", "is", "consistent"], ["that", "sounds", "like"], ["it's", "most", "likely"], ["this", "seems"], ["what", "you're", "describing"],
        ["what", "you", "describe"], ["what", "you've", "described"],
    ];

    /// <summary>Words that open a sentence of a list or a turn before what it says: "and", "so", "fifth", "finally".</summary>
    private static readonly HashSet<string> ListOpeners =
        ["and", "so", "also", "then", "first", "second", "third", "fourth", "fifth", "sixth", "next", "finally", "lastly", "now", "just"];

    /// <summary>The first word that says something: "Fifth, cut the amlodipine …" begins with "cut".</summary>
    public static string? FirstWord(IReadOnlyList<string> words) => words.SkipWhile(ListOpeners.Contains).FirstOrDefault();

    public static bool IsInstruction(IReadOnlyList<string> words)
    {
        var first = FirstWord(words);
        if (first is null)
        {
            return false;
        }

        // "For the knee, use ice …", "for your back, keep using heat": a topic, then what to do about it.
        if (first == "for" && Enumerable.Range(2, 3).Any(k => k < words.Count && Imperatives.Contains(words[k]) && words[k] is not ("let" or "do" or "until" or "please")
            && words.Take(k).Skip(1).All(w => w is "the" or "your" or "his" or "her" or "that" or "this" || !Imperatives.Contains(w))))
        {
            return true;
        }

        if (Imperatives.Contains(first) && !(first == "let" && words.Contains("me")) && !(first is "do" && words.Contains("you")))
        {
            return true;
        }

        var text = string.Join(' ', words);
        // "Make sure you …" tells the patient; "I'll make sure that's listed" is the clinician's own errand.
        var makeSure = Enumerable.Range(0, words.Count - 1).FirstOrDefault(i => words[i] == "make" && words[i + 1] == "sure", -1);
        var ownErrand = makeSure > 0 && words[makeSure - 1] is "i'll" or "we'll" or "i" or "we" or "me" or "to" or "will";
        return text.Contains("you should") || makeSure >= 0 && !ownErrand || text.Contains("be sure") || text.Contains("i want you to")
            || text.Contains("i'd like you to") || text.Contains("please ") || first == "if" && words.Any(w => w is "go" or "call" or "come" or "bring" or "return");
    }

    private static bool IsClinical(IReadOnlyList<string> words, ClinicalLexicon lexicon) =>
        lexicon.Findings.FindAll(words).Count > 0 || lexicon.Drugs.FindAll(words).Count > 0 || lexicon.Problems.FindAll(words).Count > 0
        || words.Any(w => HistoryWords.Contains(w));
}
