using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Orders for after the visit: labs, imaging, procedures and supplies named in a clinician's sentence that
/// orders something ("I'm ordering", "sending your urine for", "we'll repeat"), and referrals ("referring
/// you to cardiology"). Tests done and read during the visit ("the electrocardiogram we did shows") and
/// declined ones ("you don't need an x-ray") are not orders. A generic name ("blood work") gives way to the
/// specific tests named with it.
/// </summary>
public static class OrderExtractor
{
    private static readonly string[][] OrderCues =
    [
        ["order"], ["ordering"], ["ordered"], ["send"], ["sending"], ["repeat"], ["schedule"], ["scheduling"], ["arrange"], ["arranging"],
        ["give", "you"], ["giving", "you"], ["given", "you"], ["set", "you", "up"], ["get", "a"], ["get", "an"], ["get", "some"], ["check", "a"], ["draw"],
        ["prescribing", "a"], ["want", "you", "to", "have"], ["need", "a"], ["need", "an"],
        // "We'll recheck your vitamin D level", "I want a basic metabolic panel", "let's get a …", "do a …".
        ["recheck"], ["rechecking"], ["check", "your"], ["check", "her"], ["check", "his"], ["want", "a"], ["want", "an"], ["like", "a"], ["like", "an"],
        ["do", "a"], ["do", "an"], ["get", "her"], ["get", "him"], ["get", "you"], ["retest"], ["repeating"],
        // Teaching by the clinic's staff: "our nurse will teach you how to do it before you leave".
        ["will", "teach"], ["will", "show", "you"],
        // "Let's get the three hour test done first", "the next step is the glucose tolerance test".
        ["get", "the"], ["next", "step", "is"], ["put", "the", "order"], ["put", "in", "an", "order"], ["fit", "you"], ["fitted"],
        // "We'll check a hemoglobin", "let's run a stool test", "he'll get his vaccines today" ("you're due for" is advice, not an order).
        ["check"], ["checking"], ["run"], ["get"], ["getting"], ["will", "need"], ["test", "for"], ["go", "ahead", "with"],
        // "We'll screen her hemoglobin", "the nurse will give him his shots", "I'm putting in for a titration study".
        ["screen"], ["screening", "for"], ["give", "him"], ["give", "her"], ["give", "them"], ["putting", "in"], ["put", "in"],
        // "Please drop off a stool sample", "bring in a urine sample", "collect a stool sample at home".
        ["drop", "off"], ["bring", "in"], ["collect"],
        // "I'm referring you for a colonoscopy", "we'll send you for an MRI".
        ["referring", "you", "for"], ["refer", "you", "for"], ["referral", "for"],
        // "The nurse will set up a Holter monitor", "we're booking an echocardiogram".
        ["set", "up"], ["setting", "up"], ["book"], ["booking"],
        // "Go to the lab on your way out for a CBC", "stop by the lab before you leave".
        ["go", "to", "the", "lab"], ["stop", "by", "the", "lab"], ["on", "your", "way", "out"], ["before", "you", "leave"],
        // "Why don't we do troponins?", "let's do liver tests".
        ["don't", "we", "do"], ["let's", "do"],
        // A plan's heading: "For testing, a CBC", "labs today: …".
        ["for", "testing"], ["for", "labs"], ["for", "imaging"], ["labs", "today"], ["testing", "today"],
    ];

    /// <summary>Words of a sentence that say something is planned: "we'll", "I want", "she needs", "let's", "the plan is".</summary>
    private static readonly HashSet<string> IntentWords =
    [
        "want", "wants", "like", "need", "needs", "let's", "plan", "going", "should", "today", "monthly", "weekly", "yearly",
        // "I'm requesting a colonoscopy", "I'd recommend a flexible sigmoidoscopy", "make sure she gets her flu shot".
        "request", "requesting", "recommend", "recommending", "sure",
    ];

    /// <summary>"I also sent a urine culture": a test sent off by the clinician, at this visit unless a result or a past time is told with it.</summary>
    private static readonly string[][] SentCues =
    [
        ["i", "sent"], ["we", "sent"], ["i", "also", "sent"], ["we", "also", "sent"], ["i've", "sent"], ["we've", "sent"], ["i've", "also", "sent"], ["we've", "also", "sent"],
    ];

    /// <summary>Words that make an orderable one done or read already: "the x-ray showed", "your labs came back".</summary>
    private static readonly HashSet<string> DoneWords =
    [
        "showed", "shows", "show", "came", "results", "result", "was", "were", "did", "had", "normal", "looked", "looks", "last",
        "discuss", "review", "over", "talk",
    ];

    private static readonly string[][] ReferralCues =
    [
        ["referring"], ["refer"], ["referral"], ["send", "you", "to"], ["sending", "you", "to"], ["see", "a"], ["set", "you", "up", "with"],
        // "Let's have you see the sleep medicine team", "I'll get you in with GI", "an appointment with the dentist".
        ["see", "the"], ["see", "an"], ["get", "you", "in", "with"], ["appointment", "with"], ["connect", "you", "with"], ["consult"],
        // "Let's have you see cardiology", "I'd like you to see neurology", "you should see dermatology".
        ["have", "you", "see"], ["you", "to", "see"], ["should", "see"], ["need", "to", "see"], ["go", "see"],
        // "I'm going to loop in endocrinology", "next step is a visit with cardiology".
        ["loop", "in"], ["looping", "in"], ["a", "visit", "with"],
        // "I'll get you started with physical therapy", "let's start you with physical therapy".
        ["get", "you", "started", "with"], ["start", "you", "with"], ["start", "you", "on"],
        // "I'd like you to start cognitive behavioral therapy for insomnia".
        ["you", "to", "start"], ["you", "to", "begin"],
        // "I'd like you to do pulmonary rehab", "you should do physical therapy".
        ["you", "to", "do"], ["should", "do"],
        // "I'd like him to work with a behavioral therapist".
        ["to", "work", "with"],
        // "I'll send a note back to ophthalmology", "I'm writing to rheumatology": the letter that refers the patient on.
        ["a", "note", "to"], ["a", "note", "back", "to"], ["a", "letter", "to"], ["write", "to"], ["writing", "to"],
    ];

