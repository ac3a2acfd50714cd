using System.Globalization;
using System.Reflection;
using MedScribe.Clinical.Text;
using MedScribe.Diagnostics.Text;

namespace MedScribe.Diagnostics.Testing;

/// <summary>
/// A test a physician can order, with its price in dollars, its CPT code when known, and where the price comes
/// from (<see cref="PriceSource"/>).
/// </summary>
public sealed record PricedTest(string Name, decimal Price, string? CptCode, string Source = PriceSource.Published);

/// <summary>Where a catalog price comes from, so an operator can tell the published table from our estimates.</summary>
public static class PriceSource
{
    /// <summary>The published price table, <c>data/test-prices.csv</c>.</summary>
    public const string Published = "published";

    /// <summary>Our estimate, <c>data/dx0/tests-estimated.csv</c>, for a test the published table lacks.</summary>
    public const string Estimate = "estimate";

    /// <summary>The operator's catalog file (<c>Dx0:TestCatalogPath</c>).</summary>
    public const string Operator = "operator";

    /// <summary>A case's own <c>test_prices</c>, for a test no catalog has.</summary>
    public const string Case = "case";
}

/// <summary>A test catalog file could not be read; the message names the file, the line and the fault.</summary>
public sealed class TestCatalogException(string message) : Exception(message);

/// <summary>What an order names: the tests found, or nothing found with the closest names.</summary>
public sealed record TestLookup(IReadOnlyList<PricedTest> Tests, IReadOnlyList<string> Suggestions)
{
    public bool Found => Tests.Count > 0;
}

/// <summary>
/// The orderable tests: <c>data/test-prices.csv</c> (the published price table, first row of a repeated name
/// wins), our estimates for the tests it lacks (<c>data/dx0/tests-estimated.csv</c>), common aliases
/// (<c>data/dx0/test-aliases.tsv</c>), then an operator's CSV in the same format merged over them (a row
/// naming a known test or alias reprices it; any other row adds a test), then the prices cases give for tests
/// no catalog has. Names match ignoring case and punctuation; an unknown name is never priced.
/// </summary>
public sealed class TestCatalog
{
    public const string CsvHeader = "test_name,cpt_code,price";

    private static readonly string[] Fillers =
    [
        "i", "d", "we", "ll", "would", "like", "to", "order", "get", "check", "send", "obtain", "run", "do", "please",
        "a", "an", "the", "some", "let", "lets", "us", "want", "need", "request", "also", "now",
    ];

    /// <summary>Every name and alias (normalised) to the canonical name of its test.</summary>
    private readonly Dictionary<string, string> _names;

    /// <summary>Canonical name to test.</summary>
    private readonly Dictionary<string, PricedTest> _tests;

    private readonly Dictionary<string, PricedTest> _byKey = new(StringComparer.Ordinal);

    /// <summary>The same keys with every word stemmed, so "antibodies" finds "antibody"; an exact key wins.</summary>
    private readonly Dictionary<string, PricedTest> _byStemmedKey = new(StringComparer.Ordinal);

