using System.Text.RegularExpressions;

namespace MedScribe.Speech;

/// <summary>Word error rate after normalisation (case, punctuation, hyphens, speaker tags), with substitutions, deletions and insertions.</summary>
public static partial class WordErrorRate
{
    public sealed record Result(int Errors, int Substitutions, int Deletions, int Insertions, int ReferenceWords)
    {
        public double Rate => ReferenceWords == 0 ? 0 : (double)Errors / ReferenceWords;
    }

    /// <summary>Words as compared: lower case, hyphens split, punctuation gone, "Doctor:"/"D:" tags dropped.</summary>
    public static IReadOnlyList<string> Normalize(string text)
    {
        text = SpeakerTag().Replace(text, "").ToLowerInvariant().Replace('-', ' ');
        text = NotWord().Replace(text, " ");
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('\'')).Where(w => w.Length > 0).ToList();
    }

    public static Result Compute(string reference, string hypothesis) => Compute(Normalize(reference), Normalize(hypothesis));

    public static Result Compute(IReadOnlyList<string> r, IReadOnlyList<string> h)
    {
        var d = new int[r.Count + 1, h.Count + 1];
        for (var i = 0; i <= r.Count; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= h.Count; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= r.Count; i++)
        {
            for (var j = 1; j <= h.Count; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1));
            }
        }

        int s = 0, del = 0, ins = 0;
        for (int i = r.Count, j = h.Count; i > 0 || j > 0;)
        {
            if (i > 0 && j > 0 && d[i, j] == d[i - 1, j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1))
            {
                s += r[i - 1] == h[j - 1] ? 0 : 1;
                i--;
                j--;
            }
            else if (i > 0 && d[i, j] == d[i - 1, j] + 1)
            {
                del++;
                i--;
            }
            else
            {
                ins++;
                j--;
            }
        }

        return new Result(d[r.Count, h.Count], s, del, ins, r.Count);
    }

    [GeneratedRegex(@"(?m)^\s*(?:[DP]|Doctor|Patient)\s*:\s*")]
    private static partial Regex SpeakerTag();

    [GeneratedRegex(@"[^a-z0-9' ]+")]
    private static partial Regex NotWord();
}
