namespace MedScribe.Abstractions.Diagnostics;

/// <summary>The judged final diagnosis.</summary>
[GenerateSerializer, Immutable]
public sealed record DxJudgement(
    [property: Id(0)] string Diagnosis,
    [property: Id(1)] int Score,
    [property: Id(2)] bool Correct,
    [property: Id(3)] string Rationale,
    [property: Id(4)] string CaseDiagnosis);

/// <summary>One charged or free step of the conversation.</summary>
[GenerateSerializer, Immutable]
public sealed record DxStep(
    [property: Id(0)] string Action,
    [property: Id(1)] string Content,
    [property: Id(2)] string Reply,
    [property: Id(3)] decimal Cost,
    [property: Id(4)] decimal TotalSpent,
    [property: Id(5)] DateTimeOffset At);

/// <summary>A diagnostic session's case and spend.</summary>
[GenerateSerializer, Immutable]
public sealed record DxStatus(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string Summary,
    [property: Id(2)] decimal Budget,
    [property: Id(3)] decimal Spent,
    [property: Id(4)] IReadOnlyList<string> OrderedTests,
    [property: Id(5)] bool Ended,
    [property: Id(6)] DxJudgement? Judgement,
    [property: Id(7)] IReadOnlyList<DxStep> Steps,
    [property: Id(8)] decimal VisitFee)
{
    public decimal Remaining => Budget - Spent;
}

/// <summary>The answer to one message: a reply with the spend after it, or a stable error code and message.</summary>
[GenerateSerializer, Immutable]
public sealed record DxOutcome(
    [property: Id(0)] string? ErrorCode,
    [property: Id(1)] string? ErrorMessage,
    [property: Id(2)] string Reply,
    [property: Id(3)] decimal Cost,
    [property: Id(4)] DxStatus Status)
{
    public bool IsError => ErrorCode is not null;

    /// <summary>Too many messages: the socket is closed after the error.</summary>
    public bool RateLimited => ErrorCode == DxErrors.RateLimited;
}

/// <summary>Stable error codes of the diagnostic conversation.</summary>
public static class DxErrors
{
    public const string InvalidMessage = "invalid_message";
    public const string UnknownAction = "unknown_action";
    public const string UnknownTest = "unknown_test";
    public const string BudgetExceeded = "budget_exceeded";
    public const string CaseClosed = "case_closed";
    public const string RateLimited = "rate_limited";
    public const string EngineUnavailable = "engine_unavailable";
    public const string CaseNotFound = "case_not_found";
    public const string CaseStarted = "case_started";
    public const string InvalidBudget = "invalid_budget";
}

/// <summary>The diagnostic conversation of one physician session (same key): case, budget, spend, ordered tests, judgement.</summary>
public interface IDiagnosticSessionGrain : IGrainWithStringKey
{
    /// <summary>The session's status; a session without a case gets the default one.</summary>
    Task<DxStatus> GetStatusAsync();

    /// <summary>Picks a case from the library; refused (<c>case_started</c>) once anything was asked.</summary>
    Task<DxOutcome> ChooseCaseAsync(string caseId);

    /// <summary>A socket opens: sets the budget when given and nothing was spent; refused (<c>invalid_budget</c>) otherwise.</summary>
    Task<DxOutcome> OpenAsync(decimal? budget);

    /// <summary>One QUESTION / TEST / DIAGNOSIS message: rate-limited, priced, budget-checked, then answered and persisted.</summary>
    Task<DxOutcome> SendAsync(string action, string content);

    /// <summary>A message the socket could not read: it counts against the rate like any other and gets this error back.</summary>
    Task<DxOutcome> RejectAsync(string code, string message);

    /// <summary>Deletes the conversation from storage: its physician session has ended or expired and is being cleaned up.</summary>
    Task DeleteAsync();
}
