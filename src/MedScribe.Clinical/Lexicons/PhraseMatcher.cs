namespace MedScribe.Clinical.Lexicons;

/// <summary>Where a lexicon phrase was found: word positions [Start, End) and what it names.</summary>
public readonly record struct PhraseMatch<T>(int Start, int End, T Value);

/// <summary>Finds lexicon phrases in a word sequence, longest first, never overlapping.</summary>
public sealed class PhraseMatcher<T>
{
    private readonly Dictionary<string, List<(string[] Words, T Value)>> _byFirstWord = new(StringComparer.Ordinal);

    public void Add(string phrase, T value)
    {
        var words = Text.Tokens.Words(phrase);
        if (words.Length == 0)
        {
            return;
        }

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
            if (start + phrase.Length <= words.Count && phrase.Select((w, k) => words[start + k] == w).All(ok => ok))
            {
                return new PhraseMatch<T>(start, start + phrase.Length, value);
            }
        }

        return null;
    }
}
