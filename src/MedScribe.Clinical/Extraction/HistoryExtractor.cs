using System.Text.RegularExpressions;
using MedScribe.Clinical.Lexicons;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical.Extraction;

/// <summary>
/// The history of the present illness from the patient's first answers: the complaint, when it began,
/// how long it has lasted, where, what it feels like, how bad, what makes it worse or better, what comes
/// with it, and what the patient denies.
/// </summary>
public static partial class HistoryExtractor
{
    private static readonly HashSet<string> Places =
    [
        "chest", "jaw", "arm", "arms", "back", "abdomen", "belly", "stomach", "head", "ear", "ears", "throat", "leg", "legs", "knee", "ankle",
        "ankles", "foot", "feet", "shoulder", "neck", "hip", "bladder", "breastbone", "spine", "buttock", "side", "groin", "eye", "eyes", "wrist",
        "hand", "elbow", "heart",
    ];

    private static readonly HashSet<string> Characters =
    [
        "tightness", "pressure", "heavy", "sharp", "dull", "burning", "burns", "aching", "achy", "throbbing", "stabbing", "cramping", "squeezing",
        "pulling", "pull", "fluttering", "flutters", "pounding", "tight", "pins", "shooting", "weight",
    ];

    public static HistoryFact Extract(ClinicalTranscript transcript, IReadOnlyList<FindingFact> findings, IReadOnlyList<ProblemFact> problems, IReadOnlyList<VitalFact> vitals)
    {
        var patient = transcript.Sentences.Where(s => !s.ByClinician).ToList();
        // The presenting story is told in the patient's first few answers.
        var opening = patient.Where(s => s.Utterance.Index <= (patient.FirstOrDefault()?.Utterance.Index ?? 0) + 8).ToList();
        var complaintSentence = opening.FirstOrDefault(s => findings.Any(f => f.Present && !f.ByClinician && f.Evidence[0].Utterance == s.Utterance.Index));
        var complaintFinding = complaintSentence is null ? null
            : findings.FirstOrDefault(f => f.Present && !f.ByClinician && f.Evidence[0].Utterance == complaintSentence.Utterance.Index);
        var visitFor = transcript.Sentences.Take(4).Where(s => s.ByClinician).Select(s => VisitReason().Match(s.Text)).FirstOrDefault(m => m.Success);
        var duration = FirstMatch(opening, Duration());
        var onset = FirstMatch(opening, Onset());
        var reason = visitFor?.Groups["what"].Value.Trim();
        if (reason is not null && Places.Contains(reason.ToLowerInvariant()) && opening.Any(s => s.Words.Any(w => PainWords.Contains(w))))
        {
            // "You're here about your back" and "it's been killing me": back pain, not "back".
            reason += " pain";
        }

        var chief = complaintFinding?.Name ?? reason ?? problems.FirstOrDefault()?.Name;
        if (chief is not null && duration is not null && complaintFinding is not null)
        {
            // "For about two weeks" opening the patient's sentence is "palpitations, for about 2 weeks".
            chief = $"{chief}, {char.ToLowerInvariant(duration[0])}{duration[1..]}";
        }

        var story = opening.Where(s => complaintSentence is null || s.Utterance.Index <= complaintSentence.Utterance.Index + 6).ToList();
        var storyWords = story.SelectMany(s => s.Words).ToList();
        // Where it is not ("it doesn't go down my leg") is no location; "a heavy box", "my blood pressure" describe no pain.
        var location = story.SelectMany(s => s.Words.Select((w, i) => (w, i)).Where(p => Places.Contains(p.w) && !Negation.IsNegated(s.Words, p.i, 6)).Select(p => p.w))
            .Distinct().ToList();
        var character = story.SelectMany(s => s.Words.Select((w, i) => (w, i)).Where(p => Characters.Contains(p.w) && Describes(s.Words, p.i)).Select(p => p.w))
            .Distinct().ToList();
        var severity = vitals.FirstOrDefault(v => v.Kind == VitalsExtractor.PainScore)?.Text
            ?? storyWords.FirstOrDefault(w => w is "severe" or "mild" or "moderate" or "terrible" or "unbearable");
        var aggravating = opening.SelectMany(s => Clauses(s.Text, Aggravating())).Distinct().ToList();
        var relieving = opening.SelectMany(s => Clauses(s.Text, Relieving())).Distinct().ToList();
        // "Codeine makes me itch all over" is an allergy's reaction, not a symptom of this illness.
        var associated = findings.Where(f => f.Present && !f.ByClinician && f.Name != complaintFinding?.Name
                && !transcript.SentencesOf(f.Evidence[0].Utterance).Any(s => AllergyTalk.IsAbout(transcript, s)))
            .Select(f => f.Name).Distinct().ToList();
        var negatives = findings.Where(f => !f.Present && !f.ByClinician).Select(f => f.Name).Distinct().Where(n => !associated.Contains(n)).ToList();
        var evidence = opening.Select(s => s.Utterance).DistinctBy(u => u.Index).Take(6).Select(Evidence.Of).ToList();
        return new HistoryFact(chief, onset, duration, location.Count == 0 ? null : string.Join(", ", location),
            character.Count == 0 ? null : string.Join(", ", character), severity, aggravating, relieving, associated, negatives, evidence);
    }

