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
            foreach (var match in lexicon.Findings.FindAll(words))
            {
                mentioned.Add(match.Value.Name);
                if (sentence.ByClinician && Negation.IsHypothetical(words, match.Start, match.End))
                {
                    continue;
                }

                var negated = Negation.IsNegated(words, match.Start, 8);
                if (!negated && Negation.IsUncertain(words, match.Start))
                {
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
