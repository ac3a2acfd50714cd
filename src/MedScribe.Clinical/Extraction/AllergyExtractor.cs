using MedScribe.Clinical.Lexicons;


namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Allergies: "allergic to sulfa drugs", "a penicillin allergy", with the reaction said in the same
/// utterance ("broke out in hives"); "no drug allergies" or a plain "No" to the allergy question is NKDA.
/// </summary>
public static class AllergyExtractor
{
    public const string Nkda = "NKDA";

    private static readonly (string[] Phrase, string Reaction)[] Reactions =
    [
        (["hives"], "hives"), (["rash"], "rash"), (["itching"], "itching"), (["itchy"], "itching"), (["swelling"], "swelling"),
        (["swelled", "up"], "swelling"), (["anaphylaxis"], "anaphylaxis"), (["anaphylactic"], "anaphylaxis"),
        (["throat", "closing"], "throat swelling"), (["throat", "was", "closing"], "throat swelling"), (["throat", "closed"], "throat swelling"),
        (["throat", "swelled"], "throat swelling"), (["tongue", "swelled"], "swelling"), (["trouble", "breathing"], "trouble breathing"), (["couldn't", "breathe"], "trouble breathing"),
        (["wheezing"], "wheezing"), (["nausea"], "nausea"), (["vomiting"], "vomiting"), (["upset", "stomach"], "upset stomach"),
        (["diarrhea"], "diarrhea"), (["blisters"], "blisters"), (["cough"], "cough"),
        (["threw", "up"], "vomiting"), (["throwing", "up"], "vomiting"), (["vomited"], "vomiting"), (["puking"], "vomiting"), (["sick", "to", "my", "stomach"], "nausea"),
        (["nauseous"], "nausea"), (["welts"], "hives"), (["lips", "swelled"], "swelling"), (["face", "swelled"], "swelling"),
        (["dizzy"], "dizziness"), (["headache"], "headache"), (["muscle", "aches"], "muscle aches"), (["muscle", "pain"], "muscle aches"),
        // Said in the present, as a reaction that comes every time: "my throat swells", "my lips swell up", "I break out".
        (["throat", "swells"], "throat swelling"), (["throat", "closes"], "throat swelling"), (["throat", "closes", "up"], "throat swelling"),
        (["lips", "swell"], "swelling"), (["face", "swells"], "swelling"), (["swell", "up"], "swelling"), (["swells", "up"], "swelling"),
        (["break", "out"], "rash"), (["broke", "out"], "rash"), (["breaks", "out"], "rash"), (["throw", "up"], "vomiting"),
        // "Codeine makes me itch", "it tears up my stomach", "I had tendon pain with it", "my heart races".
        (["itch"], "itching"), (["itches"], "itching"), (["throat", "close"], "throat swelling"), (["lips", "swell"], "swelling"), (["tear", "up", "my", "stomach"], "upset stomach"), (["tears", "up", "my", "stomach"], "upset stomach"),
        (["stomach", "upset"], "upset stomach"), (["stomach", "pain"], "stomach pain"), (["tendon", "pain"], "tendon pain"), (["tendonitis"], "tendon pain"),
        (["heart", "races"], "palpitations"), (["heart", "raced"], "palpitations"), (["palpitations"], "palpitations"), (["confusion"], "confusion"),
        (["confused"], "confusion"), (["hallucinations"], "hallucinations"), (["swollen"], "swelling"), (["passed", "out"], "fainting"), (["fainted"], "fainting"),
    ];

    /// <summary>What opens an answer before the allergen: "Yes, latex", "The only one is codeine", "Just sulfa".</summary>
    private static readonly string[][] AnswerOpenings =
    [
        ["yes"], ["yeah"], ["yep"], ["just"], ["only"], ["well"], ["and"], ["also"], ["and", "also"], ["the", "only", "one", "is"], ["only", "one"], ["it's"], ["that", "would", "be"],
        ["yes", "just"], ["yeah", "just"], ["yes", "to"], ["just", "to"], ["only", "to"], ["the", "only", "one", "i", "know", "of", "is"],
    ];

