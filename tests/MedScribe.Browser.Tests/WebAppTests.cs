using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedScribe.Browser.Tests;

/// <summary>The scribe web app at / in chromium: a consult recorded through the fake microphone, an uploaded recording, errors, and the iframe embedding.</summary>
public sealed class WebAppTests(BrowserHost host)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<ConsultRecording> ExcerptAsync() => ConsultAudio.ShortConsultAsync("webapp", Cancel);

    private static async Task ConnectAsync(IPage page, string key = BrowserHost.ApiKey)
    {
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#connect");
        if (key == BrowserHost.ApiKey)
        {
            await Expect(page.Locator("#consult")).ToBeVisibleAsync();
        }
    }

    private static async Task AssertNoteAsync(IPage page)
    {
        await Expect(page.Locator("#note")).ToBeVisibleAsync(new() { Timeout = 240_000 });
        await Expect(page.Locator("#section-medications")).ToContainTextAsync("sertraline");
        await Expect(page.Locator("#section-soap")).ToContainTextAsync("Assessment");
        await Expect(page.Locator("#section-vitals")).ToContainTextAsync("Blood pressure");

        // Each fact links to the transcript line it came from.
        var evidence = page.Locator("#section-medications .evidence").First;
        var line = int.Parse((await evidence.GetAttributeAsync("data-line"))!);
        await evidence.ClickAsync();
        var highlighted = page.Locator("#transcript li.highlight");
        await Expect(highlighted).ToHaveCountAsync(1);
        await Expect(highlighted).ToHaveIdAsync($"line-{line}");
        await Expect(highlighted).ToContainTextAsync("sertraline");
    }

    /// <summary>A page of the app in a chromium whose microphone plays <paramref name="wavPath"/>.</summary>
    private async Task<(IBrowser Browser, IPage Page)> PageWithMicrophoneAsync(string wavPath)
    {
        var browser = await host.LaunchWithMicrophoneAsync(wavPath);
        var context = await browser.NewContextAsync(new() { BaseURL = host.Host.BaseAddress.ToString() });
        await context.GrantPermissionsAsync(["microphone"]);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return (browser, page);
    }

    [Fact]
    public async Task A_consult_recorded_through_the_page_streams_live_shows_its_lines_while_recording_and_its_note_appears()
    {
        var excerpt = await ExcerptAsync();
        var (browser, page) = await PageWithMicrophoneAsync(excerpt.WavPath);
        await using var _ = browser;
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        await page.GotoAsync("/");
        await ConnectAsync(page);

        await page.ClickAsync("#record");
        await Expect(page.Locator("#status")).ToContainTextAsync("the transcript appears as you talk");
        // Lines appear while the fake microphone is still playing the consult (in real time).
        await Expect(page.Locator("#live-transcript")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("(Doctor|Patient): \\w+"),
            new() { Timeout = (float)(excerpt.Seconds * 1000) });
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("webapp-2-live"), FullPage = true });
        await Task.Delay(TimeSpan.FromSeconds(excerpt.Seconds + 1.5), Cancel);
        await page.ClickAsync("#stop");

        await AssertNoteAsync(page);
        // The socket was opened with a single-use token, never with the API key in its URL.
        var url = Assert.Single(sockets);
        Assert.Matches("^ws://.+/v1/sessions/ses_[A-Za-z0-9]+/stream\\?token=st_[0-9a-f]{48}$", url);
        Assert.DoesNotContain(BrowserHost.ApiKey, url);
        await Expect(page.Locator("#chunks li")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_consult_recorded_through_the_page_is_uploaded_in_chunks_and_its_note_appears()
    {
        var excerpt = await ExcerptAsync();
        var (browser, page) = await PageWithMicrophoneAsync(excerpt.WavPath);
        await using var _ = browser;
        // Chunked upload, as for a service that offers no stream.
        await page.GotoAsync("/?upload=chunked");
        await ConnectAsync(page);
        await Expect(page.Locator("#templates input[value=medications]")).ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("webapp-1-connected"), FullPage = true });

        await page.ClickAsync("#record");
        await Expect(page.Locator("#status")).ToContainTextAsync("Recording");
        // The fake microphone plays the excerpt once, in real time.
        await Task.Delay(TimeSpan.FromSeconds(excerpt.Seconds + 1.5), Cancel);
        await Expect(page.Locator("#chunks li.acknowledged").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("webapp-2-recording"), FullPage = true });
        await page.ClickAsync("#stop");

        await AssertNoteAsync(page);
        var chunks = await page.Locator("#chunks li").CountAsync();
        Assert.True(chunks >= (int)(excerpt.Seconds / 15), $"{chunks} chunks for {excerpt.Seconds:F0} s of audio");
        await Expect(page.Locator("#chunks li:not(.acknowledged)")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("webapp-3-note"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-fhir"));
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync(), Cancel))!;
        Assert.Equal("Bundle", bundle["resourceType"]!.GetValue<string>());
        Assert.Contains(bundle["entry"]!.AsArray(), e => e!["resource"]!["resourceType"]!.GetValue<string>() == "MedicationRequest");
    }

    [Fact]
    public async Task An_uploaded_recording_gives_the_same_kind_of_note()
    {
        var excerpt = await ExcerptAsync();
        var page = await host.OpenPageAsync("/");
        await ConnectAsync(page);
        await page.SetInputFilesAsync("#file", excerpt.WavPath);
        await AssertNoteAsync(page);
        await Expect(page.Locator("#chunks li")).ToHaveTextAsync(["part 1: received"]);
    }

    [Fact]
    public async Task A_wrong_key_and_a_silent_recording_are_explained_in_plain_words()
    {
        var page = await host.OpenPageAsync("/");
        await ConnectAsync(page, "sk_test_wrong00000000000000000000000000");
        await Expect(page.Locator("#setup-error")).ToHaveTextAsync("The API key was not accepted. Check it with whoever runs MedScribe for your practice.");
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("webapp-0-wrong-key"), FullPage = true });

        await ConnectAsync(page);
        var silence = Path.Combine(Path.GetTempPath(), $"silence-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(silence, TestAudio.Wav(3), Cancel);
        try
        {
            await page.SetInputFilesAsync("#file", silence);
            await Expect(page.Locator("#consult-error")).ToContainTextAsync("We could not hear enough speech in the recording", new() { Timeout = 60_000 });
        }
        finally
        {
            File.Delete(silence);
        }
    }

    [Fact]
    public async Task Embedded_in_an_emr_iframe_the_app_posts_session_events_to_the_exact_parent_origin_which_checks_ours()
    {
        var scribe = host.Host.BaseAddress.ToString().TrimEnd('/');
        await using var emr = new WebhookReceiver(path: "/");
        var parentOrigin = emr.Url.GetLeftPart(UriPartial.Authority);
        var html = $$"""
            <!doctype html>
            <html><head><title>EMR</title></head><body>
            <script type="module">
              import { listenForScribe } from '{{scribe}}/sdk/medscribe.js';
              window.received = [];
              window.ignored = 0;
              listenForScribe('{{scribe}}', (event, sessionId) => window.received.push(event + ' ' + sessionId));
              window.addEventListener('message', (m) => { if (m.origin !== '{{scribe}}') { window.ignored++; } });
              window.ready = true;
            </script>
            <iframe id="scribe" src="{{scribe}}/?parent_origin={{parentOrigin}}" width="1200" height="900" allow="microphone"></iframe>
            </body></html>
            """;
        emr.Answer = _ => new WebhookAnswer(200, new Dictionary<string, string> { ["Content-Type"] = "text/html; charset=utf-8" }, Body: html);

        var excerpt = await ExcerptAsync();
        var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        BrowserHost.Watch(page);
        await page.GotoAsync(emr.Url.ToString());
        await page.WaitForFunctionAsync("() => window.ready === true");
        var frame = page.FrameLocator("#scribe");
        await frame.Locator("#api-key").FillAsync(BrowserHost.ApiKey);
        await frame.Locator("#connect").ClickAsync();
        await Expect(frame.Locator("#consult")).ToBeVisibleAsync();
        await frame.Locator("#file").SetInputFilesAsync(excerpt.WavPath);
        await Expect(frame.Locator("#note")).ToBeVisibleAsync(new() { Timeout = 240_000 });

        await page.WaitForFunctionAsync("() => window.received.length >= 3");
        var received = await page.EvaluateAsync<string[]>("() => window.received");
        var sessionId = received[0].Split(' ')[1];
        Assert.StartsWith("ses_", sessionId);
        Assert.Equal([$"session.started {sessionId}", $"session.ended {sessionId}", $"session.completed {sessionId}"], received);

        // A message from any other origin (here the EMR page itself) is ignored by the SDK's listener.
        await page.EvaluateAsync("() => window.postMessage({ type: 'medscribealliance:session.completed', session_id: 'ses_forged' }, '*')");
        await page.WaitForFunctionAsync("() => window.ignored >= 1");
        Assert.Equal(received, await page.EvaluateAsync<string[]>("() => window.received"));
        await page.ScreenshotAsync(new() { Path = BrowserHost.ScreenshotPath("webapp-4-embedded"), FullPage = true });
    }

    [Fact]
    public async Task The_sdk_is_a_plain_es_module_served_with_cors()
    {
        using var http = host.Host.CreateClient();
        var response = await http.GetAsync("/sdk/medscribe.js", Cancel);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var source = await response.Content.ReadAsStringAsync(Cancel);
        foreach (var export in new[] { "export class MedScribeClient", "export class ChunkedRecorder", "export function notifyParent", "export function listenForScribe", "export async function pollUntilDone" })
        {
            Assert.Contains(export, source);
        }

        var page = await host.OpenPageAsync("/");
        var delays = await page.EvaluateAsync<int[]>("async () => { const m = await import('/sdk/medscribe.js'); return [0, 29000, 30000, 59000, 60000, 600000].map(m.pollDelay); }");
        Assert.Equal([2000, 2000, 5000, 5000, 10000, 10000], delays);
    }
}
