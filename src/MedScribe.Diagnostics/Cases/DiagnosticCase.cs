using System.Text.Json.Serialization;

namespace MedScribe.Diagnostics.Cases;

/// <summary>One sequential-diagnosis case: what the physician starts from, what can be found out, and the answer.</summary>
public sealed record DiagnosticCase
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("summary")] public required string Summary { get; init; }
    [JsonPropertyName("demographics")] public Demographics? Demographics { get; init; }
    [JsonPropertyName("findings")] public IReadOnlyList<CaseFinding> Findings { get; init; } = [];

    /// <summary>The case's own results by the case's test name (lower case).</summary>
    [JsonPropertyName("test_results")] public IReadOnlyDictionary<string, string> TestResults { get; init; } = new Dictionary<string, string>();

    /// <summary>Prices for tests this case scripts that no catalog has (a test the catalog knows keeps the catalog's price).</summary>
    [JsonPropertyName("test_prices")] public IReadOnlyList<CaseTestPrice> TestPrices { get; init; } = [];

    [JsonPropertyName("diagnosis")] public required string Diagnosis { get; init; }
    [JsonPropertyName("diagnosis_synonyms")] public IReadOnlyList<string> DiagnosisSynonyms { get; init; } = [];
    [JsonPropertyName("differential")] public IReadOnlyList<string> Differential { get; init; } = [];
    [JsonPropertyName("difficulty")] public string Difficulty { get; init; } = "medium";

    /// <summary>The diagnosis and every accepted phrasing of it.</summary>
    [JsonIgnore] public IEnumerable<string> AcceptedDiagnoses => DiagnosisSynonyms.Prepend(Diagnosis);
}

/// <summary>Age and sex of the case's patient.</summary>
public sealed record Demographics([property: JsonPropertyName("age")] int Age, [property: JsonPropertyName("sex")] string Sex);

/// <summary>A fact the gatekeeper reveals when a question is about its topic or keywords.</summary>
public sealed record CaseFinding(
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("keywords")] IReadOnlyList<string> Keywords,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A case's own price for a test, in the columns of the catalog CSV.</summary>
public sealed record CaseTestPrice(
    [property: JsonPropertyName("test_name")] string TestName,
    [property: JsonPropertyName("cpt_code")] string? CptCode,
    [property: JsonPropertyName("price")] decimal Price);