    private static readonly HashSet<string> NotSubstances =
    [
        "drug", "drugs", "medication", "medications", "medicine", "medicines", "any", "other", "no", "known", "food", "seasonal", "your", "his", "her", "my", "our", "their",
        "environmental", "that", "this", "an", "a", "the", "some", "all", "these", "those", "you", "anything",
    ];

    private static readonly HashSet<string> Stops =
    [
        "and", "but", "so", "with", "which", "that", "because", "since", "is", "was", "in", "when", "it", "they", "i", "or", "as", "too", "also",
    ];

    public static IReadOnlyList<AllergyFact> Extract(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var found = new Dictionary<string, AllergyFact>();
        var denied = new List<Evidence>();
        var sentences = transcript.Sentences;
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            var words = sentence.Words;
            if (sentence.ByClinician && sentence.IsQuestion && AllergyTalk.Mentions(words))
            {
                var answer = sentences.Skip(s + 1).FirstOrDefault(x => !x.ByClinician);
                if (answer is not null && answer.Ordinal == 0 && answer.Utterance.Index == sentence.Utterance.Index + 1
                    && (answer.Words[0] is "no" or "none" or "nope" or "nothing" || answer.Words.Count > 1 && answer.Words[0] == "not" && answer.Words[1] == "that")
                    && !answer.Utterance.Text.Contains("allergic to", StringComparison.OrdinalIgnoreCase)
                    && !(answer.Words.Contains("just") || answer.Words.Contains("only") || answer.Words.Contains("except")))
                {
                    denied.Add(Evidence.Of(answer.Utterance));
                }

                continue;
            }

            var answering = AllergyTalk.IsAnswer(transcript, sentence);
            // "Morphine makes me throw up. And shellfish, my lips swell.": the answer goes on in the turn's next sentence.
            var goesOn = !answering && sentence.Ordinal > 0 && words.Count > 1 && words[0] is "and" or "also"
                && transcript.SentencesOf(sentence.Utterance.Index).FirstOrDefault() is { } first && AllergyTalk.IsAnswer(transcript, first);
            if ((answering || goesOn) && words.Count > 0 && words[0] is not ("no" or "none" or "nope" or "nothing" or "not"))
            {
                // "Any allergies to medicines?" "Amoxicillin. I broke out in a rash." / "Yes, latex.": the allergen opens the answer.
                var opening = AnswerOpenings.Where(o => Text.Dosing.At(words, 0, words.Count, o)).Select(o => o.Length).DefaultIfEmpty(0).Max();
                if (Allergen(words, opening, Math.Min(words.Count, opening + 4), lexicon, last: false, out var namedAt) is { } named)
                {
                    // Each allergen of the answer with the reaction said in its own clause: "Penicillin gives me hives, and shellfish
                    // makes my throat close up"; the utterance's reaction when its clause says none.
                    var allergens = lexicon.Allergens.FindAll(words).Where(m => m.Start >= namedAt).ToList();
                    Add(found, named, sentence, lexicon, transcript, ClauseReaction(words, allergens, 0));
                    var listed = Listed(words, namedAt, lexicon).ToList();
                    foreach (var more in listed)
                    {
                        // "Eggs, and amoxicillin gave her a rash."
                        Add(found, more, sentence, lexicon, transcript);
                    }

                    for (var k = listed.Count + 1; k < allergens.Count; k++)
                    {
                        // "… and I swell up with shellfish": a later allergen of the answer, with a reaction of its own.
                        if (ClauseReaction(words, allergens, k) is { } reaction)
                        {
                            Add(found, string.Join(' ', words.Skip(allergens[k].Start).Take(allergens[k].End - allergens[k].Start)), sentence, lexicon, transcript, reaction);
                        }
                    }

                    continue;
                }
            }

            // ("You told the nurse penicillin gives you hives?" "Yes, all over.": the clinician's reading of the chart, confirmed.)
            if ((!sentence.IsQuestion || sentence.ByClinician && Consent.ConfirmedNext(transcript, sentence)) && GivesReaction(words, lexicon, answering || AllergyTalk.Mentions(words)) is { } cause)
            {
                // "Latex gives me hives", "band aids give me blisters".
                Add(found, cause, sentence, lexicon, transcript);
                continue;
            }

            // (A recogniser's turn is cut before "so with your reaction": the drug may end the clause before.)
            var withBefore = s > 0 && sentences[s - 1].Utterance == sentence.Utterance ? sentences[s - 1].Words.Concat(words).ToList() : words;
            if (sentence.ByClinician && !sentence.IsQuestion && ReactionNamedAfter(withBefore, lexicon) is { } recalled)
            {
                // "Hydrocodone is in the same family as codeine, so with your reaction it's a bad idea": the clinician names the
                // drug the patient reacts to.
                Add(found, recalled, sentence, lexicon, transcript);
                continue;
            }

            if (CausedReaction(sentence, answering, lexicon) is { } caused)
            {
                // "I can't take sulfa because of hives", "when I took penicillin I got a rash", "I had welts from amoxicillin".
                Add(found, caused, sentence, lexicon, transcript);
                continue;
            }

            if (SomeoneElses(words))
            {
                // "No, but my sister is allergic to penicillin": a relative's allergy.
                continue;
            }

            for (var i = 0; i < words.Count; i++)
            {
                if (AllergyTalk.Treated(words, i))
                {
                    // "a steroid allergy spray", "the allergy pills": a treatment, not an allergy to the word before it.
                    continue;
                }

                string? substance = null;
                // "Allergic to …", "an allergy to …", and the chart read back: "it says here you react to …", "a reaction to …".
                if ((words[i] == "allergic" || words[i] is "allergy" or "allergies" or "react" or "reacted" or "reaction" or "reactions" && i + 1 < words.Count && words[i + 1] == "to")
                    && i + 2 <= words.Count)
                {
                    var from = words[i] == "allergic" ? i + 1 : i + 2;
                    if (from < words.Count && words[from] == "to")
                    {
                        from++;
                    }

                    substance = Allergen(words, from, Math.Min(words.Count, from + 5), lexicon, last: false, out var substanceAt);
                    if (substance is not null && !Negation.IsNegated(words, i, 3))
                    {
                        // "allergic to latex and to shellfish" (the first named first).
                        Add(found, substance, sentence, lexicon, transcript);
                        foreach (var more in Listed(words, substanceAt, lexicon))
                        {
                            Add(found, more, sentence, lexicon, transcript);
                        }
                    }

                    if (Negation.IsNegated(words, i, 3))
                    {
                        if (substance is null)
                        {
                            denied.Add(Evidence.Of(sentence.Utterance));
                        }

                        continue;
                    }
                }
                else if (words[i] is "allergy" or "allergies" && i + 1 < words.Count && words[i + 1] == "list"
                    && Enumerable.Range(Math.Max(0, i - 9), Math.Min(9, i)).LastOrDefault(k => words[k] is "add" or "adding" or "added" or "put" or "putting", -1) is var added and >= 0
                    && Enumerable.Range(added + 1, i - added - 1).LastOrDefault(k => words[k] is "to" or "on", -1) is var onto and > 0)
                {
                    // "Let's add bee venom to your allergy list", "I'm putting codeine on your allergy list".
                    substance = Allergen(words, added + 1, onto, lexicon, last: false, out _);
                }
                else if (words[i] is "allergy" or "allergies" && i > 0 && !NotSubstances.Contains(words[i - 1]))
                {
                    // "your sulfa allergy", "a penicillin allergy"
                    substance = Allergen(words, Math.Max(0, i - 3), i, lexicon, last: true, out var start);
                    if (substance is null || start < 0 || Negation.IsNegated(words, start, 2))
                    {
                        continue;
                    }
                }
                else if (words[i] is "allergies" or "allergy" && Negation.IsNegated(words, i, 3) && !sentence.IsQuestion)
                {
                    denied.Add(Evidence.Of(sentence.Utterance));
                }

                if (substance is null)
                {
                    continue;
                }

                Add(found, substance, sentence, lexicon, transcript);
            }
        }

