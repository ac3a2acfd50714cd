using System.Text.RegularExpressions;
using MedScribe.Abstractions.Sessions;

namespace MedScribe.Speech;

/// <summary>
/// Labels utterances <c>Doctor</c> or <c>Patient</c>. Voices are told apart acoustically (each utterance's
/// median pitch, two clusters) and the clusters are named from what is said (questions, plans and
/// "your ..." for the clinician; "I", "my" and answers for the patient), in the line's language where we
/// have its cues (English, Spanish, French, German, Portuguese, Hindi) and by question marks in any
/// language an engine punctuates. When the two voices are too close in pitch to separate, each utterance
/// is labelled from its content, and an utterance with no cue continues the previous speaker after a
/// short pause or hands over after a long one.
/// </summary>
public static partial class SpeakerRoles
{
    public const string Doctor = "Doctor";
    public const string Patient = "Patient";

    /// <summary>Cluster centres must differ by this factor for the pitch split to be trusted.</summary>
    private const double DistinctVoices = 1.2;

    /// <summary>Labels utterances, measuring each one's pitch in <paramref name="samples"/> (the whole recording).</summary>
    public static IReadOnlyList<TranscriptSegment> Label(IReadOnlyList<TranscriptSegment> utterances, short[] samples) =>
        Label(utterances.Select(u => u with { PitchHz = MedianPitch(samples, u.StartMs / 1000.0, u.EndMs / 1000.0) }).ToList());

    /// <summary>Median pitch in Hz of a stretch of the recording, or null when it is not voiced enough to tell.</summary>
    public static double? MedianPitch(short[] samples, double startSeconds, double endSeconds) => Pitch.Median(samples, startSeconds, endSeconds);

    /// <summary>
    /// Labels utterances whose pitches were measured when their audio was at hand: each line is one
    /// speaker's consecutive utterances joined (the words and pitch of the parts are not kept).
    /// </summary>
    public static IReadOnlyList<TranscriptSegment> Label(IReadOnlyList<TranscriptSegment> utterances)
    {
        if (utterances.Count == 0)
        {
            return [];
        }

        var roles = Roles(utterances);

        var lines = new List<TranscriptSegment>();
        for (var i = 0; i < utterances.Count; i++)
        {
            var u = utterances[i];
            if (lines.Count > 0 && lines[^1].Speaker == roles[i])
            {
                var last = lines[^1];
                lines[^1] = last with { Text = last.Text + " " + u.Text, EndMs = u.EndMs, Confidence = (last.Confidence + u.Confidence) / 2 };
            }
            else
            {
                lines.Add(new TranscriptSegment(roles[i], u.Text, u.StartMs, u.EndMs, u.Confidence, Language: u.Language));
            }
        }

        return lines.Select(l => l with { Text = Tidy(l.Text), Confidence = Math.Round(l.Confidence, 3) }).ToList();
    }

    /// <summary>Each utterance's speaker (<see cref="Doctor"/> or <see cref="Patient"/>), the utterances not joined: a live session's provisional labels.</summary>
    public static string[] Roles(IReadOnlyList<TranscriptSegment> utterances)
    {
        var pitches = utterances.Select(u => u.PitchHz).ToArray();
        var cues = utterances.Select(u => ContentScore(u.Text, u.Language)).ToArray();
        return ByPitch(pitches, cues) ?? ByContent(utterances, cues);
    }

    /// <summary>
    /// Positive when an utterance sounds like the clinician, negative like the patient. English cues count in
    /// every language (clinics mix languages); <paramref name="language"/> adds that language's own.
    /// </summary>
    public static double ContentScore(string text, string? language = null)
    {
        var t = " " + text.ToLowerInvariant() + " ";
        double score = 0;
        // A parent's or patient's own question ("how will we know …", "does her brother need it", "should I …") is not one of
        // the clinician's.
        var own = PatientQuestion().IsMatch(t);
        score += own ? -2 : 2 * QuestionStart().Matches(t).Count;
        score += 1.5 * ClinicianPhrase().Matches(t).Count;
        score += 0.5 * SecondPerson().Matches(t).Count;
        score -= 1.0 * FirstPerson().Matches(t).Count;
        score -= 1.5 * PatientPhrase().Matches(t).Count;
        // The clinician asks most of a visit's questions; engines that punctuate mark them in any script.
        score += 1.5 * t.Count(c => c is '?' or '？' or '؟');
        if (language is not null && SpeakerCues.For(language) is { } cues)
        {
            score += 2 * cues.Question.Matches(t).Count;
            score += 1.5 * cues.Clinician.Matches(t).Count;
            score += 0.5 * cues.SecondPerson.Matches(t).Count;
            score -= 1.0 * cues.FirstPerson.Matches(t).Count;
            score -= 1.5 * cues.Patient.Matches(t).Count;
        }

        return score;
    }

