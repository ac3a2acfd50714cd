using System.Text.RegularExpressions;
using MedScribe.Clinical.Lexicons;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Problems: diagnoses the clinician asserts ("sounds like stable angina", "you have atrial fibrillation"),
/// confirms ("You have high blood pressure, correct?" "That's right."), or implies by its control
/// ("your blood pressure is well controlled"), and conditions the patient calls their own ("my asthma").
/// Negated, hedged and hypothetical mentions ("no signs of a heart attack", "could mean a kidney
/// infection", "risk of stroke") are not problems. Codes are refined by cues said with them.
/// </summary>
public static partial class ProblemExtractor
{
    private sealed record Candidate(ProblemEntry Entry, IReadOnlyList<string> Cues, bool Chronic, Sentence Sentence, string Surface, bool Resolved = false, string? Course = null,
        IReadOnlyList<string>? ExplainedBy = null)
    {
        public int Refinements => Cues.Count;
    }

    /// <summary>
    /// "The plan is hypothyroidism, currently over-replaced, and hyperlipidemia": a few words said of the problem before, then
    /// "and" and the next; words that doubt, deny or put off ("but", "or", "no", "rule out", "risk") end the list.
    /// </summary>
    private static bool LaterInList(IReadOnlyList<string> words, int listEnd, int start)
    {
        var before = start - 1;
        while (before > listEnd && words[before] is "a" or "an" or "the" or "also")
        {
            before--;
        }

        // ("…, along with the chronic neck pain", "… as well as asthma".)
        while (before > listEnd && StatusWords.Contains(words[before]) && words[before] is not ("and" or "with"))
        {
            before--;
        }

        var joined = words[before] == "and" || words[before] == "with" && before - 1 >= listEnd && words[before - 1] == "along"
            || words[before] == "as" && before - 2 >= listEnd && words[before - 1] == "well" && words[before - 2] == "as";
        return start >= listEnd && start - listEnd <= 8 && before >= listEnd && joined
            && !Enumerable.Range(listEnd, start - listEnd).Any(i => ListBreakers.Contains(words[i]));
    }

    /// <summary>"So, generalized anxiety disorder, improving, and chronic insomnia.": a sentence that is only the problems and how they are doing.</summary>
    private static bool OnlyProblems(IReadOnlyList<string> words, int from, IReadOnlyList<PhraseMatch<ProblemEntry>> named) =>
        named.Count > 0 && named[0].Start == from
        && Enumerable.Range(from, words.Count - from).All(i => named.Any(m => m.Start <= i && i < m.End) || StatusWords.Contains(words[i]));

    private static readonly HashSet<string> StatusWords =
    [
        "and", "plus", "also", "both", "improving", "improved", "stable", "worsening", "worse", "better", "controlled", "uncontrolled", "well", "poorly", "new",
        "chronic", "acute", "resolved", "resolving", "mild", "moderate", "severe", "flaring", "today", "currently",
        // "So coronary artery disease after a recent myocardial infarction, hypertension, and hyperlipidemia."
        "with", "after", "from", "due", "to", "a", "an", "the", "recent", "recently", "prior", "previous", "past", "secondary", "now", "known", "underlying",
    ];

    private static readonly HashSet<string> ListBreakers =
    [
        "but", "if", "or", "not", "no", "without", "rule", "risk", "worry", "worried", "concern", "concerned", "might", "could", "may", "maybe", "possible",
        "family", "mother", "father", "mom", "dad", "sister", "brother", "check", "screen", "test",
    ];

