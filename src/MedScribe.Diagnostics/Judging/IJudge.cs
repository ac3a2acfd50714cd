using MedScribe.Diagnostics.Cases;

namespace MedScribe.Diagnostics.Judging;

/// <summary>How a final diagnosis compares with the case's: 1 (unrelated) to 5 (the diagnosis); correct from 4.</summary>
public sealed record Judgement(int Score, string Rationale)
{
    public const int CorrectFrom = 4;

    public bool Correct => Score >= CorrectFrom;
}

/// <summary>Scores a physician's final diagnosis against the case.</summary>
public interface IJudge
{
    string Name { get; }

    Task<Judgement> JudgeAsync(DiagnosticCase diagnosticCase, string diagnosis, CancellationToken cancellationToken);
}
