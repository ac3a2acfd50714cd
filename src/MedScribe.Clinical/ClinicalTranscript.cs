using System.Text.RegularExpressions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Clinical.Text;

namespace MedScribe.Clinical;

/// <summary>One line of the transcript: who spoke, what was said, and when (0-based line number = evidence index).</summary>
public sealed record Utterance(int Index, string Speaker, string Text, long StartMs, long EndMs)
{
    public bool ByClinician => Speaker == Speakers.Doctor;
}

/// <summary>The two speaker labels of a transcript line.</summary>
public static class Speakers
{
    public const string Doctor = "Doctor";
    public const string Patient = "Patient";
}

/// <summary>A sentence of an utterance with its words (lower case) and whether it asks something.</summary>
public sealed record Sentence(Utterance Utterance, int Ordinal, string Text, IReadOnlyList<string> Words, bool IsQuestion)
{
    public bool ByClinician => Utterance.ByClinician;
}

/// <summary>A speaker-labelled transcript, split into sentences, ready for extraction.</summary>
public sealed partial class ClinicalTranscript
{
    private ClinicalTranscript(IReadOnlyList<Utterance> utterances)
    {
        Utterances = utterances;
        Sentences = utterances.SelectMany(Split).ToList();
    }

    public IReadOnlyList<Utterance> Utterances { get; }

    public IReadOnlyList<Sentence> Sentences { get; }

    public int WordCount => Sentences.Sum(s => s.Words.Count);

    public static ClinicalTranscript From(IEnumerable<Utterance> utterances) => new(utterances.ToList());

    public static ClinicalTranscript FromSegments(IReadOnlyList<TranscriptSegment> segments) =>
        new(segments.Select((s, i) => new Utterance(i, NormalizeSpeaker(s.Speaker), s.Text, s.StartMs, s.EndMs)).ToList());

    /// <summary>
    /// Reads "Doctor: …" / "Patient: …" lines (also the scripts' "D: " / "P: "); a line without a label keeps
    /// the previous speaker. Times are unknown (0).
    /// </summary>
    public static ClinicalTranscript FromText(string text)
    {
        var utterances = new List<Utterance>();
        var speaker = Speakers.Doctor;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var label = Label().Match(line);
            if (label.Success)
            {
                speaker = NormalizeSpeaker(label.Groups[1].Value);
                line = line[label.Length..].Trim();
            }

            utterances.Add(new Utterance(utterances.Count, speaker, line, 0, 0));
        }

        return new ClinicalTranscript(utterances);
    }

    private static string NormalizeSpeaker(string label) => label.Trim().ToLowerInvariant() switch
    {
        "p" or "patient" or "parent" or "caregiver" => Speakers.Patient,
        _ => Speakers.Doctor,
    };

    private static IEnumerable<Sentence> Split(Utterance utterance)
    {
        var pieces = SentenceEnd().Split(utterance.Text).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var ordinal = 0;
        foreach (var piece in pieces)
        {
            var words = Tokens.Words(piece);
            if (words.Length == 0)
            {
                continue;
            }

            var question = piece.EndsWith('?') || (!HasPunctuation(utterance.Text) && QuestionStart().IsMatch(piece));
            yield return new Sentence(utterance, ordinal++, piece, words, question);
        }
    }

    private static bool HasPunctuation(string text) => text.IndexOfAny(['.', '?', '!', ',']) >= 0;

    [GeneratedRegex(@"^(Doctor|Patient|Parent|Caregiver|D|P)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex Label();

    /// <summary>Ends a sentence at . ? ! or ; followed by a space, but never inside a number such as 0.4.</summary>
    [GeneratedRegex(@"(?<=[.?!;])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(any|have you|has he|has she|do you|does|did you|are you|is there|is it|how|what|when|where|which|who|why|can you|could you)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionStart();
}
