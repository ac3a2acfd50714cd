using System.Text.RegularExpressions;
using MedScribe.Diagnostics.Cases;

namespace MedScribe.Diagnostics.Gatekeeping;

/// <summary>The last line of defence for any gatekeeper: the case's diagnosis never leaves it before the judgement.</summary>
public static class DiagnosisRedaction
{
    public const string Withheld = "[withheld]";

    public static string Apply(DiagnosticCase diagnosticCase, string text)
    {
        foreach (var phrase in diagnosticCase.AcceptedDiagnoses.OrderByDescending(p => p.Length))
        {
            text = Regex.Replace(text, $@"\b{Regex.Escape(phrase)}\b", Withheld, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        return text;
    }
}
