using MedScribe.Clinical.Lexicons;

namespace MedScribe.Clinical.Tests;

public sealed class Icd10CmTests
{
    private static Icd10Cm Codes => ClinicalLexicon.Default.Codes;

    [Theory]
    [InlineData("Celiac disease", "celiac disease", false)]
    [InlineData("Essential (primary) hypertension", "essential hypertension", false)]
    [InlineData("Acute kidney failure, unspecified", "acute kidney failure", true)]
    [InlineData("Carpal tunnel syndrome, unspecified upper limb", "carpal tunnel syndrome", true)]
    [InlineData("Type 2 diabetes mellitus without complications", "type 2 diabetes mellitus", true)]
    [InlineData("Alcohol abuse, uncomplicated", "alcohol abuse", true)]
    [InlineData("Bell's palsy", "bell's palsy", false)]
    [InlineData("Other specified disorders of the skin", null, false)]
    [InlineData("Neuralgia and neuritis, unspecified", null, false)]
    [InlineData("Carpal tunnel syndrome, right upper limb", null, false)]
    [InlineData("Diabetes mellitus due to underlying condition with hyperosmolarity", null, false)]
    [InlineData("Arthropathy in diseases classified elsewhere", null, false)]
    [InlineData("Chronic kidney disease, stage 3 unspecified", null, false)]
    public void A_description_is_said_by_its_name_without_what_says_nothing_more_was_specified(string description, string? name, bool unspecified)
    {
        var spoken = Icd10Cm.SpokenName(description);
        Assert.Equal(name, spoken?.Name);
        if (spoken is { } said)
        {
            Assert.Equal(unspecified, said.Unspecified);
        }
    }

    [Fact]
    public void The_code_set_holds_the_billable_codes_and_not_the_headers_of_their_categories()
    {
        Assert.True(Codes.Count > 30_000);
        Assert.Equal("Celiac disease", Codes.Describe("K90.0"));
        Assert.True(Codes.IsBillable("E11.9"));
        Assert.False(Codes.IsBillable("E11"));
        Assert.True(Codes.IsHeader("E11"));
        Assert.True(Codes.IsHeader("M48.06"));
        Assert.False(Codes.IsHeader("E11.9"));
    }

    [Fact]
    public void Every_curated_code_is_billable_with_its_official_display_or_newer_than_the_code_set()
    {
        var lexicon = ClinicalLexicon.Default;
        var curated = lexicon.ProblemSpellings.Select(p => p.Problem)
            .Concat(lexicon.Refinements.Select(r => new ProblemEntry(r.Code, r.Display)))
            .Concat(lexicon.AbnormalResults.SelectMany(a => a.InPregnancy is null ? [a.Problem] : new[] { a.Problem, a.InPregnancy }))
            .DistinctBy(e => e.Code).ToList();
        Assert.True(curated.Count > 300);
        // A code missing from the set and heading none of its codes was added in a later year (I20.89, M54.50); a header is never billed.
        Assert.Empty(curated.Where(e => Codes.IsHeader(e.Code)).Select(e => e.Code));
        Assert.Empty(curated.Where(e => Codes.Describe(e.Code) is { } official && official != e.Display).Select(e => $"{e.Code}: {e.Display}"));
    }

    [Fact]
    public void Spoken_names_of_the_diseases_are_read_off_the_descriptions_and_ambiguous_names_are_left_out()
    {
        var names = Codes.SpokenNames().ToLookup(n => n.Name, n => n.Code);
        Assert.Equal(["K90.0"], names["celiac disease"]);
        Assert.Equal(["G56.00"], names["carpal tunnel syndrome"]);
        Assert.Equal(["M16.9"], names["osteoarthritis of the hip"]);
        // Symptoms, injuries and factors of health status are named by the curated list, never by their descriptions.
        Assert.Empty(names["stress"]);
        Assert.Empty(names["cough"]);
        Assert.All(Codes.SpokenNames(), n => Assert.True(n.Code[0] is >= 'A' and <= 'Q' and not 'O' and not 'P', n.Code));
    }

    [Fact]
    public void A_diagnosis_the_curated_list_does_not_name_is_coded_from_the_code_set_when_asserted()
    {
        var facts = Consult.Facts(
            "D: Your biopsy confirmed celiac disease.",
            "D: The weakness on one side of your face is Bell's palsy.",
            "D: There's no sign of sarcoidosis on the scan.",
            "D: We should check you for hemochromatosis.",
            "P: My sister has fibromyalgia.");

        Assert.Equal([("celiac disease", "K90.0", "Celiac disease"), ("bell's palsy", "G51.0", "Bell's palsy")],
            facts.Problems.Select(p => (p.Name, p.Code, p.Display)));
    }

    [Theory]
    [InlineData("D: This is bicipital tendinitis.", "M75.20")]
    [InlineData("D: This is bicipital tendinitis of the right shoulder.", "M75.21")]
    [InlineData("D: Your left shoulder is tender over the groove. This is bicipital tendinitis.", "M75.22")]
    [InlineData("D: You have benign paroxysmal vertigo in both ears.", "H81.13")]
    [InlineData("D: It's benign paroxysmal vertigo, on the right.", "H81.11")]
    [InlineData("D: Right, so this is benign paroxysmal vertigo.", "H81.10")]
    public void A_side_said_with_a_diagnosis_the_code_set_sides_refines_its_code(string line, string code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.Single().Code);
    }

    [Fact]
    public void A_site_left_open_names_a_diagnosis_only_when_the_name_says_more_than_one_word()
    {
        Assert.Equal(("carpal tunnel syndrome", true), Icd10Cm.SpokenName("Carpal tunnel syndrome, unspecified upper limb"));
        Assert.Null(Icd10Cm.SpokenName("Bursitis, unspecified hand"));
        Assert.Equal(("anterior synechiae", true), Icd10Cm.SpokenName("Anterior synechiae (iris), unspecified eye"));
    }

    [Theory]
    [InlineData("D: Your MRI shows spinal stenosis.", "M48.00")]
    [InlineData("D: Your MRI shows spinal stenosis in the lower back.", "M48.061")]
    [InlineData("D: The MRI shows lumbar stenosis, and that's why your legs hurt when walking.", "M48.062")]
    public void Spinal_stenosis_is_coded_by_the_region_and_the_claudication_said(string line, string code)
    {
        Assert.Equal(code, Consult.Facts(line).Problems.Single().Code);
    }
}