        if (found.Count == 0 && denied.Count > 0)
        {
            return [new AllergyFact(Nkda, null, null, denied.DistinctBy(e => e.Utterance).ToList())];
        }

        return found.Values.ToList();
    }

    /// <summary>
    /// The allergen of "X gives me hives" / "X gave her a rash": a known allergen, then give, a person and a reaction (an
    /// allergic one unless it is told as an allergy: "metformin gives me diarrhea" is a side effect).
    /// </summary>
    private static string? GivesReaction(IReadOnlyList<string> words, ClinicalLexicon lexicon, bool toldAsAllergy)
    {
        foreach (var match in lexicon.Allergens.FindAll(words))
        {
            var at = match.End;
            if (at + 1 < words.Count && words[at] is "give" or "gives" or "gave" && words[at + 1] is "me" or "him" or "her" or "them" or "you"
                && Reactions.Any(r => (toldAsAllergy || AllergicReactions.Contains(r.Reaction))
                    && Enumerable.Range(at + 2, Math.Max(0, Math.Min(words.Count, at + 5) - at - 2)).Any(i => Text.Dosing.At(words, i, words.Count, r.Phrase))))
            {
                return string.Join(' ', words.Skip(match.Start).Take(match.End - match.Start));
            }
        }

        return null;
    }

    /// <summary>
    /// Someone else named and the patient not: "my sister is allergic to …" (but "my mother says I had hives from …" is the
    /// patient's).
    /// </summary>
    /// <summary>
    /// The allergen a clinician names right before "(with|given|because of) your reaction" or "your allergy" (within four
    /// words): "… the same family as codeine, so with your reaction …". Not one said after it, nor one denied.
    /// </summary>
    private static string? ReactionNamedAfter(IReadOnlyList<string> words, ClinicalLexicon lexicon)
    {
        for (var i = 1; i + 1 < words.Count; i++)
        {
            if (words[i] != "your" || words[i + 1] is not ("reaction" or "allergy" or "allergies") || i + 2 < words.Count && words[i + 2] == "to")
            {
                continue;
            }

            var named = lexicon.Allergens.FindAll(words).LastOrDefault(m => m.End <= i && i - m.End <= 4);
            if (named.End > 0 && !Negation.IsNegated(words, named.Start, 3))
            {
                return string.Join(' ', words.Skip(named.Start).Take(named.End - named.Start));
            }
        }

        return null;
    }

    private static bool SomeoneElses(IReadOnlyList<string> words) =>
        OtherPeople.Named(words) && !words.Any(w => w is "i" or "i'm" or "i've" or "me" or "i'd");

    /// <summary>Words that tie a reaction to what caused it: "can't take … because of", "when I took … I got", "… from", "made me".</summary>
    private static readonly HashSet<string> CauseWords = ["because", "took", "from", "after", "made", "makes", "reaction", "reacted", "react", "can't", "cannot"];

    /// <summary>"The prednisone made my rash better", "it helped the hives": a drug that treated the reaction, not one that caused it.</summary>
    private static readonly HashSet<string> Relief = ["better", "helped", "helps", "cleared", "improved", "relief", "worked", "works", "calmed", "settled"];

    /// <summary>Reactions of an allergy; nausea, an upset stomach, dizziness or a headache from a drug are side effects unless told as an allergy.</summary>
    private static readonly HashSet<string> AllergicReactions = ["hives", "rash", "itching", "swelling", "anaphylaxis", "throat swelling", "trouble breathing", "wheezing", "blisters"];

    /// <summary>
    /// The allergen of a patient's sentence that names one known allergen, a reaction that is not denied nor the reason the
    /// drug was taken ("Benadryl for the hives"), and a word tying the two ("I can't take sulfa because of hives", "I had welts
    /// from amoxicillin as a baby"); not a relative's, not a drug that relieved it. Outside the answer to the allergy question
    /// only an allergic reaction counts ("the metformin gave me diarrhea, so I stopped it" is a side effect).
    /// </summary>
    public static string? CausedReaction(ClinicalTranscript transcript, Sentence sentence, ClinicalLexicon lexicon) =>
        sentence.ByClinician || sentence.IsQuestion ? null : CausedReaction(sentence, AllergyTalk.IsAnswer(transcript, sentence), lexicon);

    private static string? CausedReaction(Sentence sentence, bool answer, ClinicalLexicon lexicon)
    {
        var words = sentence.Words;
        if (sentence.ByClinician || sentence.IsQuestion || SomeoneElses(words) || words.Any(Relief.Contains))
        {
            return null;
        }

        var allergens = lexicon.Allergens.FindAll(words);
        if (allergens.Select(m => m.Value).Distinct().Count() != 1 || !words.Any(CauseWords.Contains)
            || !Enumerable.Range(0, words.Count).Any(i => Reactions.Any(r => Text.Dosing.At(words, i, words.Count, r.Phrase) && (answer || AllergicReactions.Contains(r.Reaction)))
                && !Negation.IsNegated(words, i, 3) && !IsReason(words, i)))
        {
            return null;
        }

        var match = allergens[0];
        return string.Join(' ', words.Skip(match.Start).Take(match.End - match.Start));
    }

    /// <summary>"for the hives", "for my rash": why a drug was taken.</summary>
    private static bool IsReason(IReadOnlyList<string> words, int i) =>
        i >= 1 && words[i - 1] == "for" || i >= 2 && words[i - 2] == "for" && words[i - 1] is "the" or "my" or "his" or "her" or "a" or "that";

    /// <summary>
    /// The reaction said in the clause of the k-th allergen: from the end of the allergen before it (or after its "and") to the
    /// start of the next one ("morphine makes me throw up, and I swell up with shellfish": the shellfish's is the swelling).
    /// </summary>
    private static string? ClauseReaction(IReadOnlyList<string> words, IReadOnlyList<Lexicons.PhraseMatch<string>> allergens, int k)
    {
        var from = k == 0 ? 0 : allergens[k - 1].End;
        var and = Enumerable.Range(from, Math.Max(0, allergens[k].Start - from)).LastOrDefault(i => words[i] == "and", -1);
        from = and >= 0 ? and + 1 : from;
        var to = k + 1 < allergens.Count ? allergens[k + 1].Start : words.Count;
        if (k + 1 < allergens.Count && Enumerable.Range(allergens[k].End, Math.Max(0, to - allergens[k].End)).LastOrDefault(i => words[i] == "and", -1) is var next and >= 0)
        {
            to = next;
        }

        return ReactionIn(words, from, to);
    }

    private static void Add(Dictionary<string, AllergyFact> found, string substance, Sentence sentence, ClinicalLexicon lexicon, ClinicalTranscript transcript, string? reactionSaid = null)
    {
        var key = Key(substance, lexicon);
        // A brand is written as its generic ("Cipro" is ciprofloxacin); a name the generic holds stays as said ("penicillin").
        if (lexicon.DrugNames.Contains(key) && !Text.Tokens.Words(substance).All(Text.Tokens.Words(key).Contains))
        {
            substance = key;
        }

        // "It says here you react to sulfa. What happens?" "I get hives.": the clinician's reading, the patient's reaction.
        var utterances = transcript.Utterances;
        var at = sentence.Utterance.Index;
        var answer = sentence.ByClinician && at + 1 < utterances.Count && utterances[at + 1] is { ByClinician: false } next
            ? next
            // "I'm allergic to sulfa." "What happened?" "I broke out in hives.": the patient's answer to the clinician's question.
            : !sentence.ByClinician && at + 2 < utterances.Count && utterances[at + 1] is { ByClinician: true } asked && asked.Text.TrimEnd().EndsWith('?')
                && Text.Tokens.Words(asked.Text).Any(w => w is "happen" or "happened" or "happens" or "reaction" or "react" or "kind" or "do" or "does" or "did")
                && utterances[at + 2] is { ByClinician: false } told ? told : null;
        var reaction = reactionSaid ?? ReactionIn(sentence.Utterance) ?? (answer is null ? null : ReactionIn(answer));
        var severity = SeverityIn(sentence.Utterance, reaction);
        if (found.TryGetValue(key, out var earlier))
        {
            found[key] = earlier with
            {
                Reaction = earlier.Reaction ?? reaction,
                Severity = earlier.Severity ?? severity,
                Evidence = earlier.Evidence.Append(Evidence.Of(sentence.Utterance)).DistinctBy(e => e.Utterance).ToList(),
            };
        }
        else
        {
            found[key] = new AllergyFact(substance, reaction, severity, [Evidence.Of(sentence.Utterance)]);
        }
    }

    /// <summary>The same allergy said two ways ("sulfa drugs", "sulfa allergy") is one: keyed by its allergen.</summary>
    private static string Key(string substance, ClinicalLexicon lexicon) =>
        lexicon.Allergens.FindAll(Text.Tokens.Words(substance)).Select(m => m.Value).FirstOrDefault() ?? substance;

    /// <summary>
    /// The allergen said in words[from..to): only a known drug or allergen counts, so a misheard word after
    /// "allergic to" never becomes an allergy. The substance is named as said ("sulfa drugs").
    /// </summary>
    private static string? Allergen(IReadOnlyList<string> words, int from, int to, ClinicalLexicon lexicon, bool last, out int start)
    {
        var window = words.Skip(from).Take(to - from).ToList();
        var stop = window.FindIndex(Stops.Contains);
        if (stop >= 0 && from < to && to - from > 3)
        {
            window = window.Take(stop).ToList();
        }

        var matches = lexicon.Allergens.FindAll(window).Select(m => (PhraseMatch<string>?)m);
        // After "allergic to" the allergen comes first ("allergic to sulfa drugs"); before "allergy" it comes last.
        var match = last ? matches.LastOrDefault() : matches.FirstOrDefault(m => m!.Value.Start == 0);
        if (match is not { } found)
        {
            start = -1;
            return null;
        }

        start = from + found.Start;
        var end = found.End;
        // "sulfa drugs", "penicillin antibiotics": keep the class word the patient said.
        if (end < window.Count && window[end] is "drugs" or "antibiotics" or "medicines" or "medications")
        {
            end++;
        }

        return string.Join(' ', window.Skip(found.Start).Take(end - found.Start));
    }

    /// <summary>The allergens listed after the one said at <paramref name="start"/>: "latex and shellfish", "eggs, and amoxicillin", "… and to sulfa".</summary>
    private static IEnumerable<string> Listed(IReadOnlyList<string> words, int start, ClinicalLexicon lexicon)
    {
        var matches = lexicon.Allergens.FindAll(words).Where(m => m.Start >= start).ToList();
        for (var k = 1; k < matches.Count; k++)
        {
            var between = Enumerable.Range(matches[k - 1].End, matches[k].Start - matches[k - 1].End).Select(i => words[i]).ToList();
            if (between.Count is 0 or > 3 || !between.Contains("and") && !between.Contains("or") && between.Count > 1
                || between.Any(w => w is not ("and" or "or" or "to" or "also" or "drugs" or "antibiotics" or "the" or "some")))
            {
                yield break;
            }

            yield return string.Join(' ', words.Skip(matches[k].Start).Take(matches[k].End - matches[k].Start));
        }
    }

    private static string? ReactionIn(Utterance utterance)
    {
        var words = Text.Tokens.Words(utterance.Text);
        return ReactionIn(words, 0, words.Length);
    }

    /// <summary>The first reaction said in words [from, to) and not denied.</summary>
    private static string? ReactionIn(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var (phrase, reaction) in Reactions)
            {
                // "I broke out in hives": what the skin broke out in, when said.
                if (Text.Dosing.At(words, i, to, phrase) && !Negation.IsNegated(words, i, 3)
                    && !(phrase is [_, "out"] && Enumerable.Range(i + 2, Math.Max(0, Math.Min(to, i + 6) - i - 2)).Any(k => Reactions.Any(r => r.Phrase is not [_, "out"] && Text.Dosing.At(words, k, to, r.Phrase)))))
                {
                    return reaction;
                }
            }
        }

        return null;
    }

    private static string? SeverityIn(Utterance utterance, string? reaction)
    {
        var words = Text.Tokens.Words(utterance.Text);
        if (reaction is "anaphylaxis" or "throat swelling" || words.Contains("severe") || words.Contains("epipen") || words.Contains("hospital"))
        {
            return "severe";
        }

        return words.Contains("mild") ? "mild" : words.Contains("moderate") ? "moderate" : null;
    }
}
