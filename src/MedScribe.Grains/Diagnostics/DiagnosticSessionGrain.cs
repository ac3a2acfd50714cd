using MedScribe.Abstractions.Diagnostics;
using MedScribe.Diagnostics;
using MedScribe.Diagnostics.Budget;
using MedScribe.Diagnostics.Cases;
using MedScribe.Diagnostics.Gatekeeping;
using MedScribe.Diagnostics.Judging;
using MedScribe.Diagnostics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedScribe.Grains.Diagnostics;

/// <summary>Persisted state of a diagnostic conversation.</summary>
[GenerateSerializer]
public sealed class DiagnosticSessionState
{
    [Id(0)] public string CaseId { get; set; } = "";
    [Id(1)] public decimal Budget { get; set; }
    [Id(2)] public decimal Spent { get; set; }
    [Id(3)] public List<string> OrderedTests { get; set; } = [];
    [Id(4)] public bool Ended { get; set; }
    [Id(5)] public List<DxStep> Steps { get; set; } = [];
    [Id(6)] public DxJudgement? Judgement { get; set; }
}

/// <summary>
/// The diagnostic conversation of one physician session. Single-writer: two sockets of the session are served
/// one message at a time, each charged once. Every answered message is persisted before it is answered, so a
/// reconnect or a silo restart continues with the same spend; the message rate window is per session, in memory.
/// </summary>
public sealed class DiagnosticSessionGrain(
    [PersistentState("diagnostic-session", DiagnosticStorage.Name)] IPersistentState<DiagnosticSessionState> state,
    CaseLibrary library,
    TestCatalog catalog,
    IGatekeeper gatekeeper,
    IJudge judge,
    IOptions<DiagnosticSettings> options,
    TimeProvider clock,
    ILogger<DiagnosticSessionGrain> logger) : Grain, IDiagnosticSessionGrain
{
    public const int MaxContentLength = 4000;
    private readonly Queue<DateTimeOffset> _recentMessages = new();

    private DiagnosticSettings Settings => options.Value;

    private DiagnosticCase Case => library.Find(state.State.CaseId)
        ?? throw new InvalidOperationException($"Case '{state.State.CaseId}' is no longer in the library.");

    public async Task<DxStatus> GetStatusAsync()
    {
        await EnsureCaseAsync();
        return Status();
    }

    public async Task<DxOutcome> ChooseCaseAsync(string caseId)
    {
        await EnsureCaseAsync();
        if (library.Find(caseId) is null)
        {
            return Error(DxErrors.CaseNotFound, $"No case '{caseId}'. Cases: {string.Join(", ", library.Cases.Select(c => c.Id))}.");
        }

        if (caseId != state.State.CaseId)
        {
            if (state.State.Steps.Count > 0 || state.State.Ended)
            {
                return Error(DxErrors.CaseStarted, $"This session is already working on case '{state.State.CaseId}'; log in again for another case.");
            }

            state.State.CaseId = caseId;
            await state.WriteStateAsync();
        }

        return Ok("", 0);
    }

    public async Task<DxOutcome> OpenAsync(decimal? budget)
    {
        await EnsureCaseAsync();
        if (budget is { } wanted)
        {
            var ledger = Ledger();
            if (ledger.SetBudget(wanted, Settings.MaxBudget) is { } refusal)
            {
                return Error(DxErrors.InvalidBudget, refusal.Message);
            }

            if (ledger.Budget != state.State.Budget)
            {
                state.State.Budget = ledger.Budget;
                await state.WriteStateAsync();
            }
        }

        return Ok("", 0);
    }

    public async Task<DxOutcome> SendAsync(string action, string content)
    {
        if (!WithinRate())
        {
            return Error(DxErrors.RateLimited, $"more than {Settings.MessageRateLimit} messages in {Settings.MessageRateWindow.TotalSeconds:0} seconds; the connection is closed");
        }

        await EnsureCaseAsync();
        content = content.Trim();
        var kind = action.Trim().ToUpperInvariant();
        if (kind is not ("QUESTION" or "TEST" or "DIAGNOSIS"))
        {
            return Error(DxErrors.UnknownAction, $"action must be QUESTION, TEST or DIAGNOSIS; got '{Shorten(action)}'");
        }

        if (content.Length == 0 || content.Length > MaxContentLength)
        {
            return Error(DxErrors.InvalidMessage, $"content must be 1 to {MaxContentLength} characters");
        }

        if (state.State.Ended)
        {
            return Error(DxErrors.CaseClosed, "the case has ended with its diagnosis; log in again for another case");
        }

        try
        {
            return kind switch
            {
                "QUESTION" => await AskAsync(content),
                "TEST" => await OrderAsync(content),
                _ => await DiagnoseAsync(content),
            };
        }
        catch (Exception e) when (e is DiagnosticEngineException or OperationCanceledException)
        {
            logger.LogWarning("Diagnostic session {SessionId}: the {Engine} engine failed: {Reason}", this.GetPrimaryKeyString(), kind == "DIAGNOSIS" ? judge.Name : gatekeeper.Name, e.Message);
            return Error(DxErrors.EngineUnavailable, "the case engine could not answer just now; nothing was charged, try again");
        }
    }

    public async Task<DxOutcome> RejectAsync(string code, string message)
    {
        await EnsureCaseAsync();
        return WithinRate()
            ? Error(code, message)
            : Error(DxErrors.RateLimited, $"more than {Settings.MessageRateLimit} messages in {Settings.MessageRateWindow.TotalSeconds:0} seconds; the connection is closed");
    }

    public async Task DeleteAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new DiagnosticSessionState();
        this.DeactivateOnIdle();
    }

    private async Task<DxOutcome> AskAsync(string question)
    {
        var ledger = Ledger();
        if (ledger.Check(Settings.VisitFee, "A question round") is { } refusal)
        {
            return Error(refusal.Code, refusal.Message);
        }

        using var deadline = new CancellationTokenSource(Settings.EngineTimeout);
        var history = state.State.Steps.Select(s => new ConversationTurn(s.Action, s.Content, s.Reply)).ToList();
        var reply = await gatekeeper.AnswerAsync(Case, question, history, deadline.Token);
        ledger.Charge(Settings.VisitFee, []);
        return await RecordAsync(ledger, "question", question, reply, Settings.VisitFee);
    }

    private async Task<DxOutcome> OrderAsync(string order)
    {
        var lookup = catalog.Lookup(order);
        if (!lookup.Found)
        {
            var close = lookup.Suggestions.Count > 0 ? $" Close names: {string.Join(", ", lookup.Suggestions)}." : "";
            return Error(DxErrors.UnknownTest, $"no test named '{Shorten(order)}'; nothing was charged.{close}");
        }

        var ledger = Ledger();
        var (fresh, cost) = ledger.Quote(lookup.Tests);
        var what = fresh.Count == 1 ? $"The {fresh[0].Name}" : $"The order ({string.Join(", ", fresh.Select(t => $"{t.Name} {CaseLedger.Money(t.Price)}"))})";
        if (ledger.Check(cost, what) is { } refusal)
        {
            return Error(refusal.Code, refusal.Message);
        }

        var lines = lookup.Tests.Select(t => TestResults.Report(library, Case, t) + (fresh.Contains(t) ? "" : " (already ordered; not charged again)"));
        ledger.Charge(cost, fresh);
        return await RecordAsync(ledger, "test", string.Join(", ", lookup.Tests.Select(t => t.Name)), string.Join('\n', lines), cost);
    }

    private async Task<DxOutcome> DiagnoseAsync(string diagnosis)
    {
        using var deadline = new CancellationTokenSource(Settings.EngineTimeout);
        var verdict = await judge.JudgeAsync(Case, diagnosis, deadline.Token);
        var judgement = new DxJudgement(diagnosis, verdict.Score, verdict.Correct, verdict.Rationale, Case.Diagnosis);
        state.State.Judgement = judgement;
        var ledger = Ledger();
        ledger.Ended = true;
        var reply = $"Final diagnosis: {diagnosis}. Judged {(verdict.Correct ? "correct" : "incorrect")}, score {verdict.Score} of 5. {verdict.Rationale} " +
                    $"The case's diagnosis is {Case.Diagnosis}. Total spent {CaseLedger.Money(ledger.Spent)} of {CaseLedger.Money(ledger.Budget)}. The case has ended.";
        return await RecordAsync(ledger, "diagnosis", diagnosis, reply, 0);
    }

    private async Task<DxOutcome> RecordAsync(CaseLedger ledger, string action, string content, string reply, decimal cost)
    {
        state.State.Spent = ledger.Spent;
        state.State.OrderedTests = ledger.OrderedTests;
        state.State.Ended = ledger.Ended;
        state.State.Steps.Add(new DxStep(action, content, reply, cost, ledger.Spent, clock.GetUtcNow()));
        await state.WriteStateAsync();
        return Ok(reply, cost);
    }

    private bool WithinRate()
    {
        var now = clock.GetUtcNow();
        while (_recentMessages.TryPeek(out var oldest) && now - oldest >= Settings.MessageRateWindow)
        {
            _recentMessages.Dequeue();
        }

        if (_recentMessages.Count >= Settings.MessageRateLimit)
        {
            return false;
        }

        _recentMessages.Enqueue(now);
        return true;
    }

    private async Task EnsureCaseAsync()
    {
        if (state.State.CaseId.Length > 0 && library.Find(state.State.CaseId) is not null && state.State.Budget > 0)
        {
            return;
        }

        if (state.State.CaseId.Length == 0 || library.Find(state.State.CaseId) is null)
        {
            state.State.CaseId = library.DefaultFor(this.GetPrimaryKeyString(), Settings.DefaultCase).Id;
        }

        if (state.State.Budget <= 0)
        {
            state.State.Budget = Settings.BudgetLimit;
        }

        await state.WriteStateAsync();
    }

    private CaseLedger Ledger() => new()
    {
        Budget = state.State.Budget,
        Spent = state.State.Spent,
        OrderedTests = [.. state.State.OrderedTests],
        Ended = state.State.Ended,
    };

    private DxStatus Status() => new(
        state.State.CaseId, Case.Summary, state.State.Budget, state.State.Spent, [.. state.State.OrderedTests],
        state.State.Ended, state.State.Judgement, [.. state.State.Steps], Settings.VisitFee);

    private DxOutcome Ok(string reply, decimal cost) => new(null, null, reply, cost, Status());

    private DxOutcome Error(string code, string message) =>
        new(code, message, "", 0, state.State.CaseId.Length > 0 && library.Find(state.State.CaseId) is not null ? Status() : EmptyStatus());

    private DxStatus EmptyStatus() => new("", "", state.State.Budget, state.State.Spent, [], state.State.Ended, null, [], Settings.VisitFee);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