    /// <summary>"Physical therapy can help with this, so I'll set that up": arranging what was just named.</summary>
    private static readonly string[][] SetUpCues = [["set", "that", "up"], ["set", "it", "up"], ["set", "up", "a", "referral"], ["arrange", "that"], ["put", "that", "in"]];

    /// <summary>Words after a specialty that say it will take the patient on: "GI will call you to set up a visit", "I think dermatology should take a look".</summary>
    private static readonly string[][] AfterReferralCues =
    [
        ["will", "call"], ["will", "reach", "out"], ["will", "contact"], ["will", "be", "in", "touch"], ["take", "a", "look"], ["will", "schedule"],
        ["should", "weigh", "in"], ["to", "weigh", "in"], ["weigh", "in"],
        // "GI will see you next month", "we'll have GI see you".
        ["see", "you"],
    ];

    /// <summary>"Have the lipid panel done fasting", "we'll have the colonoscopy done next month": having a test done orders it.</summary>
    private static bool HaveDone(IReadOnlyList<string> words) =>
        words.Count > 1 && words[0] == "have" && words[1] is "the" or "a" or "an" or "your" or "her" or "his" or "them" or "it"
        || words.ToList().IndexOf("have") is >= 0 and var have && words.Skip(have + 1).Take(7).Contains("done") && !words.Take(have).Any(w => w is "you" or "i" or "we" or "they" or "already");

    /// <summary>A clinician's question that proposes, not asks: "Why don't we do an x-ray?", "How about we get a CBC?", "Shall we book …?".</summary>
    private static bool Proposes(IReadOnlyList<string> words) =>
        Dosing.At(words, 0, words.Count, "why", "don't", "we") || Dosing.At(words, 0, words.Count, "why", "don't", "i")
        || Dosing.At(words, 0, words.Count, "how", "about", "we") || Dosing.At(words, 0, words.Count, "shall", "we") || Dosing.At(words, 0, words.Count, "what", "if", "we");

    private static readonly HashSet<string> Generic = ["blood work", "stool studies", "x-ray", "CT scan", "MRI", "ultrasound", "urine test", "brace", "vaccine", "drug level"];

