using MedScribe.Diagnostics.Testing;

namespace MedScribe.Diagnostics.Tests;

public sealed class TestCatalogTests
{
    private static readonly TestCatalog Catalog = TestCatalog.Default;

    [Fact]
    public void Prices_and_cpt_codes_come_from_the_price_table_and_the_first_row_of_a_repeated_name_wins()
    {
        var cbc = Catalog.Find("Complete Blood Count")!;
        Assert.Equal(new PricedTest("complete blood count", 9.0m, "85027"), cbc);
        Assert.Equal(new PricedTest("vitamin d 1,25-dihydroxy", 30.0m, "82652"), Catalog.Find("vitamin d 1,25-dihydroxy"));
        Assert.Equal(Catalog.Tests.Count, Catalog.Tests.Select(t => t.Name).Distinct().Count());
        Assert.Equal(new PricedTest("temporal artery biopsy", 800.0m, "37609"), Catalog.Find("temporal artery biopsy"));
    }

    [Theory]
    [InlineData("CBC", "complete blood count")]
    [InlineData("order a CBC please", "complete blood count")]
    [InlineData("Chest X-ray", "chest x-ray 2 views")]
    [InlineData("let's get a chest xray", "chest x-ray 2 views")]
    [InlineData("ECG", "electrocardiogram")]
    [InlineData("plasma renin activity and aldosterone", "plasma renin activity and aldosterone")]
    [InlineData("order plasma renin activity and aldosterone", "plasma renin activity and aldosterone")]
    [InlineData("CT pulmonary angiogram", "chest ct angiography")]
    public void A_name_alias_or_phrase_finds_one_test(string request, string expected)
    {
        var lookup = Catalog.Lookup(request);
        Assert.True(lookup.Found);
        Assert.Equal([expected], lookup.Tests.Select(t => t.Name));
    }

    [Fact]
    public void A_list_finds_each_test_once()
    {
        var lookup = Catalog.Lookup("CBC, BMP and lipase and cbc");
        Assert.Equal(["complete blood count", "basic metabolic panel", "lipase"], lookup.Tests.Select(t => t.Name));
    }

    [Fact]
    public void An_unknown_test_is_not_priced_and_close_names_are_suggested()
    {
        var lookup = Catalog.Lookup("complete blod cout");
        Assert.False(lookup.Found);
        Assert.Contains("complete blood count", lookup.Suggestions);
        Assert.InRange(lookup.Suggestions.Count, 1, 5);

        var troponin = Catalog.Lookup("troponin x");
        Assert.False(troponin.Found);
        Assert.Contains(troponin.Suggestions, s => s.StartsWith("troponin", StringComparison.Ordinal));
        Assert.False(Catalog.Lookup("   ").Found);
    }
}
