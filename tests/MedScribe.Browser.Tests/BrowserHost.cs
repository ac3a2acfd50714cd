using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(MedScribe.Browser.Tests.BrowserHost))]

namespace MedScribe.Browser.Tests;

/// <summary>Azurite, one silo and Debian's chromium driven by Playwright, shared by the browser tests.</summary>
public sealed class BrowserHost : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private IPlaywright? _playwright;

    /// <summary>The MedScribeAlliance key of the tests' tenant.</summary>
    public const string ApiKey = "sk_test_webapp000000000000000000000000";

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
        Host = await SiloHost.StartAsync(_azurite.ConnectionString, s =>
        {
            s["Dx0__DefaultCase"] = "01-acute-appendicitis";
            s["Tenants__web__Name"] = "Web app tests";
            s["Tenants__web__KeyHashes__0"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey)));
        });
        Api = new Dx0Client(Host.BaseAddress);
        // Replies wait for grain state writes; on a loaded 2-core CI machine 5 s is not always enough.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true });
    }

    /// <summary>A fresh browser context (its own session storage) on a page of the physician UI.</summary>
    public Task<IPage> OpenUiAsync() => OpenPageAsync("/api/v1");

    /// <summary>A fresh browser context on <paramref name="path"/> of the host.</summary>
    public async Task<IPage> OpenPageAsync(string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        Watch(page);
        await page.GotoAsync(path);
        return page;
    }

    /// <summary>A chromium whose microphone plays <paramref name="wavPath"/> once (fake capture device, no permission prompt).</summary>
    public async Task<IBrowser> LaunchWithMicrophoneAsync(string wavPath) =>
        await _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-audio-capture={wavPath}%noloop"],
        });

    /// <summary>Appends the page's console errors and uncaught exceptions to TestResults/browser-console.log, for diagnosing a failed test.</summary>
    public static void Watch(IPage page)
    {
        var log = Path.Combine(RepositoryRoot.Find(), "TestResults", "browser-console.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                File.AppendAllText(log, $"{DateTimeOffset.UtcNow:O} {page.Url} console.{message.Type}: {message.Text}\n");
            }
        };
        page.PageError += (_, error) => File.AppendAllText(log, $"{DateTimeOffset.UtcNow:O} {page.Url} uncaught: {error}\n");
    }

    /// <summary>Where the tests leave screenshots for review (git-ignored).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot.Find(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
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
