using System.Globalization;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Diagnostics.Budget;

/// <summary>Why the ledger refused an action; nothing was charged.</summary>
public sealed record LedgerRefusal(string Code, string Message);

/// <summary>
/// The money side of a diagnostic case: the budget, what was spent, the tests ordered, and whether the case has
/// ended. Every charge is checked before it is made, so the remaining budget never goes negative; a test already
/// ordered is not charged again; nothing is charged after the diagnosis. Plain data, so it persists as it is.
/// </summary>
public sealed class CaseLedger
{
    public const string BudgetExceeded = "budget_exceeded";
    public const string CaseClosed = "case_closed";
    public const string InvalidBudget = "invalid_budget";

    public decimal Budget { get; set; }

    public decimal Spent { get; set; }

    public List<string> OrderedTests { get; set; } = [];

    public bool Ended { get; set; }

    public decimal Remaining => Budget - Spent;

    /// <summary>Sets the budget; allowed until something is spent, and only to a positive amount up to <paramref name="max"/>.</summary>
    public LedgerRefusal? SetBudget(decimal budget, decimal max)
    {
        if (budget <= 0 || budget > max)
        {
            return new LedgerRefusal(InvalidBudget, $"The budget must be more than 0 and at most {Money(max)}; got {Money(budget)}.");
        }

        if (budget != Budget && (Spent > 0 || Ended))
        {
            return new LedgerRefusal(InvalidBudget, $"The budget is fixed once the case has started: {Money(Spent)} of {Money(Budget)} spent.");
        }

        Budget = budget;
        return null;
    }

    /// <summary>The tests of an order not yet ordered, and what they cost together.</summary>
    public (IReadOnlyList<PricedTest> New, decimal Cost) Quote(IEnumerable<PricedTest> tests)
    {
        var fresh = tests.Where(t => !OrderedTests.Contains(t.Name)).ToList();
        return (fresh, fresh.Sum(t => t.Price));
    }

    /// <summary>Refuses when the case has ended or <paramref name="cost"/> exceeds what is left; charges nothing then.</summary>
    public LedgerRefusal? Check(decimal cost, string what)
    {
        if (Ended)
        {
            return new LedgerRefusal(CaseClosed, "The case has ended with its diagnosis; start a new session for another case.");
        }

        return cost > Remaining
            ? new LedgerRefusal(BudgetExceeded, $"{what} costs {Money(cost)} but only {Money(Remaining)} of the {Money(Budget)} budget is left; nothing was charged.")
            : null;
    }

    /// <summary>Charges an action that <see cref="Check"/> allowed.</summary>
    public void Charge(decimal cost, IEnumerable<PricedTest> tests)
    {
        if (Check(cost, "The action") is { } refusal)
        {
            throw new InvalidOperationException(refusal.Message);
        }

        Spent += cost;
        OrderedTests.AddRange(tests.Select(t => t.Name).Where(n => !OrderedTests.Contains(n)));
    }

    public static string Money(decimal amount) => "$" + amount.ToString("#,0.##", CultureInfo.InvariantCulture);
}
