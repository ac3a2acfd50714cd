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
        Assert.Equal(new PricedTest("temporal artery biopsy", 800.0m, "37609", PriceSource.Estimate), Catalog.Find("temporal artery biopsy"));
    }

    [Fact]
    public void The_built_in_catalog_covers_a_work_up_and_marks_our_estimates()
    {
        Assert.True(Catalog.Tests.Count >= 600, $"{Catalog.Tests.Count} tests");
        var published = Catalog.Tests.Count(t => t.Source == PriceSource.Published);
        var estimated = Catalog.Tests.Count(t => t.Source == PriceSource.Estimate);
        Assert.Equal(Catalog.Tests.Count, published + estimated);
        Assert.InRange(published, 150, 209);
        Assert.True(Catalog.Tests.Count(t => t.CptCode is not null) > Catalog.Tests.Count * 0.9);
        // The published table wins over an estimate of the same test.
        Assert.Equal(PriceSource.Published, Catalog.Find("lipase")!.Source);
        // Across specialties, by name, alias or abbreviation.
        foreach (var (request, expected) in new[]
        {
            ("p-ANCA", "myeloperoxidase antibody"), ("anti-dsDNA", "anti-double-stranded dna antibody"), ("PFTs", "pulmonary function tests"),
            ("NIF", "negative inspiratory force"), ("MRI C-spine", "mri cervical spine with and without contrast"), ("EMG", "electromyography"),
            ("24 hour urine cortisol", "24-hour urine free cortisol"), ("thick and thin smears", "thick and thin blood smears"),
            ("serum osm", "serum osmolality"), ("HIDA", "hida scan"), ("LFTs", "hepatic function panel"), ("tox screen", "comprehensive drug screen"),
        })
        {
            Assert.Equal(expected, Catalog.Lookup(request).Tests.Single().Name);
        }
    }

    [Theory]
    [InlineData("intrinsic factor antibodies", "intrinsic factor antibody")]
    [InlineData("order a d-dimer please", "d-dimer")]
    [InlineData("urine cultures", "urine culture")]
    public void Plurals_and_single_letter_words_still_find_the_test(string request, string expected) =>
        Assert.Equal([expected], Catalog.Lookup(request).Tests.Select(t => t.Name));

    [Fact]
    public void An_operator_csv_reprices_known_tests_by_name_or_alias_and_adds_new_ones()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "test_name,cpt_code,price\nCBC,,12.50\nserum free light chains,83521,75\n\nUnobtainium assay,99999,1234\n\"antibody, rare\",,40\n");
            var catalog = TestCatalog.Load(file);
            Assert.Equal(new PricedTest("complete blood count", 12.50m, "85027", PriceSource.Operator), catalog.Find("complete blood count"));
            Assert.Equal(75m, catalog.Find("flc")!.Price);
            Assert.Equal(new PricedTest("unobtainium assay", 1234m, "99999", PriceSource.Operator), catalog.Lookup("order the unobtainium assay").Tests.Single());
            Assert.NotNull(catalog.Find("antibody, rare"));
            Assert.Equal(TestCatalog.Default.Tests.Count + 2, catalog.Tests.Count);
            Assert.Equal(9.0m, TestCatalog.Default.Find("cbc")!.Price);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("name,price\ncbc,10\n", "line 1: the header must be 'test_name,cpt_code,price'")]
    [InlineData("test_name,cpt_code,price\ncbc,85027\n", "line 2: expected 3 columns")]
    [InlineData("test_name,cpt_code,price\ncbc,85027,9\n,1,2\n", "line 3: test_name is empty")]
    [InlineData("test_name,cpt_code,price\ncbc,85027,nine\n", "line 2: price 'nine' must be a number")]
    [InlineData("test_name,cpt_code,price\ncbc,85027,-1\n", "line 2: price '-1'")]
    public void A_bad_operator_csv_is_refused_naming_its_line(string content, string expected)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, content);
            var error = Assert.Throws<TestCatalogException>(() => TestCatalog.Load(file));
            Assert.Contains(file, error.Message);
            Assert.Contains(expected, error.Message);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Contains("Dx0:TestCatalogPath", Assert.Throws<TestCatalogException>(() => TestCatalog.Load("/no/such/catalog.csv")).Message);
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
