using System.Text;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>
/// A session through the OpenAI-compatible engine, the transcription server a real HTTP listener on
/// loopback: the same path as the embedded engine (windows cut by our segmenter, sent while the session
/// records), the answers placed in the session's time.
/// </summary>
public sealed class OpenAiSessionTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Answer(int request) => $$"""
        {"task":"transcribe","language":"english","duration":1.0,"text":"window {{request}} heard",
         "segments":[{"id":0,"start":0.05,"end":0.95,"text":" {{(request % 2 == 0 ? "how long have you had the cough" : "I have had it for two weeks")}}","avg_logprob":-0.2}],
         "words":[]}
        """;

    [Fact]
    public async Task A_chunked_session_is_transcribed_while_recording_in_windows_of_at_most_30_seconds_and_placed_in_time()
    {
        await using var server = new WebhookReceiver(path: "/") { Answer = n => new WebhookAnswer(200, Body: Answer(n)) };
        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            MsaHost.Configure(s);
            s["Sessions__MaxChunks"] = null;
            s["Speech__Engine"] = "openai";
            s["Speech__OpenAi__BaseUrl"] = server.Url.ToString();
            s["Speech__OpenAi__Languages__0"] = "en";
        });
        var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);
        var samples = await ConsultAudio.SamplesAsync(6, 90, Cancel);

        var session = await client.CreateSessionAsync("""{"templates":["transcript"]}""");
        var pieces = samples.Chunk(15 * 16000).ToList();
        for (var i = 0; i < pieces.Count; i++)
        {
            Assert.Equal(200, (await client.UploadRawAsync(session, TestAudio.WavFromSamples(pieces[i]), "audio/wav", i)).Status);
        }

        // Windows go to the server while the session records.
        await server.WaitForCountAsync(1, TimeSpan.FromSeconds(60), Cancel);
        Assert.Equal(202, (await client.EndAsync(session)).Status);
        var (status, body) = await client.PollUntilFinishedAsync(session, seconds: 120);

        Assert.Equal(200, status);
        var requests = server.Received;
        Assert.InRange(requests.Count, 3, 40);
        foreach (var request in requests)
        {
            Assert.StartsWith("multipart/form-data", request.Header("content-type"));
            // One WAV of at most 30 s of speech plus its padding (and the multipart framing).
            Assert.InRange(request.Body.Length, 44 + 16000 * 2 / 4, 44 + 16000 * 2 * 31 + 4096);
        }

        var utterances = body["templates"]!["transcript"]!["data"]!["utterances"]!.AsArray();
        var text = string.Join(' ', utterances.Select(u => u!["text"]!.GetValue<string>().ToLowerInvariant()));
        Assert.Equal(requests.Count, text.Split(' ').Count(w => w is "cough" or "weeks"));
        var starts = utterances.Select(u => u!["start_ms"]!.GetValue<long>()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(utterances, u => Assert.InRange(u!["end_ms"]!.GetValue<long>(), 1, 90_000));
        Assert.Equal(90_000, body["audio_duration_ms"]!.GetValue<long>());
    }
}
