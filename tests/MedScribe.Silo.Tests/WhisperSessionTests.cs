using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>
/// <c>Speech:Engine=whisper</c> through the whole service, whisper.cpp running in the silo process on a
/// random-weight model the test writes (its words are meaningless; the path, the windows, the times, the
/// languages and the refusals are real): from a file, and fetched at first start from a mirror that is a
/// real HTTP server on loopback.
/// </summary>
public sealed class WhisperSessionTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static void Whisper(Dictionary<string, string?> s)
    {
        MsaHost.Configure(s);
        s["Sessions__MaxChunks"] = null;
        s["Speech__Engine"] = "whisper";
        s["Speech__Workers"] = "2";
        // One decoding pass per window: random weights always decode badly, and the fallback would try six temperatures.
        s["Speech__Whisper__TemperatureFallback"] = "false";
    }

    [Fact]
    public async Task An_english_model_from_a_file_transcribes_a_chunked_session_while_it_records_in_30_second_windows_and_silence_stays_silent()
    {
        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            Whisper(s);
            s["Speech__Whisper__ModelPath"] = WhisperTestModel.Path();
        });
        Assert.Contains("Whisper model", host.Process.Output);
        Assert.Contains("English only", host.Process.Output);
        var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);
        var (_, discovery, _) = await client.GetAsync("/.well-known/medscribealliance");
        Assert.Equal(["en"], discovery["languages"]!["supported"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.False(discovery["languages"]!["auto_detection"]!.GetValue<bool>());
        Assert.Equal(["en"], discovery["models"]![0]!["languages"]!.AsArray().Select(l => l!.GetValue<string>()));

        var samples = await ConsultAudio.SamplesAsync(6, 90, Cancel);
        var session = await client.CreateSessionAsync("""{"templates":["transcript"]}""");
        await client.UploadWavChunksAsync(session, samples);
        // Whisper hears the session while it records, like the embedded engine.
        await client.WaitUntilTranscribingAsync(session);
        Assert.Equal(202, (await client.EndAsync(session)).Status);
        var (status, body) = await client.PollUntilFinishedAsync(session, seconds: 300);

        Assert.True(status == 200, $"{status}: {body.ToJsonString()}");
        Assert.Equal("en", body["language_detected"]!.GetValue<string>());
        Assert.Equal(90_000, body["audio_duration_ms"]!.GetValue<long>());
        var lines = body["templates"]!["transcript"]!["data"]!["utterances"]!.AsArray();
        Assert.NotEmpty(lines);
        Assert.All(lines, l =>
        {
            Assert.Matches("^(Doctor|Patient)$", l!["speaker"]!.GetValue<string>());
            Assert.InRange(l["start_ms"]!.GetValue<long>(), 0, l["end_ms"]!.GetValue<long>());
            Assert.InRange(l["end_ms"]!.GetValue<long>(), 1, 90_000);
        });
        var starts = lines.Select(l => l!["start_ms"]!.GetValue<long>()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.Equal("success", body["templates"]!["transcript"]!["status"]!.GetValue<string>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "SessionCompletedResponse", body);

        // 90 s of consult went to the recognizers in a few windows of up to 30 s, not one per utterance.
        using var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Admin-Key", SiloHost.AdminKey);
        var metrics = await admin.GetStringAsync("/metrics", Cancel);
        var windows = System.Text.RegularExpressions.Regex.Matches(metrics, @"^medscribe_speech_windows_total\{[^}]*\} (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(windows, 3, 12);

        // Silence and steady noise have no utterance for Whisper to hear: no invented line, the session says why.
        var quiet = await client.CreateSessionAsync("""{"templates":["transcript"]}""");
        var random = new Random(5);
        var noise = Enumerable.Range(0, 10 * 16000).Select(_ => (short)random.Next(-1500, 1500)).ToArray();
        Assert.Equal(200, (await client.UploadRawAsync(quiet, TestAudio.WavFromSamples(new short[10 * 16000]), "audio/wav", 0)).Status);
        Assert.Equal(200, (await client.UploadRawAsync(quiet, TestAudio.WavFromSamples(noise), "audio/wav", 1)).Status);
        Assert.Equal(202, (await client.EndAsync(quiet)).Status);
        var (quietStatus, quietBody) = await client.PollUntilFinishedAsync(quiet, seconds: 60);
        Assert.Equal("failed", quietBody["status"]!.GetValue<string>());
        Assert.Equal("audio_quality_poor", quietBody["error"]!["code"]!.GetValue<string>());
        Assert.NotEqual(500, quietStatus);
    }

    [Fact]
    public async Task A_named_multilingual_model_is_fetched_once_at_first_start_and_the_session_hears_the_language_hinted_or_detected()
    {
        var model = await File.ReadAllBytesAsync(WhisperTestModel.Path(WhisperTestModel.MultilingualVocabulary), Cancel);
        await using var mirror = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(200, Bytes: model) };
        var cache = Path.Combine(Path.GetTempPath(), "medscribe-whisper-cache-" + Guid.NewGuid().ToString("N")[..8]);
        void Settings(Dictionary<string, string?> s)
        {
            Whisper(s);
            s["Speech__CacheDirectory"] = cache;
            s["Speech__Whisper__Model"] = "small";
            s["Speech__Whisper__AllowDownload"] = "true";
            s["Speech__Whisper__DownloadMirror"] = mirror.Url.ToString();
        }

        try
        {
            await using (var first = await SiloHost.StartAsync(azurite.ConnectionString, Settings))
            {
                // Whisper.net's downloader asked for Hugging Face's path of the model; the mirror answered it.
                Assert.Equal("/sandrohanea/whisper.net/resolve/v4/classic/ggml-small.bin", Assert.Single(mirror.Received).Path);
                Assert.True(File.Exists(Path.Combine(cache, "ggml-small.bin")));
                Assert.Empty(Directory.GetFiles(cache, "*.partial"));
                Assert.Contains("Whisper model small downloaded", first.Process.Output);
            }

            await using var host = await SiloHost.StartAsync(azurite.ConnectionString, Settings);
            Assert.Single(mirror.Received); // the second start found it in the cache
            var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);
            var (_, discovery, _) = await client.GetAsync("/.well-known/medscribealliance");
            var languages = discovery["languages"]!["supported"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
            Assert.Equal(99, languages.Count);
            Assert.Contains("hi", languages);
            Assert.Contains("ta", languages);
            Assert.True(discovery["languages"]!["auto_detection"]!.GetValue<bool>());

            var samples = await ConsultAudio.SamplesAsync(6, 20, Cancel);
            var hinted = await client.CreateSessionAsync("""{"templates":["transcript"],"language_hint":"ta"}""");
            var detected = await client.CreateSessionAsync("""{"templates":["transcript"]}""");
            foreach (var session in new[] { hinted, detected })
            {
                Assert.Equal(200, (await client.UploadRawAsync(session, TestAudio.WavFromSamples(samples), "audio/wav", 0)).Status);
                Assert.Equal(202, (await client.EndAsync(session)).Status);
            }

            var (hintedStatus, hintedBody) = await client.PollUntilFinishedAsync(hinted, seconds: 120);
            Assert.True(hintedStatus == 200, hintedBody.ToJsonString());
            Assert.Equal("ta", hintedBody["language_detected"]!.GetValue<string>());
            var (detectedStatus, detectedBody) = await client.PollUntilFinishedAsync(detected, seconds: 120);
            Assert.True(detectedStatus == 200, detectedBody.ToJsonString());
            Assert.Contains(detectedBody["language_detected"]!.GetValue<string>(), languages);

            var (refused, error, _) = await client.PostJsonAsync("/v1/sessions", """{"templates":["transcript"],"language_hint":"tlh"}""");
            Assert.Equal(400, refused);
            Assert.Equal("language_hint", error["error"]!["details"]!["field"]!.GetValue<string>());
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task The_whisper_model_command_fetches_a_model_into_a_folder_checks_files_and_explains_failures()
    {
        var model = await File.ReadAllBytesAsync(WhisperTestModel.Path(), Cancel);
        await using var mirror = new WebhookReceiver(path: "/") { Answer = n => n == 0 ? new WebhookAnswer(200, Bytes: model[..(model.Length / 3)]) : new WebhookAnswer(200, Bytes: model) };
        var folder = Path.Combine(Path.GetTempPath(), "medscribe-whisper-cli-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            async Task<(int Code, string Output, string Error)> Run(params string[] args)
            {
                using var output = new StringWriter();
                using var error = new StringWriter();
                var code = await MedScribe.Silo.Speech.WhisperModelCli.RunAsync(args, output, error);
                return (code, output.ToString(), error.ToString());
            }

            // A download cut short is refused by the checks and leaves nothing behind.
            var cut = await Run("fetch", "--model", "base.en", "--quantization", "q5_1", "--to", folder, "--mirror", mirror.Url.ToString());
            Assert.Equal(1, cut.Code);
            Assert.Contains("could not be downloaded", cut.Error);
            Assert.Contains("not a complete Whisper model", cut.Error);
            Assert.Empty(Directory.GetFiles(folder));

            var fetched = await Run("fetch", "--model", "base.en", "--quantization", "q5_1", "--to", folder, "--mirror", mirror.Url.ToString());
            Assert.Equal(0, fetched.Code);
            Assert.Equal("/sandrohanea/whisper.net/resolve/v4/q5_1/ggml-base.en.bin", mirror.Received[^1].Path);
            var file = Path.Combine(folder, "ggml-base.en-q5_1.bin");
            Assert.Equal(model, await File.ReadAllBytesAsync(file, Cancel));
            Assert.Contains("Speech__Engine=whisper Speech__Whisper__Model=base.en", fetched.Output);

            var check = await Run("check", file);
            Assert.Equal(0, check.Code);
            Assert.Contains("English only", check.Output);
            var bad = await Run("check", typeof(WhisperSessionTests).Assembly.Location);
            Assert.Equal(1, bad.Code);
            Assert.Contains("ggml magic number", bad.Error);
            Assert.Equal(2, (await Run("fetch")).Code);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
