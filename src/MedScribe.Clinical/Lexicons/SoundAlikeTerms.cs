using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Lexicons;

/// <summary>A run of transcript words that sounds like a drug name: words [Start, End), the drug, and how far apart they sound (0 = the same).</summary>
public readonly record struct SoundAlike(int Start, int End, Drug Drug, string Spelling, double Distance);

/// <summary>
/// Drug and problem names a speech engine heard as other words ("sin droid" for Synthroid, "met for men" for metformin),
/// found by sound: the words' pronunciations (CMU-format dictionaries: the general one and medical.dict) joined
/// and compared with every drug spelling's pronunciation by a phoneme edit distance in which a vowel for a vowel
/// or a voiced for an unvoiced consonant costs half. Only a run followed by a dose with its unit counts (the
/// dose is the evidence), and only when one drug is clearly the nearest; a dose that is one of the drug's usual strengths
/// (<see cref="UsualDoses"/>) lets a run opening with the name's first sound be heard farther from it. The run then reads as the drug for the
/// extractor, while the transcript's text, the evidence, keeps what was heard. Problem names likewise, with their
/// head word heard as the evidence ("adrenal fibrillation" for atrial fibrillation).
/// </summary>
public sealed class SoundAlikeTerms
{
    /// <summary>At most this distance per phoneme of the longer sequence (names of 9 phonemes or more) …</summary>
    public const double MaxDistance = 0.25;

    /// <summary>… and this for shorter names, which common words resemble more easily ("but in" is nearly biotin).</summary>
    public const double MaxDistanceShort = 0.15;

    private const int LongName = 9;

    /// <summary>
    /// At most this distance per phoneme, for names of any length, when the dose after the run is one of the drug's usual
    /// strengths and the run opens with the name's first sound ("drama dull fifty milligrams" is tramadol when no other drug
    /// sounds about as near).
    /// </summary>
    public const double MaxDistanceWithDose = 0.40;

    /// <summary>
    /// At most this distance per phoneme when the dose is a strength only <see cref="RareDoseDrugs"/> drugs or fewer come in
    /// ("one hundred forty five milligrams" is fenofibrate's, "zero point six milligrams" colchicine's): the dose alone
    /// narrows the name to a few, so less of its sound must survive.
    /// </summary>
    public const double MaxDistanceWithRareDose = 0.50;

    private const int RareDoseDrugs = 2;

    /// <summary>How much nearer than any rival the chosen drug must sound.</summary>
    private const double Margin = 0.05;

    private const int MinPhonemes = 5;
    private const int MaxRunWords = 5;

    /// <summary>How many words may stand between a run opened by a medication verb and its dose.</summary>
    private const int MaxGap = 6;

    private static readonly HashSet<string> Vowels = ["AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW"];

    private static readonly string[][] Kin =
    [
        ["P", "B"], ["T", "D"], ["K", "G"], ["F", "V"], ["S", "Z"], ["SH", "ZH"], ["CH", "JH"], ["TH", "DH"], ["TH", "T"], ["DH", "D"], ["M", "N"], ["N", "NG"],
        ["S", "SH"], ["Z", "ZH"], ["R", "ER"], ["L", "R"],
    ];

    private static readonly HashSet<string> Kinship = Kin.SelectMany(p => new[] { p[0] + " " + p[1], p[1] + " " + p[0] }).ToHashSet();

    /// <summary>
    /// Words said before a drug's name or about its form, never part of the name: a run stops at them. (Short words
    /// such as "a", "for" and "and" stay: "all a pure and all" is how allopurinol may be heard.)
    /// </summary>
    private static readonly HashSet<string> NotNames =
    [
        "take", "taking", "takes", "use", "using", "uses", "the", "your", "my", "her", "his", "their", "this", "that", "these", "start", "starting", "stop", "stopping", "increase",
        "decrease", "continue", "keep", "with", "by", "mouth", "daily", "once", "twice", "every", "dose", "from", "i'm", "we'll", "you're", "i", "you", "we",
        "tablet", "tablets", "pill", "pills", "capsule", "capsules", "cream", "ointment", "drops", "patch", "inhaler", "injection", "shot", "liquid", "syrup",
        // "I'll send it in: twenty five milligrams …" is no Sinemet.
        "send", "sending", "sent", "prescription", "pharmacy", "refill",
        // "… so let's make it fourteen milligrams" is no nicotine: the verbs that set a new dose.
        "make", "makes", "making", "made", "change", "changing", "bump", "raise", "lower",
        // "the new medicine, twenty milligrams", "the statin", "the nasal spray", "the stool softener": what a drug is called by its
        // kind, which sounds like some name ("new medicine" like Nasonex, "statin" like Ceftin) but names none.
        "medicine", "medicines", "medication", "medications", "spray", "sprays", "softener", "statin", "statins", "antibiotic", "antibiotics",
        "steroid", "steroids", "vitamins", "supplement", "supplements", "relaxer", "thinner", "reducer", "blocker", "blockers", "cholesterol",
        "pressure", "sugar", "diuretic",
    ];

    /// <summary>
    /// Words of a form or a kind that make a drug's name ("iron tablets", "iron supplement", "liquid iron"): heard without the rest
    /// of the name they are everyday words ("a vitamin D supplement, two thousand units" is no iron), so such names are not
    /// matched by sound.
    /// </summary>
    private static readonly HashSet<string> Forms =
        ["tablet", "tablets", "pill", "pills", "capsule", "capsules", "cream", "ointment", "drops", "patch", "inhaler", "shampoo", "supplement", "supplements", "syrup", "liquid"];

    private readonly ClinicalLexicon _lexicon;
    private readonly Dictionary<string, byte[]> _words;
    private readonly List<(byte[] Phonemes, Drug Drug, string Spelling)> _drugs;

    /// <summary>The pronunciation of each vital sign's name, alone and with "at" ("pulse at").</summary>
    private readonly Dictionary<string, byte[]> _vitalNames;

    /// <summary>The pronunciation of each of <see cref="LongUnits"/>.</summary>
    private readonly List<(string Unit, byte[] Phonemes)> _units;

    /// <summary>The pronunciation of each of <see cref="WeightUnits"/>.</summary>
    private readonly List<(string Unit, byte[] Phonemes)> _weightUnits;

    /// <summary>The refinement cues of each problem code that can be matched by sound ("systolic", "acute on chronic"), by the code they refine.</summary>
    private readonly ILookup<string, (string[] Cue, byte[] Phonemes, string Code)> _refinementCues;

    /// <summary>The drug spellings of more than one word, by their words: the combinations a part may be heard in.</summary>
    private readonly List<(string[] Words, Drug Drug, string Spelling)> _combinations;
    private readonly List<(byte[] Phonemes, (string Spelling, string? Allergen) Name)> _allergens;
    private readonly ILookup<string, (string[] Modifier, byte[] Phonemes, string Code)> _problemsByHead;

    /// <summary>Problems named by one word ("migraine", "gout"): heard as such, they are that problem and no drug misheard.</summary>
    private readonly HashSet<string> _problemWords;

    private SoundAlikeTerms(ClinicalLexicon lexicon, Dictionary<string, byte[]> words, List<(byte[], Drug, string)> drugs)
    {
        _lexicon = lexicon;
        _words = words;
        _drugs = drugs;
        _vitalNames = VitalNames.SelectMany(v => new[] { v.Name, v.Name + " at" }).Where(n => n.Split(' ').All(words.ContainsKey))
            .ToDictionary(n => n, n => n.Split(' ').SelectMany(w => words[w]).ToArray());
        _combinations = drugs.Select(d => (Words: Tokens.Words(d.Item3), Drug: d.Item2, Spelling: d.Item3)).Where(d => d.Words.Length > 1).ToList();
        // Allergens by sound: every drug spelling, and every other allergen's spelling the dictionaries can pronounce.
        _allergens = drugs.Select(d => (d.Item1, d.Item3))
            .Concat(lexicon.AllergenSpellings.Select(a => Tokens.Words(a.Spelling)).Where(w => w.Length > 0 && w.All(words.ContainsKey))
                .Select(w => (w.SelectMany(x => words[x]).ToArray(), string.Join(' ', w))))
            .Where(a => a.Item1.Length >= MinPhonemes).DistinctBy(a => a.Item2)
            // With the allergen each spelling names: two names of one allergen ("lamotrigine", "lamictal") are not rivals.
            .Select(a => (a.Item1, (a.Item2, lexicon.Allergens.FindAll(Tokens.Words(a.Item2)).Select(m => m.Value).FirstOrDefault()))).ToList();
        // A refinement's cue by sound only when it is long enough to stand out ("systolic", "acute on chronic"; not "left", "acute").
        _refinementCues = lexicon.Refinements.SelectMany(r => r.Cues.Where(c => c.Length > 0 && c.All(words.ContainsKey))
                .Select(c => (BaseCode: r.BaseCode, Cue: c, Phonemes: c.SelectMany(w => words[w]).ToArray(), r.Code)))
            .Where(c => c.Phonemes.Length >= MinRefinementPhonemes && !c.Cue.Any(NumberWords.IsNumberWord))
            .ToLookup(c => c.BaseCode, c => (c.Cue, c.Phonemes, c.Code), StringComparer.Ordinal);
        // ("milliequivalents", which no dictionary holds, as "milli" and "equivalents".)
        _units = LongUnits.Select(u => (Unit: u, Phonemes: words.GetValueOrDefault(u)
                ?? (u.StartsWith("milli", StringComparison.Ordinal) && words.TryGetValue("milli", out var milli) && words.TryGetValue(u[5..], out var rest) ? [.. milli, .. rest] : null)))
            .Where(u => u.Phonemes is not null).Select(u => (u.Unit, u.Phonemes!)).ToList();
        _weightUnits = WeightUnits.Where(words.ContainsKey).Select(u => (u, words[u])).ToList();
        // "Atrial fibrillation" by its head word "fibrillation" and the sound of "atrial"; names whose head many problems share
        // ("disease", "infection") or that are one word have no anchor and are not matched by sound.
        _problemWords = lexicon.ProblemSpellings.Select(n => Tokens.Words(n.Spelling)).Where(w => w.Length == 1).Select(w => w[0])
            .SelectMany(w => new[] { w, w + "s" }).ToHashSet(StringComparer.Ordinal);
        _problemsByHead = lexicon.ProblemSpellings
            .Select(n => (Words: Tokens.Words(n.Spelling), n.Problem.Code))
            .Where(n => n.Words.Length >= 2 && n.Words[^1].Length >= 5 && !CommonHeads.Contains(n.Words[^1]) && n.Words[..^1].All(words.ContainsKey))
            .Select(n => (Head: n.Words[^1], Modifier: n.Words[..^1], Phonemes: n.Words[..^1].SelectMany(m => words[m]).ToArray(), n.Code))
            .Where(p => p.Phonemes.Length >= 3)
            .ToLookup(p => p.Head, p => (p.Modifier, p.Phonemes, p.Code));
        _problemNames = lexicon.ProblemSpellings.Select(n => (Words: Tokens.Words(n.Spelling), n.Problem.Code))
            .Where(n => n.Words.Length > 0 && n.Words.All(words.ContainsKey))
            .Select(n => (n.Words, Phonemes: n.Words.SelectMany(w => words[w]).ToArray(), n.Code))
            .Where(n => n.Phonemes.Length >= MinAssertedProblemPhonemes).ToList();
    }