    private TestCatalog(Dictionary<string, string> names, Dictionary<string, PricedTest> tests)
    {
        _names = names;
        _tests = tests;
        foreach (var (key, name) in _names)
        {
            _byKey[key] = _tests[name];
        }

        foreach (var (key, test) in _byKey.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            _byStemmedKey.TryAdd(StemKey(key), test);
        }

        Tests = _tests.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<PricedTest> Tests { get; }

    /// <summary>The built-in catalog: the published table, our estimates and the aliases.</summary>
    public static TestCatalog Default { get; } = BuiltIn();

    /// <summary>The built-in catalog with the operator's CSV (<c>Dx0:TestCatalogPath</c>) merged over it; none when empty.</summary>
    public static TestCatalog Load(string? operatorCsvPath)
    {
        if (string.IsNullOrEmpty(operatorCsvPath))
        {
            return Default;
        }

        if (!File.Exists(operatorCsvPath))
        {
            throw new TestCatalogException($"Dx0:TestCatalogPath: the file '{operatorCsvPath}' does not exist.");
        }

        var names = new Dictionary<string, string>(Default._names, StringComparer.Ordinal);
        var tests = new Dictionary<string, PricedTest>(Default._tests, StringComparer.Ordinal);
        foreach (var (line, name, cpt, price) in ReadCsv(operatorCsvPath, File.ReadLines(operatorCsvPath)))
        {
            var key = PlainWords.Normalize(name);
            if (names.TryGetValue(key, out var known))
            {
                tests[known] = new PricedTest(known, price, cpt ?? tests[known].CptCode, PriceSource.Operator);
            }
            else
            {
                tests[name] = new PricedTest(name, price, cpt, PriceSource.Operator);
                names[key] = name;
            }
        }

        return new TestCatalog(names, tests);
    }

    /// <summary>This catalog plus the tests that only a case prices (a name the catalog knows keeps the catalog's price).</summary>
    public TestCatalog WithCaseTests(IEnumerable<(string Name, string? CptCode, decimal Price)> caseTests)
    {
        var names = new Dictionary<string, string>(_names, StringComparer.Ordinal);
        var tests = new Dictionary<string, PricedTest>(_tests, StringComparer.Ordinal);
        var added = false;
        foreach (var (raw, cpt, price) in caseTests)
        {
            var name = raw.Trim().ToLowerInvariant();
            var key = PlainWords.Normalize(name);
            if (key.Length == 0 || names.ContainsKey(key))
            {
                continue;
            }

            tests[name] = new PricedTest(name, price, cpt, PriceSource.Case);
            names[key] = name;
            added = true;
        }

        return added ? new TestCatalog(names, tests) : this;
    }

    /// <summary>A test by its exact name or alias (case and punctuation ignored).</summary>
    public PricedTest? Find(string name) => FindKey(PlainWords.Normalize(name));

    private PricedTest? FindKey(string key) => _byKey.GetValueOrDefault(key) ?? _byStemmedKey.GetValueOrDefault(StemKey(key));

    private static string StemKey(string key) => string.Join(' ', key.Split(' ').Select(PlainWords.Stem));

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

        if (FindKey(string.Join(' ', TrimFillers(words))) is { } named)
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

            var test = FindKey(string.Join(' ', trimmed)) ?? LongestContained(part);
            if (test is null)
            {
                return LongestContained(words) is { } one
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
                if (FindKey(string.Join(' ', words, start, length)) is { } test
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

    private static TestCatalog BuiltIn()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var tests = new Dictionary<string, PricedTest>(StringComparer.Ordinal);
        foreach (var (file, source) in (ReadOnlySpan<(string, string)>)[("test-prices.csv", PriceSource.Published), ("tests-estimated.csv", PriceSource.Estimate)])
        {
            foreach (var (_, name, cpt, price) in ReadCsv(file, ReadLines(file)))
            {
                var key = PlainWords.Normalize(name);
                if (!names.ContainsKey(key))
                {
                    // The published table repeats some names: its first row wins.
                    tests[name] = new PricedTest(name, price, cpt, source);
                    names[key] = name;
                }
            }
        }

        foreach (var line in ReadLines("test-aliases.tsv").Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var cells = line.Split('\t');
            var target = names.GetValueOrDefault(PlainWords.Normalize(cells[1]))
                ?? throw new InvalidOperationException($"test-aliases.tsv: '{cells[0]}' names '{cells[1]}', which has no price.");
            names.TryAdd(PlainWords.Normalize(cells[0]), target);
        }

        return new TestCatalog(names, tests);
    }

    /// <summary>
    /// The rows of a catalog CSV (<see cref="CsvHeader"/>): a name, an optional CPT code and a price of zero or
    /// more dollars; blank lines are skipped. A row that cannot be read stops the load, naming its line.
    /// </summary>
    private static IEnumerable<(int Line, string Name, string? Cpt, decimal Price)> ReadCsv(string source, IEnumerable<string> lines)
    {
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var row = raw.TrimEnd('\r');
            if (number == 1)
            {
                if (!string.Equals(string.Join(',', CsvRow.Split(row).Select(c => c.Trim())), CsvHeader, StringComparison.OrdinalIgnoreCase))
                {
                    throw new TestCatalogException($"{source} line 1: the header must be '{CsvHeader}'.");
                }

                continue;
            }

            if (row.Trim().Length == 0)
            {
                continue;
            }

            var cells = CsvRow.Split(row);
            if (cells.Count != 3)
            {
                throw new TestCatalogException($"{source} line {number}: expected 3 columns ({CsvHeader}), found {cells.Count}.");
            }

            var name = cells[0].Trim().ToLowerInvariant();
            if (PlainWords.Normalize(name).Length == 0)
            {
                throw new TestCatalogException($"{source} line {number}: test_name is empty.");
            }

            if (!decimal.TryParse(cells[2].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price < 0 || price > 1_000_000m)
            {
                throw new TestCatalogException($"{source} line {number}: price '{cells[2].Trim()}' must be a number of dollars from 0 to 1000000.");
            }

            var cpt = cells[1].Trim();
            yield return (number, name, cpt.Length > 0 ? cpt : null, price);
        }
    }

    private static IEnumerable<string> ReadLines(string name) => EmbeddedText.ReadLines(Assembly.GetExecutingAssembly(), "dx0/" + name);
}
