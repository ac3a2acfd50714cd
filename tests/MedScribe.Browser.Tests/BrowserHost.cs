using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(MedScribe.Browser.Tests.BrowserHost))]

namespace MedScribe.Browser.Tests;

/// <summary>Azurite, one silo and Debian's chromium driven by Playwright, shared by the browser tests.</summary>
public sealed class BrowserHost : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private IPlaywright? _playwright;

    public SiloHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Dx0Client Api { get; private set; } = null!;

    /// <summary>The chromium binary: CHROMIUM_PATH, else Debian's.</summary>
    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } set ? set : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"No chromium at {path}: install the Debian package 'chromium' (scripts/setup.sh does) or set CHROMIUM_PATH.");
    }

    public async ValueTask InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync();
        Host = await SiloHost.StartAsync(_azurite.ConnectionString, s => s["Dx0__DefaultCase"] = "01-acute-appendicitis");
        Api = new Dx0Client(Host.BaseAddress);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true });
    }

    /// <summary>A fresh browser context (its own session storage) on a page of the physician UI.</summary>
    public async Task<IPage> OpenUiAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/api/v1");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