    private readonly List<(string[] Words, byte[] Phonemes, string Code)> _problemNames;

    /// <summary>At most this distance per phoneme between the words after "this is" and a problem's whole name.</summary>
    public const double MaxAssertedProblemDistance = 0.32;

    /// <summary>A name this long (phonemes) at least, to be matched whole by sound: "sinusitis", not "gout".</summary>
    public const int MinAssertedProblemPhonemes = 8;

    /// <summary>What asserts the diagnosis that follows: "this is …", "that's …", "you have …".</summary>
    private static readonly string[][] DiagnosisCues = [["this", "is"], ["that's"], ["it's"], ["you", "have"], ["you've", "got"], ["consistent", "with"]];

    /// <summary>
    /// <paramref name="words"/> with the words right after a diagnosis is asserted ("this is a few material sinus items",
    /// "this is bacterial good to know cyst") respelled as the problem whose whole name they sound like: two to five words, the
    /// name clearly nearer than any other problem's, long enough to stand out. A run the lexicon already names stays. The same
    /// list when nothing is respelled.
    /// </summary>
    public IReadOnlyList<string> RespellAssertedProblems(IReadOnlyList<string> words)
    {
        List<string>? respelled = null;
        IReadOnlyList<PhraseMatch<ProblemEntry>>? named = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (DiagnosisCues.FirstOrDefault(c => Dosing.At(words, i, words.Count, c)) is not { } cue)
            {
                continue;
            }

            named ??= _lexicon.Problems.FindAll(words);

            var start = i + cue.Length;
            if (start < words.Count && words[start] is "a" or "an" or "the")
            {
                start++;
            }

            if (start >= words.Count || named.Any(m => m.Start >= start && m.Start <= start + 2))
            {
                continue;
            }

            // (Two words at least: one everyday word near a name is that word — "that's a condition" is no concussion.)
            var runs = Enumerable.Range(start + 2, Math.Max(0, Math.Min(4, words.Count - start - 1)))
                .TakeWhile(end => Enumerable.Range(start, end - start).All(k => _words.ContainsKey(words[k]) && !NumberWords.IsNumberWord(words[k]) && !ProblemCues.Contains(words[k])))
                .Select(end => (End: end, Heard: PhonemesOf(words, start, end)));
            var candidates = runs.SelectMany(r => _problemNames
                .Where(n => Math.Abs(n.Phonemes.Length - r.Heard.Length) <= Math.Max(n.Phonemes.Length, r.Heard.Length) * MaxAssertedProblemDistance)
                .Select(n => (Item: (r.End, n.Words), Key: n.Code, r.Heard, n.Phonemes)));
            if (ClearlyNearest(candidates, MaxAssertedProblemDistance) is not { Item: var best } || best.Words.SequenceEqual(words.Skip(start).Take(best.End - start)))
            {
                continue;
            }

            respelled = Splice(respelled, words, start, best.End, best.Words);
            i = best.End - 1;
        }

