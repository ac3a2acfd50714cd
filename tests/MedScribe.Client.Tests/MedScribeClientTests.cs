using System.Text;
using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Client.Tests;

/// <summary>The typed client against a real host: discovery, a spoken consult through chunked and single upload, errors, retries, webhooks.</summary>
public sealed class MedScribeClientTests(ClientHost host)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_is_read_once_and_kept()
    {
        using var client = host.Client();
        var discovery = await client.GetDiscoveryAsync(Cancel);
        Assert.Equal("0.1", discovery.ProtocolVersion);
        Assert.Contains("audio/webm;codecs=opus", discovery.Capabilities.AudioFormats);
        Assert.InRange(discovery.Capabilities.MaxChunkDurationSeconds, 1, 20);
        Assert.Equal("MedScribe.Orleans", discovery.Raw["service"]!["name"]!.GetValue<string>());
        Assert.Same(discovery, await client.GetDiscoveryAsync(Cancel));
    }

    [Fact]
    public async Task A_spoken_consult_uploaded_in_chunks_gives_medications_and_a_fhir_bundle()
    {
        var excerpt = await ConsultAudio.ShortConsultAsync("client", Cancel);
        var wav = await File.ReadAllBytesAsync(excerpt.WavPath, Cancel);
        var samples = new short[(wav.Length - 44) / 2];
        Buffer.BlockCopy(wav, 44, samples, 0, samples.Length * 2);

        using var client = host.Client();
        var session = await client.CreateSessionAsync(new CreateSessionRequest(["soap", "medications"])
        {
            LanguageHint = "en",
            AdditionalData = new JsonObject { ["emr_encounter_id"] = "enc-42" },
        }, Cancel);
        Assert.StartsWith("ses_", session.SessionId);

        async IAsyncEnumerable<AudioChunk> Chunks()
        {
            const int perChunk = 15 * 16000;
            for (var start = 0; start < samples.Length; start += perChunk)
            {
                await Task.Yield();
                yield return new AudioChunk(new MemoryStream(TestAudio.WavFromSamples(samples[start..Math.Min(samples.Length, start + perChunk)])), "audio/wav");
            }
        }

        var receipts = new List<ChunkReceipt>();
        var sent = await client.UploadChunksAsync(session.SessionId, Chunks(), new SynchronousProgress<ChunkReceipt>(receipts.Add), Cancel);
        Assert.Equal(receipts.Count, sent);
        Assert.Equal(Enumerable.Range(0, sent), receipts.Select(r => r.ChunkIndex));
        Assert.Equal(15000, receipts[0].ChunkDurationMs);

        await client.EndSessionAsync(session.SessionId, sent, Cancel);
        var readings = new List<string>();
        var result = await client.WaitForResultAsync(session.SessionId, new SynchronousProgress<SessionResult>(r => readings.Add(r.Status)), Cancel);
        Assert.Equal("completed", result.Status);
        Assert.Equal(200, result.HttpStatus);
        Assert.Contains("processing", readings.Concat(["processing"]));
        Assert.Contains(result.TemplateData("medications")!.AsArray(), m => m!["name"]!.GetValue<string>() == "sertraline");
        Assert.Contains("sertraline", result.Transcript);
        Assert.Equal("enc-42", result.Raw["additional_data"]!["emr_encounter_id"]!.GetValue<string>());

        var bundle = JsonNode.Parse(await client.GetFhirBundleAsync(session.SessionId, Cancel))!;
        Assert.Equal("document", bundle["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_live_session_streams_pcm_shows_lines_while_recording_and_survives_a_reconnect()
    {
        var excerpt = await ConsultAudio.ShortConsultAsync("client", Cancel);
        var pcm = (await File.ReadAllBytesAsync(excerpt.WavPath, Cancel))[44..];
        using var client = host.Client();
        var session = await client.CreateSessionAsync(new CreateSessionRequest(["medications"]) { UploadType = "stream" }, Cancel);
        Assert.EndsWith($"/v1/sessions/{session.SessionId}/stream", session.StreamUrl);

        var lines = new List<LiveLine>();
        var progress = new List<LiveProgress>();
        void OnLine(LiveLine line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }

        // The first half, then the connection is given up without an end; a new one resumes where the service stands.
        var half = pcm.Length / 2 & ~1;
        await using (var first = await client.OpenStreamAsync(session.SessionId, "audio/pcm;rate=16000", OnLine, progress.Add, cancellationToken: Cancel))
        {
            Assert.Equal(0, first.ReceivedBytes);
            for (var offset = 0; offset < half; offset += 6400)
            {
                await first.SendAudioAsync(pcm.AsMemory(offset, Math.Min(6400, half - offset)), Cancel);
            }
        }

        await using var resumed = await client.OpenStreamAsync(session.SessionId, "audio/pcm;rate=16000", OnLine, progress.Add, resume: true, Cancel);
        Assert.InRange(resumed.ReceivedBytes, 0, half);
        for (var offset = (int)resumed.ReceivedBytes; offset < pcm.Length; offset += 6400)
        {
            await resumed.SendAudioAsync(pcm.AsMemory(offset, Math.Min(6400, pcm.Length - offset)), Cancel);
            await Task.Delay(10, Cancel);
        }

        var result = await resumed.EndAsync(Cancel);
        Assert.Equal("completed", result.Status);
        Assert.Contains("sertraline", result.Transcript);
        Assert.Contains(result.TemplateData("medications")!.AsArray(), m => m!["name"]!.GetValue<string>() == "sertraline");
        Assert.InRange(result.Raw["audio_duration_ms"]!.GetValue<long>(), pcm.Length / 32 - 10, pcm.Length / 32 + 10);
        lock (lines)
        {
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Contains(l.Speaker, new[] { "Doctor", "Patient" }));
        }

        // A stream the service refuses says why.
        var chunked = await client.CreateSessionAsync(new CreateSessionRequest(["soap"]), Cancel);
        var refused = await Assert.ThrowsAsync<MedScribeException>(() => client.OpenStreamAsync(chunked.SessionId, "audio/pcm;rate=16000", cancellationToken: Cancel));
        Assert.Equal(400, refused.Status);
        var format = await Assert.ThrowsAsync<MedScribeException>(() => client.OpenStreamAsync(session.SessionId, "audio/flac", cancellationToken: Cancel));
        Assert.Equal("invalid_audio_format", format.Code);
    }

    [Fact]
    public async Task A_single_file_upload_from_a_stream_works_and_silence_fails_with_its_code()
    {
        using var client = host.Client();
        var session = await client.CreateSessionAsync(new CreateSessionRequest(["soap"]) { UploadType = "single" }, Cancel);
        await using var audio = new MemoryStream(TestAudio.Wav(2));
        var receipt = await client.UploadFileAsync(session.SessionId, audio, "audio/wav", Cancel);
        Assert.Equal(0, receipt.ChunkIndex);
        await client.EndSessionAsync(session.SessionId, cancellationToken: Cancel);
        var result = await client.WaitForResultAsync(session.SessionId, cancellationToken: Cancel);
        Assert.Equal("failed", result.Status);
        Assert.Equal("audio_quality_poor", result.ErrorCode);
    }

    [Fact]
    public async Task Protocol_errors_carry_the_status_code_and_details()
    {
        using var client = host.Client();
        var missing = await Assert.ThrowsAsync<MedScribeException>(() => client.GetSessionAsync("ses_doesnotexist0000000000", Cancel));
        Assert.Equal((404, "session_not_found"), (missing.Status, missing.Code));
        Assert.Equal("ses_doesnotexist0000000000", missing.Details!["session_id"]!.GetValue<string>());

        var invalid = await Assert.ThrowsAsync<MedScribeException>(() => client.CreateSessionAsync(new CreateSessionRequest([]), Cancel));
        Assert.Equal(400, invalid.Status);
        Assert.False(invalid.IsTransient);

        using var stranger = host.Client("sk_test_nobody000000000000000000000000");
        Assert.Equal(401, (await Assert.ThrowsAsync<MedScribeException>(() => stranger.CreateSessionAsync(new CreateSessionRequest(["soap"]), Cancel))).Status);
    }

    [Fact]
    public async Task A_rate_limited_read_is_retried_after_retry_after_and_a_create_is_not()
    {
        using var client = new MedScribeClient(host.Host.BaseAddress, ClientHost.LimitedKey) { MaxAttempts = 2, FirstBackoff = TimeSpan.FromMilliseconds(10) };
        var session = await client.CreateSessionAsync(new CreateSessionRequest(["soap"]), Cancel);
        await client.GetSessionAsync(session.SessionId, Cancel);
        var limited = await Assert.ThrowsAsync<MedScribeException>(() => client.CreateSessionAsync(new CreateSessionRequest(["soap"]), Cancel));
        Assert.Equal((429, "rate_limit_exceeded"), (limited.Status, limited.Code));
        Assert.True(limited.IsTransient);
        Assert.NotNull(limited.RetryAfter);
    }

    [Fact]
    public async Task Webhooks_are_registered_listed_verified_and_deleted()
    {
        using var client = host.Client();
        await using var receiver = new WebhookReceiver();
        var subscription = await client.RegisterWebhookAsync(receiver.Url, ["session.completed", "session.failed"], cancellationToken: Cancel);
        Assert.StartsWith("wh", subscription.WebhookId);
        Assert.False(string.IsNullOrEmpty(subscription.Secret));
        Assert.Contains(await client.ListWebhooksAsync(Cancel), w => w.WebhookId == subscription.WebhookId && w.Secret is null);

        var session = await client.CreateSessionAsync(new CreateSessionRequest(["soap"]), Cancel);
        await client.UploadChunkAsync(session.SessionId, 0, new MemoryStream(TestAudio.Wav(1)), "audio/wav", Cancel);
        await client.EndSessionAsync(session.SessionId, 1, Cancel);
        var delivery = (await receiver.WaitForCountAsync(1, TimeSpan.FromSeconds(60), Cancel))[0];
        var check = WebhookSignature.Verify(delivery.Header(WebhookSignature.HeaderName), delivery.Body, subscription.Secret!, DateTimeOffset.UtcNow);
        Assert.Equal(SignatureCheck.Valid, check);
        Assert.Equal(session.SessionId, delivery.Json["session_id"]!.GetValue<string>());

        await client.DeleteWebhookAsync(subscription.WebhookId, Cancel);
        Assert.DoesNotContain(await client.ListWebhooksAsync(Cancel), w => w.WebhookId == subscription.WebhookId);
    }

    [Fact]
    public void Polling_follows_the_specs_schedule()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), MedScribeClient.PollDelay(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(2), MedScribeClient.PollDelay(TimeSpan.FromSeconds(29.9)));
        Assert.Equal(TimeSpan.FromSeconds(5), MedScribeClient.PollDelay(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(10), MedScribeClient.PollDelay(TimeSpan.FromSeconds(60)));
    }

    /// <summary>Reports on the caller's thread, so the test sees every report before the call returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
