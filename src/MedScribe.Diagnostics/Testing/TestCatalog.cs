using System.Globalization;
using System.Reflection;
using MedScribe.Clinical.Text;
using MedScribe.Diagnostics.Text;

namespace MedScribe.Diagnostics.Testing;

/// <summary>A test a physician can order, with its price in dollars and its CPT code when the price table has one.</summary>
public sealed record PricedTest(string Name, decimal Price, string? CptCode);

/// <summary>What an order names: the tests found, or nothing found with the closest names.</summary>
public sealed record TestLookup(IReadOnlyList<PricedTest> Tests, IReadOnlyList<string> Suggestions)
{
    public bool Found => Tests.Count > 0;
}

/// <summary>
/// The orderable tests: <c>data/test-prices.csv</c> (the published price table, first row of a repeated name
/// wins), the prices our cases need that the table lacks (<c>data/dx0/tests-extra.csv</c>), and common aliases
/// (<c>data/dx0/test-aliases.tsv</c>). Names match ignoring case and punctuation; an unknown name is never priced.
/// </summary>
public sealed class TestCatalog
{
    private static readonly string[] Fillers =
    [
        "i", "d", "we", "ll", "would", "like", "to", "order", "get", "check", "send", "obtain", "run", "do", "please",
        "a", "an", "the", "some", "let", "lets", "us", "want", "need", "request", "also", "now",
    ];

    private readonly Dictionary<string, PricedTest> _byKey = new(StringComparer.Ordinal);
    private readonly List<PricedTest> _tests = [];

    private TestCatalog()
    {
    }

    public IReadOnlyList<PricedTest> Tests => _tests;

    /// <summary>The embedded price table, extras and aliases.</summary>
    public static TestCatalog Default { get; } = Load();

    /// <summary>A test by its exact name or alias (case and punctuation ignored).</summary>
    public PricedTest? Find(string name) => _byKey.GetValueOrDefault(PlainWords.Normalize(name));

    /// <summary>
    /// The tests an order names: one name or alias, possibly with filler ("order a CBC please"), or a list
    /// ("cbc, bmp and lipase"). Unknown names give suggestions instead.
    /// </summary>
    public TestLookup Lookup(string request)
    {
        var words = PlainWords.Words(request);
        if (words.Length == 0)
        {
            return new TestLookup([], []);
        }

        if (Find(request) is { } exact)
        {
            return new TestLookup([exact], []);
        }

        if (_byKey.GetValueOrDefault(string.Join(' ', TrimFillers(words))) is { } named)
        {
            return new TestLookup([named], []);
        }

        var parts = SplitList(request);
        var found = new List<PricedTest>();
        foreach (var part in parts)
        {
            var trimmed = TrimFillers(part);
            if (trimmed.Length == 0)
            {
                continue;
            }

            var test = _byKey.GetValueOrDefault(string.Join(' ', trimmed)) ?? LongestContained(trimmed);
            if (test is null)
            {
                return LongestContained(TrimFillers(words)) is { } one
                    ? new TestLookup([one], [])
                    : new TestLookup([], Suggest(string.Join(' ', trimmed)));
            }

            if (!found.Contains(test))
            {
                found.Add(test);
            }
        }

        return found.Count > 0 ? new TestLookup(found, []) : new TestLookup([], Suggest(string.Join(' ', words)));
    }

    /// <summary>Up to five catalog names closest to <paramref name="text"/>: shared words first, then spelling.</summary>
    public IReadOnlyList<string> Suggest(string text, int count = 5)
    {
        var normal = PlainWords.Normalize(text);
        var stems = PlainWords.ContentStems(text).ToHashSet(StringComparer.Ordinal);
        return _byKey
            .Select(entry =>
            {
                var keyStems = PlainWords.ContentStems(entry.Key);
                var shared = keyStems.Count(stems.Contains);
                var distance = PlainWords.EditDistance(normal, entry.Key) / (double)Math.Max(normal.Length, entry.Key.Length);
                return (entry.Value.Name, Score: shared - distance);
            })
            .Where(s => s.Score > -0.5)
            .GroupBy(s => s.Name)
            .Select(g => (Name: g.Key, Score: g.Max(s => s.Score)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(s => s.Name)
            .ToList();
    }

    /// <summary>
    /// A name inside a sentence ("chest x-ray to look for pneumonia"): only filler may come before it, and only
    /// filler or a purpose ("to …", "for …") after it, so "troponin x" is not taken for troponin.
    /// </summary>
    private PricedTest? LongestContained(string[] words)
    {
        for (var length = words.Length - 1; length >= 1; length--)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                var end = start + length;
                if (_byKey.TryGetValue(string.Join(' ', words, start, length), out var test)
                    && !(length == 1 && PlainWords.IsStopWord(words[start]))
                    && words[..start].All(Fillers.Contains)
                    && (end == words.Length || words[end] is "to" or "for" or "because" or "since" || words[end..].All(Fillers.Contains)))
                {
                    return test;
                }
            }
        }

        return null;
    }

    private static string[] TrimFillers(string[] words)
    {
        var start = 0;
        var end = words.Length;
        while (start < end && Fillers.Contains(words[start]))
        {
            start++;
        }

        while (end > start && Fillers.Contains(words[end - 1]))
        {
            end--;
        }

        return words[start..end];
    }

    private static List<string[]> SplitList(string request) =>
        System.Text.RegularExpressions.Regex.Split(request, @"[,;+&]|\band\b|\bplus\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            .Select(PlainWords.Words)
            .Where(p => p.Length > 0)
            .ToList();

    private static TestCatalog Load()
    {
        var catalog = new TestCatalog();
        foreach (var file in (string[])["test-prices.csv", "tests-extra.csv"])
        {
            foreach (var row in ReadLines(file).Skip(1).Where(l => l.Length > 0))
            {
                var cells = CsvRow.Split(row);
                var name = cells[0].Trim().ToLowerInvariant();
                var key = PlainWords.Normalize(name);
                if (cells.Count < 3 || catalog._byKey.ContainsKey(key))
                {
                    continue;
                }

                var test = new PricedTest(
                    name,
                    decimal.Parse(cells[2], NumberStyles.Number, CultureInfo.InvariantCulture),
                    cells[1].Trim() is { Length: > 0 } cpt ? cpt : null);
                catalog._tests.Add(test);
                catalog._byKey[key] = test;
            }
        }

        foreach (var line in ReadLines("test-aliases.tsv").Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var cells = line.Split('\t');
            var target = catalog.Find(cells[1])
                ?? throw new InvalidOperationException($"test-aliases.tsv: '{cells[0]}' names '{cells[1]}', which has no price.");
            catalog._byKey.TryAdd(PlainWords.Normalize(cells[0]), target);
        }

        catalog._tests.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return catalog;
    }

    private static IEnumerable<string> ReadLines(string name) => EmbeddedText.ReadLines(Assembly.GetExecutingAssembly(), "dx0/" + name);
}
