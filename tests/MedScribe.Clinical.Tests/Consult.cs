using MedScribe.Clinical;

namespace MedScribe.Clinical.Tests;

/// <summary>Builds a transcript from "D: …" / "P: …" lines, as the tests' own small consults.</summary>
internal static class Consult
{
    public static ClinicalTranscript Of(params string[] lines) => ClinicalTranscript.FromText(string.Join('\n', lines));

    public static ClinicalFacts Facts(params string[] lines) => ClinicalExtractor.Default.Extract(Of(lines));
}