    private static string[]? ByPitch(double?[] pitches, double[] cues)
    {
        var voiced = pitches.Where(p => p is not null).Select(p => Math.Log(p!.Value)).ToArray();
        if (voiced.Length < 4)
        {
            return null;
        }

        // Two-means on log pitch, started from the extremes.
        double low = voiced.Min(), high = voiced.Max();
        for (var iteration = 0; iteration < 20; iteration++)
        {
            var lows = voiced.Where(v => Math.Abs(v - low) <= Math.Abs(v - high)).ToArray();
            var highs = voiced.Where(v => Math.Abs(v - low) > Math.Abs(v - high)).ToArray();
            if (lows.Length == 0 || highs.Length == 0)
            {
                return null;
            }

            (low, high) = (lows.Average(), highs.Average());
        }

        if (Math.Exp(high - low) < DistinctVoices)
        {
            return null;
        }

        var cluster = pitches.Select(p => p is null ? (bool?)null : Math.Abs(Math.Log(p.Value) - high) < Math.Abs(Math.Log(p.Value) - low)).ToArray();
        var highCue = cues.Where((_, i) => cluster[i] == true).Sum() / Math.Max(1, cluster.Count(c => c == true));
        var lowCue = cues.Where((_, i) => cluster[i] == false).Sum() / Math.Max(1, cluster.Count(c => c == false));
        var highRole = highCue >= lowCue ? Doctor : Patient;
        var lowRole = highRole == Doctor ? Patient : Doctor;
        var roles = new string[pitches.Length];
        for (var i = 0; i < roles.Length; i++)
        {
            // An utterance with no pitch (whispered, very short) goes with its content, else its neighbour.
            roles[i] = cluster[i] switch
            {
                true => highRole,
                false => lowRole,
                null => cues[i] > 0 ? Doctor : cues[i] < 0 ? Patient : i > 0 ? roles[i - 1] : Doctor,
            };
        }

        return roles;
    }

    private static string[] ByContent(IReadOnlyList<TranscriptSegment> utterances, double[] cues)
    {
        var roles = new string[utterances.Count];
        for (var i = 0; i < roles.Length; i++)
        {
            var previous = i == 0 ? Patient : roles[i - 1];
            var pause = i == 0 ? 0 : (utterances[i].StartMs - utterances[i - 1].EndMs) / 1000.0;
            roles[i] = cues[i] > 0.5 ? Doctor
                : cues[i] < -0.5 ? Patient
                : pause > 1.0 ? (previous == Doctor ? Patient : Doctor)
                : i == 0 ? Doctor : previous;
        }

        return roles;
    }

    private static string Tidy(string text)
    {
        text = LowerI().Replace(text, "I");
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"^ (how|what|when|where|which|why|any|anything|do you|does|did you|have you|has|are you|is there|is it|can you|could you|tell me|so you)\b")]
    private static partial Regex QuestionStart();

    [GeneratedRegex(@"\b(i'm going to|i am going to|let's|let us|let me|i'd like|i would like|i want you|we'll|we will|i'll|i will|i recommend|prescrib\w*|milligrams|micrograms|puffs|start you|order\w*|refer\w*|follow up|come back|(bring|see) (him|her|them) back|send a refill|exam\w*|listen to|take a deep breath|your (blood pressure|heart|lungs|oxygen|temperature|weight|pulse|exam|labs|test)|diagnos\w*|assessment|plan)\b")]
    private static partial Regex ClinicianPhrase();

    [GeneratedRegex(@"^ (how (will|do|long will|long do|often do|often should) (we|i)|should (i|we)|can (i|we)|will (i|we)|do (i|we) (need|have)|does (he|she|her|his|my) \w+ need\w*|is (he|she) (going|contagious|okay|ok))\b")]
    private static partial Regex PatientQuestion();

    [GeneratedRegex(@"\b(you|your|you're|you've)\b")]
    private static partial Regex SecondPerson();

    [GeneratedRegex(@"\b(i|i'm|i've|i'd|my|me|mine|myself)\b")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(yes|yeah|no|nope|okay|thank you|thanks|doctor|it hurts|i feel|i have|i've been|i had|sometimes|not really|i think)\b")]
    private static partial Regex PatientPhrase();

    [GeneratedRegex(@"\bi\b")]
    private static partial Regex LowerI();
}

/// <summary>Median fundamental frequency of a stretch of speech, by autocorrelation at 8 kHz.</summary>
internal static class Pitch
{
    private const int Rate = 8000;
    private const int Frame = 320;
    private const int Hop = 320;
    private const int MinLag = Rate / 400;
    private const int MaxLag = Rate / 60;
    private const double MinPeak = 0.45;
    private const int MaxFrames = 100;

    public static double? Median(short[] samples, double startSeconds, double endSeconds)
    {
        var from = Math.Clamp((int)(startSeconds * PcmAudio.SampleRate), 0, samples.Length);
        var to = Math.Clamp((int)(endSeconds * PcmAudio.SampleRate), from, samples.Length);
        var x = new float[(to - from) / 2];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (samples[from + 2 * i] + samples[from + 2 * i + 1]) / 65536f;
        }

        var estimates = new List<double>();
        for (var start = 0; start + Frame + MaxLag < x.Length && estimates.Count < MaxFrames; start += Hop)
        {
            double energy = 0;
            for (var i = start; i < start + Frame; i++)
            {
                energy += x[i] * x[i];
            }

            if (energy / Frame < 1e-4)
            {
                continue; // too quiet to be voiced
            }

            var bestLag = 0;
            var best = 0.0;
            for (var lag = MinLag; lag <= MaxLag; lag++)
            {
                double sum = 0, shifted = 0;
                for (var i = start; i < start + Frame; i++)
                {
                    sum += x[i] * x[i + lag];
                    shifted += x[i + lag] * x[i + lag];
                }

                var r = sum / Math.Sqrt(energy * shifted + 1e-12);
                if (r > best)
                {
                    (best, bestLag) = (r, lag);
                }
            }

            if (best >= MinPeak)
            {
                estimates.Add(Rate / (double)bestLag);
            }
        }

        if (estimates.Count < 3)
        {
            return null;
        }

        estimates.Sort();
        return estimates[estimates.Count / 2];
    }
}
