using System.Text.Json;
using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Testing;
using MedScribe.Testing;

namespace MedScribe.Diagnostics.Tests;

public sealed class CaseLibraryTests
{
    [Fact]
    public void The_embedded_library_is_the_shared_case_set_and_every_scripted_test_is_orderable()
    {
        var library = CaseLibrary.Embedded(TestCatalog.Default);
        var shared = Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "..", "shared", "testdata", "dx-cases"), "*.json");
        var expected = shared.Length > 0 ? shared.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()
            : ["01-acute-appendicitis", "02-diabetic-ketoacidosis", "03-pulmonary-embolism", "04-giant-cell-arteritis", "05-primary-adrenal-insufficiency", "06-infective-endocarditis"];
        Assert.Equal(expected, library.Cases.Select(c => c.Id));
        foreach (var c in library.Cases)
        {
            foreach (var (name, result) in c.TestResults)
            {
                var test = TestCatalog.Default.Find(name);
                Assert.NotNull(test);
                Assert.Equal(result, library.ResultOf(c.Id, test));
            }
        }
    }

    [Fact]
    public void A_folder_case_is_added_and_one_with_an_unpriced_test_is_refused_naming_the_test()
    {
        var folder = Directory.CreateTempSubdirectory("dxcases").FullName;
        try
        {
            var extra = new DiagnosticCase
            {
                Id = "99-test", Summary = "A 40-year-old with a headache", Diagnosis = "Migraine",
                TestResults = new Dictionary<string, string> { ["cbc"] = "normal" },
            };
            File.WriteAllText(Path.Combine(folder, "99.json"), JsonSerializer.Serialize(extra));
            var library = CaseLibrary.Load(TestCatalog.Default, folder);
            Assert.Equal(CaseLibrary.Embedded(TestCatalog.Default).Cases.Count + 1, library.Cases.Count);
            Assert.Equal("normal", library.ResultOf("99-test", TestCatalog.Default.Find("complete blood count")!));

            File.WriteAllText(Path.Combine(folder, "98.json"), JsonSerializer.Serialize(extra with { Id = "98-bad", TestResults = new Dictionary<string, string> { ["unobtainium assay"] = "x" } }));
            var error = Assert.Throws<CaseLibraryException>(() => CaseLibrary.Load(TestCatalog.Default, folder));
            Assert.Contains("'unobtainium assay'", error.Message);
            Assert.Contains("98-bad", error.Message);
            Assert.Contains("Dx0:TestCatalogPath", error.Message);
            Assert.Contains("test_prices", error.Message);

            // The case prices its own test: orderable from the library's catalog, marked as the case's price.
            File.WriteAllText(Path.Combine(folder, "98.json"), JsonSerializer.Serialize(extra with
            {
                Id = "98-priced",
                TestResults = new Dictionary<string, string> { ["unobtainium assay"] = "high", ["cbc"] = "normal" },
                TestPrices = [new CaseTestPrice("unobtainium assay", null, 321m), new CaseTestPrice("complete blood count", null, 1m)],
            }));
            var priced = CaseLibrary.Load(TestCatalog.Default, folder);
            var assay = priced.Catalog.Lookup("order the unobtainium assay").Tests.Single();
            Assert.Equal(new PricedTest("unobtainium assay", 321m, null, PriceSource.Case), assay);
            Assert.Equal("high", priced.ResultOf("98-priced", assay));
            Assert.Equal(9.0m, priced.Catalog.Find("cbc")!.Price);
            Assert.Null(TestCatalog.Default.Find("unobtainium assay"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void The_default_case_is_the_configured_one_else_stable_per_session()
    {
        var library = CaseLibrary.Embedded(TestCatalog.Default);
        Assert.Equal("03-pulmonary-embolism", library.DefaultFor("any", "03-pulmonary-embolism").Id);
        Assert.Equal(library.DefaultFor("dxs_abc", null).Id, library.DefaultFor("dxs_abc", "").Id);
        Assert.True(Enumerable.Range(0, 40).Select(i => library.DefaultFor($"dxs_{i}", null).Id).Distinct().Count() > 1);
    }
}
