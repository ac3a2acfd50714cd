using System.Globalization;
using System.Text;

namespace MedScribe.Speech.LanguageModel;

/// <summary>
/// Builds an interpolated, modified Kneser-Ney trigram language model in ARPA format from sentences of
/// normalised words: three absolute discounts per order, for n-grams seen once, twice and more often
/// (Chen and Goodman 1998), continuation counts for the lower orders, a small mass reserved for
/// unknown words.
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

        var d2 = Discounts.Of(bigrams.Values);
        var d3 = Discounts.Of(trigrams.Values);
        double total1 = unigramContinuations.Values.Sum();
        var p1 = vocabulary.ToDictionary(w => w, w => (1 - UnknownMass) * unigramContinuations.GetValueOrDefault(w) / total1, StringComparer.Ordinal);
        p1["<unk>"] = UnknownMass;

        var (total2, discounted2) = ContextStats(bigrams, k => k.Item1, d2);
        var (total3, discounted3) = ContextStats(trigrams, k => (k.Item1, k.Item2), d3);
        var gamma2 = total2.ToDictionary(e => e.Key, e => discounted2[e.Key] / e.Value, StringComparer.Ordinal);
        var gamma3 = total3.ToDictionary(e => e.Key, e => discounted3[e.Key] / e.Value);

        double Bigram(string v, string w)
        {
            if (!total2.TryGetValue(v, out var t))
            {
                return p1[w];
            }

            var n = bigrams.GetValueOrDefault((v, w));
            return Math.Max(n - d2.For(n), 0) / t + gamma2[v] * p1[w];
        }

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
            var p = Math.Max(n - d3.For(n), 0) / total3[(u, v)] + gamma3[(u, v)] * Bigram(v, w);
            arpa.Append(Log(p)).Append('\t').Append(u).Append(' ').Append(v).Append(' ').Append(w).Append('\n');
        }

        arpa.Append("\n\\end\\\n");
        return arpa.ToString();
    }

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>The mass taken from an n-gram seen once, twice, or three times or more.</summary>
    internal sealed record Discounts(double One, double Two, double ThreeOrMore)
    {
        public double For(int count) => count switch { <= 0 => 0, 1 => One, 2 => Two, _ => ThreeOrMore };

        /// <summary>
        /// Chen and Goodman's estimates from the counts of counts n1..n4: Y = n1 / (n1 + 2 n2),
        /// D1 = 1 - 2Y n2/n1, D2 = 2 - 3Y n3/n2, D3+ = 3 - 4Y n4/n3. A count of counts a small corpus
        /// lacks falls back on the single discount Y, and each discount stays below the count it cuts.
        /// </summary>
        public static Discounts Of(IEnumerable<int> counts)
        {
            var n = new double[5];
            foreach (var c in counts)
            {
                if (c <= 4)
                {
                    n[c]++;
                }
            }

            var y = n[1] + n[2] > 0 ? n[1] / (n[1] + 2 * n[2]) : 0.5;
            double Estimate(int k) => n[k] > 0 && n[k + 1] > 0 ? Math.Clamp(k - (k + 1) * y * n[k + 1] / n[k], 0.05, k - 0.05) : y;
            return new Discounts(Estimate(1), Estimate(2), Estimate(3));
        }
    }

    /// <summary>Per context: the total count, and the mass its discounts free for the lower order.</summary>
    private static (Dictionary<TContext, double> Totals, Dictionary<TContext, double> Discounted) ContextStats<TKey, TContext>(
        Dictionary<TKey, int> counts, Func<TKey, TContext> context, Discounts discounts) where TKey : notnull where TContext : notnull
    {
        var totals = new Dictionary<TContext, double>();
        var discounted = new Dictionary<TContext, double>();
        foreach (var (key, n) in counts)
        {
            var c = context(key);
            totals[c] = totals.GetValueOrDefault(c) + n;
            discounted[c] = discounted.GetValueOrDefault(c) + discounts.For(n);
        }

        return (totals, discounted);
    }

    private static string Log(double p) => p > 0 ? Math.Log10(p).ToString("F6", CultureInfo.InvariantCulture) : "-99";
}