    public static IReadOnlyList<ProblemFact> Extract(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var candidates = new List<Candidate>();
        var sentences = transcript.Sentences;
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            var words = sentence.Words;
            var confirmed = sentence.ByClinician && sentence.IsQuestion && IsConfirmed(sentences, s);
            // "How has the anxiety been on the escitalopram?", "How's your asthma?": the clinician's question takes the problem as known.
            var opening = words.TakeWhile(w => w is "so" or "and" or "okay" or "now" or "well" or "alright").Count();
            // ("Mr. Patel, how are the migraines?": "how" after the patient's name.)
            // ("How's anxiety": a recogniser lost the article, so "how's" stands right before the name.)
            var presupposing = sentence.ByClinician && sentence.IsQuestion && !confirmed && words.Count > opening + 1
                && (words.Count > opening + 2 && words.Skip(opening).Take(Math.Min(3, words.Count - opening - 2)).Any(w => w is "how" or "how's") || words[opening] == "how's");
            // A question asserts nothing ("Does that mean I have gestational diabetes?"), except a patient's naming of what has
            // since cleared up ("The jock itch? That cleared up.").
            if (sentence.IsQuestion && !confirmed && !presupposing && (sentence.ByClinician || !Resolved(sentence.Utterance)))
            {
                continue;
            }

            var listEnd = -1;
            var notHadEnd = -1;
            var named = lexicon.Problems.FindAll(words);
            foreach (var match in named)
            {
                if (presupposing && !(match.Start > 0 && words[match.Start - 1] is "the" or "your" or "his" or "her" or "how's"))
                {
                    continue;
                }

                // "You have type two diabetes, high blood pressure, and chronic kidney disease": the list shares its verb.
                var listed = listEnd >= 0 && match.Start >= listEnd && Enumerable.Range(listEnd, match.Start - listEnd).All(i => words[i] is "and" or "also" or "plus" or "along" or "as" || StatusWords.Contains(words[i]))
                    || listEnd >= 0 && LaterInList(words, listEnd, match.Start);
                // "This is croup, a viral infection of the upper airway": a name said in apposition explains the one before it.
                if (listEnd >= 0 && match.Start == listEnd + 1 && words[listEnd] is "a" or "an")
                {
                    continue;
                }

                // "… classic for impetigo. It's a skin infection from staph or strep bacteria.": what the problem just named is.
                // ("This is shingles. It's the chickenpox virus waking up in a nerve": the cause of the one named.)
                if (match.Start is 2 or 3 && (words[match.Start - 1] is "a" or "an" || words[match.Start - 1] == "the" && match.End < words.Count && words[match.End] is "virus" or "bacteria" or "germ")
                    && (words[0] is "it's" or "that's" || words[0] is "it" or "that" or "this" && words[1] == "is")
                    && s > 0 && sentences[s - 1].Utterance == sentence.Utterance && lexicon.Problems.FindAll(sentences[s - 1].Words).Count > 0)
                {
                    continue;
                }

                // A checkup to come is not this visit: "I'll see him at his fifteen month checkup", "let's schedule her next physical".
                if (match.Value.Code.StartsWith("Z00", StringComparison.Ordinal)
                    && Enumerable.Range(Math.Max(0, match.Start - 6), Math.Min(6, match.Start)).Any(i => words[i] is "see" or "schedule" or "scheduled" or "next" or "back" or "at" or "until" or "before" or "after" or "book"))
                {
                    continue;
                }

                // "The main risk is high blood pressure and stroke": the list shares what makes its first item a risk too.
                // "Your flu shot", "the shingles vaccine", "a strep test", "flu season": what protects from or looks for a disease, or
                // its time of year, is not the disease. ("Your strep test came back positive" says the patient has it.)
                if (match.End < words.Count && (words[match.End] is "shot" or "shots" or "vaccine" or "vaccines" or "vaccination" or "screening" or "prevention" or "season" or "clinic"
                    || words[match.End] is "test" or "tests" or "testing" or "swab" && !words.Contains("positive"))
                    // "She's due for chickenpox today", "her MMR, chickenpox and hepatitis A vaccines": a vaccine said by its disease.
                    || match.Start >= 2 && words[match.Start - 1] == "for" && words[match.Start - 2] == "due"
                    || words.Any(w => w is "vaccine" or "vaccines" or "shots" or "immunizations")
                        && lexicon.Orders.FindAll(words.Skip(match.Start).Take(match.End - match.Start).ToArray()) is [{ Start: 0 } vaccine] && vaccine.Value.Name.EndsWith("vaccine", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Negation.IsNegated(words, match.Start) || Negation.IsHypothetical(words, match.Start, match.End) || Negation.IsUncertain(words, match.Start)
                    || Negation.IsDeniedAfter(words, match.End) || SameList(words, notHadEnd, match.Start) || RiskNamed(words, match.Start))
                {
                    notHadEnd = match.End;
                    continue;
                }

                // "I had one headache last week … it went away": a symptom that passed is not a problem.
                if (!sentence.ByClinician && Resolved(sentence.Utterance) && !match.Value.Code.StartsWith('R'))
                {
                    // "The jock itch? That cleared up with the antifungal cream.": a past problem, now resolved.
                    candidates.Add(new Candidate(match.Value, [], true, sentence, string.Join(' ', words.Skip(match.Start).Take(match.End - match.Start)), Resolved: true));
                    continue;
                }

                var possessive = match.Start > 0 && words[match.Start - 1] is "my" or "your" or "his" or "her"
                    // "The diabetes is the main cause of …", "the gout is what's behind the swelling": a known problem said as the cause.
                    || sentence.ByClinician && match.Start > 0 && words[match.Start - 1] == "the" && Causes(words, match.End);
                if (sentence.ByClinician && !confirmed && !presupposing && !possessive && !listed && !Asserted(words, match.Start) && !Summed(words, match.Start, match.End)
                    // (Not a symptom's: "the cough is better" says no diagnosis.)
                    && !(StatusSaid(words, match.End) && !match.Value.Code.StartsWith('R'))
                    // "What does that mean?" "Hyperkalemia. Part of it is the spironolactone.": the diagnosis said as a sentence of its own.
                    && !(match.Start == 0 && match.End == words.Count && !sentence.IsQuestion) && !OnlyProblems(words, opening, named))
                {
                    continue;
                }

                // "I've got high blood pressure, and also angina": the patient's list shares its verb too.
                if (!sentence.ByClinician && !(possessive && words[match.Start - 1] == "my" || listed || HasBefore(words, match.Start, "i", "have") || HasBefore(words, match.Start, "i've", "had") || GetsIt(words, match.Start)
                    || ToldOwnDiagnosis(words, match.Start) || AnswersHistoryQuestion(transcript, sentence, match.Start, match.End)))
                {
                    continue;
                }

                if (!sentence.ByClinician && IsFamily(words) || RelativesBefore(words, match.Start) || AnyoneBefore(words, match.Start))
                {
                    continue;
                }

                var chronic = confirmed || presupposing || possessive || HasBefore(words, match.Start, "history", "of") || words.Contains("still")
                    || words.Contains("controlled") || words.Contains("chronic") || !sentence.ByClinician;
                listEnd = match.End;
                var (entry, cues) = Refine(match.Value, RefiningTexts(transcript, sentence.Utterance, sentence.Ordinal), lexicon);
                // What the clinician says of it after its name, before the next problem named: "your diabetes is well controlled".
                var course = sentence.ByClinician ? Course(words, match.End, named.Where(m => m.Start >= match.End).Select(m => m.Start).DefaultIfEmpty(words.Count).Min()) : null;
                candidates.Add(new Candidate(entry, cues, chronic, sentence, string.Join(' ', words.Skip(match.Start).Take(match.End - match.Start)), Course: course));
            }

            if (sentence.ByClinician && !sentence.IsQuestion)
            {
                foreach (var (pattern, code) in Implied)
                {
                    // "is well controlled" speaks of a known condition; "is also high" may be a new one.
                    if (pattern.Match(sentence.Text) is { Success: true } implied && lexicon.Problems.FindAll(Text.Tokens.Words(code.Name)).Select(m => m.Value).FirstOrDefault() is { } entry)
                    {
                        var known = implied.Value.Contains("controlled", StringComparison.OrdinalIgnoreCase) || implied.Value.Contains("goal", StringComparison.OrdinalIgnoreCase);
                        var impliedWords = Text.Tokens.Words(implied.Value);
                        candidates.Add(new Candidate(entry, [], known, sentence, code.Name, Course: Course(impliedWords, 0, impliedWords.Length)));
                    }
                }
            }
        }

        candidates.AddRange(Treated(sentences, lexicon));
        candidates.AddRange(Smokes(transcript, lexicon));
        candidates.AddRange(AffirmedQuestions(transcript, lexicon));

        // "Her hemoglobin is low, so she has iron deficiency anemia": a result the clinician explains in the same utterance
        // is that diagnosis, not a second problem.
        // "Your TSH came back at 9.2, which is high … This is hypothyroidism": so is a result a diagnosis of this consult accounts for.
        var explained = candidates.Select(c => c.Sentence.Utterance.Index).ToHashSet();
        // (A result that is a diagnosis of its own, as high potassium is hyperkalemia, stands beside what else is said with it.)
        candidates.AddRange(AbnormalResults(transcript, lexicon).Where(c => !(c.ExplainedBy is { Count: > 0 } && explained.Contains(c.Sentence.Utterance.Index))
            && !candidates.Any(d => (c.ExplainedBy ?? []).Any(prefix => d.Entry.Code.StartsWith(prefix, StringComparison.Ordinal)))).ToList());

        // One problem per ICD-10 category: the most refined code, chronic if any mention says so.
        return Combine(candidates.GroupBy(c => Category(c.Entry.Code))
            .SelectMany(g =>
            {
                // The most specific: refined, then the longer code, then not the category's "unspecified" (J44.1 over J44.9).
                // ("Graves' disease" over "overactive thyroid": E05.00 over "Thyrotoxicosis, unspecified …" E05.90.)
                var best = g.OrderByDescending(c => c.Refinements).ThenByDescending(c => c.Entry.Code.Length).ThenBy(c => c.Entry.Code.EndsWith('9') ? 1 : 0)
                    .ThenBy(c => c.Entry.Display.Contains("unspecified", StringComparison.OrdinalIgnoreCase) ? 1 : 0).First();
                var evidence = g.Select(c => c.Sentence.Utterance).DistinctBy(u => u.Index).OrderBy(u => u.Index).Select(Evidence.Of).ToList();
                // The name the clinician used, with what refined its code: "acute otitis media, left ear".
                var name = Text.NoteText.Normalize(best.Surface) + string.Concat(best.Cues.Where(c => !$" {best.Surface} ".Contains($" {c} ", StringComparison.Ordinal)).Select(c => ", " + c));
                var basis = g.Where(c => c.Sentence.ByClinician).Select(c => Text.NoteText.Normalize(c.Sentence.Text)).Distinct().ToList();
                var status = g.All(c => c.Resolved) ? "resolved" : Trend(g) ?? (g.Any(c => c.Chronic && !c.Resolved) ? "chronic" : "new");
                var fact = new ProblemFact(name, best.Entry.Code, best.Entry.Display, status, evidence, basis)
                {
                    Course = status == "resolved" ? null : g.OrderBy(c => c.Sentence.Utterance.Index).Select(c => c.Course).LastOrDefault(c => c is not null),
                };
                // Both sides, where each is coded alone: a problem per side, named by its side ("…, right hand", "…, left hand").
                return best.Entry.OtherSide is { } other
                    ? [fact with { Name = WithSide(name, best.Entry.Display) }, fact with { Name = WithSide(name, other.Display), Code = other.Code, Display = other.Display }]
                    : new[] { fact };
            })
            .OrderBy(p => p.Evidence[0].Utterance).ToList());
    }

    /// <summary>
    /// Which way a known problem is going, as the clinician says it where the problem is named: "a heart failure exacerbation",
    /// "a flare of your colitis" is worsening; "your depression is improving", "the eczema is much better" improving.
    /// </summary>
    private static string? Trend(IEnumerable<Candidate> mentions)
    {
        var said = mentions.Where(c => c.Sentence.ByClinician && !c.Resolved).Select(c => c.Sentence.Words).ToList();
        return said.Any(w => Text.Dosing.Says(w, Worsening) && !Negation.IsDenial(w)) ? "worsening"
            : said.Any(w => Text.Dosing.Says(w, Improving)) ? "improving" : null;
    }

    private static readonly string[][] Worsening =
        [["exacerbation"], ["flare"], ["flaring"], ["worsening"], ["getting", "worse"], ["decompensated"], ["decompensation"], ["flare", "up"]];

    private static readonly string[][] Improving =
        [["improving"], ["improved"], ["getting", "better"], ["much", "better"], ["is", "better"], ["are", "better"]];

    /// <summary>
    /// ICD-10-CM's combination codes (guidelines I.A.15, I.C.9.a.1 to a.3): hypertension with chronic kidney disease
    /// is hypertensive CKD (I12), with heart failure hypertensive heart disease (I11.0), with both I13; diabetes with
    /// CKD is diabetic CKD (E11.22); the link presumed unless the clinician names another cause.
    /// </summary>
    private static List<ProblemFact> Combine(List<ProblemFact> problems)
    {
        problems = WithoutShortNames(problems);
        problems = WithAbnormalFindings(problems);
        // "Your blood pressure is high and your kidneys are affected, that's hypertensive kidney disease": the combination named
        // is the hypertension.
        if (problems.Any(p => p.Code is { } named && Category(named) is "I12" or "I13"))
        {
            problems = problems.Where(p => p.Code != "I10").ToList();
        }

        var ckd = problems.FirstOrDefault(p => p.Code is { } code && Category(code) == "N18");
        // Hypertension with heart failure is hypertensive heart disease (I.C.9.a.1), the failure's type coded beside it.
        var heartFailure = problems.Any(p => p.Code is { } code && Category(code) == "I50");
        if (ckd is null && !heartFailure)
        {
            return problems;
        }

        var endStage = ckd?.Code is "N18.5" or "N18.6";
        return problems.Select(p => p.Code switch
        {
            "I10" when ckd is not null && heartFailure => p with
            {
                Code = endStage ? "I13.2" : "I13.0",
                Display = endStage
                    ? "Hypertensive heart and chronic kidney disease with heart failure and with stage 5 chronic kidney disease, or end stage renal disease"
                    : "Hypertensive heart and chronic kidney disease with heart failure and stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease",
            },
            "I10" when heartFailure => p with { Code = "I11.0", Display = "Hypertensive heart disease with heart failure" },
            "I10" => p with
            {
                Code = endStage ? "I12.0" : "I12.9",
                Display = endStage
                    ? "Hypertensive chronic kidney disease with stage 5 chronic kidney disease or end stage renal disease"
                    : "Hypertensive chronic kidney disease with stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease",
            },
            "E11.9" when ckd is not null => p with { Code = "E11.22", Display = "Type 2 diabetes mellitus with diabetic chronic kidney disease" },
            "E10.9" when ckd is not null => p with { Code = "E10.22", Display = "Type 1 diabetes mellitus with diabetic chronic kidney disease" },
            _ => p,
        }).ToList();
    }

