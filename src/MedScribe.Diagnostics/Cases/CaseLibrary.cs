using System.Reflection;
using System.Text.Json;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Diagnostics.Cases;

/// <summary>A case library could not be loaded; the message names the file and the fault.</summary>
public sealed class CaseLibraryException(string message) : Exception(message);

/// <summary>
/// The diagnostic cases, in id order: the embedded library (data/dx0/cases) plus an operator's folder of case
/// files in the same format. Every test a case scripts must be orderable from the catalog (or priced by the case
/// itself in <c>test_prices</c>), so each case result can be found by the name a physician orders.
/// </summary>
public sealed class CaseLibrary
{
    private readonly Dictionary<string, DiagnosticCase> _cases;
    private readonly Dictionary<string, Dictionary<string, string>> _resultsByTest;

    private CaseLibrary(IReadOnlyCollection<DiagnosticCase> cases, TestCatalog catalog)
    {
        foreach (var c in cases)
        {
            Validate(c);
        }

        catalog = catalog.WithCaseTests(cases.SelectMany(c => c.TestPrices).Select(p => (p.TestName, p.CptCode, p.Price)));
        Catalog = catalog;
        _cases = new Dictionary<string, DiagnosticCase>(StringComparer.Ordinal);
        _resultsByTest = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            _cases[c.Id] = c;
            var results = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, result) in c.TestResults)
            {
                var test = catalog.Find(name)
                    ?? throw new CaseLibraryException(
                        $"Case '{c.Id}' scripts the test '{name}', which is not in the test catalog. Add it to an operator catalog " +
                        $"(Dx0:TestCatalogPath: a CSV with the columns {TestCatalog.CsvHeader}, merged over the built-in one), " +
                        "or price it in the case's own test_prices.");
                results[test.Name] = result;
            }

            _resultsByTest[c.Id] = results;
        }

        Cases = _cases.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        if (Cases.Count == 0)
        {
            throw new CaseLibraryException("The case library is empty.");
        }
    }

    public IReadOnlyList<DiagnosticCase> Cases { get; }

    /// <summary>The catalog the library was loaded with, plus the tests only its cases price: what physicians order from.</summary>
    public TestCatalog Catalog { get; }

    /// <summary>The embedded cases only.</summary>
    public static CaseLibrary Embedded(TestCatalog catalog) => new(ReadEmbedded().ToList(), catalog);

    /// <summary>The embedded cases plus every <c>*.json</c> in <paramref name="folder"/> (a file's case replaces an embedded one with its id).</summary>
    public static CaseLibrary Load(TestCatalog catalog, string? folder)
    {
        var cases = ReadEmbedded().ToDictionary(c => c.Id);
        if (!string.IsNullOrEmpty(folder))
        {
            if (!Directory.Exists(folder))
            {
                throw new CaseLibraryException($"The case folder '{folder}' does not exist.");
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var c = Parse(File.ReadAllText(file), file);
                cases[c.Id] = c;
            }
        }

        return new CaseLibrary(cases.Values, catalog);
    }

    public DiagnosticCase? Find(string id) => _cases.GetValueOrDefault(id);

    /// <summary>The case's own result for a catalog test, or null when the case does not script it.</summary>
    public string? ResultOf(string caseId, PricedTest test) =>
        _resultsByTest.TryGetValue(caseId, out var results) ? results.GetValueOrDefault(test.Name) : null;

    /// <summary>A session's case when it did not choose one: the configured one, else spread over the library by session id.</summary>
    public DiagnosticCase DefaultFor(string sessionId, string? configured)
    {
        if (!string.IsNullOrEmpty(configured) && Find(configured) is { } chosen)
        {
            return chosen;
        }

        var hash = 0u;
        foreach (var ch in sessionId)
        {
            hash = unchecked((hash * 31) + ch);
        }

        return Cases[(int)(hash % (uint)Cases.Count)];
    }

    private static IEnumerable<DiagnosticCase> ReadEmbedded()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("dx0/cases/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return Parse(reader.ReadToEnd(), name);
        }
    }

    private static DiagnosticCase Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<DiagnosticCase>(json)
                ?? throw new CaseLibraryException($"{source}: the file holds no case.");
        }
        catch (JsonException e)
        {
            throw new CaseLibraryException($"{source}: not a valid case ({e.Message}).");
        }
    }

    private static void Validate(DiagnosticCase c)
    {
        if (string.IsNullOrWhiteSpace(c.Id) || string.IsNullOrWhiteSpace(c.Summary) || string.IsNullOrWhiteSpace(c.Diagnosis))
        {
            throw new CaseLibraryException($"Case '{c.Id}' needs an id, a summary and a diagnosis.");
        }

        if (c.Findings.Any(f => string.IsNullOrWhiteSpace(f.Text) || f.Keywords is null))
        {
            throw new CaseLibraryException($"Case '{c.Id}' has a finding without text or keywords.");
        }

        if (c.TestPrices.Any(p => p is null || string.IsNullOrWhiteSpace(p.TestName) || p.Price < 0))
        {
            throw new CaseLibraryException($"Case '{c.Id}': every test_prices entry needs a test_name and a price of 0 or more.");
        }
    }
}