        return respelled ?? words;
    }

    /// <summary>At most this distance per phoneme between the words heard before a problem's head word and its modifier.</summary>
    public const double MaxProblemDistance = 0.42;

    /// <summary>Head words too many problems or everyday phrases share to anchor a match by sound.</summary>
    private static readonly HashSet<string> CommonHeads =
    [
        "disease", "disorder", "syndrome", "infection", "deficiency", "failure", "problem", "injury", "attack", "symptoms", "cancer", "fracture",
        "pressure", "headache", "sprain", "strain", "pain", "loss", "bleeding", "stones", "stone", "visit", "check", "exam", "range", "level",
    ];

    /// <summary>Words that say a problem is coming and are never part of its name ("the", "a", "or" may be: "or took" is aortic).</summary>
    private static readonly HashSet<string> ProblemCues =
    [
        "your", "his", "her", "their", "my", "has", "have", "had", "is", "was", "of", "like", "got", "with", "this", "that", "it's", "you've", "for",
        "from", "no", "not", "any", "some",
    ];

    /// <summary>How many drug spellings could be pronounced (the rest have a word no dictionary holds).</summary>
    public int PronouncedDrugs => _drugs.Count;

    /// <summary>
    /// Reads the general dictionary (CMU format, e.g. pocketsphinx's cmudict-en-us.dict), the embedded
    /// medical.dict and drug-names.dict, and pronounces every drug spelling of <paramref name="lexicon"/>.
    /// </summary>
    public static SoundAlikeTerms Load(ClinicalLexicon lexicon, string generalDictionary)
    {
        var words = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        // Every pronunciation a dictionary gives a drug name's words: "quetiapine" as the letters suggest and as it is said.
        var alternates = lexicon.DrugSpellings.SelectMany(s => Tokens.Words(s.Spelling)).Distinct(StringComparer.Ordinal)
            .ToDictionary(w => w, _ => new List<byte[]>(), StringComparer.Ordinal);
        Read(File.ReadLines(generalDictionary), words, alternates);
        Read(Text.EmbeddedText.ReadLines(typeof(SoundAlikeTerms).Assembly, "clinical/medical.dict"), words, alternates);
        Read(Text.EmbeddedText.ReadLines(typeof(SoundAlikeTerms).Assembly, "clinical/drug-names.dict"), words, alternates);

        var drugs = new List<(byte[], Drug, string)>();
        foreach (var (spelling, drug) in lexicon.DrugSpellings)
        {
            // "iron tablets" is a name by its form word: heard apart from it, it is only "iron".
            var spoken = Tokens.Words(spelling);
            if (spoken.Any(Forms.Contains))
            {
                continue;
            }

            if (spoken.All(words.ContainsKey))
            {
                foreach (var phonemes in Pronunciations(spoken, alternates).Where(p => p.Length >= MinPhonemes))
                {
                    drugs.Add((phonemes, drug, spelling));
                }
            }
        }

        return new SoundAlikeTerms(lexicon, words, drugs);
    }

    /// <summary>The ways <paramref name="spoken"/> may be said: every pronunciation of each word, at most <see cref="MaxPronunciations"/> in all.</summary>
    private static IEnumerable<byte[]> Pronunciations(string[] spoken, Dictionary<string, List<byte[]>> alternates)
    {
        IEnumerable<byte[]> ways = [[]];
        foreach (var word in spoken)
        {
            ways = ways.SelectMany(way => alternates[word].Select(p => (byte[])[.. way, .. p]));
        }

        return ways.Take(MaxPronunciations);
    }

    private const int MaxPronunciations = 4;

    /// <summary>
    /// The transcript as the extractor should read it: each run that sounds like a drug and is followed by a dose
    /// spelled as the drug, and each run before a problem's head word that sounds like the rest of its name
    /// ("adrenal fibrillation" is atrial fibrillation). Sentences without such a run are the same objects.
    /// </summary>
    public ClinicalTranscript Respell(ClinicalTranscript transcript)
    {
        // The words a drug was heard as, once a dose confirmed it: the same words heard again in this consult are that drug
        // ("I started St. John's word, one capsule a day" … "What about the St. John's word?").
        var heardAs = new Dictionary<string, (string[] Words, SoundAlike First)>(StringComparer.Ordinal);
        var firstPass = transcript.Sentences.Select(s =>
        {
            var words = RespellAllergens(RespellRefinements(RespellProblems(s.ByClinician ? RespellAssertedProblems(s.Words) : s.Words)), Extraction.AllergyTalk.IsAnswer(transcript, s) && s.Ordinal == 0);
            words = RespellUnits(s.ByClinician && !s.IsQuestion ? RespellVitals(words) : words);
            var found = Find(words);
            foreach (var heard in found)
            {
                var run = string.Join(' ', words.Skip(heard.Start).Take(heard.End - heard.Start));
                // Not a run of short everyday words ("pop the"), which a later sentence says for itself.
                if (run != heard.Spelling && run.Split(' ').Any(w => w.Length >= 5) && run.Length >= 8)
                {
                    heardAs.TryAdd(run, (run.Split(' '), heard));
                }
            }

            return (Sentence: s, Words: words, Found: found);
        }).ToList();
        for (var i = 1; i < firstPass.Count; i++)
        {
            // "… the treatment is thyroid hormone, levels oxide | I'll start you at fifty micrograms …": a recogniser's turn cut into
            // clauses before the clause that doses the name said last.
            var (previous, next) = (firstPass[i - 1], firstPass[i]);
            // ("Good, then sold an awful is safe for you | take fifty milligrams …": the name and a word on it, then the instruction.)
            // (A dosing clause opens with two words at least, so an opener of one is the bare instruction.)
            var opener = DosingClauseOpens(next.Words) is > 0 and var clause ? clause : next.Words.Count > 1 && next.Words[0] is "take" or "use" ? 1 : 0;
            if (previous.Sentence.Utterance.Index == next.Sentence.Utterance.Index && previous.Sentence.ByClinician && opener > 0
                && Dosing.Doses(next.Words, opener, Math.Min(next.Words.Count, opener + 4)).Count > 0)
            {
                var joined = previous.Words.Concat(next.Words).ToList();
                var tail = Find(joined).Where(f => (f.End == previous.Words.Count || f.End < previous.Words.Count && opener == 1 && VerdictThenTaken(joined, f.End, previous.Words.Count + 1))
                    && !previous.Found.Any(p => p.Start < f.End && f.Start < p.End)).ToList();
                if (tail.Count > 0)
                {
                    firstPass[i - 1] = previous with { Found = previous.Found.Concat(tail).OrderBy(f => f.Start).ToList() };
                }
            }
        }

        // The drugs named plainly in the consult: a decision on one of them may be heard as other words.
        var namedIn = transcript.Sentences.SelectMany(s => _lexicon.Drugs.FindAll(s.Words).Select(m => (m.Value, s))).ToLookup(m => m.Value, m => m.s);
        var sentences = firstPass.Select(pass =>
        {
            var (s, words, found) = pass;
            if (found.Count == 0 && heardAs.Count > 0)
            {
                found = Again(words, heardAs);
            }

            // (Only a clinician's sentence that says a decision: most say none.)
            if (found.Count == 0 && s.ByClinician && namedIn.Count > 0 && words.Any(DecisionVerbs.Contains))
            {
                found = DecidedAgain(words, namedIn.Where(g => g.Any(other => other != s)).Select(g => g.Key).ToHashSet());
            }

            if (found.Count == 0)
            {
                return ReferenceEquals(words, s.Words) ? s : s with { Words = words };
            }

            var respelled = new List<string>();
            var at = 0;
            foreach (var heard in found)
            {
                respelled.AddRange(words.Skip(at).Take(heard.Start - at));
                respelled.AddRange(Tokens.Words(heard.Spelling));
                at = heard.End;
            }

            respelled.AddRange(words.Skip(at));
            return s with { Words = respelled };
        }).ToList();
        return transcript.WithSentences(sentences);
    }

    /// <summary>At most this distance per phoneme between the words after a decision and a drug named plainly elsewhere in the consult.</summary>
    public const double MaxDecidedAgainDistance = 0.40;

    private static readonly HashSet<string> DecisionVerbs =
    [
        "stop", "stopping", "hold", "holding", "continue", "continuing", "keep", "restart", "increase", "increasing", "decrease", "decreasing",
        "raise", "raising", "lower", "lowering", "discontinue", "discontinuing",
    ];

    /// <summary>
    /// "The hydrochlorothiazide makes you lose potassium … we stop the hydro call rocephin yeah side": right after a decision, the
    /// words that sound like a drug named plainly elsewhere in the consult are that drug, heard as other words. Only the consult's
    /// own drugs are candidates, so no drug the transcript does not support is ever found; the nearest run of one to six words
    /// after the verb (and "the", "your"), clearly nearer one drug than the others. A name said only there ("rocephin") may be part
    /// of the words; a drug named elsewhere too, or a dose, within reach means the decision was heard as said.
    /// </summary>
    private List<SoundAlike> DecidedAgain(IReadOnlyList<string> words, IReadOnlySet<Drug> namedHere)
    {
        var found = new List<SoundAlike>();
        var named = _lexicon.Drugs.FindAll(words);
        var candidates = _drugs.Where(d => namedHere.Contains(d.Drug)).ToList();
        for (var verb = 0; verb + 1 < words.Count; verb++)
        {
            if (!DecisionVerbs.Contains(words[verb]))
            {
                continue;
            }

            var start = verb + 1;
            while (start < words.Count && start <= verb + 2 && words[start] is "the" or "your" or "his" or "her" or "off")
            {
                start++;
            }

            var reach = Math.Min(words.Count, start + 6);
            if (named.Any(m => m.Start >= verb && m.Start < reach && namedHere.Contains(m.Value)) || Dosing.Doses(words, start, reach).Count > 0)
            {
                continue;
            }

            var runs = Enumerable.Range(start + 1, reach - start).TakeWhile(end => _words.ContainsKey(words[end - 1]) && !NumberWords.IsNumberWord(words[end - 1]))
                .Select(end => (End: end, Heard: PhonemesOf(words, start, end))).Where(r => r.Heard.Length >= 6);
            // (A name said only here is taken in whole or not at all.)
            if (ClearlyNearest(runs.SelectMany(r => candidates.Select(c => (Item: (r.End, c.Drug, c.Spelling), Key: c.Drug.Generic, r.Heard, c.Phonemes))), MaxDecidedAgainDistance)
                    is { Item: var best, Distance: var distance } && !named.Any(m => m.Start < best.End && m.End > best.End))
            {
                found.Add(new SoundAlike(start, best.End, best.Drug, best.Spelling, distance));
                verb = best.End - 1;
            }
        }

        return found;
    }

    /// <summary>The runs of <paramref name="words"/> that are word for word what a drug was heard as earlier in the consult.</summary>
    private static List<SoundAlike> Again(IReadOnlyList<string> words, Dictionary<string, (string[] Words, SoundAlike First)> heardAs)
    {
        var found = new List<SoundAlike>();
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var (runWords, first) in heardAs.Values)
            {
                if (i + runWords.Length <= words.Count && runWords.Select((w, k) => words[i + k] == w).All(same => same))
                {
                    found.Add(first with { Start = i, End = i + runWords.Length });
                    i += runWords.Length - 1;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The runs of <paramref name="words"/> that sound like a drug and are followed by a dose.</summary>
    public IReadOnlyList<SoundAlike> Find(IReadOnlyList<string> words)
    {
        var named = _lexicon.Drugs.FindAll(words);
        var found = new List<SoundAlike>();
        FindCombinations(words, named, found);
        FindSplit(words, named, found);
        var doses = Dosing.Doses(words, 0, words.Count);
        var timed = words.Any(FrequencyOpeners.Contains);
        if (doses.Count == 0 && !timed)
        {
            return found.OrderBy(f => f.Start).ToList();
        }

        foreach (var dose in doses)
        {
            // Every run that sounds like some drug, each drug at its nearest run.
            var candidates = new Dictionary<Drug, Heard>();
            // A dose after a drug already named and not yet dosed is that drug's ("the finasteride comes down to five milligrams"):
            // it is no evidence for the words between, and only a name that sounds nearly the same is taken.
            // ("The metoprolol twenty five twice a day and …": a drug followed by its bare strength is dosed.)
            var evidence = named.Any(m => m.End <= dose.Start && !doses.Any(d => d.Start >= m.End && d.End <= dose.Start)
                && !(m.End < dose.Start && NumberWords.IsNumberWord(words[m.End]))) ? null : dose;
            // The name said right before the dose ("… sin droid, fifty micrograms"), never over a drug already named.
            // Or, when nothing there sounds like a drug, a few words before it with a medication verb opening the run:
            // "I started st john's word about three weeks ago, one capsule a day".
            for (var end = dose.Start; end >= Math.Max(0, dose.Start - MaxGap); end--)
            {
                // A name found by sound alone right before the dose ends the search; one found with the dose's help does not:
                // a name a medication verb opens farther back may sound nearer ("lower the gaba pen tin at night to …").
                if (end == dose.Start - 2 && Choose(candidates.Values, null) is not null)
                {
                    break;
                }

                for (var start = end - 1; start >= Math.Max(0, end - MaxRunWords); start--)
                {
                    // ("… and on prize l for heartburn, twenty milligrams": the "on" that opens the medication may be the name's first
                    // sound, omeprazole.)
                    // ("… thyroid hormone, levels oxide, I'll start you at fifty micrograms": the name said before the clause that doses it.)
                    // ("Good, then sildenafil is safe for you, take fifty milligrams …": the name, a word on it, and the instruction that
                    // doses it; only a name that sounds near enough on its own is taken there.)
                    var verdict = false;
                    if (end < dose.Start - 1 && !OpensMedication(words, start) && !(words[start] == "on" && OpensMedication(words, start + 1) && start + 1 < end)
                        && !DosingClause(words, end, dose.Start))
                    {
                        if (!VerdictThenTaken(words, end, dose.Start))
                        {
                            continue;
                        }

                        verdict = true;
                    }

                    if (NotNames.Contains(words[start]) || _problemWords.Contains(words[start]) || NumberWords.IsNumberWord(words[start]) || named.Any(m => m.Start < end && start < m.End)
                        || found.Any(f => f.Start < end && start < f.End))
                    {
                        break;
                    }

                    if (!Enumerable.Range(start, end - start).All(i => _words.ContainsKey(words[i])))
                    {
                        continue;
                    }

                    // (After a verdict, only a name near enough on its own sound.)
                    KeepNearest(candidates, NearDrugs(words, start, end, evidence is not null && IsRare(evidence) ? MaxDistanceWithRareDose : MaxDistanceWithDose)
                        .Where(near => !verdict || near.Alike.Distance <= (near.Length >= LongName ? MaxDistance : MaxDistanceShort)));
                }
            }

            if (Choose(candidates.Values, evidence) is { } chosen)
            {
                found.Add(chosen);
            }
            else if (NamedAfter(words, named, found, dose) is { } after)
            {
                found.Add(after);
            }
            else if (MisheardAsAnother(words, named, doses, dose) is { } other)
            {
                found.Add(other);
            }
        }

        if (timed)
        {
            FindBeforeFrequencies(words, named, found);
        }

        return found.OrderBy(f => f.Start).ToList();
    }

    /// <summary>
    /// "You're taking seventy five micrograms of level for oxide every morning": the name said after its dose and "of" ("fifty
    /// milligrams of the losartan"), heard as other words, chosen as a name before its dose is: with the dose as evidence.
    /// </summary>
    private SoundAlike? NamedAfter(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> named, List<SoundAlike> found, Dose dose)
    {
        var start = dose.End;
        if (start >= words.Count || words[start] != "of")
        {
            return null;
        }

        start++;
        while (start < words.Count && words[start] is "the" or "your" or "his" or "her" or "that")
        {
            start++;
        }

        var candidates = new Dictionary<Drug, Heard>();
        for (var end = start + 1; end <= Math.Min(words.Count, start + MaxRunWords); end++)
        {
            var i = end - 1;
            if (NotNames.Contains(words[i]) || _problemWords.Contains(words[i]) || NumberWords.IsNumberWord(words[i]) || !_words.ContainsKey(words[i])
                || named.Any(m => m.Start <= i && i < m.End) || found.Any(f => f.Start <= i && i < f.End))
            {
                break;
            }

            KeepNearest(candidates, NearDrugs(words, start, end, IsRare(dose) ? MaxDistanceWithRareDose : MaxDistanceWithDose));
        }

        return Choose(candidates.Values, dose);
    }

    /// <summary>Each drug of <paramref name="heard"/> at its nearest run so far.</summary>
    private static void KeepNearest(Dictionary<Drug, Heard> candidates, IEnumerable<Heard> heard)
    {
        foreach (var near in heard)
        {
            if (!candidates.TryGetValue(near.Alike.Drug, out var nearest) || near.Alike.Distance < nearest.Alike.Distance)
            {
                candidates[near.Alike.Drug] = near;
            }
        }
    }

    /// <summary>
    /// The drug a dose's runs sound like, if one is clearly nearest (two names about as near are a guess, and a guess is never
    /// reported): within <see cref="MaxDistance"/> of its name on sound alone, or, when the dose is one of the drug's usual
    /// strengths in its unit, within <see cref="MaxDistanceWithDose"/> when the run opens with the name's first sound or its kin
    /// (an onset survives mishearing best: "drama dull" is tramadol, "the puzzle" is no methimazole). A <paramref name="dose"/>
    /// of null is no evidence.
    /// </summary>
    private SoundAlike? Choose(IReadOnlyCollection<Heard> heard, Dose? dose)
    {
        var bySound = heard.Where(h => h.Alike.Distance <= (h.Length >= LongName ? MaxDistance : MaxDistanceShort)).Select(h => h.Alike).ToList();
        if (bySound.Count > 0)
        {
            return Clearly(bySound.MinBy(c => c.Distance), bySound);
        }

        return dose is null ? null : ByDose(heard, dose);
    }

    /// <summary>
    /// Of <paramref name="heard"/>, the nearest drug whose usual strengths include <paramref name="dose"/>, within
    /// <see cref="MaxDistanceWithDose"/> and opening with the name's first sound or kin (a rare dose needs no first sound within
    /// that distance, and lets one be heard within <see cref="MaxDistanceWithRareDose"/>), when no other drug sounds about as near.
    /// </summary>
    private SoundAlike? ByDose(IEnumerable<Heard> heard, Dose dose)
    {
        var rare = IsRare(dose);
        var supported = heard.Where(h => (h.Onset ? h.Alike.Distance <= (rare ? MaxDistanceWithRareDose : MaxDistanceWithDose) : rare && h.Alike.Distance <= MaxDistanceWithDose)
            && _lexicon.UsualDoses.TryGetValue(h.Alike.Drug, out var usual) && usual.Includes(dose)).Select(h => h.Alike).ToList();
        if (supported.Count == 0)
        {
            return null;
        }

        // The rivals: the drugs the dose also fits, those near enough to be heard on sound alone, and, unless the dose is rare,
        // every other drug about as near as a dose lets a name be heard whose strengths are not known, from a run opening with
        // its first sound ("seating, twenty milligrams" is no ceftin, which never comes in 20 mg; "a bike so" is no suboxone, whose
        // first sound it lacks): a drug none of these would ever report is no rival ("boss prone, ten milligrams" is buspirone: aspirin,
        // a short name, is heard on sound alone only when nearly the same, and never comes in 10 mg); and a long name the dose fits
        // that sounds about as near without the first sound ("today raising, five milligrams" is as near cetirizine as tadalafil).
        var rivals = heard.Where(h => supported.Any(s => s.Drug == h.Alike.Drug) || h.Alike.Distance <= (h.Length >= LongName ? MaxDistance : MaxDistanceShort) + Margin
            || h.Length >= LongName && h.Alike.Distance <= (rare ? MaxDistanceWithRareDose : MaxDistanceWithDose) + Margin
                && _lexicon.UsualDoses.TryGetValue(h.Alike.Drug, out var fits) && fits.Includes(dose)
            || !rare && h.Onset && h.Alike.Distance <= MaxDistanceWithDose + Margin && !_lexicon.UsualDoses.ContainsKey(h.Alike.Drug)).Select(h => h.Alike);
        return Clearly(supported.MinBy(c => c.Distance), rivals);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(double, string), bool> _rare = new();

    /// <summary>Whether at most <see cref="RareDoseDrugs"/> drugs come in <paramref name="dose"/> (a mass said in its unit).</summary>
    private bool IsRare(Dose dose) => dose.IsMass && _rare.GetOrAdd((dose.Amount, dose.Unit), _ =>
        _lexicon.UsualDoses.Values.Count(u => u.Includes(dose)) <= RareDoseDrugs);

    /// <summary>The chosen drug when every other drug of <paramref name="rivals"/> sounds at least <see cref="Margin"/> farther (a margin apart, whatever the rounding).</summary>
    private static SoundAlike? Clearly(SoundAlike chosen, IEnumerable<SoundAlike> rivals) =>
        rivals.All(r => r.Drug == chosen.Drug || r.Distance - chosen.Distance >= Margin - 1e-9) ? chosen : null;

    /// <summary>A drug spelling near a run: how far, whether it opens with the run's first sound or kin, and how many phonemes the name has.</summary>
    private readonly record struct Heard(SoundAlike Alike, bool Onset, int Length);

    /// <summary>
    /// Every drug spelling within <paramref name="within"/> + <see cref="Margin"/> a phoneme of words[start, end) (the margin keeps
    /// the rivals), skipping those whose length alone puts them beyond <paramref name="within"/>.
    /// </summary>
    private IEnumerable<Heard> NearDrugs(IReadOnlyList<string> words, int start, int end, double within)
    {
        var heard = PhonemesOf(words, start, end);
        return Near(heard, _drugs.Select(d => (d.Phonemes, (d.Drug, d.Spelling))), within)
            .Select(n => new Heard(new SoundAlike(start, end, n.Name.Drug, n.Name.Spelling, n.Distance), n.Onset, n.Length));
    }

    /// <summary>The names of <paramref name="names"/> near the <paramref name="heard"/> phonemes, as <see cref="NearDrugs"/> says.</summary>
    private static IEnumerable<(T Name, double Distance, bool Onset, int Length)> Near<T>(byte[] heard, IEnumerable<(byte[] Phonemes, T Name)> names, double within)
    {
        foreach (var (phonemes, name) in names)
        {
            var longer = Math.Max(heard.Length, phonemes.Length);
            if (Math.Abs(phonemes.Length - heard.Length) > longer * within)
            {
                continue;
            }

            var distance = Distance(heard, phonemes, (within + Margin) * longer) / longer;
            if (distance <= within + Margin)
            {
                yield return (name, distance, Costs[heard[0], phonemes[0]] < 1, phonemes.Length);
            }
        }
    }

    /// <summary>At most this distance per phoneme between the words heard beside a drug's name and the rest of a combination's name.</summary>
    public const double MaxCombinationDistance = 0.35;

    /// <summary>
    /// A combination product heard with one part spelled and the rest as other words ("hydro but don't acetaminophen", "low
    /// certain hydrochlorothiazide"): the part said is the evidence, and the words beside it must sound like the rest of one
    /// combination's name, clearly nearer than any other combination with that part. The whole run then reads as the combination.
    /// </summary>
    private void FindCombinations(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> named, List<SoundAlike> found)
    {
        foreach (var part in named)
        {
            var said = words.Skip(part.Start).Take(part.End - part.Start).ToArray();
            // ("Amoxicillin was clavulanate, eight seventy five …": the rest of the name said exactly, one stray word between, when the
            // rest names no drug of its own.)
            if (StrayWordThenRest(words, named, part, said) is { } exact)
            {
                found.Add(exact);
                continue;
            }

            // The words heard before and after the part, one to four of each side a combination has.
            var first = Math.Max(0, part.Start - MaxRunWords + 1);
            var last = Math.Min(words.Count, part.End + MaxRunWords - 1);
            var candidates = new List<SoundAlike>();
            foreach (var combination in Combinations(said))
            {
                var (before, after) = (combination.Before, combination.After);
                foreach (var start in before.Length == 0 ? [part.Start] : Enumerable.Range(first, part.Start - first))
                {
                    foreach (var end in after.Length == 0 ? [part.End] : Enumerable.Range(part.End + 1, Math.Max(0, last - part.End)))
                    {
                        if (!HeardAsPart(words, start, part.Start, named, part) || !HeardAsPart(words, part.End, end, named, part))
                        {
                            continue;
                        }

                        var heardBefore = PhonemesOf(words, start, part.Start);
                        var heardAfter = PhonemesOf(words, part.End, end);
                        var length = Math.Max(heardBefore.Length, before.Length) + Math.Max(heardAfter.Length, after.Length);
                        var distance = (Distance(heardBefore, before, double.MaxValue) + Distance(heardAfter, after, double.MaxValue)) / length;
                        var onset = (before.Length == 0 || Costs[heardBefore[0], before[0]] < 1) && (after.Length == 0 || Costs[heardAfter[0], after[0]] < 1);
                        if (onset && distance <= MaxCombinationDistance + Margin)
                        {
                            candidates.Add(new SoundAlike(start, end, combination.Drug, combination.Spelling, distance));
                        }
                    }
                }
            }

            if (candidates.Count > 0 && candidates.MinBy(c => c.Distance) is { Distance: <= MaxCombinationDistance } nearest && Clearly(nearest, candidates) is { } chosen)
            {
                found.Add(chosen);
            }
        }
    }

    /// <summary>
    /// The combination whose name is <paramref name="said"/> and then words said exactly after one stray word ("amoxicillin was
    /// clavulanate"), when those words name no drug of their own and the stray word is no number and no drug; null otherwise.
    /// </summary>
    private SoundAlike? StrayWordThenRest(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> named, PhraseMatch<Drug> part, string[] said)
    {
        var stray = part.End;
        if (stray + 1 >= words.Count || NumberWords.IsNumberWord(words[stray]) || named.Any(m => m.Start <= stray && stray < m.End))
        {
            return null;
        }

        foreach (var (tokens, drug, spelling) in _combinations)
        {
            var rest = tokens.Length > said.Length && tokens.Take(said.Length).SequenceEqual(said) ? tokens[said.Length..] : null;
            if (rest is not null && stray + 1 + rest.Length <= words.Count && words.Skip(stray + 1).Take(rest.Length).SequenceEqual(rest)
                && !named.Any(m => m.Start > stray && m.Start < stray + 1 + rest.Length))
            {
                return new SoundAlike(part.Start, stray + 1 + rest.Length, drug, spelling, 0);
            }
        }

        return null;
    }

    /// <summary>Words [from, to) that may be heard as part of a name: in the dictionaries, no number, no other drug's name.</summary>
    private bool HeardAsPart(IReadOnlyList<string> words, int from, int to, IReadOnlyList<PhraseMatch<Drug>> named, PhraseMatch<Drug> part) =>
        Enumerable.Range(from, to - from).All(i => _words.ContainsKey(words[i]) && !NotNames.Contains(words[i]) && !NumberWords.IsNumberWord(words[i])
            && !named.Any(m => !m.Equals(part) && m.Start <= i && i < m.End));

    /// <summary>The combinations whose name holds <paramref name="part"/>'s words, with the pronunciation of what comes before and after it.</summary>
    private IEnumerable<(Drug Drug, string Spelling, byte[] Before, byte[] After)> Combinations(string[] part)
    {
        foreach (var (tokens, drug, spelling) in _combinations)
        {
            if (tokens.Length <= part.Length)
            {
                continue;
            }

            for (var at = 0; at + part.Length <= tokens.Length; at++)
            {
                if (tokens.Skip(at).Take(part.Length).SequenceEqual(part))
                {
                    yield return (drug, spelling, tokens.Take(at).SelectMany(w => _words[w]).ToArray(), tokens.Skip(at + part.Length).SelectMany(w => _words[w]).ToArray());
                    break;
                }
            }
        }
    }

    /// <summary>Words a frequency opens with: "once a day", "every morning", "at bedtime", "in the evening", "as needed".</summary>
    private static readonly HashSet<string> FrequencyOpeners = ["once", "twice", "every", "daily", "nightly", "at", "in", "as", "three", "four", "each", "before"];

    /// <summary>At most this distance per phoneme for a name heard as words that nearly spell its sound, with no dose to confirm it.</summary>
    public const double MaxSplitDistance = 0.12;

    private const int SplitMinPhonemes = 8;

    private static readonly HashSet<string> JoinWords = ["one", "all", "and", "for", "the", "are", "any", "not", "off", "out", "its", "has", "was"];

    /// <summary>
    /// A drug's name heard as two or three words, with no dose needed: words that join into its spelling ("hydro cortisone"),
    /// or, right after a medication verb ("stop the …", "taking …"), words whose sounds are the name's but for a slip
    /// (within <see cref="MaxSplitDistance"/>, a long name, opening with its first sound, no other drug about as near).
    /// </summary>
    private void FindSplit(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> named, List<SoundAlike> found)
    {
        for (var start = 0; start < words.Count; start++)
        {
            if (named.Any(m => m.Start <= start && start < m.End) || found.Any(f => f.Start <= start && start < f.End) || NotNames.Contains(words[start]))
            {
                continue;
            }

            var candidates = new List<Heard>();
            for (var end = start + 2; end <= Math.Min(words.Count, start + 3); end++)
            {
                if (NotNames.Contains(words[end - 1]) || NumberWords.IsNumberWord(words[end - 1]) || named.Any(m => m.Start < end && start < m.End))
                {
                    break;
                }

                // (Not words a sentence joins anyway: "they differ in", "focal in nature", "a pacer one".)
                var joined = string.Concat(Enumerable.Range(start, end - start).Select(i => words[i]));
                if (joined.Length >= 8 && !Enumerable.Range(start, end - start).Any(i => words[i].Length < 3 || JoinWords.Contains(words[i]))
                    && _lexicon.Drugs.FindAll([joined]) is [{ } spelled])
                {
                    found.Add(new SoundAlike(start, end, spelled.Value, joined, 0));
                    candidates.Clear();
                    start = end - 1;
                    break;
                }

                if (OpensMedication(words, start) && Enumerable.Range(start, end - start).All(i => _words.ContainsKey(words[i])))
                {
                    candidates.AddRange(NearDrugs(words, start, end, MaxSplitDistance));
                }
            }

            var near = candidates.Where(c => c.Onset && c.Length >= SplitMinPhonemes && c.Alike.Distance <= MaxSplitDistance).Select(c => c.Alike).ToList();
            if (near.Count > 0 && Clearly(near.MinBy(c => c.Distance), candidates.Select(c => c.Alike)) is { } chosen)
            {
                found.Add(chosen);
                start = chosen.End - 1;
            }
        }
    }

    /// <summary>
    /// Runs a medication verb opens and a frequency closes ("have you been taking the flock sitting every morning", "start
    /// you on doxy cycling twice a day"): the verb and the frequency are the evidence when no dose is said. Only a name
    /// that sounds nearly the same (<see cref="MaxDistance"/>), opens with its first sound or kin, and is clearly the
    /// nearest is taken.
    /// </summary>
    private void FindBeforeFrequencies(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> named, List<SoundAlike> found)
    {
        for (var end = 1; end < words.Count; end++)
        {
            if (!FrequencyOpeners.Contains(words[end]) || Dosing.Frequency(words, end, Math.Min(words.Count, end + 5)) is null
                || named.Any(m => m.End == end) || found.Any(f => f.End == end))
            {
                continue;
            }

            var candidates = new Dictionary<Drug, Heard>();
            for (var start = end - 1; start >= Math.Max(0, end - MaxRunWords + 1); start--)
            {
                if (NotNames.Contains(words[start]) || NumberWords.IsNumberWord(words[start]) || named.Any(m => m.Start < end && start < m.End)
                    || found.Any(f => f.Start < end && start < f.End))
                {
                    break;
                }

                if (!OpensMedication(words, start) || !Enumerable.Range(start, end - start).All(i => _words.ContainsKey(words[i])))
                {
                    continue;
                }

                KeepNearest(candidates, NearDrugs(words, start, end, MaxDistance));
            }

            if (Choose(candidates.Values, null) is { } chosen && candidates[chosen.Drug].Onset)
            {
                found.Add(chosen);
            }
        }
    }

    /// <summary>
    /// A drug name heard as another drug's ("alprazolam, fifty milligrams" said as hydralazine): the name right before the
    /// dose has usual strengths and the dose is none of them, while a drug whose strengths include it sounds like the name
    /// heard (within <see cref="MaxDistanceWithDose"/>, opening with its first sound or kin) and clearly nearer than any
    /// other. A dose the name's strengths are not known for, or that fits it, leaves the name as heard.
    /// </summary>
    private SoundAlike? MisheardAsAnother(IReadOnlyList<string> words, IReadOnlyList<PhraseMatch<Drug>> named, List<Dose> doses, Dose dose)
    {
        var owner = named.LastOrDefault(m => m.End <= dose.Start && dose.Start - m.End <= 2 && !doses.Any(d => d.Start >= m.End && d.End <= dose.Start));
        if (owner.End == 0 || !_lexicon.UsualDoses.TryGetValue(owner.Value, out var usual) || usual.Includes(dose) || !dose.IsMass
            || !Enumerable.Range(owner.Start, owner.End - owner.Start).All(i => _words.ContainsKey(words[i])))
        {
            return null;
        }

        // (Rivals are kept to the usual reach; only a replacement must be nearer.)
        var heard = NearDrugs(words, owner.Start, owner.End, MaxDistanceWithDose).Where(h => h.Alike.Drug != owner.Value).ToList();
        return ByDose(heard, dose) is { } replacement && replacement.Distance <= MaxDistanceOverName + 1e-9 ? replacement : null;
    }

    /// <summary>
    /// At most this distance per phoneme for a drug that replaces a name heard exactly (less than <see cref="MaxDistanceWithDose"/>:
    /// a dose the name does not come in is weaker evidence than a name said, and "metformin, two hundred milligrams" is no Motrin).
    /// </summary>
    public const double MaxDistanceOverName = 0.35;


    /// <summary>
    /// <paramref name="words"/> with each run of one to three words before a problem's head word respelled as the rest of
    /// the problem's name when it sounds like it and no other name with that head is about as near; a run the lexicon
    /// already names as a problem stays. The same list when nothing is respelled.
    /// </summary>
    public IReadOnlyList<string> RespellProblems(IReadOnlyList<string> words)
    {
        // Most sentences hold no head word: they cost one lookup a word.
        if (!words.Any(_problemsByHead.Contains))
        {
            return words;
        }

        List<string>? respelled = null;
        var named = _lexicon.Problems.FindAll(words);
        for (var head = words.Count - 1; head >= 1; head--)
        {
            if (!_problemsByHead.Contains(words[head]) || named.Any(m => m.End == head + 1 && m.End - m.Start >= 2))
            {
                continue;
            }

            var names = _problemsByHead[words[head]];

            var best = (Start: -1, Modifier: (string[]?)null, Code: "", Distance: double.MaxValue);
            var runnerUp = double.MaxValue;
            for (var start = head - 1; start >= Math.Max(0, head - 3) && !ProblemCues.Contains(words[start]) && _words.ContainsKey(words[start]); start--)
            {
                var heard = PhonemesOf(words, start, head);
                // Two names of one problem ("otitis media", "acute otitis media") are not rivals.
                foreach (var (modifier, phonemes, code) in names)
                {
                    var distance = Distance(heard, phonemes, double.MaxValue) / Math.Max(heard.Length, phonemes.Length);
                    if (distance < best.Distance)
                    {
                        if (best.Modifier is not null && best.Code != code)
                        {
                            runnerUp = Math.Min(runnerUp, best.Distance);
                        }

                        best = (start, modifier, code, distance);
                    }
                    else if (best.Modifier is not null && best.Code != code)
                    {
                        runnerUp = Math.Min(runnerUp, distance);
                    }
                }
            }

            if (best.Modifier is not { } chosen || best.Distance > MaxProblemDistance || runnerUp - best.Distance < 0.05
                || chosen.SequenceEqual(words.Skip(best.Start).Take(head - best.Start)))
            {
                continue;
            }

            respelled ??= words.ToList();
            respelled.RemoveRange(best.Start, head - best.Start);
            respelled.InsertRange(best.Start, chosen);
            head = best.Start;
        }

        return respelled ?? words;
    }

    /// <summary>The units a weight is said in.</summary>
    private static readonly string[] WeightUnits = ["kilos", "kilograms", "pounds"];

    /// <summary>"… weigh ninety one …", "the scale says two ten …": a weight named within the six words before the number that ends at <paramref name="at"/>, no unit after it.</summary>
    private static bool WeightSaid(IReadOnlyList<string> words, int at) =>
        Enumerable.Range(Math.Max(0, at - 6), Math.Min(6, at)).Any(i => words[i] is "weigh" or "weight" or "weighs" or "weighed" or "scale" or "weighing")
        && !words.Skip(at).Take(3).Any(w => Dosing.IsUnitWord(w));

    /// <summary>The units of a dose long enough to be matched by sound, as the dose reader spells them.</summary>
    private static readonly string[] LongUnits = ["milligrams", "micrograms", "milliliters", "milliequivalents"];

    /// <summary>At most this distance per phoneme between the words heard after a number and a unit's name.</summary>
    public const double MaxUnitDistance = 0.35;

    /// <summary>
    /// One or two words right after a number that sound like a long unit ("twenty male equivalents", "thirty male waiters", "five
    /// mil liters"), clearly nearer it than the other units and opening with its first sound, respelled as the unit. Words that
    /// are a unit or a number already stay.
    /// </summary>
    public IReadOnlyList<string> RespellUnits(IReadOnlyList<string> words)
    {
        List<string>? respelled = null;
        for (var at = 1; at < words.Count; at++)
        {
            if (!NumberWords.IsNumberWord(words[at - 1]) || NumberWords.IsNumberWord(words[at]) || Dosing.IsUnitWord(words[at]) || !_words.ContainsKey(words[at]))
            {
                continue;
            }

            // ("one hundred mini grams": the second word may be a unit's own end.)
            var runs = Enumerable.Range(at + 1, Math.Min(words.Count, at + 2) - at).TakeWhile(end => _words.ContainsKey(words[end - 1]));
            if (ClearlyNearest(runs.SelectMany(end => _units.Select(u => (Item: (End: end, u.Unit), Key: u.Unit, Heard: PhonemesOf(words, at, end), u.Phonemes))),
                    MaxUnitDistance) is not { Item: var best })
            {
                // "… and a weigh ninety one pillows": after a weight said, the word after its number may be its unit heard as another.
                // (Its first sound need not survive: "pillows" is "kilos". The three units sound far apart.)
                if (!WeightSaid(words, at) || ClearlyNearest(_weightUnits.Select(u => (Item: (End: at + 1, u.Unit), Key: u.Unit, Heard: PhonemesOf(words, at, at + 1), u.Phonemes)),
                        MaxUnitDistance, sameOnset: false) is not { Item: var unit })
                {
                    continue;
                }

                best = unit;
            }

            respelled = Splice(respelled, words, at, best.End, [best.Unit]);
            at = best.End - 1;
        }

        return respelled ?? words;
    }

    /// <summary>The fewest phonemes a refinement's cue has to be matched by sound.</summary>
    public const int MinRefinementPhonemes = 6;

    /// <summary>At most this distance per phoneme between words heard and a refinement's cue.</summary>
    public const double MaxRefinementDistance = 0.30;

    /// <summary>
    /// In a sentence that names a problem, each run of one to three words that sounds like one of the problem's refinement cues
    /// (or a cue of the code one refines it to), clearly nearer than any cue of another code, respelled as that cue: "your sister
    /// like heart failure, I do not a coupon chronic" is "your systolic heart failure … acute on chronic". A cue said already,
    /// words of a problem's name and numbers stay as heard.
    /// </summary>
    public IReadOnlyList<string> RespellRefinements(IReadOnlyList<string> words)
    {
        var named = _lexicon.Problems.FindAll(words);
        if (named.Count == 0)
        {
            return words;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var open = new Queue<string>(named.Select(m => m.Value.Code));
        while (open.Count > 0 && codes.Count < 40)
        {
            var code = open.Dequeue();
            if (codes.Add(code))
            {
                foreach (var refinement in _lexicon.RefinementsOf(code))
                {
                    open.Enqueue(refinement.Code);
                }
            }
        }

        // (A cue said as such is read as said, and no other run becomes it.) A cue that ends in the name of a problem said
        // ("systolic heart failure") is matched by its first words, heard right before that name.
        var cues = new List<(string[] Cue, byte[] Phonemes, string Code, int EndsAt)>();
        foreach (var (cue, phonemes, code) in codes.SelectMany(c => _refinementCues[c]).Where(c => !Contains(words, c.Cue)).DistinctBy(c => string.Join(' ', c.Cue)))
        {
            var before = named.FirstOrDefault(m => m.End - m.Start < cue.Length && cue.TakeLast(m.End - m.Start).SequenceEqual(words.Skip(m.Start).Take(m.End - m.Start)));
            if (before.End == 0)
            {
                cues.Add((cue, phonemes, code, -1));
            }
            else if (cue[..^(before.End - before.Start)] is var prefix && prefix.SelectMany(w => _words[w]).ToArray() is { Length: >= MinRefinementPhonemes } prefixPhonemes)
            {
                cues.Add((prefix, prefixPhonemes, code, before.Start));
            }
        }

        if (cues.Count == 0)
        {
            return words;
        }

        List<string>? respelled = null;
        for (var start = 0; start < words.Count; start++)
        {
            var runs = Enumerable.Range(start + 1, Math.Min(words.Count, start + 3) - start)
                .TakeWhile(end => _words.ContainsKey(words[end - 1]) && !NumberWords.IsNumberWord(words[end - 1]) && !named.Any(m => m.Start < end && start < m.End));
            // (The same cue of two codes, "acute on chronic" systolic or diastolic, is no rival.)
            // (A negation is never made by sound: "your sugars are well controlled" is not "isn't well controlled", however near.)
            if (ClearlyNearest(runs.SelectMany(end => cues.Where(c => (c.EndsAt < 0 || c.EndsAt == end) && (!c.Cue.Any(Negates) || Enumerable.Range(start, end - start).Any(i => Negates(words[i]))))
                    .Select(c => (Item: (End: end, c.Cue), Key: string.Join(' ', c.Cue), Heard: PhonemesOf(words, start, end), c.Phonemes))), MaxRefinementDistance) is not { Item: var best })
            {
                continue;
            }

            respelled = Splice(respelled, words, start, best.End, best.Cue);
            start = best.End - 1;
        }

        return respelled ?? words;
    }

    /// <summary>A word that says no: "not", "no", "never", "isn't", "don't", ….</summary>
    private static bool Negates(string word) => word is "not" or "no" or "never" || word.EndsWith("n't", StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="respelled"/> (a copy of <paramref name="words"/> made on first use) with words[start..end) replaced by
    /// <paramref name="with"/>; the indexes are the words', so a scan from left to right may splice again further on.
    /// </summary>
    private static List<string> Splice(List<string>? respelled, IReadOnlyList<string> words, int start, int end, IReadOnlyCollection<string> with)
    {
        respelled ??= words.ToList();
        var offset = respelled.Count - words.Count;
        respelled.RemoveRange(start + offset, end - start);
        respelled.InsertRange(start + offset, with);
        return respelled;
    }

    /// <summary>The phonemes of words[start..end).</summary>
    private byte[] PhonemesOf(IReadOnlyList<string> words, int start, int end) => Enumerable.Range(start, end - start).SelectMany(i => _words[words[i]]).ToArray();

    /// <summary>
    /// Of runs heard and names they may be, the item whose name is nearest, per phoneme within <paramref name="within"/> and
    /// opening with the run's first sound or kin (unless <paramref name="sameOnset"/> is false), when every name of another key sounds at least <see cref="Margin"/> farther,
    /// with its distance per phoneme; null otherwise.
    /// </summary>
    private static (T Item, double Distance)? ClearlyNearest<T>(IEnumerable<(T Item, string Key, byte[] Heard, byte[] Phonemes)> candidates, double within, bool sameOnset = true)
    {
        var scored = candidates.Where(c => c.Heard.Length > 0 && (!sameOnset || Costs[c.Heard[0], c.Phonemes[0]] < 1))
            .Select(c => (c.Item, c.Key, Distance: Distance(c.Heard, c.Phonemes, double.MaxValue) / Math.Max(c.Heard.Length, c.Phonemes.Length))).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var best = scored.MinBy(c => c.Distance);
        return best.Distance <= within && !scored.Any(c => c.Key != best.Key && c.Distance - best.Distance < Margin) ? (best.Item, best.Distance) : null;
    }

    private static bool Contains(IReadOnlyList<string> words, string[] phrase) =>
        Enumerable.Range(0, Math.Max(0, words.Count - phrase.Length + 1)).Any(i => Dosing.At(words, i, words.Count, phrase));

    /// <summary>
    /// Vital-sign names by the numbers they take: a number not in the range is no reading of it. A pressure is read only
    /// with its "over", a weight only with its unit.
    /// </summary>
    private static readonly (string Name, double Low, double High, string[] After)[] VitalNames =
    [
        ("pulse", 30, 220, []), ("temperature", 94, 108, []), ("oxygen", 70, 100, []), ("saturation", 70, 100, []),
        ("pressure", 60, 260, ["over"]), ("weight", 3, 700, ["pounds", "pound", "kilograms", "kilos", "kilogram"]),
    ];

    /// <summary>Words a vital's name is never heard as, and that say a reading belongs to something else.</summary>
    private static readonly HashSet<string> NotVitals =
    [
        "your", "the", "is", "was", "at", "of", "about", "and", "a", "it's", "i", "i've", "you", "you're", "we", "got", "get", "have", "has", "my",
        "he", "she", "her", "his", "to", "in", "on", "for", "with", "than", "over", "under", "times", "percent", "point", "number",
    ];

    /// <summary>At most this distance per phoneme between the words heard before a reading and a vital sign's name (with its "at").</summary>
    public const double MaxVitalDistance = 0.30;

    /// <summary>
    /// A clinician's reading whose vital's name was heard as other words ("I've got your pile set eighty eight" for "pulse at"):
    /// one to three words right before a number, when no vital's name is said within the four words before it, that sound
    /// like one name (alone or with "at") clearly nearer than the others, opening with its first sound, and the number is one
    /// that vital takes (a pressure with its "over", a weight with its unit). The run reads as the name.
    /// </summary>
    public IReadOnlyList<string> RespellVitals(IReadOnlyList<string> words)
    {
        List<string>? respelled = null;
        for (var at = 1; at < words.Count; at++)
        {
            if (NumberWords.IsNumberWord(words[at - 1]) || !NumberWords.TryRead(words, at, out var value, out var length)
                || Enumerable.Range(Math.Max(0, at - 4), at - Math.Max(0, at - 4)).Any(i => VitalNames.Any(v => v.Name == words[i]) || words[i] is "rate" or "bp" or "temp" or "sats" or "weigh" or "weighs"))
            {
                continue;
            }

            // "Your temper chair is ninety nine": up to two words that link the name to its number stay as said.
            var end = at;
            while (end > Math.Max(0, at - 2) && words[end - 1] is "is" or "was" or "at" or "of" or "about" or "around")
            {
                end--;
            }

            var candidates = new List<(int Start, string Said, string Name, double Distance)>();
            for (var start = end - 1; start >= Math.Max(0, end - 3) && !NotVitals.Contains(words[start]) && _words.ContainsKey(words[start]) && !NumberWords.IsNumberWord(words[start]); start--)
            {
                var heard = PhonemesOf(words, start, end);
                foreach (var (name, low, high, after) in VitalNames)
                {
                    if (value < low || value > high || after.Length > 0 && !words.Skip(at + length).Take(3).Any(after.Contains))
                    {
                        continue;
                    }

                    foreach (var said in end == at ? [name, name + " at"] : new[] { name })
                    {
                        if (_vitalNames.TryGetValue(said, out var phonemes) && Costs[heard[0], phonemes[0]] < 1)
                        {
                            candidates.Add((start, said, name, Distance(heard, phonemes, double.MaxValue) / Math.Max(heard.Length, phonemes.Length)));
                        }
                    }
                }
            }

            // The nearest name, when every other name sounds at least a margin farther.
            if (candidates.Count == 0 || candidates.MinBy(c => c.Distance) is not { Distance: <= MaxVitalDistance } best
                || candidates.Any(c => c.Name != best.Name && c.Distance - best.Distance < Margin))
            {
                if (PulseAfterPressure(words, at, value) is { } heardAsPulse)
                {
                    respelled = Splice(respelled, words, heardAsPulse, heardAsPulse + 1, ["pulse"]);
                }

                continue;
            }

            respelled = Splice(respelled, words, best.Start, end, best.Said.Split(' '));
        }

        return respelled ?? words;
    }

    /// <summary>At most this distance per phoneme between a word said right after a blood pressure and "pulse".</summary>
    public const double MaxPulseAfterPressureDistance = 0.65;

    /// <summary>
    /// "Blood pressure one eighteen over seventy six and your balls is seventy four", "… over sixty four with apollo some seventy
    /// two": a rate (40 to 160) said within four words after a pressure's reading, the words between naming nothing else, one of
    /// them sounding like "pulse" within <see cref="MaxPulseAfterPressureDistance"/> per phoneme, a looser bound than a name alone
    /// gets, since the pulse is what follows a pressure. The index of that word, or null.
    /// </summary>
    private int? PulseAfterPressure(IReadOnlyList<string> words, int at, double value)
    {
        if (value is < 40 or > 160 || !_vitalNames.TryGetValue("pulse", out var pulse)
            || at + 1 < words.Count && words[at + 1] == "over" || at + 2 < words.Count && NumberWords.IsNumberWord(words[at + 1]) && words[at + 2] == "over")
        {
            return null;
        }

        for (var gap = 1; gap <= 4 && at - gap - 1 >= 1; gap++)
        {
            var readingEnd = at - gap;
            if (!NumberWords.IsNumberWord(words[readingEnd - 1]))
            {
                continue;
            }

            var over = Enumerable.Range(Math.Max(0, readingEnd - 4), readingEnd - Math.Max(0, readingEnd - 4)).LastOrDefault(i => words[i] == "over", -1);
            if (over < 1 || !NumberWords.IsNumberWord(words[over - 1]) || !NumberWords.TryRead(words, over + 1, out _, out var length) || over + 1 + length != readingEnd)
            {
                return null;
            }

            var between = Enumerable.Range(readingEnd, gap).ToList();
            if (between.Any(i => NumberWords.IsNumberWord(words[i]) || VitalNames.Any(v => v.Name == words[i]) || words[i] is "rate" or "weight" or "weigh" or "temp" or "sats" or "pounds"))
            {
                return null;
            }

            var heard = between.Where(i => !NotVitals.Contains(words[i]) && _words.ContainsKey(words[i]))
                .Select(i => (Index: i, Distance: Distance(_words[words[i]], pulse, double.MaxValue) / Math.Max(_words[words[i]].Length, pulse.Length)))
                .Where(h => h.Distance <= MaxPulseAfterPressureDistance).ToList();
            return heard.Count == 0 ? null : heard.MinBy(h => h.Distance).Index;
        }

        return null;
    }

    /// <summary>Words never part of an allergen's name, said around one: "no known drug allergies", "my … allergy on file".</summary>
    private static readonly HashSet<string> NotAllergens =
    [
        "no", "known", "drug", "drugs", "any", "medication", "medications", "medicine", "medicines", "food", "foods", "seasonal", "other", "my", "your",
        "his", "her", "the", "a", "an", "to", "on", "file", "of", "and", "or", "is", "i'm", "i", "you", "allergic", "allergy", "allergies",
        "not", "nothing", "none", "that", "know", "think", "really", "it", "it's", "they", "we", "was", "were", "have", "had", "get", "got", "but",
    ];

    /// <summary>
    /// <paramref name="words"/> with a run of one to three words respelled as an allergen when it is anchored as one ("my
    /// limit tried in allergy", "allergic to sulfur drugs", or the opening of the answer to the allergy question) and sounds
    /// like one name clearly nearer than any other (within
    /// <see cref="MaxDistanceWithDose"/>, opening with its first sound or kin); a run that already names an allergen stays.
    /// </summary>
    public IReadOnlyList<string> RespellAllergens(IReadOnlyList<string> words, bool answersAllergyQuestion = false)
    {
        if (answersAllergyQuestion && words.Count > 0 && !Extraction.Negation.IsDenial(words))
        {
            // "Any allergies?" "Pencil in. I broke out in a rash.": the answer opens with the allergen, after "yes", "just" or "only".
            var open = 0;
            while (open < words.Count && open < 2 && words[open] is "yes" or "yeah" or "just" or "only" or "well")
            {
                open++;
            }

            if (Nearest(words.ToList(), Enumerable.Range(1, 3).Select(n => (open, open + n)).Where(r => r.Item2 <= words.Count)) is { } opening)
            {
                words = [.. words.Take(opening.Start), .. Tokens.Words(opening.Spelling), .. words.Skip(opening.End)];
            }
        }

        if (!words.Any(w => w.StartsWith("allerg", StringComparison.Ordinal)))
        {
            return words;
        }

        var respelled = words.ToList();
        for (var i = 0; i < respelled.Count; i++)
        {
            // The run before "allergy" ("my … allergy"), or after "allergic to" / "allergy to".
            var before = respelled[i] is "allergy" or "allergies" ? Nearest(respelled, Enumerable.Range(1, 3).Select(n => (i - n, i)).Where(r => r.Item1 >= 0)) : null;
            var after = respelled[i] is "allergic" or "allergy" or "allergies" && i + 1 < respelled.Count && respelled[i + 1] == "to"
                ? Nearest(respelled, Enumerable.Range(1, 3).Select(n => (i + 2, i + 2 + n)).Where(r => r.Item2 <= respelled.Count)) : null;
            if ((before ?? after) is not { } heard)
            {
                continue;
            }

            respelled.RemoveRange(heard.Start, heard.End - heard.Start);
            respelled.InsertRange(heard.Start, Tokens.Words(heard.Spelling));
            i = heard.Start + Tokens.Words(heard.Spelling).Length;
        }

        return respelled.SequenceEqual(words) ? words : respelled;
    }

    /// <summary>Of the runs [start, end), the one that sounds clearly most like an allergen, if any and if none names one already.</summary>
    private (int Start, int End, string Spelling)? Nearest(List<string> words, IEnumerable<(int Start, int End)> runs)
    {
        var candidates = new List<(int Start, int End, string Spelling, string? Allergen, double Distance, bool Onset)>();
        foreach (var (start, end) in runs)
        {
            var run = words.GetRange(start, end - start);
            // An allergen spelled out is what was said, even with a word the dictionaries lack ("st. john's wort").
            if (_lexicon.Allergens.FindAll(run).Count > 0)
            {
                return null;
            }

            if (run.Any(NotAllergens.Contains) || !run.All(_words.ContainsKey))
            {
                break;
            }

            candidates.AddRange(Near(run.SelectMany(w => _words[w]).ToArray(), _allergens, MaxDistanceWithDose)
                .Select(n => (start, end, n.Name.Spelling, n.Name.Allergen, n.Distance, n.Onset)));
        }

        var best = candidates.Where(c => c.Onset && c.Distance <= MaxDistanceWithDose).OrderBy(c => c.Distance).FirstOrDefault();
        return best.Spelling is not null && candidates.All(c => c.Spelling == best.Spelling || c.Allergen == best.Allergen || c.Distance - best.Distance >= Margin)
            ? (best.Start, best.End, best.Spelling) : null;
    }

    /// <summary>"started X", "taking X", "lower the X": a medication verb right before the run.</summary>
    private static bool OpensMedication(IReadOnlyList<string> words, int start) =>
        start >= 1 && (MedicationVerbs.Contains(words[start - 1])
            || start >= 2 && words[start - 1] is "the" or "my" or "your" && MedicationVerbs.Contains(words[start - 2])
            || start >= 2 && words[start - 1] == "for" && words[start - 2] is "prescription" or "refill");

    /// <summary>
    /// "… is safe for you, take", "… works well, take", "… should help, use": words[from..to) say something of the name just
    /// before them, then tell the patient to take the dose after them.
    /// </summary>
    private static bool VerdictThenTaken(IReadOnlyList<string> words, int from, int to) =>
        to - from is >= 2 and <= MaxGap && words[from] is "is" or "works" or "should" or "would" or "will"
        && words[to - 1] is "take" or "use" && !Enumerable.Range(from, to - from).Any(i => NumberWords.IsNumberWord(words[i]));

    /// <summary>"I'll start you at", "we'll start with", "let's begin at": all of words[from..to), a clause that gives the dose after it.</summary>
    private static bool DosingClause(IReadOnlyList<string> words, int from, int to) =>
        to - from is >= 2 and <= 5 && Enumerable.Range(from, to - from).All(i => ClauseOpeners.Contains(words[i]))
        && Enumerable.Range(from, to - from).Any(i => words[i] is "start" or "begin" or "starting");

    /// <summary>Where the dose starts when <paramref name="words"/> open with a dosing clause ("i'll start you at …"), else 0.</summary>
    private static int DosingClauseOpens(IReadOnlyList<string> words) =>
        Enumerable.Range(2, Math.Max(0, Math.Min(5, words.Count - 1) - 1)).FirstOrDefault(to => DosingClause(words, 0, to) && !ClauseOpeners.Contains(words[to]));

    private static readonly HashSet<string> ClauseOpeners = ["i'll", "we'll", "let's", "start", "begin", "starting", "you", "him", "her", "at", "with", "on", "off"];

    private static readonly HashSet<string> MedicationVerbs =
    [
        "take", "taking", "takes", "took", "started", "starting", "start", "stop", "stopped", "stopping", "continue", "lower", "increase",
        "decrease", "prescribe", "prescribed", "using", "on",
    ];

    /// <summary>Edit distance between two phoneme sequences (ARPAbet); kin substitutions (vowel for vowel, voiced for unvoiced) cost 0.5.</summary>
    public static double Distance(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        Distance(a.Select(p => PhonemeIds[p]).ToArray(), b.Select(p => PhonemeIds[p]).ToArray(), double.MaxValue);

    /// <summary>The same over phoneme numbers, or infinity as soon as every alignment costs more than <paramref name="limit"/>.</summary>
    private static double Distance(byte[] a, byte[] b, double limit)
    {
        Span<double> previous = stackalloc double[b.Length + 1];
        Span<double> current = stackalloc double[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var least = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + Costs[a[i - 1], b[j - 1]];
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                least = Math.Min(least, current[j]);
            }

            if (least > limit)
            {
                return double.PositiveInfinity;
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }

    /// <summary>The ARPAbet phonemes the dictionaries spell with (stress marks removed), numbered for the distance.</summary>
    private static readonly string[] Arpabet =
    [
        "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW",
        "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
    ];

    private static readonly Dictionary<string, byte> PhonemeIds = Arpabet.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => (byte)x.i, StringComparer.Ordinal);

    /// <summary>What substituting one phoneme for another costs, by their numbers.</summary>
    private static readonly double[,] Costs = CostTable();

    private static double[,] CostTable()
    {
        var costs = new double[Arpabet.Length, Arpabet.Length];
        for (var x = 0; x < Arpabet.Length; x++)
        {
            for (var y = 0; y < Arpabet.Length; y++)
            {
                costs[x, y] = Cost(Arpabet[x], Arpabet[y]);
            }
        }

        return costs;
    }

    private static double Cost(string x, string y) =>
        x == y ? 0 : Vowels.Contains(x) && Vowels.Contains(y) || Kinship.Contains(x + " " + y) ? 0.5 : 1;

    /// <summary>Reads a CMU-format dictionary: each word's first pronunciation into <paramref name="words"/>, and every one of the words <paramref name="alternates"/> holds into it.</summary>
    private static void Read(IEnumerable<string> lines, Dictionary<string, byte[]> words, Dictionary<string, List<byte[]>> alternates)
    {
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ');
            if (space <= 0 || line.StartsWith('#'))
            {
                continue;
            }

            // "taking(2) T EY K IH NG" is a second pronunciation: the first is the word's, every one a way a drug may be said.
            var word = line[..space];
            var paren = word.IndexOf('(');
            word = (paren > 0 ? word[..paren] : word).ToLowerInvariant();
            var symbols = line[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.TrimEnd('0', '1', '2')).ToArray();
            // A word spelled with a symbol outside ARPAbet is left out rather than compared wrongly.
            if (!symbols.All(PhonemeIds.ContainsKey))
            {
                continue;
            }

            var phonemes = symbols.Select(p => PhonemeIds[p]).ToArray();
            words.TryAdd(word, phonemes);
            if (alternates.TryGetValue(word, out var ways) && !ways.Any(w => w.SequenceEqual(phonemes)))
            {
                ways.Add(phonemes);
            }
        }
    }
}