    /// <summary>
    /// "Your ulcerative colitis … a flare of your colitis", "iron deficiency anemia … the anemia": a name that is the end of
    /// another problem's name is that problem said short, not a second one.
    /// </summary>
    private static List<ProblemFact> WithoutShortNames(List<ProblemFact> problems)
    {
        static string[] Base(string name) => Text.Tokens.Words(name.Split(',')[0]);
        static bool Ends(string[] longer, string[] name) => longer.Length > name.Length && longer.TakeLast(name.Length).SequenceEqual(name);
        return problems.Where(p =>
        {
            var name = Base(p.Name);
            // "You're anemic … this is iron deficiency anemia": the unspecified kind ("Anemia, unspecified") goes when a kind of it is named.
            var unspecified = (p.Display ?? "").Split(',') is [var head, var rest, ..] && rest.Trim().StartsWith("unspecified", StringComparison.Ordinal) ? Base(head) : null;
            return !problems.Any(q => q != p && (Ends(Base(q.Name), name) || unspecified is not null && Ends(Base(q.Display ?? ""), unspecified)));
        }).ToList();
    }

    /// <summary>
    /// A routine examination that found something new (guideline I.C.21.c.13): the well child check that finds iron
    /// deficiency anemia is the examination "with abnormal findings", and the finding is coded beside it.
    /// </summary>
    private static List<ProblemFact> WithAbnormalFindings(List<ProblemFact> problems)
    {
        var abnormal = problems.Any(p => p.Status == "new" && p.Code is { } code && code[0] != 'Z');
        return !abnormal ? problems : problems.Select(p => p.Code switch
        {
            "Z00.129" => p with { Code = "Z00.121", Display = "Encounter for routine child health examination with abnormal findings" },
            "Z00.00" => p with { Code = "Z00.01", Display = "Encounter for general adult medical examination with abnormal findings" },
            _ => p,
        }).ToList();
    }

    /// <summary>
    /// "Your home log averages one forty eight over ninety … we've maxed that out, so I'm adding chlorthalidone": a blood
    /// pressure read at 140/90 or above and a drug that lowers it started or raised, with no hypertension named, is hypertension
    /// treated (I10), "new" when every such drug is new. Not in pregnancy, and not beside heart failure or kidney disease, for
    /// which the same drugs are given and whose combination codes the clinician's words decide; nor when the pressure is too
    /// low (hypotension), whatever a misheard decision says. One such drug stopped and another started is hypertension treated
    /// at any reading.
    /// </summary>
    public static IReadOnlyList<ProblemFact> WithTreatedPressure(IReadOnlyList<ProblemFact> problems, IReadOnlyList<VitalFact> vitals,
        IReadOnlyList<MedicationFact> medications, ClinicalTranscript transcript)
    {
        if (problems.Any(p => p.Code is { } code && (code.StartsWith('I') && Category(code) is "I10" or "I11" or "I12" or "I13" or "I15" or "I16" or "I50" or "I95"
                || code.StartsWith("O1", StringComparison.Ordinal) || Category(code) == "N18"))
            || Pregnant(transcript))
        {
            return problems;
        }

        var read = vitals.FirstOrDefault(v => v.Kind == "blood_pressure" && (v.Value >= 140 || v.Second >= 90))
            ?? vitals.FirstOrDefault(v => v.Kind == "blood_pressure");
        var lowering = medications.Where(m => LowersPressure(m.Name)).ToList();
        var raised = read is { } r && (r.Value >= 140 || r.Second >= 90) && lowering.Any(m => m.Action is "start" or "increase");
        // One such drug swapped for another ("a dry cough is a known side effect of lisinopril, let's stop it and switch you to
        // losartan") treats the pressure whatever today's reading.
        var switched = read is not null && lowering.Any(m => m.Action == "stop") && lowering.Any(m => m.Action == "start");
        if (!raised && !switched)
        {
            return problems;
        }

        var status = lowering.All(m => m.Action == "start") ? "new" : "chronic";
        return [.. problems, new ProblemFact("hypertension", "I10", "Essential (primary) hypertension", status,
            read!.Evidence.Concat(lowering.SelectMany(m => m.Evidence)).DistinctBy(e => e.Utterance).ToList(), ["blood pressure treated"])];
    }

    /// <summary>
    /// "I tested positive this morning … you qualify for Paxlovid": a drug given for one disease only, started, is that disease
    /// though unnamed. Only drugs with no other use are listed: the COVID-19 antivirals, the bladder relaxants.
    /// </summary>
    public static IReadOnlyList<ProblemFact> WithSoleIndication(IReadOnlyList<ProblemFact> problems, IReadOnlyList<MedicationFact> medications)
    {
        var added = new List<ProblemFact>();
        foreach (var m in medications.Where(m => m.Action == "start"))
        {
            if (SoleIndications.TryGetValue(m.Name, out var disease) && !problems.Concat(added).Any(p => p.Code is { } code && Category(code) == Category(disease.Code)))
            {
                added.Add(new ProblemFact(disease.Name, disease.Code, disease.Display, "new", m.Evidence, ["treated with " + m.Name]));
            }
        }

        return added.Count == 0 ? problems : [.. problems, .. added];
    }

