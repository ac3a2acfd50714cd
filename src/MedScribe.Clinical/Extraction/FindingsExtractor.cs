using MedScribe.Clinical.Lexicons;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// Symptoms and examination findings, present or denied. Besides negation inside a sentence, the dialogue
/// matters: "Any fever or chills?" answered "No, nothing like that." denies both; "my ankles are fine"
/// denies ankle swelling.
/// </summary>
public static class FindingsExtractor
{
    private static readonly (string Part, string[] Findings)[] NormalParts =
    [
        ("ankles", ["ankle swelling"]), ("legs", ["leg swelling", "leg numbness", "weakness"]), ("breathing", ["shortness of breath"]),
        ("feet", ["numbness", "tingling"]), ("back", ["back pain", "flank pain"]), ("stomach", ["abdominal pain", "nausea"]),
        ("weight's", ["weight loss"]), ("weight", ["weight loss"]),
    ];

    /// <summary>Words that make a patient's naming of what the clinician just said their own: a yes, the first person, when or how much.</summary>
    private static readonly HashSet<string> Affirms =
    [
        "yes", "yeah", "yep", "yup", "i", "i've", "i'm", "i'd", "my", "me", "mine", "sometimes", "occasionally", "often", "always", "every", "when",
        "after", "before", "both", "left", "right", "little", "bit", "lot", "some", "bad", "worse", "mild", "severe", "really", "pretty", "definitely",
        "still", "since", "ago", "days", "weeks", "months", "he", "she", "he's", "she's", "has", "had",
    ];

    public static IReadOnlyList<FindingFact> Extract(ClinicalTranscript transcript, ClinicalLexicon lexicon)
    {
        var facts = new List<FindingFact>();
        var sentences = transcript.Sentences;
        Sentence? lastQuestion = null;
        for (var s = 0; s < sentences.Count; s++)
        {
            var sentence = sentences[s];
            var words = sentence.Words;
            var evidence = new[] { Evidence.Of(sentence.Utterance) };
            if (sentence.IsQuestion)
            {
                // A question asserts nothing; the clinician's is remembered for the answer.
                lastQuestion = sentence.ByClinician ? sentence : lastQuestion;
                continue;
            }

            var mentioned = new HashSet<string>();
            var problems = lexicon.Problems.FindAll(words);
            // What the clinician's turn just before named, for a patient's sentence that may only say it back.
            var echoed = sentence.ByClinician || sentence.Utterance.Index == 0 ? [] : transcript.SentencesOf(sentence.Utterance.Index - 1)
                .Where(x => x.ByClinician).SelectMany(x => lexicon.Findings.FindAll(x.Words)).Select(m => m.Value.Name).ToHashSet();
            foreach (var match in lexicon.Findings.FindAll(words))
            {
                mentioned.Add(match.Value.Name);
                if (problems.Any(p => p.Start <= match.Start && match.End <= p.End && p.End - p.Start > match.End - match.Start))
                {
                    // "The jock itch cleared up": a word of a problem's name is no symptom of its own.
                    continue;
                }

                if (Text.Dosing.Doses(words, match.End, Math.Min(words.Count, match.End + 4)).FirstOrDefault() is { } dosed && dosed.Start == match.End)
                {
                    // "… less itching one hundred milligrams every morning": a drug's name a recogniser heard as words, not a symptom.
                    continue;
                }

                if (sentence.ByClinician && Negation.IsHypothetical(words, match.Start, match.End))
                {
                    continue;
                }

                // "Any back pain?" "They're back pain." is how one recogniser hears "No back pain.": nothing else reads so.
                var negated = Negation.IsNegated(words, match.Start, 8)
                    || match.Start == 1 && words[0] is "they're" or "there" && echoed.Contains(match.Value.Name);
                if (!negated && Negation.IsUncertain(words, match.Start))
                {
                    continue;
                }

                if (!negated && echoed.Contains(match.Value.Name) && !words.Any(Affirms.Contains))
                {
                    // "Any chest pain or pressure?" "They're chest pain." (a recogniser lost the "No"), "… the risk of stroke." "The stroke,
                    // that's scary.": the clinician's words said back, without a yes or anything of the patient's own, report nothing.
                    continue;
                }

                facts.Add(new FindingFact(match.Value.Name, !negated, sentence.ByClinician, evidence));
            }

            foreach (var (part, findings) in NormalParts)
            {
                var at = words.ToList().IndexOf(part);
                if (at >= 0 && words.Skip(at + 1).Take(4).Any(w => w is "fine" or "normal" or "okay" or "steady"))
                {
                    facts.AddRange(findings.Select(f => new FindingFact(f, false, sentence.ByClinician, evidence)));
                    mentioned.UnionWith(findings);
                }
            }

            // The first sentence of the patient's answer to a question: "No" denies what the question listed.
            if (!sentence.ByClinician && lastQuestion is not null && sentence.Ordinal == 0 && Negation.IsDenial(words))
            {
                foreach (var match in lexicon.Findings.FindAll(lastQuestion.Words))
                {
                    var restated = sentences.Skip(s).TakeWhile(x => x.Utterance == sentence.Utterance)
                        .Any(x => lexicon.Findings.FindAll(x.Words).Any(m => m.Value.Name == match.Value.Name));
                    if (!restated && !mentioned.Contains(match.Value.Name))
                    {
                        facts.Add(new FindingFact(match.Value.Name, false, false, [Evidence.Of(lastQuestion.Utterance), Evidence.Of(sentence.Utterance)]));
                    }
                }
            }

            if (!sentence.ByClinician && sentence.Ordinal == 0)
            {
                lastQuestion = null;
            }
        }

        return facts;
    }
}
