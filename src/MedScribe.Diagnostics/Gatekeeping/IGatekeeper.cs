using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Diagnostics.Gatekeeping;

/// <summary>One earlier exchange of the conversation, for engines that use context.</summary>
public sealed record ConversationTurn(string Action, string Content, string Reply);

/// <summary>
/// Plays the patient's chart: answers a physician's question from the case's findings and reports test results,
/// never revealing the diagnosis.
/// </summary>
public interface IGatekeeper
{
    /// <summary>A short name for logs and replies ("rules", "llm:model").</summary>
    string Name { get; }

    Task<string> AnswerAsync(DiagnosticCase diagnosticCase, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken);
}

/// <summary>Test results are the case's own, or a marked synthetic normal: the same for every gatekeeper engine.</summary>
public static class TestResults
{
    public const string SyntheticMarker = "[synthetic normal result]";

    public static string Report(CaseLibrary library, DiagnosticCase diagnosticCase, PricedTest test) =>
        library.ResultOf(diagnosticCase.Id, test) is { } result
            ? $"{Capitalize(test.Name)}: {result}"
            : $"{Capitalize(test.Name)}: within normal limits. {SyntheticMarker} This case has no scripted result for the test.";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
