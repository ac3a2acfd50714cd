using System.Text;

namespace MedScribe.Diagnostics.Text;

/// <summary>
/// Normal forms for matching what a physician types against the case library: lower case, letters and
/// digits only, and a light stem so "vomited", "vomiting" and "vomits" meet.
/// </summary>
public static class PlainWords
{
    /// <summary>Words too common to carry a question's topic.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "is", "are", "was", "were", "be",
        "does", "do", "did", "has", "have", "had", "he", "she", "they", "him", "her", "his", "their", "it", "its",
        "any", "there", "what", "which", "who", "how", "can", "could", "you", "your", "me", "my", "i", "we", "us",
        "tell", "about", "please", "patient", "patients", "this", "that", "at", "by", "from", "as", "if", "so",
        "would", "should", "like", "know", "ask", "some", "been", "being", "get", "let", "lets", "s", "also",
    };

    /// <summary>Lower-case letter-and-digit words; everything else separates words.</summary>
    public static string[] Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (ch is '\'' or '\u2019')
            {
                // "patient's" is one word, "patient".
                continue;
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return [.. words];
    }

    /// <summary>The words joined by single spaces: the key names are matched on.</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text));

    /// <summary>Stemmed words, stop words removed.</summary>
    public static string[] ContentStems(string text) =>
        Words(text).Where(w => !StopWords.Contains(w)).Select(Stem).ToArray();

    /// <summary>Stemmed words in order, stop words kept, for phrase matching.</summary>
    public static string[] Stems(string text) => Words(text).Select(Stem).ToArray();

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>A deliberately small suffix stripper: enough for plurals and verb forms of symptom words.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || word.Any(char.IsDigit))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        foreach (var suffix in (string[])["ing", "ed", "es", "s"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3
                && !(suffix == "s" && word.EndsWith("ss", StringComparison.Ordinal))
                && !(suffix == "es" && !EndsWithSibilant(word[..^2])))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    /// <summary>True when <paramref name="phrase"/> occurs in <paramref name="words"/> as consecutive words.</summary>
    public static bool ContainsPhrase(IReadOnlyList<string> words, IReadOnlyList<string> phrase) => IndexOfPhrase(words, phrase) >= 0;

    public static int IndexOfPhrase(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        if (phrase.Count == 0)
        {
            return -1;
        }

        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Count && match; j++)
            {
                match = words[i + j] == phrase[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static bool EndsWithSibilant(string stem) =>
        stem.EndsWith('s') || stem.EndsWith('x') || stem.EndsWith('z') || stem.EndsWith("ch", StringComparison.Ordinal) || stem.EndsWith("sh", StringComparison.Ordinal);
}
