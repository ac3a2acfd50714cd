using MedScribe.Diagnostics.Budget;
using MedScribe.Diagnostics.Testing;

namespace MedScribe.Diagnostics.Tests;

public sealed class CaseLedgerTests
{
    private static readonly PricedTest Cbc = TestCatalog.Default.Find("cbc")!;
    private static readonly PricedTest Ct = TestCatalog.Default.Find("ct abdomen pelvis with contrast")!;

    [Fact]
    public void A_charge_over_the_remaining_budget_is_refused_and_nothing_is_charged()
    {
        var ledger = new CaseLedger();
        Assert.Null(ledger.SetBudget(500, 10_000));
        Assert.Null(ledger.Check(300, "A question round"));
        ledger.Charge(300, []);
        var refusal = ledger.Check(300, "A question round");
        Assert.Equal(new LedgerRefusal("budget_exceeded", "A question round costs $300 but only $200 of the $500 budget is left; nothing was charged."), refusal);
        Assert.Equal(300, ledger.Spent);
        Assert.Throws<InvalidOperationException>(() => ledger.Charge(300, []));
        Assert.Equal(200, ledger.Remaining);
    }

    [Fact]
    public void A_test_already_ordered_is_not_charged_again()
    {
        var ledger = new CaseLedger { Budget = 1000 };
        var (fresh, cost) = ledger.Quote([Cbc, Ct]);
        Assert.Equal(Cbc.Price + Ct.Price, cost);
        ledger.Charge(cost, fresh);
        var (again, second) = ledger.Quote([Cbc]);
        Assert.Empty(again);
        Assert.Equal(0, second);
        Assert.Equal([Cbc.Name, Ct.Name], ledger.OrderedTests);
    }

    [Fact]
    public void The_budget_is_fixed_once_spending_started_and_an_ended_case_takes_no_charge()
    {
        var ledger = new CaseLedger();
        Assert.Equal("invalid_budget", ledger.SetBudget(0, 100)!.Code);
        Assert.Equal("invalid_budget", ledger.SetBudget(101, 100)!.Code);
        Assert.Null(ledger.SetBudget(100, 100));
        ledger.Charge(9, [Cbc]);
        Assert.Null(ledger.SetBudget(100, 100));
        Assert.Contains("fixed once the case has started", ledger.SetBudget(50, 100)!.Message);
        ledger.Ended = true;
        Assert.Equal("case_closed", ledger.Check(0, "A diagnosis")!.Code);
    }
}