    /// <summary>
    /// The labs a swab or a test "for" names: "swab you for strep and flu" is the rapid strep and influenza tests, each thing
    /// named after "for" looked up as "… test" or "… swab"; not when made conditional ("if …") or said of the past.
    /// </summary>
    private static IEnumerable<OrderEntry> TestedFor(IReadOnlyList<string> words, ClinicalLexicon lexicon)
    {
        for (var i = 0; i + 2 < words.Count; i++)
        {
            if (words[i] is not ("swab" or "test" or "swabbing" or "testing" or "check" or "checking" or "screen" or "screening")
                || words.Take(i).Any(w => w is "if" or "was" or "were" or "tested" or "did" or "had")
                // ("I'll also check for syphilis", "we'll screen you for chlamydia": a check or screen the clinician says they will do.)
                || words[i] is "check" or "checking" or "screen" or "screening" && !(i > 0 && words[i - 1] is "i'll" or "we'll" or "let's" or "also" or "will" or "to" or "i'm" or "we're"))
            {
                continue;
            }

            var at = i + 1 < words.Count && words[i + 1] is "you" or "him" or "her" or "them" ? i + 2 : i + 1;
            if (at >= words.Count || words[at] != "for")
            {
                continue;
            }

            var item = new List<string>();
            for (var k = at + 1; k <= words.Count; k++)
            {
                if (k < words.Count && words[k] is not ("and" or "or" or "too" or "today" or "now" or "as" or "well"))
                {
                    item.Add(words[k]);
                    continue;
                }

                // ("check for syphilis, gonorrhea and chlamydia": a list without its commas is each word's test.)
                // ("screen for others: HIV, syphilis and hepatitis C": what the list is of is no test.)
                var listed = item.Where(w => w is not ("others" or "other" or "infections" or "stis" or "stds" or "things")).ToList();
                var named = Tested(item, lexicon) is { } whole ? [whole] : listed.Count is > 1 and <= 4 ? listed.Select(w => Tested([w], lexicon)).ToList() : [];
                foreach (var entry in named.All(e => e is not null) ? named.OfType<OrderEntry>() : [])
                {
                    yield return entry;
                }

                item.Clear();
                if (k < words.Count && words[k] is not ("and" or "or"))
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// "Anyone who had chickenpox can get it": a vaccine said by the name of its disease, after words of having had it, is the
    /// disease, unless vaccines are talked of ("her vaccines today: MMR, chickenpox …").
    /// </summary>
    private static bool DiseaseNotVaccine(IReadOnlyList<string> words, PhraseMatch<OrderEntry> match, ClinicalLexicon lexicon)
    {
        var said = words.Skip(match.Start).Take(match.End - match.Start).ToArray();
        return match.Value.Name.EndsWith("vaccine", StringComparison.Ordinal) && lexicon.Problems.FindAll(said) is [{ Start: 0 } disease] && disease.End == said.Length
            && Enumerable.Range(Math.Max(0, match.Start - 3), Math.Min(3, match.Start)).Any(i => words[i] is "had" or "with" or "who" or "from" or "after")
            && !words.Any(w => w is "vaccine" or "vaccines" or "shot" or "shots" or "immunization" or "immunizations" or "vaccinated" or "vaccinate" or "booster" or "boosters" or "dose" or "doses" or "due");
    }

    /// <summary>
    /// The clinician's next turn after the patient's answer opens by taking the one thing just offered back: "then we don't need
    /// it", "no need for that then", "we can skip it".
    /// </summary>
    private static bool TakenBack(ClinicalTranscript transcript, Sentence sentence)
    {
        var at = sentence.Utterance.Index;
        if (at + 2 >= transcript.Utterances.Count || transcript.Utterances[at + 1].ByClinician || !transcript.Utterances[at + 2].ByClinician)
        {
            return false;
        }

        var reply = transcript.SentencesOf(at + 2).Take(2).SelectMany(s => s.Words).ToList();
        return Dosing.Says(reply, [["don't", "need", "it"], ["don't", "need", "that"], ["no", "need", "for", "it"], ["no", "need", "for", "that"], ["skip", "it"], ["skip", "that"],
            ["won't", "need", "it"], ["doesn't", "need", "it"], ["not", "needed"]]);
    }

    /// <summary>The lab a thing tested for is named by, "… test" or "… swab" ("strep" is the strep test), or null.</summary>
    private static OrderEntry? Tested(List<string> item, ClinicalLexicon lexicon) =>
        item.Count is > 0 and <= 3
            ? ((string[])["test", "swab"]).Select(suffix => lexicon.Orders.FindAll([.. item, suffix]) is [{ Start: 0 } match] && match.End == item.Count + 1 && match.Value.Type == "lab" ? match.Value : null)
                .FirstOrDefault(e => e is not null)
            : null;

    /// <summary>The side said inside an orderable's name or just before it: "an MRI of the right shoulder", "a left ankle x-ray".</summary>
    private static string Side(IReadOnlyList<string> words, PhraseMatch<OrderEntry> match) =>
        words.Skip(Math.Max(0, match.Start - 1)).Take(match.End - Math.Max(0, match.Start - 1)).FirstOrDefault(w => w is "right" or "left" or "bilateral") is { } side
        && match.Value.Type is "imaging" or "procedure" && !match.Value.Name.Contains(side, StringComparison.OrdinalIgnoreCase) ? ", " + side : "";

    public static IReadOnlyList<OrderFact> Extract(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var orders = new List<OrderFact>();
        foreach (var utterance in transcript.Sentences.Where(s => s.ByClinician).GroupBy(s => s.Utterance))
        {
            var utteranceCue = utterance.Any(s => (!s.IsQuestion || Proposes(s.Words)) && FirstCue(s.Words, OrderCues) >= 0);
            var asked = transcript.SentencesOf(utterance.Key.Index - 1).Where(s => !s.ByClinician).ToList();
            var answersQuestion = asked.Count > 0 && asked[^1].IsQuestion;
            // "Can I get a cholesterol check?" "Sure, I'll order it.": the patient's request, granted.
            if (answersQuestion && Consent.Grants(utterance.First().Words) && Consent.Requests(asked[^1].Words, "get", "have", "do", "order"))
            {
                orders.AddRange(lexicon.Orders.FindAll(asked[^1].Words).Select(m => new OrderFact(m.Value.Type, m.Value.Name, m.Value.Cpt, [Evidence.Of(asked[^1].Utterance), Evidence.Of(utterance.Key)])));
            }

            Sentence? previousSentence = null;
            foreach (var sentence in utterance.Where(s => !s.IsQuestion || Proposes(s.Words)))
            {
                // "What if it doesn't help?" "Then we'd do an upper endoscopy.": the answer to "what if" orders nothing yet.
                if (Negation.AnswersWhatIf(transcript, sentence))
                {
                    continue;
                }

                var words = sentence.Words;
                var matches = lexicon.Orders.FindAll(words);
                // "What kind of test?" "A chemistry panel.", "The plan for today is simple. First, a blood count.": a sentence that
                // is only the name, answering or in a plan, orders it.
                var named = matches.Count > 0 && OnlyNames(words, matches)
                    && (answersQuestion && sentence.Ordinal <= 1 || utterance.TakeWhile(s => s != sentence).Any(s => s.Words.Any(w => w is "plan" or "steps" or "things" or "need" or "check" or "test" or "tests")));
                // A cue inside an orderable's own name ("a developmental screen", "a home sleep apnea test") orders nothing.
                var cue = FirstCue(words, OrderCues, matches);
                // "I also sent a thyroid stimulating immunoglobulin", "we sent the urine for culture": sent off at this visit, unless a
                // result or a time gone by is told with it ("we sent a culture last week and it came back negative").
                if (cue < 0 && FirstCue(words, SentCues, matches) is >= 0 and var sent && !words.Any(w => DoneWords.Contains(w) || w is "ago" or "yesterday"))
                {
                    cue = sent;
                }

                var haveDone = HaveDone(words);
                var found = new List<OrderFact>();
                foreach (var match in matches)
                {
                    var entry = match.Value;
                    var cued = cue >= 0 || entry.Type == "other" && utteranceCue || Intended(words, matches, match) || haveDone || named || WillShow(words, match);
                    // "I'd only order a CT if the pain spreads": made conditional after the name.
                    if (!cued || Declined(words, match.Start) || words.Take(match.Start).Contains("if") || words.Take(match.Start).Contains("only") && words.Skip(match.End).Contains("if")
                        || PurposeOfAnother(words, matches, match) || Awaited(words, match.Start, match.End) || ReadAsResult(words, match, cue)
                        || DiseaseNotVaccine(words, match, lexicon)
                        // "We may need a fine needle biopsy", "depending on what the ultrasound shows": a possibility, not an order.
                        || Enumerable.Range(Math.Max(0, match.Start - 5), Math.Min(5, match.Start)).Any(i => words[i] is "may" or "might" or "depending")
                        // "We'll adjust the dose by your blood tests": what a decision goes by, not a test ordered.
                        || match.Start >= 2 && words[match.Start - 1] is "your" or "the" && words[match.Start - 2] is "by" or "on" && words.Take(match.Start).Any(w => w is "adjust" or "based" or "decide" or "depends")
                        // "You're getting your cholesterol down": a goal for what the test measures, not the test.
                        || match.End < words.Count && words[match.End] is "down" or "lower" or "under" or "controlled" or "better")
                    {
                        continue;
                    }

                    found.Add(new OrderFact(entry.Type, entry.Name + Side(words, match) + Timing(words, match.End), entry.Cpt, [Evidence.Of(sentence.Utterance)]));
                }

                // "Your last mammogram was two years ago, so let's order one now": a new one of the study just named.
                if (found.Count == 0 && OrdersOneAgain(words) is >= 0 and var again && !Declined(words, again) && !words.Take(again).Any(w => w is "if" or "unless")
                    && (matches.LastOrDefault(m => m.End <= again).Value
                        ?? (previousSentence is null ? null : lexicon.Orders.FindAll(previousSentence.Words).Select(m => m.Value).LastOrDefault())) is { } earlier)
                {
                    found.Add(new OrderFact(earlier.Type, earlier.Name, earlier.Cpt, [Evidence.Of(sentence.Utterance)]));
                }

                found.AddRange(ListedAnalytes(words, matches, found, lexicon).Select(entry => new OrderFact(entry.Type, entry.Name, entry.Cpt, [Evidence.Of(sentence.Utterance)])));
                found = InVaccineList(words, found, lexicon, sentence);
                // "I'm going to swab you for strep and flu", "let's test her for COVID": the test for what is named.
                found.AddRange(TestedFor(words, lexicon).Distinct().Where(entry => !found.Any(f => f.Name.StartsWith(entry.Name, StringComparison.Ordinal)))
                    .Select(entry => new OrderFact(entry.Type, entry.Name, entry.Cpt, [Evidence.Of(sentence.Utterance)])));
                if (found.Count > 0 && SpecimenCulture(words, matches, lexicon) is { } culture && !found.Any(o => o.Name == culture.Name))
                {
                    found.Add(new OrderFact(culture.Type, culture.Name, culture.Cpt, [Evidence.Of(sentence.Utterance)]));
                }

                if (found.Any(o => !IsGeneric(o)))
                {
                    // The generic names the specific ones cover go; "an MRI of the right knee, and an x-ray today": a study named bare
                    // takes its part from the other study.
                    var said = found;
                    found = said.Where(o => !IsGeneric(o) || !said.Any(other => !IsGeneric(other) && Covers(o, other)))
                        .Select(o => IsGeneric(o) ? OfSamePart(o, said, lexicon) ?? o : o).ToList();
                }

                // "We'll check your cholesterol and triglycerides": the lipid panel measures them.
                if (found.Any(o => BaseName(o) == "lipid panel"))
                {
                    found.RemoveAll(o => BaseName(o) == "triglyceride level");
                }

                // "I'm ordering a lithium level and a basic metabolic panel, one week after the change": a timing said once
                // after the orders belongs to each of them.
                if (found.Count > 0 && SharedTiming(words, matches) is { } shared)
                {
                    // ("Iron studies with a CBC, and in about four weeks, a urea breath test": a timing that opens a clause is the
                    // clause's, not the orders said before it.)
                    var before = shared.Clause ? matches.Where(m => m.End <= shared.At).Select(m => m.Value.Name).ToHashSet(StringComparer.Ordinal) : [];
                    found = found.Select(o => o.Name.Contains(" in ", StringComparison.Ordinal) || before.Contains(BaseName(o).Split(", ")[0]) ? o : o with { Name = o.Name + shared.Text }).ToList();
                }

                // "… and I'd suggest the HPV vaccine if you haven't had it." "I had it in high school." "Good, then we don't need it.":
                // the one named last is taken back.
                if (found.Count > 0 && sentence.Ordinal == utterance.Count() - 1 && TakenBack(transcript, sentence))
                {
                    found.RemoveAt(found.Count - 1);
                }

                orders.AddRange(found);
                var referral = FirstCue(words, ReferralCues);
                // Most sentences refer to no one: the names are looked up only when a cue is said.
                var setUp = FirstCue(words, SetUpCues);
                // "I'll order physical therapy twice a week": a therapy is ordered as a test is.
                var ordered = FirstCue(words, TherapyOrderCues);
                var specialties = referral >= 0 || setUp >= 0 || ordered >= 0 || FirstCue(words, AfterReferralCues) >= 0 ? lexicon.Specialties.FindAll(words) : [];
                if (specialties.Count == 0 && referral >= 0 && !Declined(words, referral) && previousSentence is not null)
                {
                    // "Yes, a heart specialist. I'll put in the referral.": the referral is for the specialty just named.
                    orders.AddRange(lexicon.Specialties.FindAll(previousSentence.Words).Where(m => !Declined(previousSentence.Words, m.Start))
                        .Select(m => new OrderFact("referral", m.Value, null, [Evidence.Of(sentence.Utterance)])));
                }

                previousSentence = sentence;
                foreach (var match in specialties)
                {
                    // "First line is cognitive behavioral therapy, I'll refer you": a referral with no one named after it is for the one named before.
                    var before = referral >= 0 && match.Start > referral && !Declined(words, referral)
                        || referral >= 0 && match.End <= referral && !specialties.Any(m => m.Start > referral) && !Declined(words, referral) && !Declined(words, match.Start)
                        || setUp > match.End && !Declined(words, setUp) && !Declined(words, match.Start)
                        || OrdersTherapy(words, ordered, match);
                    // The cue within three words after the name, nothing between them denying it ("GI won't need to see you").
                    var after = Enumerable.Range(match.End, Math.Min(3, Math.Max(0, words.Count - match.End)))
                        .Any(i => AfterReferralCues.Any(c => Dosing.At(words, i, words.Count, c)) && !Declined(words, i)) && !Declined(words, match.Start);
                    // "If it isn't better in two weeks, I'll send you to ENT": a referral made conditional is not made.
                    if ((before || after) && !words.Take(Math.Min(match.Start, referral >= 0 ? referral : match.Start)).Any(w => w is "if" or "unless"))
                    {
                        orders.Add(new OrderFact("referral", match.Value, null, [Evidence.Of(sentence.Utterance)]));
                    }
                }
            }
        }

        // "a lace-up ankle brace … wear the brace": the generic name said later is the specific order again.
        orders.RemoveAll(o => IsGeneric(o) && orders.Any(p => p.Type == o.Type && !IsGeneric(p) && BaseName(p).EndsWith(BaseName(o), StringComparison.OrdinalIgnoreCase)));
        return orders.GroupBy(o => o.Name).Select(g => g.First() with { Evidence = g.SelectMany(o => o.Evidence).DistinctBy(e => e.Utterance).ToList() }).ToList();
    }

    /// <summary>
    /// A lab named by its analyte alone, which names a supplement too: "magnesium", "vitamin B12". A lab only in a list with a
    /// lab ordered ("check a TSH, a vitamin B12 and a magnesium") or checked ("check a potassium"); "take some magnesium" stays a
    /// supplement.
    /// </summary>
    private static readonly (string[] Said, string Lab)[] Analytes =
    [
        (["vitamin", "b12"], "vitamin B12 level"), (["b12"], "vitamin B12 level"), (["vitamin", "d"], "vitamin D level"), (["magnesium"], "magnesium level"),
        (["potassium"], "potassium level"), (["sodium"], "sodium level"), (["calcium"], "calcium level"), (["phosphorus"], "phosphorus level"),
        (["zinc"], "zinc level"), (["folate"], "folate level"), (["iron"], "iron and TIBC"), (["lithium"], "lithium level"), (["thiamine"], "vitamin B1 level"),
    ];

    private static readonly HashSet<string> AgainVerbs = ["order", "get", "schedule", "book", "repeat", "do", "arrange"];

    /// <summary>
    /// "Let's order one now", "time to get another one", "I'll schedule a new one": where an order verb takes "one" for what was
    /// named before it, or -1. ("Get one blood draw" names its own test; "you're due for one" is advice.)
    /// </summary>
    private static int OrdersOneAgain(IReadOnlyList<string> words)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (!AgainVerbs.Contains(words[i]) || i > 0 && words[i - 1] is "did" or "had" or "got" or "you")
            {
                continue;
            }

            // ("one", "another one", "a new one", or "another" alone.)
            var k = i + 1;
            while (k < words.Count && words[k] is "a" or "another" or "new")
            {
                k++;
            }

            var one = k < words.Count && words[k] == "one" ? k : words[i + 1] == "another" ? k - 1 : -1;
            if (one >= 0 && (one + 1 == words.Count || words[one + 1] is "now" or "today" or "soon" or "this" or "next" or "before" or "after" or "at" or "in" or "too" or "and" or "then" or "done" or "for"))
            {
                return i;
            }
        }

        return -1;
    }

    private static readonly string[][] TherapyOrderCues = [["order"], ["ordering"], ["prescribe"], ["prescribing"]];

    /// <summary>"I'll order physical therapy", "I'm ordering some physical therapy for you": the order verb just before a therapy.</summary>
    private static bool OrdersTherapy(IReadOnlyList<string> words, int ordered, PhraseMatch<string> match) =>
        ordered >= 0 && match.Start > ordered && match.Start - ordered <= 3 && match.Value.EndsWith("therapy", StringComparison.Ordinal) && !Declined(words, ordered)
        && words.Skip(ordered + 1).Take(match.Start - ordered - 1).All(w => w is "a" or "some" or "the" or "for" or "you" or "her" or "him");

    /// <summary>
    /// "A basic metabolic panel in two weeks, to check her kidney function and potassium", "… a panel for kidney function and
    /// electrolytes": what an order just named is for, not another order.
    /// </summary>
    private static bool PurposeOfAnother(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<OrderEntry>> matches, PhraseMatch<OrderEntry> match) =>
        // (Not the test a generic one names: "a urine test today to check for protein, the urine albumin to creatinine ratio".)
        matches.Any(other => other.End <= match.Start && match.Start - other.End <= 8 && !Generic.Contains(other.Value.Name)
            && Enumerable.Range(other.End, match.Start - other.End).Any(i => words[i] == "for" && !(i + 1 < words.Count && words[i + 1] is "a" or "an")
                || words[i] == "to" && i + 1 < words.Count && words[i + 1] is "check" or "look" or "watch" or "monitor" or "follow" or "assess" or "see")
            && !Enumerable.Range(other.End, match.Start - other.End).Any(i => words[i] is "and" or "also" or "plus" && i + 1 < match.Start && words[i + 1] is "a" or "an" or "we'll" or "i'll"));

    /// <summary>Diseases a vaccine list names bare, with the vaccine each stands for.</summary>
    private static readonly (string[] Said, string Vaccine)[] BareVaccines =
    [
        (["hepatitis", "b"], "hepatitis b vaccine"), (["hep", "b"], "hepatitis b vaccine"), (["polio"], "polio vaccine"), (["measles"], "mmr vaccine"),
        (["chickenpox"], "varicella vaccine"), (["chicken", "pox"], "varicella vaccine"), (["flu"], "flu vaccine"), (["pneumococcal"], "pneumococcal vaccine"),
        (["meningococcal"], "meningococcal vaccine"), (["whooping", "cough"], "tdap vaccine"),
    ];

    /// <summary>
    /// "Today she'll get her six month vaccines: DTaP, polio, Hib, pneumococcal, and hepatitis B": in a sentence about vaccines,
    /// a disease named bare is its vaccine (not the hepatitis B blood test), when the sentence orders some vaccine.
    /// </summary>
    private static List<OrderFact> InVaccineList(IReadOnlyList<string> words, List<OrderFact> found, ClinicalLexicon lexicon, Sentence sentence)
    {
        if (!words.Any(w => w is "vaccines" or "shots" or "immunizations" or "vaccinations") || !found.Any(o => o.Type == "other"))
        {
            return found;
        }

        var vaccines = new List<OrderFact>();
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var (said, vaccine) in BareVaccines)
            {
                if (Dosing.At(words, i, words.Count, said) && lexicon.Orders.FindAll(Text.Tokens.Words(vaccine)) is [{ Value: var entry }]
                    && !found.Any(o => o.Name == entry.Name) && !vaccines.Any(o => o.Name == entry.Name))
                {
                    vaccines.Add(new OrderFact(entry.Type, entry.Name, entry.Cpt, [Evidence.Of(sentence.Utterance)]));
                }
            }
        }