    /// <summary>
    /// "Your A one C is six point one": a hemoglobin A1c read between 5.7 and 6.4 is prediabetes (R73.03) by the ADA's
    /// criteria, named or not (a recogniser heard "the prediabetes range" as "the bread to be drainage"), unless diabetes or
    /// another raised glucose is already coded. A goal ("keep it under six point five") is no reading.
    /// </summary>
    public static IReadOnlyList<ProblemFact> WithPrediabeticA1c(IReadOnlyList<ProblemFact> problems, ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        if (problems.Any(p => p.Code is { } code && (code.StartsWith('E') && Category(code) is "E08" or "E09" or "E10" or "E11" or "E13"
                || code.StartsWith("O24", StringComparison.Ordinal) || Category(code) == "R73")))
        {
            return problems;
        }

        // The A1c by the orders' names of it ("a1c", "a one c", "hemoglobin a1c", "fingerstick a1c").
        foreach (var sentence in transcript.Sentences)
        {
            foreach (var named in lexicon.Orders.FindAll(sentence.Words).Where(m => m.Value.Name.StartsWith("hemoglobin A1c", StringComparison.Ordinal)))
            {
                if (A1cReading(sentence.Words, named.End) is { } value and >= 5.7 and <= 6.4)
                {
                    return [.. problems, new ProblemFact("prediabetes", "R73.03", "Prediabetes", "new", [Evidence.Of(sentence.Utterance)], [$"hemoglobin A1c {value:0.0}"])];
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// "Your TSH came back at eight point two … let's go up to eighty eight micrograms" of levothyroxine: thyroid hormone
    /// started or its dose changed, with the TSH talked about, is hypothyroidism treated (E03.9) though the word was lost, and
    /// methimazole so is hyperthyroidism (E05.90); the abnormal TSH result (R94.6) is then that diagnosis. Not when a thyroid
    /// disease is coded already (Hashimoto's, a thyroid removed, its cancer).
    /// </summary>
    public static IReadOnlyList<ProblemFact> WithTreatedThyroid(IReadOnlyList<ProblemFact> problems, IReadOnlyList<MedicationFact> medications, ClinicalTranscript transcript)
    {
        if (problems.Any(p => p.Code is { } code && (code.StartsWith("E0", StringComparison.Ordinal) || Category(code) is "E89" or "C73"))
            || !transcript.Sentences.Any(s => s.Words.Contains("tsh")))
        {
            return problems;
        }

        var treated = medications.FirstOrDefault(m => m.Action is "start" or "increase" or "decrease" && m.Name is "levothyroxine" or "liothyronine" or "methimazole");
        if (treated is null)
        {
            return problems;
        }

        var (name, thyroidCode, display) = treated.Name == "methimazole" ? ("hyperthyroidism", "E05.90", "Thyrotoxicosis, unspecified without thyrotoxic crisis or storm")
            : ("hypothyroidism", "E03.9", "Hypothyroidism, unspecified");
        return [.. problems.Where(p => p.Code != "R94.6"), new ProblemFact(name, thyroidCode, display, treated.Action == "start" ? "new" : "chronic", treated.Evidence, ["treated with " + treated.Name])];
    }

    /// <summary>The A1c read after its name ("is six point one", "came back at five point nine"), or null for none or a goal.</summary>
    private static double? A1cReading(IReadOnlyList<string> words, int from)
    {
        for (var j = from; j < Math.Min(words.Count, from + 5); j++)
        {
            if (words[j] is "under" or "below" or "goal" or "target" or "less" or "over" or "above" or "than" or "keep" or "get" or "want")
            {
                return null;
            }

            if (Text.NumberWords.TryRead(words, j, out var value, out var length))
            {
                // ("six point on which …": a recogniser's "on" for the tenth's "one".)
                var next = j + length;
                return value == Math.Floor(value) && next + 1 < words.Count && words[next] == "point" && words[next + 1] is "on" or "won" or "want" or "was" ? value + 0.1 : value;
            }
        }

        return null;
    }

    private static readonly Dictionary<string, (string Name, string Code, string Display)> SoleIndications = new(StringComparer.Ordinal)
    {
        ["nirmatrelvir ritonavir"] = ("COVID-19", "U07.1", "COVID-19"),
        ["molnupiravir"] = ("COVID-19", "U07.1", "COVID-19"),
        // The bladder relaxants with no other use.
        ["mirabegron"] = ("overactive bladder", "N32.81", "Overactive bladder"),
        ["vibegron"] = ("overactive bladder", "N32.81", "Overactive bladder"),
        ["solifenacin"] = ("overactive bladder", "N32.81", "Overactive bladder"),
        ["darifenacin"] = ("overactive bladder", "N32.81", "Overactive bladder"),
        ["fesoterodine"] = ("overactive bladder", "N32.81", "Overactive bladder"),
        ["tolterodine"] = ("overactive bladder", "N32.81", "Overactive bladder"),
        ["trospium"] = ("overactive bladder", "N32.81", "Overactive bladder"),
    };

    /// <summary>The consult is of a pregnancy: "pregnant", "prenatal", "trimester", "fundal height".</summary>
    private static bool Pregnant(ClinicalTranscript transcript) =>
        transcript.Sentences.Any(s => s.Words.Any(w => w is "pregnant" or "pregnancy" or "prenatal" or "trimester" or "fundal"));

    /// <summary>The drugs given for blood pressure and little else: ACE inhibitors, ARBs, dihydropyridines, thiazides.</summary>
    private static bool LowersPressure(string generic) =>
        generic.Split(' ').Any(w => w.EndsWith("pril", StringComparison.Ordinal) || w.EndsWith("sartan", StringComparison.Ordinal) || w.EndsWith("dipine", StringComparison.Ordinal)
            || w is "hydrochlorothiazide" or "chlorthalidone" or "indapamide");

    private static readonly (Regex Pattern, (string Name, string Code) Code)[] Implied =
    [
        (BloodPressureControl(), ("hypertension", "I10")),
        (CholesterolControl(), ("hyperlipidemia", "E78.5")),
    ];

    private static string Category(string code) => code.Split('.')[0];

    /// <summary>
    /// Where the words that refine a problem's code are said: its own utterance, then the four utterances before it (the
    /// examination or the score that the assessment sums up: "the left eardrum is red and bulging, with pus behind it … he
    /// has acute otitis media in the left ear"; "you're still in the moderate range … for your depression"; the patient's
    /// answer: "there's been blood in the stool" … "this is a flare of your colitis"), then the clinician's next two
    /// utterances ("this is heart failure." … "it's acute on chronic").
    /// </summary>
    private static List<string[]> RefiningTexts(ClinicalTranscript transcript, Utterance utterance, int? ordinal = null)
    {
        // A recogniser's turn is one unpunctuated line of many clauses, where a written consult has a few sentences: of such a
        // turn only the clauses around the problem's count (the three before and after it), of one before it its last three, of
        // one after it its first three — as much as the written sentences would say ("… so you have iron deficiency anemia" does
        // not take "heavy bleeding" from a referral said five sentences later in the same turn).
        var own = Heard(utterance) && ordinal is { } at
            ? transcript.SentencesOf(utterance.Index).Where(s => Math.Abs(s.Ordinal - at) <= ClauseReach).ToList()
            : null;
        var ownText = own is null ? utterance.Text : string.Join(' ', own.Select(s => s.Text));
        // "On the right", "right-sided" say the side as "right side" does.
        var sides = Regex.Replace(ownText, @"\bon the (right|left)\b|\b(right|left)[- ]sided\b", m => $"{m.Groups[1].Value}{m.Groups[2].Value} side", RegexOptions.IgnoreCase);
        var texts = new List<string[]>(own is null ? SentenceWords(utterance.Text) : own.Select(AsSaid));
        if (sides != ownText)
        {
            texts.AddRange(SentenceWords(sides));
        }

        // The utterance's sentences as the extractor reads them: a cue heard as other words and respelled by sound ("your sister
        // like heart failure" is "your systolic heart failure").
        texts.AddRange((own ?? transcript.SentencesOf(utterance.Index)).Select(s => Staged(s.Words.ToArray())));

        // A question the patient answered "no" to says the cue is absent ("Any blood in the stool?" "No.").
        texts.AddRange(transcript.Utterances.Take(utterance.Index).Reverse().Take(4)
            .Where(u => !(u.Text.TrimEnd().EndsWith('?') && u.Index + 1 < transcript.Utterances.Count && transcript.Utterances[u.Index + 1] is { ByClinician: false } answer
                && Negation.IsDenial(Text.Tokens.Words(answer.Text))))
            .SelectMany(u => Heard(u) && ordinal is not null ? transcript.SentencesOf(u.Index).TakeLast(ClauseReach).Select(AsSaid) : SentenceWords(u.Text)));
        texts.AddRange(transcript.Utterances.Skip(utterance.Index + 1).Take(2).Where(u => u.ByClinician)
            .SelectMany(u => Heard(u) && ordinal is not null ? transcript.SentencesOf(u.Index).Take(ClauseReach).Select(AsSaid) : SentenceWords(u.Text)));
        return texts;

        // A clause's words as heard, before any respelling.
        static string[] AsSaid(Sentence clause) => Staged(Text.Tokens.Words(clause.Text));
    }

    /// <summary>How many of a recogniser's clauses on each side of a problem's may refine it.</summary>
    private const int ClauseReach = 3;

    /// <summary>A recogniser's turn: no sentence ends in it.</summary>
    private static bool Heard(Utterance utterance) => !utterance.Punctuated;

    /// <summary>An utterance's words sentence by sentence, so that "Not bad. This is chronic …" does not deny "chronic".</summary>
    private static IEnumerable<string[]> SentenceWords(string text) =>
        Regex.Split(text, @"(?<=[.!?])\s+").Select(Text.Tokens.Words).Where(w => w.Length > 0).Select(Staged);

    /// <summary>
    /// A stage as a recogniser may hear it: "state three been" is "stage three b" (a stage is said as a number, and the letter
    /// after it as a word that sounds like it).
    /// </summary>
    private static string[] Staged(string[] words)
    {
        var staged = words.ToArray();
        for (var i = 0; i + 1 < staged.Length; i++)
        {
            if (staged[i] == "state" && staged[i + 1] is "one" or "two" or "three" or "four" or "five")
            {
                staged[i] = "stage";
            }

            if (staged[i] == "stage" && i + 2 < staged.Length && staged[i + 1] == "three" && staged[i + 2] is "be" or "bee" or "been" or "bea")
            {
                staged[i + 2] = "b";
            }
        }

        return staged;
    }

    private static (ProblemEntry Entry, IReadOnlyList<string> Cues) Refine(ProblemEntry entry, IReadOnlyList<string[]> texts, ClinicalLexicon lexicon)
    {
        var applied = new List<string>();
        for (var changed = true; changed && applied.Count < 4;)
        {
            changed = false;
            var found = lexicon.RefinementsOf(entry.Code)
                .Select(r => r.Cues.Select(cue => (Refinement: r, Cue: cue, Text: texts.ToList().FindIndex(words => Contains(words, cue)))).FirstOrDefault(c => c.Text >= 0))
                .Where(c => c.Refinement is not null).ToList();
            if (found.Count == 0)
            {
                continue;
            }

            // Refinements apply in file order; a side is the one said nearest the problem ("carpal tunnel in your right wrist"
            // after an examination of both hands is the right).
            var (refinement, cue, _) = Sided(found[0].Cue) ? found.Where(c => Sided(c.Cue)).MinBy(c => c.Text) : found[0];
            entry = new ProblemEntry(refinement.Code, refinement.Display, refinement.OtherSide);
            applied.Add(string.Join(' ', cue));
            changed = true;
        }

        return (entry, applied);
    }

    /// <summary>"Osteoarthritis of the hands, both hands" of the right hand's code: "osteoarthritis of the hands, right hand".</summary>
    private static string WithSide(string name, string display) =>
        $"{name.Split(", ")[0]}, {display[(display.LastIndexOf(", ", StringComparison.Ordinal) + 2)..]}";

    private static bool Sided(string[] cue) => cue.Any(w => w is "right" or "left" or "both" or "bilateral");

    private static bool Contains(IReadOnlyList<string> words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Count; i++)
        {
            // "No pus", "I haven't had any bleeding": a cue denied is none.
            if (Text.Dosing.At(words, i, words.Count, phrase) && !Negation.IsNegated(words, i, 4))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "Any other medical problems?" "Just high blood pressure.": the patient's answer to the clinician's question about their
    /// conditions names their own, unless it opens with a denial ("No. My dad has diabetes.") or speaks of a test ("I was tested
    /// for it once, but it was negative").
    /// </summary>
    private static bool AnswersHistoryQuestion(ClinicalTranscript transcript, Sentence sentence, int start, int end)
    {
        // Words of the problem's own name ("a positive TB skin test") do not count.
        if (sentence.ByClinician || sentence.Utterance.Index == 0
            || sentence.Words.Where((_, i) => i < start || i >= end).Any(w => w is "tested" or "test" or "negative" or "screened" or "ruled"))
        {
            return false;
        }

        var first = transcript.SentencesOf(sentence.Utterance.Index).FirstOrDefault();
        var question = transcript.SentencesOf(sentence.Utterance.Index - 1).LastOrDefault(s => s.ByClinician && s.IsQuestion);
        return question is not null && first is not null && !Negation.IsDenial(first.Words) && HistoryQuestion(question.Words);
    }

    /// <summary>"Any medical problems?", "Do you have any chronic conditions?", "What else are you treated for?", "Any past medical history?".</summary>
    private static bool HistoryQuestion(IReadOnlyList<string> words) =>
        words.Any(w => w is "conditions" or "condition" or "illnesses")
        || words.Any(w => w is "medical" or "health") && words.Any(w => w is "problems" or "problem" or "issues" or "history" or "concerns")
        || Enumerable.Range(0, words.Count).Any(i => Text.Dosing.At(words, i, words.Count, "treated", "for") || Text.Dosing.At(words, i, words.Count, "diagnosed", "with"));

    /// <summary>The patient says it is over: "that cleared up", "it went away", "it's been gone for a month".</summary>
    private static bool Resolved(Utterance utterance)
    {
        var words = Text.Tokens.Words(utterance.Text);
        for (var i = 0; i < words.Length; i++)
        {
            var said = Text.Dosing.At(words, i, words.Length, "cleared", "up") || Text.Dosing.At(words, i, words.Length, "went", "away")
                || words[i] is "resolved" or "healed" || Text.Dosing.At(words, i, words.Length, "been", "gone") || Text.Dosing.At(words, i, words.Length, "gone", "away");
            if (said && !Negation.IsNegated(words, i, 3))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Phrases that say how a problem is doing, and how the note writes them; the longest first.</summary>
    private static readonly (string[] Phrase, string Course)[] Courses =
    [
        (["not", "well", "controlled"], "not well controlled"), (["poorly", "controlled"], "not well controlled"), (["not", "controlled"], "not well controlled"),
        (["uncontrolled"], "not well controlled"), (["out", "of", "control"], "not well controlled"), (["not", "under", "control"], "not well controlled"),
        (["well", "controlled"], "well controlled"), (["under", "good", "control"], "well controlled"), (["under", "control"], "well controlled"),
        (["reasonably", "controlled"], "reasonably controlled"), (["fairly", "controlled"], "reasonably controlled"), (["controlled"], "well controlled"),
        (["above", "goal"], "above goal"), (["not", "at", "goal"], "above goal"), (["above", "target"], "above goal"), (["at", "goal"], "at goal"), (["at", "target"], "at goal"),
        (["in", "remission"], "in remission"), (["stable"], "stable"), (["holding", "steady"], "stable"), (["improving"], "improving"), (["getting", "better"], "improving"),
        (["improved"], "improving"), (["getting", "worse"], "worsening"), (["worsening"], "worsening"), (["gotten", "worse"], "worsening"), (["flaring"], "flaring"),
        (["flared"], "flaring"), (["still", "active"], "active"),
    ];

    /// <summary>How the problem is doing, said in words [from, to), unless negated ("not stable"); null when nothing is said.</summary>
    private static string? Course(IReadOnlyList<string> words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            foreach (var (phrase, course) in Courses)
            {
                if (!Text.Dosing.At(words, i, to, phrase))
                {
                    continue;
                }

                // "isn't well controlled" is not well controlled, "not at goal" above it; "not stable" says nothing the note can write.
                return phrase[0] != "not" && i > 0 && words[i - 1] is "not" or "isn't" or "wasn't" or "aren't" or "never"
                    ? course switch { "well controlled" or "reasonably controlled" => "not well controlled", "at goal" => "above goal", _ => null }
                    : course;
            }
        }

        return null;
    }

    /// <summary>
    /// The patient tells a diagnosis made before: "I was diagnosed with …", "I've got …", "I'm being treated for …", "the doctor
    /// said it was …".
    /// </summary>
    private static bool ToldOwnDiagnosis(IReadOnlyList<string> words, int at) =>
        // ("They said it was a kidney stone", "they told me it was a kidney stone", "they said I had a kidney stone": an article between.)
        at >= 1 && words[at - 1] is "a" or "an" && ToldItWas(words, at - 1) || ToldItWas(words, at)
        || at >= 2 && words[at - 1] == "with" && words[at - 2] == "diagnosed" && HasBefore(words, at, "i", "was")
        || HasBefore(words, at, "i've", "got") || HasBefore(words, at, "i", "got") && at >= 1 && words[at - 1] is "got" or "a" or "an"
        || at >= 2 && words[at - 1] == "for" && words[at - 2] == "treated" && (HasBefore(words, at, "i'm", "being") || HasBefore(words, at, "i", "am") || HasBefore(words, at, "i'm", "treated"))
        // "They found diabetes when I was in the hospital", "I've been living with psoriasis for years".
        || HasBefore(words, at, "they", "found") || at >= 2 && words[at - 1] == "with" && words[at - 2] == "living"
        // "I suffer from anxiety", "my doctor said I was prediabetic", "she told me I'm anemic".
        || at >= 2 && words[at - 1] == "from" && words[at - 2] is "suffer" or "suffering"
            && (HasBefore(words, at, "i", "suffer") || HasBefore(words, at, "i've", "been") || HasBefore(words, at, "i'm", "suffering"))
        || ToldIWas(words, at > 0 && words[at - 1] is "in" or "a" or "an" ? at - 1 : at);

    /// <summary>"The doctor said it was …", "they told me it was …".</summary>
    private static bool ToldItWas(IReadOnlyList<string> words, int at) =>
        at >= 3 && words[at - 1] is "was" or "is" && words[at - 2] == "it"
        && (words[at - 3] is "said" or "says" || at >= 4 && words[at - 3] == "me" && words[at - 4] is "told" or "tells");

    /// <summary>"… said I was prediabetic", "… told me I'm anemic", "… told me I was in atrial fibrillation": what the patient was told they have.</summary>
    private static bool ToldIWas(IReadOnlyList<string> words, int at) =>
        at >= 3 && (words[at - 1] is "was" or "am" or "had" && words[at - 2] == "i" || words[at - 1] == "i'm")
        && words.Take(at).Any(w => w is "said" or "told" or "says" or "thinks" or "diagnosed");

    /// <summary>"I get migraines", "I get these bad headaches": what keeps coming back, with at most two words between (not "I get worried about …").</summary>
    private static bool GetsIt(IReadOnlyList<string> words, int at)
    {
        for (var i = Math.Max(1, at - 3); i < at; i++)
        {
            if (words[i] is "get" or "keep" && words[i - 1] is "i" or "still"
                && !words.Skip(i + 1).Take(at - i - 1).Any(w => w is "worried" or "scared" or "nervous" or "afraid" or "that" or "about" or "checked" or "tested"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasBefore(IReadOnlyList<string> words, int at, string first, string second)
    {
        for (var i = Math.Max(0, at - 6); i + 1 < at; i++)
        {
            if (words[i] == first && words[i + 1] == second)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> TreatmentVerbs =
    [
        "swap", "switch", "start", "starting", "stop", "continue", "prescribe", "prescribing", "try", "add", "adding", "increase", "decrease", "treat", "treating",
    ];

    private static readonly HashSet<string> AssertionCues =
    [
        "have", "has", "having", "had", "like", "is", "it's", "that's", "this", "call", "called", "shows", "showed", "show", "consistent", "history",
        "counts", "diagnosing", "diagnosed", "diagnose", "diagnosis", "suffering", "your", "his", "her", "from", "with", "of",
        "you've", "sprained", "strained", "tore", "torn", "broke", "broken", "fractured", "pulled", "developed",
        // "You're a bit dehydrated", "that puts you in the obese range", "she meets the criteria for …".
        "you're", "he's", "she's", "puts", "meets", "qualifies", "confirms", "confirmed", "means", "indicates",
        // "Those bumps are osteoarthritis", "the spots mean psoriasis": what is seen, named, as "is" and "means" name it.
        "are", "mean",
        // "We're treating your asthma", "we'll manage the gout with …".
        "treating", "treat", "managing", "manage",
        // "These are migraines", "they're cluster headaches".
        "these", "they're",
        // The examination: "I can feel a hernia on both sides", "I found a small umbilical hernia".
        "feel", "felt", "found",
        // "There's some anemia from the kidneys too" ("you've got shingles": see Asserted); "the rating scales fit ADHD".
        "there's", "fit", "fits",
    ];

    /// <summary>Words that make what follows a purpose or a comparison, not the patient's problem: "fine for headaches", "against flu".</summary>
    private static readonly HashSet<string> PurposeWords = ["for", "against", "prevent", "prevents", "preventing", "avoid", "than", "about", "if", "whether"];

    /// <summary>
    /// "The real risk of leaving your sugars this high is a stroke", "the complications include heart failure": what a risk, a
    /// danger or a complication is (said before "is", "are" or "include") may come, and the patient does not have it. ("What
    /// worries me is your blood pressure" speaks of one the patient has.)
    /// </summary>
    private static bool RiskNamed(IReadOnlyList<string> words, int start)
    {
        var verb = false;
        for (var i = start - 1; i >= 0; i--)
        {
            if (words[i] is "but" or "so" or "because" or "although")
            {
                return false;
            }

            verb |= words[i] is "is" or "are" or "include" or "includes" or "being";
            if (verb && words[i] is "risk" or "risks" or "danger" or "dangers" or "complication" or "complications")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A problem named right after the one ending at <paramref name="previousEnd"/>, in one list: only "and", "or", "a" between them.</summary>
    private static bool SameList(IReadOnlyList<string> words, int previousEnd, int start) =>
        previousEnd >= 0 && start >= previousEnd && Enumerable.Range(previousEnd, start - previousEnd).All(i => words[i] is "and" or "or" or "a" or "an" or "even" or "maybe");

    /// <summary>The clinician says the patient has it: "sounds like", "you have", "this is", "diagnosing", "shows", "your …".</summary>
    private static bool Asserted(IReadOnlyList<string> words, int at)
    {
        // "You tested positive for …", "came back positive for …"; "we're looking at … here", "everything points to …".
        if (at >= 2 && words[at - 1] == "for" && words[at - 2] == "positive"
            || at >= 3 && words[at - 1] == "at" && words[at - 2] == "looking" && words[at - 3] is "we're" or "we" or "you're"
            || at >= 2 && words[at - 1] == "to" && words[at - 2] is "points" or "pointing")
        {
            return true;
        }

        // "You meet the criteria for obstructive sleep apnea", "she qualifies for a diagnosis of …".
        if (at >= 2 && words[at - 1] == "for" && words[at - 2] is "criteria" || at >= 4 && words[at - 1] == "of" && words[at - 2] == "diagnosis" && words[at - 3] is "a" && words[at - 4] == "for")
        {
            return true;
        }

        // "The best treatment for chronic insomnia is …", "first-line therapy for your reflux": what the clinician treats.
        var named = at >= 1 && words[at - 1] is "chronic" or "your" or "acute" ? at - 1 : at;
        if (named >= 3 && words[named - 1] == "for" && words[named - 2] is "treatment" or "therapy" && words[named - 3] is "best" or "main" or "usual" or "standard" or "first" or "line")
        {
            return true;
        }

        // "Thick silvery plaques, typical for plaque psoriasis", "classic for gout", "characteristic of shingles".
        if (at >= 2 && words[at - 1] is "for" or "of" && words[at - 2] is "typical" or "classic" or "characteristic")
        {
            return true;
        }

        // "The diabetes is the main cause of the kidney disease": what a known problem causes is the patient's too.
        if (at >= 5 && words[at - 1] == "the" && words[at - 2] == "of" && words[at - 3] is "cause" or "reason" && words.Take(at - 3).Contains("is"))
        {
            return true;
        }

        // "Those are actinic keratoses", "these are skin tags", "they're cherry angiomas": the lesions shown, named.
        if (at >= 2 && words[at - 1] == "are" && words[at - 2] is "those" or "these" or "they" || at >= 1 && words[at - 1] == "they're")
        {
            return true;
        }

        // "That was anaphylaxis from the bee sting", "it was a kidney stone": what happened, named.
        if (at >= 2 && words[at - 1] == "was" && words[at - 2] is "that" or "it" or "this"
            || at >= 3 && words[at - 1] is "a" or "an" && words[at - 2] == "was" && words[at - 3] is "that" or "it" or "this")
        {
            return true;
        }

        // "Your hemoglobin is eleven point two, a mild anemia": a reading, then what it amounts to.
        var article = at >= 1 && words[at - 1] is "a" or "an" ? at - 1
            : at >= 2 && words[at - 2] is "a" or "an" && words[at - 1] is "mild" or "moderate" or "severe" or "slight" ? at - 2 : -1;
        if (article >= 2 && Enumerable.Range(Math.Max(0, article - 4), Math.Min(4, article)).Any(k => Text.NumberWords.TryRead(words, k, out _, out var length) && k + length == article)
            && words.Take(article).Any(w => w is "is" or "was" or "at" or "came"))
        {
            return true;
        }

        // "I'm adding hypertension to your problem list."
        if (at >= 1 && words[at - 1] is "adding" or "add" && Enumerable.Range(at, words.Count - at - 1).Any(i => words[i] == "problem" && words[i + 1] == "list"))
        {
            return true;
        }

        // "Together, that adds up to falls": the clinician's explanation of what the patient has.
        if (at >= 3 && words[at - 1] == "to" && words[at - 2] == "up" && words[at - 3] is "adds" or "add")
        {
            return true;
        }

        // "For the overactive bladder, we'll swap …": treating it says the patient has it.
        if (at >= 2 && words[at - 2] == "for" && words[at - 1] is "the" or "your" or "his" or "her" && words.Take(at - 2).All(w => w is not ("if" or "screen" or "check" or "test" or "look"))
            && words.Any(w => TreatmentVerbs.Contains(w)) && !words.Skip(at).Take(4).Any(w => w is "vaccine" or "vaccination" or "shot" or "screening" or "test"))
        {
            return true;
        }

        // "The ultrasound confirmed a clot in the left calf vein, a deep vein thrombosis": what a study confirmed or showed is
        // asserted, also named again farther on in its clause.
        for (var i = at - 1; i >= Math.Max(0, at - 10); i--)
        {
            if (PurposeWords.Contains(words[i]) || words[i] is "but" or "so" or "because" or "no" or "not" or "didn't" or "doesn't" or "without" or "rule" or "ruled")
            {
                break;
            }

            if (words[i] is "confirmed" or "confirms" or "showed" or "shows" or "revealed" or "reveals")
            {
                return true;
            }
        }

        for (var i = at - 1; i >= Math.Max(0, at - 5); i--)
        {
            if (PurposeWords.Contains(words[i]))
            {
                return false;
            }

            // "You've got shingles", "she's got a UTI" (not a recogniser's "the nurse got overweight at ninety two kilos").
            if ((AssertionCues.Contains(words[i]) || words[i] == "got" && i > 0 && words[i - 1] is "you've" or "you" or "he's" or "she's" or "they've")
                && !(words[i] is "with" or "of" && i > 0 && words[i - 1] is not ("diagnosed" or "history" or "consistent"))
                // ("If there are fibroids, …": what may be there is not named as there.)
                && !(words[i] == "are" && i > 0 && words[i - 1] == "there")
                && !(words[i] == "like" && (i == 0 || words[i - 1] is not ("sounds" or "looks" or "seems" or "feels" or "sound" or "look" or "seem" or "feel"))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"So the hypertension is well controlled", "the gout has been stable", "the eczema is much better": how a problem is doing, said of it.</summary>
    private static bool StatusSaid(IReadOnlyList<string> words, int end)
    {
        if (end >= words.Count || words[end] is not ("is" or "are" or "has" or "have" or "looks" or "seems" or "remains" or "stays"))
        {
            return false;
        }

        var i = end + 1;
        while (i < words.Count && i <= end + 3 && words[i] is "been" or "well" or "still" or "now" or "very" or "nicely" or "pretty" or "much" or "reasonably" or "fairly" or "a" or "bit" or "lot")
        {
            i++;
        }

        return i < words.Count && (words[i] is "controlled" or "stable" or "improving" or "improved" or "better" or "worse" or "worsening" or "flaring" or "resolving"
            || i + 1 < words.Count && (words[i], words[i + 1]) is ("under", "control") or ("at", "goal") or ("in", "remission"));
    }

    /// <summary>"… is the main cause of", "is causing", "is behind", "is what's driving": said right after a problem's name.</summary>
    private static bool Causes(IReadOnlyList<string> words, int end) =>
        end + 1 < words.Count && words[end] is "is" or "was" && Enumerable.Range(end + 1, Math.Min(4, words.Count - end - 1))
            .Any(i => words[i] is "cause" or "causing" or "caused" or "behind" or "driving" or "reason");

    /// <summary>
    /// "Looking at everything, not well controlled, so type 2 diabetes.", "Impression: acute sinusitis.": the clinician's
    /// summing up, a diagnosis that ends the sentence after "so" or a heading.
    /// </summary>
    private static bool Summed(IReadOnlyList<string> words, int start, int end) =>
        end == words.Count && (start >= 1 && words[start - 1] is "so" or "impression" or "assessment");

    private static readonly string[][] HighCues =
    [
        ["above"], ["high"], ["higher", "than"], ["elevated"], ["raised"], ["didn't", "pass"], ["did", "not", "pass"], ["failed"], ["abnormal"], ["too", "high"],
    ];

    private static readonly string[][] LowCues = [["low"], ["too", "low"], ["deficient"], ["lower", "than"]];

    /// <summary>"The rapid strep is positive", "your flu swab came back positive": a test for one disease, read positive.</summary>
    private static readonly string[][] PositiveCues = [["positive"]];

    /// <summary>
    /// "Your one hour glucose test came back … our cutoff is one hundred forty, so it's above that": a lab the clinician
    /// reads as abnormal is a finding coded as a problem (in pregnancy with the pregnancy code), per abnormal-results.tsv.
    /// </summary>
    private static IEnumerable<Candidate> AbnormalResults(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var pregnant = Pregnant(transcript);
        foreach (var utterance in transcript.Sentences.Where(s => s.ByClinician && !s.IsQuestion).GroupBy(s => s.Utterance))
        {
            OrderEntry? lab = null;
            foreach (var sentence in utterance)
            {
                var words = sentence.Words;
                var ordered = lexicon.Orders.FindAll(words);
                // ("Your potassium is high at five point nine": the potassium level, named by what it measures.)
                var labs = ordered.Concat(lexicon.Analytes.FindAll(words).Where(a => !ordered.Any(o => o.Start < a.End && a.Start < o.End)
                        // Said as the subject of its reading ("your potassium is high", "the sodium came back low"), not "low potassium".
                        && a.End < words.Count && words[a.End] is "is" or "was" or "came" or "runs" or "looks" or "level" or "levels"))
                    .Where(m => m.Value.Type == "lab").OrderBy(m => m.Start).ToList();
                if (words.Any(w => w is "if" or "unless" or "whether" or "when"))
                {
                    lab = labs.LastOrDefault().Value ?? lab;
                    continue;
                }

                for (var i = 0; i < words.Count; i++)
                {
                    if (labs.LastOrDefault(m => m.Start <= i) is { Value: { } named })
                    {
                        lab = named;
                    }

                    var direction = HighCues.Any(c => Text.Dosing.At(words, i, words.Count, c)) ? "high" : LowCues.Any(c => Text.Dosing.At(words, i, words.Count, c)) ? "low"
                        : PositiveCues.Any(c => Text.Dosing.At(words, i, words.Count, c)) ? "positive" : null;
                    // ("Your risk of vitamin D deficiency is low": a risk, no result.)
                    if (lab is null || direction is null || Negation.IsNegated(words, i, 3) || words.Take(i).Contains("risk")
                        || Enumerable.Range(Math.Max(0, i - 3), Math.Min(3, i)).Any(k => words[k] is "normal" or "should" or "goal" or "want" or "under" or "keep"))
                    {
                        continue;
                    }

                    if (lexicon.AbnormalResults.FirstOrDefault(r => r.Order == lab.Name && r.Direction == direction) is { } result)
                    {
                        var entry = pregnant && result.InPregnancy is not null ? result.InPregnancy : result.Problem;
                        var name = direction switch { "high" => $"elevated {lab.Name}", "low" => $"low {lab.Name}", _ => entry.Display.ToLowerInvariant() };
                        yield return new Candidate(entry, [], false, sentence, name, ExplainedBy: result.ExplainedBy);
                        lab = null;
                    }
                }
            }
        }
    }

    /// <summary>"Your father's diabetes", "her mother's breast cancer": someone else's problem, whoever says it.</summary>
    private static bool RelativesBefore(IReadOnlyList<string> words, int start) =>
        Enumerable.Range(Math.Max(0, start - 3), Math.Min(3, start)).Any(i => OtherPeople.IsPossessive(words[i]));

    /// <summary>"Anyone who had chickenpox can get it", "people with diabetes …": said of people at large, not of the patient.</summary>
    private static bool AnyoneBefore(IReadOnlyList<string> words, int start) =>
        Enumerable.Range(Math.Max(0, start - 4), Math.Min(4, start)).Any(i => words[i] is "anyone" or "anybody" or "everyone" or "everybody" or "someone" or "somebody" or "people"
            && i + 1 < start && words[i + 1] is "who" or "with" or "that");

    private static bool IsFamily(IReadOnlyList<string> words) =>
        words.Any(w => w is "father" or "mother" or "dad" or "mom" or "brother" or "sister" or "grandfather" or "grandmother" or "family" or "uncle" or "aunt");

    /// <summary>"You have high blood pressure and type two diabetes, correct?" answered "That's right."</summary>
    private static bool IsConfirmed(IReadOnlyList<Sentence> sentences, int s)
    {
        var words = sentences[s].Words;
        if (!(words.Contains("you") && words.Contains("have")) || !words.Any(w => w is "correct" or "right"))
        {
            return false;
        }

        var answer = sentences.Skip(s + 1).FirstOrDefault(x => !x.ByClinician);
        return answer is not null && answer.Utterance.Index == sentences[s].Utterance.Index + 1
            && answer.Words[0] is "yes" or "yeah" or "yep" or "correct" or "right" or "that's" && !answer.Words.Take(3).Contains("not");
    }

    private static readonly string[][] SmokedAmounts = [["a", "day"], ["pack"], ["packs"], ["cigarettes"], ["a", "week"], ["every", "day"]];

    /// <summary>
    /// "I smoke about half a pack a day", "I'm still smoking ten cigarettes a day", "I'm at a pack a day, been smoking for twenty
    /// years": the patient's own smoking, with how much.
    /// </summary>
    private static bool SaysOwnSmoking(IReadOnlyList<string> words) =>
        Enumerable.Range(0, words.Count).Any(i => words[i] is "smoke" or "smoking" && Enumerable.Range(Math.Max(0, i - 2), Math.Min(2, i)).Any(j => words[j] is "i" or "i'm" or "still" or "been"))
        && Text.Dosing.Says(words, SmokedAmounts);

    /// <summary>
    /// "Do you smoke?" "Half a pack a day.", "Are you still smoking?" "Yeah, I am.": the patient's own use of tobacco said in
    /// answer, coded as nicotine dependence by what is smoked (cigarettes, vaping, chewing); not "I quit", "never", "used to",
    /// "no", nor someone else's smoking.
    /// </summary>
    private static IEnumerable<Candidate> Smokes(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var sentences = transcript.Sentences;
        for (var s = 0; s < sentences.Count; s++)
        {
            var question = sentences[s];
            // ("You still smoking" "Half a pack a day": a recogniser's turn carries no question mark; its last clause is what the
            // patient answers.)
            var asks = question.IsQuestion || !question.Utterance.Punctuated && ReferenceEquals(transcript.SentencesOf(question.Utterance.Index).Last(), question);
            var answer = question.ByClinician && asks && question.Words.Any(w => w is "smoke" or "smoking" or "cigarettes" or "tobacco" or "vape" or "vaping")
                ? transcript.SentencesOf(question.Utterance.Index + 1).FirstOrDefault(a => !a.ByClinician)
                // "I smoke about half a pack a day": told unasked, with how much.
                : !question.ByClinician && !question.IsQuestion && SaysOwnSmoking(question.Words) ? question : null;
            if (answer is null || answer.Words.Count == 0 || Negation.IsDenial(answer.Words) || OtherPeople.Named(answer.Words)
                || answer.Words.Any(w => w is "quit" or "never" or "stopped" or "used" or "former" or "formerly" or "no" or "not" or "don't" or "haven't"))
            {
                continue;
            }

            var amount = Text.Dosing.Says(answer.Words, SmokedAmounts);
            var affirmed = answer.Words[0] is "yes" or "yeah" or "yep" or "still" or "i" && answer.Words.Any(w => w is "yes" or "yeah" or "yep" or "do" or "am" or "smoke" or "still");
            if ((amount || affirmed && !ReferenceEquals(answer, question)) && lexicon.Problems.FindAll(["nicotine", "dependence"]).FirstOrDefault() is { } named)
            {
                // Named as the code says it ("nicotine dependence, cigarettes"), not by the words that refined it ("pack a day").
                var (entry, _) = Refine(named.Value, RefiningTexts(transcript, answer.Utterance), lexicon);
                var name = entry.Display.Replace(", uncomplicated", "", StringComparison.Ordinal).ToLowerInvariant();
                yield return new Candidate(entry, [], true, answer, name);
            }
        }
    }

    /// <summary>
    /// "Is it pneumonia?" "Yes, a community acquired pneumonia.", "Do I have the flu?" "I think so.": the patient's question
    /// whether they have a problem, answered yes by the clinician, asserts it, and so does the answer's naming of it right after
    /// the yes. Not "Could it turn into pneumonia?" (a question of what may come), nor an answer that doubts or denies.
    /// </summary>
    private static IEnumerable<Candidate> AffirmedQuestions(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        foreach (var question in transcript.Sentences.Where(s => !s.ByClinician && s.IsQuestion))
        {
            var words = question.Words;
            var asked = lexicon.Problems.FindAll(words).Where(m => AsksIfHas(words, m.Start)).ToList();
            // ("So it's strep?" "Yes, strep throat.": asked by a word the lexicon does not hold, named in the answer.)
            if (asked.Count == 0 && !Enumerable.Range(1, Math.Max(0, words.Count - 1)).Any(i => AsksIfHas(words, i)) || !ReferenceEquals(transcript.SentencesOf(question.Utterance.Index).Last(s => s.IsQuestion), question)
                || transcript.SentencesOf(question.Utterance.Index + 1).FirstOrDefault() is not { ByClinician: true } answer
                || Affirms(answer.Words) is not { } opener)
            {
                continue;
            }

            foreach (var match in asked)
            {
                var (entry, cues) = Refine(match.Value, RefiningTexts(transcript, answer.Utterance), lexicon);
                var known = words[match.Start - 1] is "my" or "his" or "her";
                yield return new Candidate(entry, cues, known, question, string.Join(' ', words.Skip(match.Start).Take(match.End - match.Start)));
            }

            // "Yes, a community acquired pneumonia": the name said right after the yes.
            foreach (var match in lexicon.Problems.FindAll(answer.Words).Where(m => m.Start >= opener && Enumerable.Range(opener, m.Start - opener).All(i => AskedFillers.Contains(answer.Words[i]))))
            {
                var (entry, cues) = Refine(match.Value, RefiningTexts(transcript, answer.Utterance), lexicon);
                yield return new Candidate(entry, cues, false, answer, string.Join(' ', answer.Words.Skip(match.Start).Take(match.End - match.Start)));
            }
        }
    }

    private static readonly HashSet<string> AskedFillers = ["a", "an", "the", "my", "his", "her", "just", "really", "some", "kind", "sort", "of", "like", "another", "still", "bad"];

    /// <summary>"Is it …", "is this a …", "do I have …", "does she have the …", "so I have …": the question asks whether the patient has what <paramref name="at"/> names.</summary>
    private static bool AsksIfHas(IReadOnlyList<string> words, int at)
    {
        var i = at - 1;
        while (i >= 0 && AskedFillers.Contains(words[i]))
        {
            i--;
        }

        int? start = i >= 1 && words[i - 1] is "is" or "was" or "isn't" && words[i] is "it" or "this" or "that" or "he" or "she" ? i - 1
            : i >= 2 && words[i - 2] is "do" or "does" or "did" && words[i - 1] is "i" or "he" or "she" && words[i] is "have" or "has" ? i - 2
            : i >= 1 && words[i - 1] is "i" or "he" or "she" && words[i] is "have" or "has" ? i - 1
            : i >= 0 && words[i] is "it's" or "that's" ? i
            : null;
        return start is { } from && words.Take(from).All(w => w is "so" or "and" or "then" or "well" or "okay" or "doctor" or "but");
    }

    private static readonly string[][] Affirmations =
    [
        ["yes"], ["yeah"], ["yep"], ["correct"], ["exactly"], ["i", "think", "so"], ["i", "believe", "so"], ["i'm", "afraid", "so"], ["afraid", "so"], ["it", "is"],
        ["you", "do"], ["he", "does"], ["she", "does"], ["that's", "right"], ["it", "looks", "like", "it"], ["looks", "like", "it"], ["it", "sounds", "like", "it"],
        ["most", "likely"], ["very", "likely"], ["it", "does"],
    ];

    /// <summary>Where the clinician's reply goes on after a yes ("Yes, …", "I think so, …", "most likely"), or null when it does not open with one or doubts or denies.</summary>
    private static int? Affirms(IReadOnlyList<string> words)
    {
        var opener = Affirmations.FirstOrDefault(a => Text.Dosing.At(words, 0, words.Count, a));
        return opener is null || words.Take(opener.Length + 4).Any(w => w is "no" or "not" or "don't" or "doesn't" or "isn't" or "but" or "if" or "maybe" or "might" or "could")
            ? null : opener.Length;
    }

    /// <summary>
    /// "Hydrochlorothiazide for my pressure", "his blood pressure pills", "the cholesterol medicine": a condition named by what
    /// treats it is one the patient has, a known one, and so is one the patient is called by ("I'm diabetic"); not when denied
    /// ("no blood pressure medicines") or asked about.
    /// </summary>
    private static IEnumerable<Candidate> Treated(IReadOnlyList<Sentence> sentences, ClinicalLexicon lexicon)
    {
        foreach (var sentence in sentences)
        {
            foreach (var (pattern, name, calledBy) in TreatedConditions.Select(c => (c.Pattern, c.Name, false)).Concat(CalledByCondition.Select(c => (c.Pattern, c.Name, true))))
            {
                // ("I'm diabetic, does that matter?": told, then asked.)
                if (pattern.Match(sentence.Text) is not { Success: true } said
                    || sentence.IsQuestion && !(calledBy && sentence.Text.AsSpan(said.Index + said.Length).TrimStart().StartsWith(","))
                    || lexicon.Problems.FindAll(Text.Tokens.Words(name)).Select(m => m.Value).FirstOrDefault() is not { } entry)
                {
                    continue;
                }

                var before = Text.Tokens.Words(sentence.Text[..said.Index]);
                if (before.TakeLast(3).Any(w => w is "no" or "not" or "never" or "don't" or "doesn't" or "isn't" or "any") || IsFamily(sentence.Words))
                {
                    continue;
                }

                yield return new Candidate(entry, [], true, sentence, name);
            }
        }
    }

    private static readonly (Regex Pattern, string Name)[] TreatedConditions =
    [
        (PressureTreatment(), "hypertension"),
        (CholesterolTreatment(), "hyperlipidemia"),
    ];

    /// <summary>"I'm diabetic", "she's asthmatic", "he's epileptic": the patient called by the condition (not "a diabetic diet").</summary>
    private static readonly (Regex Pattern, string Name)[] CalledByCondition =
    [
        (CalledBy("diabetic"), "diabetes"), (CalledBy("asthmatic"), "asthma"), (CalledBy("epileptic"), "epilepsy"), (CalledBy("hypothyroid"), "hypothyroidism"),
        (CalledBy("hyperthyroid"), "hyperthyroidism"),
        // ("Your TSH came back high, so you're still underactive": of the thyroid only when it is talked about.)
        (CalledBy("underactive", ThyroidTalk), "hypothyroidism"), (CalledBy("overactive", ThyroidTalk), "hyperthyroidism"),
    ];

    /// <summary>The thyroid named in the sentence: "underactive" and "overactive" are then said of it.</summary>
    private const string ThyroidTalk = @"(?:(?<=\b(?:thyroid|tsh|t4|levothyroxine|synthroid|methimazole)\b.*)|(?=.*\b(?:thyroid|tsh|t4|levothyroxine|synthroid|methimazole)\b))";

    /// <summary>"I'm diabetic", "you're still mildly hypothyroid": the adjective after who has it, a word of degree between.</summary>
    private static Regex CalledBy(string adjective, string context = "") =>
        new($@"{context}\b(i'm|i am|he's|he is|she's|she is|you're|you are)\s+(a\s+)?(still\s+|now\s+|mildly\s+|slightly\s+|a\s+bit\s+|a\s+little\s+|quite\s+|definitely\s+){{0,2}}{adjective}\b(?!\s+(diet|foot|eye|exam|supplies|shoes|socks|neuropathy|retinopathy|nephropathy))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(blood pressure|pressure) (medicine|medicines|medication|medications|pill|pills|tablet|tablets)\b|\bfor (my|your|his|her) (blood )?pressure\b", RegexOptions.IgnoreCase)]
    private static partial Regex PressureTreatment();

    [GeneratedRegex(@"\bcholesterol (medicine|medicines|medication|medications|pill|pills|tablet|tablets)\b|\bfor (my|your|his|her) cholesterol\b", RegexOptions.IgnoreCase)]
    private static partial Regex CholesterolTreatment();

    [GeneratedRegex(@"\b(your|his|her)\s+(blood\s+)?pressure(\s+is|'s|\s+has been|\s+was)\s+(also\s+|still\s+|very\s+|quite\s+)?(well\s+|poorly\s+|not\s+well\s+|not\s+|reasonably\s+)?(controlled|high|elevated|at goal)(?![^.?!]*\beyes?\b)", RegexOptions.IgnoreCase)]
    private static partial Regex BloodPressureControl();

    [GeneratedRegex(@"\b(your|his|her)\s+(ldl\s+)?cholesterol\s+(is|has been)\s+(also\s+|still\s+)?(well\s+|not\s+)?(controlled|high|elevated|at goal)|\b(your|his|her)\s+(ldl|ldl cholesterol|cholesterol)\s+(is|was)\s+\d+[,.]?\s+(which is\s+|and that's\s+)?(still\s+|well\s+)?(above goal|above our goal|not at goal|too high|high)", RegexOptions.IgnoreCase)]
    private static partial Regex CholesterolControl();
}
