using MedScribe.Audio;
using MedScribe.Audio.Opus;

namespace MedScribe.Browser.Tests;

/// <summary>
/// A genuine MediaRecorder recording from chromium (its fake microphone playing a consult excerpt) through
/// the in-process decoder, one timeslice at a time with the state saved and restored between, as the
/// service decodes a browser's chunks.
/// </summary>
public sealed class MediaRecorderDecodeTests(BrowserHost host)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chromium_recording_decoded_chunk_by_chunk_equals_the_one_shot_decode_and_ffmpegs_length()
    {
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[5], Cancel);
        var excerpt = await ConsultAudio.ExcerptAsync(consult, (_, i) => i < 3, "mediarecorder", Cancel);
        await using var browser = await host.LaunchWithMicrophoneAsync(excerpt.WavPath);
        var context = await browser.NewContextAsync(new() { BaseURL = host.Host.BaseAddress.ToString() });
        await context.GrantPermissionsAsync(["microphone"]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        // One-second timeslices: every chunk after the first starts mid-element, as with the SDK's 15-s slices.
        var chunks = await page.EvaluateAsync<string[]>("""
            async (ms) => {
              const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
              const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus' });
              const parts = [];
              recorder.ondataavailable = (e) => parts.push(e.data);
              const stopped = new Promise((resolve) => recorder.onstop = resolve);
              recorder.start(1000);
              await new Promise((resolve) => setTimeout(resolve, ms));
              recorder.stop();
              await stopped;
              stream.getTracks().forEach((t) => t.stop());
              const encoded = [];
              for (const part of parts) {
                const bytes = new Uint8Array(await part.arrayBuffer());
                let binary = '';
                for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                encoded.push(btoa(binary));
              }
              return encoded;
            }
            """, (int)(excerpt.Seconds * 1000) + 500);
        var parts = chunks.Select(Convert.FromBase64String).Where(p => p.Length > 0).ToList();
        Assert.True(parts.Count >= 5, $"{parts.Count} chunks");
        Assert.True(OpusContainerReader.StartsContainer(parts[0]));
        Assert.All(parts.Skip(1), p => Assert.False(OpusContainerReader.StartsContainer(p)));

        var whole = parts.SelectMany(p => p).ToArray();
        var oneShot = new List<short>();
        var decoder = OpusStreamDecoder.TryStart(whole)!;
        decoder.Feed(whole, oneShot);
        decoder.Finish(oneShot);

        var stepwise = new List<short>();
        byte[]? state = null;
        foreach (var part in parts)
        {
            var step = state is null ? OpusStreamDecoder.TryStart(part)! : OpusStreamDecoder.Restore(state);
            step.Feed(part, stepwise);
            state = step.Save();
        }

        OpusStreamDecoder.Restore(state!).Finish(stepwise);

        // Within one frame (20 ms at 16 kHz) of the one-shot decode, sample for sample where both have audio.
        Assert.InRange(stepwise.Count, oneShot.Count - 320, oneShot.Count + 320);
        var common = Math.Min(stepwise.Count, oneShot.Count);
        Assert.Equal(oneShot.Take(common), stepwise.Take(common));
        // ffmpeg's decode of the same bytes has the same length, and the recording is the excerpt's length.
        var reference = await new FfmpegDecoder().DecodeAsync(new MemoryStream(whole), cancellationToken: Cancel);
        Assert.InRange(oneShot.Count, reference.Length - 320, reference.Length + 320);
        Assert.InRange(oneShot.Count / 16000.0, excerpt.Seconds - 1, excerpt.Seconds + 2);
    }
}
