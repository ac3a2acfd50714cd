using System.Text;
using MedScribe.Speech.OpenAi;
using MedScribe.Speech.PocketSphinx;
using MedScribe.Testing;

namespace MedScribe.Speech.Tests;

/// <summary>The OpenAI-compatible engine against a real HTTP listener on loopback that answers as such a server does.</summary>
public sealed class OpenAiTranscriptionTests
{
    private const string Verbose = """
        {"task":"transcribe","language":"english","duration":2.0,"text":"How are you feeling? Better, thanks.",
         "segments":[{"id":0,"start":0.1,"end":1.0,"text":" How are you feeling?","avg_logprob":-0.1},
                     {"id":1,"start":1.2,"end":1.9,"text":" Better, thanks.","avg_logprob":-0.3}],
         "words":[{"word":"How","start":0.1,"end":0.3},{"word":"are","start":0.3,"end":0.4},{"word":"you","start":0.4,"end":0.6},
                  {"word":"feeling?","start":0.6,"end":1.0},{"word":"Better,","start":1.2,"end":1.6},{"word":"thanks.","start":1.6,"end":1.9}]}
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sends_multipart_wav_and_maps_segments_and_words_to_audio_time_across_pieces()
    {
        await using var server = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(200, Body: Verbose) };
        var recognizer = Recognizer(server, s => s.MaxPiece = TimeSpan.FromSeconds(2));
        var audio = new PcmAudio(new short[16000 * 5]);

        var utterances = await recognizer.RecognizeAsync(audio, [], Cancel);

        Assert.Equal(3, server.Count); // 2 s + 2 s + 1 s
        var request = server.Received[0];
        Assert.Equal("Bearer sk-test", request.Header("authorization"));
        Assert.StartsWith("multipart/form-data", request.Header("content-type"));
        var form = Encoding.Latin1.GetString(request.Body);
        Assert.Contains("name=model", form);
        Assert.Contains("whisper-1", form);
        Assert.Contains("verbose_json", form);
        Assert.Contains("filename=audio.wav", form);
        Assert.Contains("RIFF", form);
        Assert.Equal(16000 * 2, server.Received[0].Body.Length - server.Received[2].Body.Length); // 2 s and 1 s of 16-bit audio

        Assert.Equal(6, utterances.Count);
        Assert.Equal("How are you feeling?", utterances[0].Text);
        Assert.Equal(["How", "are", "you", "feeling?"], utterances[0].Words!.Select(w => w.Text));
        Assert.Equal(0.905, utterances[0].Words![0].Confidence, 3);
        // The second piece starts 2 s into the recording.
        Assert.Equal(2100, utterances[2].StartMs);
        Assert.Equal(3900, utterances[3].Words![^1].EndMs);
        Assert.All(utterances, u => Assert.Equal("", u.Speaker));
    }

    [Fact]
    public async Task Retries_server_errors_and_timeouts_but_not_refusals()
    {
        await using var flaky = new WebhookReceiver(path: "/")
        {
            Answer = n => n switch
            {
                0 => new WebhookAnswer(503),
                1 => new WebhookAnswer(200, Delay: TimeSpan.FromSeconds(3), Body: Verbose),
                _ => new WebhookAnswer(200, Body: Verbose),
            },
        };
        var utterances = await Recognizer(flaky, s => s.Timeout = TimeSpan.FromSeconds(1)).RecognizeAsync(new PcmAudio(new short[16000]), [], Cancel);
        Assert.Equal(3, flaky.Count);
        Assert.Equal(2, utterances.Count);

        await using var refusing = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(400, Body: """{"error":{"message":"Unsupported file"}}""") };
        var refused = await Assert.ThrowsAsync<SpeechEngineException>(() => Recognizer(refusing).RecognizeAsync(new PcmAudio(new short[16000]), [], Cancel));
        Assert.Contains("400", refused.Message);
        Assert.Contains("Unsupported file", refused.Message);
        Assert.Equal(1, refusing.Count);

        await using var down = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(500) };
        var failed = await Assert.ThrowsAsync<SpeechEngineException>(() => Recognizer(down, s => s.Retries = 1).RecognizeAsync(new PcmAudio(new short[16000]), [], Cancel));
        Assert.Contains("failed 2 times", failed.Message);
    }

    private static OpenAiTranscriptionRecognizer Recognizer(WebhookReceiver server, Action<OpenAiTranscriptionSettings>? adjust = null)
    {
        var settings = new OpenAiTranscriptionSettings
        {
            BaseUrl = server.Url.ToString(),
            ApiKey = "sk-test",
            Languages = ["en"],
        };
        adjust?.Invoke(settings);
        return new OpenAiTranscriptionRecognizer(new HttpClient(), settings);
    }
}
