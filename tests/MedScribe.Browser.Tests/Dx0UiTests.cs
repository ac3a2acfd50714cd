using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedScribe.Browser.Tests;

/// <summary>The physician web UI at /api/v1 in chromium: sign in, ask, order with price completion, diagnose, reload, sign out.</summary>
public sealed partial class Dx0UiTests(BrowserHost host)
{
    private static async Task SignInAsync(IPage page, string user = Dx0Users.Physician, string password = Dx0Users.Password)
    {
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-button");
    }

    private static async Task SendAsync(IPage page, string action, string content)
    {
        await page.CheckAsync($"input[name=action][value={action}]");
        await page.FillAsync("#content", content);
        await page.ClickAsync("#send");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_servers_reason_and_the_right_one_opens_the_case()
    {
        var page = await host.OpenUiAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("Dx0"));
        await SignInAsync(page, password: "wrong-password");
        await Expect(page.Locator("#login-error")).ToHaveTextAsync("Invalid credentials.");
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("dx0-0-sign-in-refused"), FullPage = true });
        await Expect(page.Locator("#case-view")).ToBeHiddenAsync();

        await SignInAsync(page);
        await Expect(page.Locator("#case-summary")).ToHaveTextAsync("A 19-year-old man with abdominal pain and vomiting since yesterday");
        await Expect(page.Locator("#who")).ToHaveTextAsync($"{Dx0Users.Physician} (default)");
        await Expect(page.Locator("#case-select option")).ToHaveCountAsync(Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "data", "dx0", "cases"), "*.json").Length);
    }

    [Fact]
    public async Task A_physician_asks_orders_with_price_completion_diagnoses_reloads_and_signs_out()
    {
        var page = await host.OpenUiAsync();
        var failedRequests = new List<string>();
        page.RequestFailed += (_, request) => failedRequests.Add(request.Url);
        await SignInAsync(page);
        await Expect(page.Locator("#case-summary")).Not.ToBeEmptyAsync();
        await page.FillAsync("#budget-input", "1500");
        await page.SelectOptionAsync("#case-select", "01-acute-appendicitis");
        await page.ClickAsync("#case-start");
        await Expect(page.Locator("#cost-text")).ToHaveTextAsync("$0 of $1,500 spent · $1,500 left");

        await SendAsync(page, "QUESTION", "Has he been vomiting?");
        await Expect(page.Locator(".entry.reply").Last).ToContainTextAsync("vomited twice");
        await Expect(page.Locator("#cost-text")).ToHaveTextAsync("$300 of $1,500 spent · $1,200 left");
        await Expect(page.Locator("#cost-chart rect")).ToHaveCountAsync(1);
        await Expect(page.Locator("#case-picker")).ToBeHiddenAsync();

        await page.CheckAsync("input[name=action][value=TEST]");
        await page.FillAsync("#content", "complete bl");
        var suggestion = page.Locator(".suggestion[data-name='complete blood count']");
        await Expect(suggestion).ToContainTextAsync("$9");
        await suggestion.ClickAsync();
        await Expect(page.Locator("#content")).ToHaveValueAsync("complete blood count");
        await Expect(page.Locator("#price-hint")).ToHaveTextAsync("complete blood count: $9 (CPT 85027)");
        await page.ClickAsync("#send");
        await Expect(page.Locator(".entry.reply").Last).ToContainTextAsync("WBC 14.8");
        await Expect(page.Locator("#ordered-tests li")).ToHaveTextAsync(["complete blood count — $9"]);
        await Expect(page.Locator("#cost-text")).ToHaveTextAsync("$309 of $1,500 spent · $1,191 left");
        await Expect(page.Locator("#cost-chart rect")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("dx0-1-ordered"), FullPage = true });
        var width = await page.Locator("#budget-fill").EvaluateAsync<string>("e => e.style.width");
        Assert.Equal("20.6%", width);

        await SendAsync(page, "DIAGNOSIS", "Acute appendicitis");
        await Expect(page.Locator("#verdict-text")).ToContainTextAsync("Correct — score 5 of 5");
        await Expect(page.Locator("#verdict-text")).ToContainTextAsync("the case diagnosis is Acute appendicitis");
        await Expect(page.Locator("#send")).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("dx0-2-judged"), FullPage = true });

        // A reload restores the case from the server: log, chart, tests, result.
        await page.ReloadAsync();
        await Expect(page.Locator(".entry.reply")).ToHaveCountAsync(3);
        await Expect(page.Locator("#cost-chart rect")).ToHaveCountAsync(3);
        await Expect(page.Locator("#ordered-tests li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#verdict")).ToBeVisibleAsync();
        await Expect(page.Locator("#send")).ToBeDisabledAsync();

        var refresh = await page.EvaluateAsync<string>("() => sessionStorage.getItem('dx0.refresh')");
        await page.ClickAsync("#logout");
        await Expect(page.Locator("#login-form")).ToBeVisibleAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('dx0.refresh')"));
        Assert.Equal(401, (await host.Api.PostAsync("/api/v1/refresh", $$"""{"refresh_token":"{{refresh}}"}""")).Status);
        Assert.Empty(failedRequests);
    }

    [Fact]
    public async Task A_refused_step_is_shown_and_nothing_is_charged()
    {
        var page = await host.OpenUiAsync();
        await SignInAsync(page);
        await Expect(page.Locator("#case-summary")).Not.ToBeEmptyAsync();
        await page.FillAsync("#budget-input", "350");
        await page.ClickAsync("#case-start");
        await SendAsync(page, "QUESTION", "Any fever?");
        await Expect(page.Locator("#cost-text")).ToHaveTextAsync("$300 of $350 spent · $50 left");
        await Expect(page.Locator("#budget-fill")).ToHaveClassAsync(new Regex("warn"));
        await SendAsync(page, "QUESTION", "Any cough?");
        await Expect(page.Locator(".entry.error")).ToContainTextAsync("budget_exceeded: A question round costs $300 but only $50");
        await Expect(page.Locator("#cost-text")).ToHaveTextAsync("$300 of $350 spent · $50 left");
        await SendAsync(page, "TEST", "made-up assay");
        await Expect(page.Locator(".entry.error").Last).ToContainTextAsync("unknown_test");
        await Expect(page.Locator("#send")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task An_admin_signs_in_to_the_same_ui()
    {
        var page = await host.OpenUiAsync();
        await SignInAsync(page, Dx0Users.Admin);
        await Expect(page.Locator("#who")).ToHaveTextAsync($"{Dx0Users.Admin} (admin)");
    }
}
