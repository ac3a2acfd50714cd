namespace MedScribe.Clinical.Lexicons;

/// <summary>Where a lexicon phrase was found: word positions [Start, End) and what it names.</summary>
public readonly record struct PhraseMatch<T>(int Start, int End, T Value);

/// <summary>
/// Finds lexicon phrases in a word sequence, longest first, never overlapping. Words said inside a phrase that only
/// qualify it (a side: "osteoarthritis of the right knee" is "osteoarthritis of the knee") may be skipped, at most two;
/// inside a phrase one possessive or article stands for another ("an MRI of your lumbar spine" is "MRI of the lumbar spine"),
/// and the last word of a phrase of several may be said in the plural.
/// </summary>
public sealed class PhraseMatcher<T>(IReadOnlySet<string>? skippable = null, bool sayDigits = true)
{
    private readonly Dictionary<string, List<(string[] Words, T Value)>> _byFirstWord = new(StringComparer.Ordinal);

    public void Add(string phrase, T value)
    {
        var words = Text.Tokens.Words(phrase);
        if (words.Length == 0)
        {
            return;
        }

        // "free t4" is also heard as "free t four", "a1c" as "a one c" (not a drug's name: "vitamin d two thousand units" is no
        // vitamin D2).
        if (sayDigits && words.Any(w => w.Any(char.IsAsciiDigit) && w.Any(char.IsAsciiLetter)))
        {
            AddWords(words.SelectMany(w => w.Any(char.IsAsciiLetter) ? Text.Tokens.Said(w).Split(' ') : [w]).ToArray(), value);
        }

        AddWords(words, value);
    }

    private void AddWords(string[] words, T value)
    {

        if (!_byFirstWord.TryGetValue(words[0], out var list))
        {
            _byFirstWord[words[0]] = list = [];
        }

        if (!list.Any(e => e.Words.SequenceEqual(words)))
        {
            list.Add((words, value));
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
    }

    public IReadOnlyList<PhraseMatch<T>> FindAll(IReadOnlyList<string> words)
    {
        var found = new List<PhraseMatch<T>>();
        for (var i = 0; i < words.Count; i++)
        {
            if (Longest(words, i) is { } match)
            {
                found.Add(match);
                i = match.End - 1;
            }
        }

        return found;
    }

    private PhraseMatch<T>? Longest(IReadOnlyList<string> words, int start)
    {
        if (!_byFirstWord.TryGetValue(words[start], out var candidates))
        {
            return null;
        }

        foreach (var (phrase, value) in candidates)
        {
            if (End(phrase, words, start) is { } end)
            {
                return new PhraseMatch<T>(start, end, value);
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="phrase"/> said from <paramref name="start"/> ends, with the skippable words inside it, or null.</summary>
    private int? End(string[] phrase, IReadOnlyList<string> words, int start)
    {
        var at = start;
        var skipped = 0;
        for (var k = 0; k < phrase.Length; k++, at++)
        {
            while (k > 0 && at < words.Count && !Same(words[at], phrase[k], k, phrase.Length) && skipped < 2 && skippable?.Contains(words[at]) == true)
            {
                at++;
                skipped++;
            }

            if (at >= words.Count || !Same(words[at], phrase[k], k, phrase.Length))
            {
                return null;
            }
        }

        return at;
    }

    /// <summary>
    /// The same word, one possessive or article for another inside a phrase, or the plural of a phrase's last word when the
    /// phrase has more than one ("tension headaches", "kidney stones").
    /// </summary>
    private static bool Same(string said, string written, int k, int length) =>
        said == written || k > 0 && Determiners.Contains(said) && Determiners.Contains(written)
        || k > 0 && k == length - 1 && written.Length > 3 && (said == written + "s" || said == written + "es");

    private static readonly HashSet<string> Determiners = ["the", "your", "his", "her", "my", "their", "our"];
}
