using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using MedScribe.Diagnostics.Cases;

namespace MedScribe.Diagnostics.Gatekeeping;

/// <summary>The last line of defence for any gatekeeper: the case's diagnosis never leaves it before the judgement.</summary>
public static class DiagnosisRedaction
{
    public const string Withheld = "[withheld]";

    /// <summary>One pattern per case (longest phrase first), built on first use rather than on every answer.</summary>
    private static readonly ConditionalWeakTable<DiagnosticCase, Regex> Patterns = [];

    public static string Apply(DiagnosticCase diagnosticCase, string text) =>
        Patterns.GetValue(diagnosticCase, Build).Replace(text, Withheld);

    private static Regex Build(DiagnosticCase diagnosticCase) => new(
        string.Join('|', diagnosticCase.AcceptedDiagnoses.OrderByDescending(p => p.Length).Select(p => $@"\b{Regex.Escape(p)}\b")),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
