using System.Globalization;
using System.Text;

namespace MedScribe.Speech.LanguageModel;

/// <summary>
/// Builds an interpolated Kneser-Ney trigram language model in ARPA format from sentences of
/// normalised words: one absolute discount per order, D = n1 / (n1 + 2 n2), continuation counts for
/// the lower orders, a small mass reserved for unknown words.
/// </summary>
public static class KneserNeyTrigram
{
    private const string Start = "<s>";
    private const string End = "</s>";
    private const double UnknownMass = 0.01;

    public static string BuildArpa(IEnumerable<string> sentences)
    {
        var trigrams = new Dictionary<(string, string, string), int>();
        var rawBigrams = new Dictionary<(string, string), int>();
        var vocabulary = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            var s = new[] { Start }.Concat(words).Append(End).ToArray();
            vocabulary.UnionWith(s);
            for (var i = 1; i < s.Length; i++)
            {
                Increment(rawBigrams, (s[i - 1], s[i]));
                if (i >= 2)
                {
                    Increment(trigrams, (s[i - 2], s[i - 1], s[i]));
                }
            }
        }

        // Continuation counts: in how many distinct left contexts a lower-order n-gram appears.
        var bigrams = new Dictionary<(string, string), int>();
        foreach (var (_, v, w) in trigrams.Keys)
        {
            Increment(bigrams, (v, w));
        }

        foreach (var ((v, w), n) in rawBigrams)
        {
            if (v == Start)
            {
                // Nothing precedes <s>: its bigrams keep their real counts.
                bigrams[(v, w)] = n;
            }
        }

        var unigramContinuations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, w) in bigrams.Keys)
        {
            Increment(unigramContinuations, w);
        }

        var d2 = Discount(bigrams.Values);
        var d3 = Discount(trigrams.Values);
        double total1 = unigramContinuations.Values.Sum();
        var p1 = vocabulary.ToDictionary(w => w, w => (1 - UnknownMass) * unigramContinuations.GetValueOrDefault(w) / total1, StringComparer.Ordinal);
        p1["<unk>"] = UnknownMass;

        var (total2, types2) = ContextStats(bigrams, k => k.Item1);
        var (total3, types3) = ContextStats(trigrams, k => (k.Item1, k.Item2));
        var gamma2 = total2.ToDictionary(e => e.Key, e => d2 * types2[e.Key] / e.Value, StringComparer.Ordinal);
        var gamma3 = total3.ToDictionary(e => e.Key, e => d3 * types3[e.Key] / e.Value);

        double Bigram(string v, string w) => total2.TryGetValue(v, out var t)
            ? Math.Max(bigrams.GetValueOrDefault((v, w)) - d2, 0) / t + gamma2[v] * p1[w]
            : p1[w];

        var arpa = new StringBuilder();
        arpa.Append("\\data\\\n")
            .Append(CultureInfo.InvariantCulture, $"ngram 1={p1.Count}\nngram 2={bigrams.Count}\nngram 3={trigrams.Count}\n\n\\1-grams:\n");
        foreach (var w in p1.Keys.Order(StringComparer.Ordinal))
        {
            arpa.Append(w == Start ? "-99" : Log(p1[w])).Append('\t').Append(w);
            if (gamma2.TryGetValue(w, out var backoff))
            {
                arpa.Append('\t').Append(Log(backoff));
            }

            arpa.Append('\n');
        }

        arpa.Append("\n\\2-grams:\n");
        foreach (var (v, w) in bigrams.Keys.Order())
        {
            arpa.Append(Log(Bigram(v, w))).Append('\t').Append(v).Append(' ').Append(w);
            if (gamma3.TryGetValue((v, w), out var backoff))
            {
                arpa.Append('\t').Append(Log(backoff));
            }

            arpa.Append('\n');
        }

        arpa.Append("\n\\3-grams:\n");
        foreach (var ((u, v, w), n) in trigrams.OrderBy(t => t.Key))
        {
            var p = Math.Max(n - d3, 0) / total3[(u, v)] + gamma3[(u, v)] * Bigram(v, w);
            arpa.Append(Log(p)).Append('\t').Append(u).Append(' ').Append(v).Append(' ').Append(w).Append('\n');
        }

        arpa.Append("\n\\end\\\n");
        return arpa.ToString();
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static double Discount(IEnumerable<int> counts)
    {
        var list = counts.ToList();
        double n1 = list.Count(c => c == 1), n2 = list.Count(c => c == 2);
        return n1 + n2 > 0 ? n1 / (n1 + 2 * n2) : 0.5;
    }

    private static (Dictionary<TContext, double> Totals, Dictionary<TContext, int> Types) ContextStats<TKey, TContext>(
        Dictionary<TKey, int> counts, Func<TKey, TContext> context) where TKey : notnull where TContext : notnull
    {
        var totals = new Dictionary<TContext, double>();
        var types = new Dictionary<TContext, int>();
        foreach (var (key, n) in counts)
        {
            var c = context(key);
            totals[c] = totals.GetValueOrDefault(c) + n;
            types[c] = types.GetValueOrDefault(c) + 1;
        }

        return (totals, types);
    }

    private static string Log(double p) => p > 0 ? Math.Log10(p).ToString("F6", CultureInfo.InvariantCulture) : "-99";
}