    private static readonly HashSet<string> PainWords = ["pain", "painful", "hurts", "hurt", "hurting", "ache", "aches", "aching", "sore", "killing"];

    /// <summary>"heavy", "weight", "pressure", "pull" describe the complaint, not "a heavy box", "the weight", "blood pressure", "pull a muscle".</summary>
    private static bool Describes(IReadOnlyList<string> words, int i) => words[i] switch
    {
        "heavy" or "weight" => i + 1 >= words.Count || words[i + 1] is "feeling" or "sensation" or "pain" or "ache" or "on" or "in" or "and" or "like",
        // ("Hydrochlorothiazide for my pressure" is the blood pressure.)
        "pressure" => !(i > 0 && words[i - 1] is "blood" or "my" or "your" or "his" or "her"),
        "pull" or "pulling" => i + 1 < words.Count && words[i + 1] is "in" or "on" or "at" or "sensation" or "feeling",
        _ => true,
    };

    private static string? FirstMatch(IEnumerable<Sentence> sentences, Regex pattern) =>
        sentences.Select(s => pattern.Match(s.Text)).Where(m => m.Success).Select(m => NoteText.Normalize(m.Value.Trim().TrimEnd(',', '.'))).FirstOrDefault();

    private static IEnumerable<string> Clauses(string text, Regex pattern) =>
        pattern.Matches(text).Select(m => NoteText.Normalize(m.Groups["what"].Value.Trim().TrimEnd(',', '.'))).Where(c => c.Length > 2);

    [GeneratedRegex(@"\b(?:here about|here to check on|here for|check on) (your |his |her |the )?(?<what>[a-z' ]+?)(?=[,.?!]| today|$)", RegexOptions.IgnoreCase)]
    private static partial Regex VisitReason();

    [GeneratedRegex(@"\b(for (about |almost |nearly |over |more than |the (last|past) )?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several)( \w+)? (days?|weeks?|months?|years?))", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    [GeneratedRegex(@"\b((since (yesterday|last night|this morning|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday morning)( night| morning)?)|((about |almost )?(a|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of) (days?|nights?|weeks?|months?|years?) ago))", RegexOptions.IgnoreCase)]
    private static partial Regex Onset();

    [GeneratedRegex(@"(?:whenever|when|if) (?:i|he|she) (?<what>(?:walk|climb|carry|bend|lift|lie|eat|exert|exercise|run|cough|move|stand|get|go|breathe)[a-z' ]*?)(?=[,.]|$| it| and)|(?:worse (?:with|when|after) )(?<what>[a-z' ]+?)(?=[,.]|$)|(?<what>(?:walking|climbing|bending|lifting|exertion|eating)[a-z' ]*?) makes it worse", RegexOptions.IgnoreCase)]
    private static partial Regex Aggravating();

    [GeneratedRegex(@"(?:if (?:i|he|she) (?<what>(?:stop|rest|sit|lie)[a-z' ]*?)(?=[,.]|$| it))|(?:(?:better|relieved|eases?) (?:with|by|when|after) (?<what>[a-z' ]+?)(?=[,.]|$))|(?<what>[a-z' ]+?) (?:takes the edge off|helps|brings it down)", RegexOptions.IgnoreCase)]
    private static partial Regex Relieving();
}