        // The blood tests those names also are ("hepatitis B panel" for the "hepatitis B" of the list): the vaccine.
        static string Disease(string name) => string.Join(' ', name.Split(' ').Take(2)).ToLowerInvariant();
        return [.. found.Where(o => !(o.Type == "lab" && vaccines.Any(v => Disease(v.Name) == Disease(o.Name)))), .. vaccines];
    }

    private static readonly HashSet<string> ListGlue = ["and", "a", "an", "the", "also", "plus", "with", "her", "his", "your"];

    /// <summary>The analytes said in a list with a lab this sentence orders (only list words between them), as their labs.</summary>
    private static List<OrderEntry> ListedAnalytes(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<OrderEntry>> matches, List<OrderFact> found, ClinicalLexicon lexicon)
    {
        var labs = matches.Where(m => m.Value.Type == "lab" && found.Any(f => f.Name.StartsWith(m.Value.Name, StringComparison.Ordinal))).ToList();
        var spans = labs.Select(m => (m.Start, m.End)).ToList();
        var entries = new List<OrderEntry>();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < words.Count; i++)
            {
                if (spans.Any(sp => sp.Start <= i && i < sp.End) || matches.Any(m => m.Start <= i && i < m.End)
                    || Analytes.FirstOrDefault(a => Dosing.At(words, i, words.Count, a.Said)) is not { Said: { } said, Lab: var lab }
                    || lexicon.OrderSpellings.FirstOrDefault(o => o.Order.Name == lab).Order is not { } entry)
                {
                    continue;
                }

                var end = i + said.Length;
                // Next to a listed lab: only "and", "a", "the" … between them, on either side; or right after "check", "draw".
                // (Not "a basic metabolic panel in two weeks to check your potassium": what the panel ordered is for.)
                var checkedFor = Enumerable.Range(Math.Max(0, i - 3), i - Math.Max(0, i - 3)).Any(k => words[k] is "check" or "recheck" or "draw" or "repeat" or "checking" && Glued(words, k + 1, i)
                    && !(k > 0 && words[k - 1] == "to" && labs.Any(m => m.End <= k)));
                if ((checkedFor || spans.Any(sp => Glued(words, sp.End, i) || Glued(words, end, sp.Start))) && !found.Any(f => f.Name == entry.Name) && !entries.Contains(entry))
                {
                    spans.Add((i, end));
                    entries.Add(entry);
                    changed = true;
                }
            }
        }

        return entries;
    }

    private static bool Glued(IReadOnlyList<string> words, int from, int to) => from <= to && to - from <= 3 && Enumerable.Range(from, to - from).All(k => ListGlue.Contains(words[k]));

    /// <summary>Words around names in a sentence that is only names: "First, a CBC and a lipid panel."</summary>
    private static readonly HashSet<string> NameOnly = ["a", "an", "the", "and", "first", "second", "third", "next", "then", "also", "plus", "finally", "yes", "yeah", "sure", "okay", "some"];

    private static bool OnlyNames(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<OrderEntry>> matches) =>
        Enumerable.Range(0, words.Count).All(i => matches.Any(m => m.Start <= i && i < m.End) || NameOnly.Contains(words[i]));

    /// <summary>"We'll see what a basic panel shows": a test whose result is still to come.</summary>
    private static bool WillShow(IReadOnlyList<string> words, PhraseMatch<OrderEntry> match) =>
        words.Take(match.Start).Contains("see")
        && (match.Start >= 2 && words[match.Start - 2] is "what" or "whether" or "if" || match.Start >= 3 && words[match.Start - 3] == "what" && words[match.Start - 1] is "a" or "an" or "the")
        && words.Skip(match.End).Take(3).Any(w => w is "shows" or "says" or "will");

    /// <summary>"We'll repeat the A one C in three months": the timing belongs to the order.</summary>
    private static string Timing(IReadOnlyList<string> words, int after)
    {
        for (var i = after; i + 2 < words.Count && i < after + 3; i++)
        {
            // ("… with a CBC, and in four weeks a breath test": a timing that opens the next clause is not this order's.)
            if (words[i] is "and" or "then" or "but")
            {
                break;
            }

            if (words[i] == "in" && Intervals.At(words, i + 1, hours: true) is { } interval)
            {
                return " in " + interval.Text;
            }
        }

        return "";
    }

    private static string BaseName(OrderFact order) => order.Name.Split(" in ")[0];

    private static bool IsGeneric(OrderFact order) => Generic.Contains(BaseName(order));

    /// <summary>The generic names of a kind of imaging, with the word a specific study of that kind has among its words ("chest x-ray": "x").</summary>
    private static readonly Dictionary<string, string> Modalities = new(StringComparer.Ordinal) { ["x-ray"] = "x", ["CT scan"] = "ct", ["MRI"] = "mri", ["ultrasound"] = "ultrasound" };

    /// <summary>
    /// "Blood work: a CBC and a CMP": the generic name gives way to the specific ones named with it; a generic study only to a
    /// study of its own kind ("an MRI of the knee and an x-ray" orders both).
    /// </summary>
    private static bool Covers(OrderFact generic, OrderFact specific) =>
        !Modalities.TryGetValue(BaseName(generic), out var kind) || Text.Tokens.Words(specific.Name).Contains(kind);

    /// <summary>"An MRI of the right knee, and an x-ray today": the bare study of the part another study of the sentence names ("knee x-ray, right").</summary>
    private static OrderFact? OfSamePart(OrderFact generic, IReadOnlyList<OrderFact> found, ClinicalLexicon lexicon)
    {
        if (!Modalities.ContainsKey(BaseName(generic)))
        {
            return null;
        }

        var modality = Text.Tokens.Words(BaseName(generic));
        foreach (var other in found.Where(o => o.Type == "imaging" && !IsGeneric(o)))
        {
            var side = other.Name.Split(", ") is [_, var said, ..] && said.Split(' ')[0] is "right" or "left" or "bilateral" ? ", " + said.Split(' ')[0] : "";
            foreach (var part in Text.Tokens.Words(BaseName(other)))
            {
                if (lexicon.Orders.FindAll([part, .. modality]) is [{ Start: 0, Value: { Type: "imaging" } entry } match] && match.End == modality.Length + 1)
                {
                    return new OrderFact(entry.Type, entry.Name + side + generic.Name[BaseName(generic).Length..], entry.Cpt, generic.Evidence);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// "Let's get a urine sample for a dipstick and send it off for culture": a culture said bare, in a sentence that orders a
    /// test of a specimen named before it, is the culture of that specimen.
    /// </summary>
    private static OrderEntry? SpecimenCulture(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<OrderEntry>> matches, ClinicalLexicon lexicon)
    {
        var at = Enumerable.Range(0, words.Count).FirstOrDefault(i => words[i] is "culture" or "cultures" && !matches.Any(m => m.Start <= i && i < m.End), -1);
        var specimen = at < 0 ? null : words.Take(at).LastOrDefault(w => w is "urine" or "stool" or "throat" or "wound" or "sputum");
        return specimen is null ? null : lexicon.Orders.FindAll([specimen, "culture"]) is [{ Start: 0, End: 2 } match] ? match.Value : null;
    }

    /// <summary>
    /// "Your TSH is low at zero point two, so we're giving you too much": a result read out, with no order cue before it; a
    /// result rechecked by pronoun ("your potassium is high, so let's recheck it") is still ordered.
    /// </summary>
    private static bool ReadAsResult(IReadOnlyList<string> words, PhraseMatch<OrderEntry> match, int cue)
    {
        // ("Your INR today is three point eight": read after "today" or "now".)
        var verb = match.End < words.Count && words[match.End] is "today" or "now" ? match.End + 1 : match.End;
        return (cue < 0 || cue > match.End) && verb + 1 < words.Count && words[verb] is "is" or "was" or "were" or "are" or "looks" or "looked" or "came"
            && (words[verb + 1] is "low" or "high" or "normal" or "elevated" or "up" or "down" or "at" or "fine" or "okay" or "abnormal" or "back" or "still" or "borderline" or "slightly" or "a" or "point" or "negative" or "positive"
                || NumberWords.IsNumberWord(words[verb + 1]))
            && !Enumerable.Range(match.End, Math.Max(0, words.Count - match.End - 1))
                .Any(i => words[i] is "repeat" or "recheck" or "retest" or "check" or "rechecking" or "repeating" && words[i + 1] is "it" or "that" or "them" or "this");
    }

    /// <summary>"Let's meet again once the MRI is back", "when the culture results come in", "after the stress test": a study already ordered, awaited.</summary>
    private static bool Awaited(IReadOnlyList<string> words, int start, int end) =>
        end + 1 < words.Count && words[end] is "is" or "are" or "comes" or "come" && words[end + 1] == "back" || end < words.Count && words[end] == "results"
        // "I'll see you after the stress test", "once the MRI is done": what the visit waits for.
        || start >= 2 && words[start - 1] is "the" or "your" && words[start - 2] is "after" or "once" or "until";

    /// <summary>
    /// "… one week after the change", "… two weeks from now", "… in three months": a sentence's one timing, where it is said,
    /// and whether it opens a clause ("…, and in four weeks …").
    /// </summary>
    private static (string Text, int At, bool Clause)? SharedTiming(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<OrderEntry>> matches)
    {
        (string Text, int At, bool Clause)? timing = null;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            // ("… in two weeks after the switch, and I'll see you in three months": the visit's time is no order's.)
            if (Intervals.At(words, i) is not { } interval || i >= 2 && words[i - 1] == "in" && words[i - 2] is "you" or "back" or "up" or "visit" or "appointment")
            {
                continue;
            }

            // ("We'll send a urine culture, and if you're not better in three days, call us": the time of a condition is no order's.)
            if (Enumerable.Range(Math.Max(0, i - 6), Math.Min(6, i)).Any(k => words[k] is "if" or "unless"))
            {
                i = interval.End - 1;
                continue;
            }

            // ("We'll check your potassium and kidney function and two weeks": a recogniser's "in" heard as "and" right after the orders.)
            var inHeardAsAnd = i > 1 && words[i - 1] == "and" && matches.Any(m => m.End == i - 1);
            if (i > 0 && words[i - 1] == "in" || inHeardAsAnd || interval.End < words.Count && words[interval.End] is "after" or "from")
            {
                if (timing is not null)
                {
                    return null;
                }

                timing = (" in " + interval.Text, i, i >= 2 && words[i - 1] == "in" && words[i - 2] is "and" or "then" or "but");
            }

            i = interval.End - 1;
        }

        // "A BMP and a BNP today, and repeat the BMP in one week": some are for today, so the timing is only its own order's
        // ("a lipid panel today, and in three months the A one C": a clause's after today).
        return words.Contains("today") && !(timing is { Clause: true } opened && !words.Skip(opened.At).Contains("today")) ? null : timing;
    }

    /// <summary>
    /// "I want monthly liver tests", "she's due for her vaccines today", "we'll have you do a home sleep study": a
    /// sentence that plans without one of the order verbs still orders, unless it speaks of a result already in.
    /// </summary>
    private static bool Intended(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<OrderEntry>> matches, PhraseMatch<OrderEntry> match)
    {
        // ("Go over your results" reads one; "since it's been over three years" does not.)
        if (Enumerable.Range(0, words.Count).Any(i => DoneWords.Contains(words[i]) && (words[i] != "over" || i > 0 && words[i - 1] is "go" or "went" or "going" or "look" or "looked")))
        {
            return false;
        }

        // ("I'm also sending your urine for a culture", however the verb was heard: a specimen named with what it is for is being sent.)
        if (Enumerable.Range(match.Start, match.End - match.Start).Any(i => words[i] == "for"))
        {
            return true;
        }

        // Near the orderable, not counting the other orderables of a list ("I'd like a CBC, a CMP, a hepatitis panel and an
        // HIV test"): a recogniser's unpunctuated run joins the plan of one order to the mention of another.
        const int Near = 8;
        var seen = 0;
        for (var i = match.Start - 1; i >= 0 && seen < Near; i--)
        {
            if (matches.Any(m => m.Start <= i && i < m.End))
            {
                continue;
            }

            if (IntentWords.Contains(words[i]) || words[i].EndsWith("'ll", StringComparison.Ordinal))
            {
                return true;
            }

            seen++;
        }

        // ("… the basic metabolic panel on Friday": a test given its day is booked, however the verb before it was heard.)
        return words.Skip(match.End).Take(Near).Contains("today")
            || match.End + 1 < words.Count && words[match.End] == "on" && Dosing.Weekdays.Contains(words[match.End + 1]);
    }

    private static bool Declined(IReadOnlyList<string> words, int at)
    {
        for (var i = at - 1; i >= Math.Max(0, at - 8); i--)
        {
            // "Why don't we do an x-ray?" proposes it.
            if (i == 1 && words[0] == "why" && words[1] == "don't")
            {
                continue;
            }

            // "No screens in bed, and I'm referring you to physical therapy": a clause of its own, which the "no" before does not reach.
            if (words[i] is "and" or "but" or "so" or "then" && i + 1 < at && words[i + 1] is "i'm" or "i'll" or "we'll" or "we're" or "i" or "we" or "let's" or "i'd" or "we'd")
            {
                return false;
            }

            // "An MRI of the brain with and without contrast and an EEG": how a study is done, no refusal.
            if (words[i] == "without" && i + 1 < words.Count && words[i + 1] is "contrast" or "dye")
            {
                continue;
            }

            // "We'll hold off on the colonoscopy for now": put off, not ordered.
            if (words[i] is "don't" or "doesn't" or "not" or "no" or "won't" or "without" or "skip" or "skipping" || words[i] == "need" && i > 0 && words[i - 1] is "don't" or "no"
                || words[i] == "off" && i > 0 && words[i - 1] is "hold" or "holding" or "put" or "putting")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Check your pressure at home", "keep checking your sugars": what the patient measures, no test ordered.</summary>
    private static bool SelfCheck(IReadOnlyList<string> words, int i)
    {
        if (words[i] is not ("check" or "checking"))
        {
            return false;
        }

        var next = i + 1;
        next += next < words.Count && words[next] is "your" or "his" or "her" or "the" ? 1 : 0;
        next += next < words.Count && words[next] == "blood" ? 1 : 0;
        return next < words.Count && words[next] is "pressure" or "pressures" or "sugar" or "sugars" or "feet" or "weight" or "temperature" or "pulse" or "readings" or "numbers";
    }

    private static int FirstCue(IReadOnlyList<string> words, string[][] cues, IReadOnlyList<PhraseMatch<OrderEntry>>? names = null)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (cues.Any(c => Dosing.At(words, i, words.Count, c)) && !(names ?? []).Any(m => m.Start <= i && i < m.End) && !SelfCheck(words, i))
            {
                return i;
            }
        }

        return -1;
    }
}
