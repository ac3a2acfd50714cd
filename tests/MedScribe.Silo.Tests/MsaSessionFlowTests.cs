using MedScribe.Testing;
using System.Text.Json.Nodes;
using MedScribe.Grains.Sessions;

namespace MedScribe.Silo.Tests;

/// <summary>The happy paths of both protocol versions, request by request, on a real host with Azurite.</summary>
public sealed class MsaSessionFlowTests(MsaHost host) : IClassFixture<MsaHost>
{
    private readonly MsaClient _a = host.Client(MsaHost.KeyA);

    [Fact]
    public async Task Discovery_is_public_cacheable_and_valid_against_the_official_schema()
    {
        var anonymous = host.Host.CreateClient();
        var response = await anonymous.GetAsync("/.well-known/medscribealliance", TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl?.MaxAge);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        await MsaSchemas.AssertValidAsync("discovery-openapi.json", "DiscoveryResponse", body);
        Assert.Equal("medscribealliance", body["protocol"]!.GetValue<string>());
        Assert.Equal($"{host.Host.BaseAddress.ToString().TrimEnd('/')}/v1", body["endpoints"]!["base_url"]!.GetValue<string>());
        Assert.Equal(20, body["capabilities"]!["max_chunk_duration_seconds"]!.GetValue<int>());
        Assert.Equal(["chunked", "single", "stream"], body["capabilities"]!["upload_methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.True(body["models"]![0]!["features"]!["realtime_transcription"]!.GetValue<bool>());
        Assert.Contains("audio/wav", body["capabilities"]!["audio_formats"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(["pro", "lite"], body["models"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.All(body["models"]!.AsArray(), m => Assert.Equal(["en"], m!["languages"]!.AsArray().Select(l => l!.GetValue<string>())));
    }

    [Fact]
    public async Task Seed_000_flow_runs_unchanged_and_fails_honestly_without_a_speech_engine()
    {
        var (status, created, _) = await _a.PostJsonAsync("/v1/sessions", """
            {"templates":["soap","medications"],"model":"pro","language_hint":"en","include_transcript":true,
             "metadata":{"emr_encounter_id":"enc_12345","emr_patient_id":"pat_67890"}}
            """);
        Assert.Equal(201, status);
        var id = created["session_id"]!.GetValue<string>();
        Assert.Matches("^ses_[A-Za-z0-9]{24}$", id);
        Assert.Equal("created", created["status"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse(created["created_at"]!.GetValue<string>()).AddHours(1), DateTimeOffset.Parse(created["expires_at"]!.GetValue<string>()));
        Assert.Equal($"{host.Host.BaseAddress.ToString().TrimEnd('/')}/v1/sessions/{id}/audio", created["upload_url"]!.GetValue<string>());
        Assert.Equal("enc_12345", created["metadata"]!["emr_encounter_id"]!.GetValue<string>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "CreateSessionResponse", created);

        var (first, chunk0, _) = await _a.UploadRawAsync(id, TestAudio.Wav(15), "audio/wav", chunkIndex: 0);
        Assert.Equal(200, first);
        Assert.Equal(JsonNode.Parse($$"""
            {"session_id":"{{id}}","chunk_index":0,"file_name":"audio_0.wav","chunk_duration_ms":15000,"total_duration_ms":15000,"audio_files_received":1,"status":"received","success":true,"filename":"audio_0.wav","size_bytes":{{TestAudio.Wav(15).Length}}}
            """)!.ToJsonString(), chunk0.ToJsonString());
        var (second, chunk1, _) = await _a.UploadRawAsync(id, TestAudio.Wav(15), "audio/wav", chunkIndex: 1);
        Assert.Equal(200, second);
        Assert.Equal(15000, chunk1["chunk_duration_ms"]!.GetValue<long>());
        Assert.Equal(30000, chunk1["total_duration_ms"]!.GetValue<long>());

        var (ended, end, _) = await _a.EndAsync(id);
        Assert.Equal(202, ended);
        Assert.Equal("processing", end["status"]!.GetValue<string>());
        Assert.Equal(30000, end["audio_duration_ms"]!.GetValue<long>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "EndSessionResponse", end);

        var (final, result) = await _a.PollUntilFinishedAsync(id);
        Assert.Equal(200, final);
        Assert.Equal("failed", result["status"]!.GetValue<string>());
        // A steady tone is not speech: the session fails saying so, never with an invented transcript.
        Assert.Equal("audio_quality_poor", result["error"]!["code"]!.GetValue<string>());
        Assert.StartsWith("No speech was recognised in the 30.0 s of audio", result["error"]!["message"]!.GetValue<string>());
        Assert.Null(result["transcript"]);
        Assert.Null(result["templates"]);
        Assert.Equal("pat_67890", result["additional_data"]!["emr_patient_id"]!.GetValue<string>());
        Assert.Equal("pat_67890", result["metadata"]!["emr_patient_id"]!.GetValue<string>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "SessionCompletedResponse", result);
    }

    [Fact]
    public async Task Current_spec_flow_takes_multipart_chunks_out_of_order_and_lists_them_in_index_order()
    {
        var id = await _a.CreateSessionAsync("""
            {"templates":["soap"],"language_hint":["en"],"upload_type":"chunked","communication_protocol":"http",
             "additional_data":{"emr_encounter_id":"enc_9"},"unknown_future_field":{"x":1}}
            """);
        foreach (var n in new[] { 2, 0, 1 })
        {
            var (status, body, _) = await _a.UploadMultipartAsync(id, TestAudio.Wav(1), $"consultation_recording_{n}.wav", "audio/wav");
            Assert.True(status == 200, body.ToJsonString());
            Assert.Equal(n, body["chunk_index"]!.GetValue<int>());
        }

        var (polled, processing, _) = await _a.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(202, polled);
        Assert.Equal("recording", processing["status"]!.GetValue<string>());
        Assert.Equal(3, processing["audio_files_received"]!.GetValue<int>());
        Assert.Equal(["consultation_recording_0.wav", "consultation_recording_1.wav", "consultation_recording_2.wav"],
            processing["audio_files"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("", processing["transcript"]!.GetValue<string>());
        Assert.Equal("enc_9", processing["additional_data"]!["emr_encounter_id"]!.GetValue<string>());
        Assert.Null(processing["metadata"]);
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "SessionProcessingResponse", processing);

        var (ended, end, _) = await _a.EndAsync(id, """{"audio_files_sent":3}""");
        Assert.Equal(202, ended);
        Assert.Equal(3, end["audio_files_received"]!.GetValue<int>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "EndSessionResponse", end);
    }

    [Fact]
    public async Task A_raw_body_named_by_Content_Disposition_takes_its_index_from_the_file_name()
    {
        var id = await _a.CreateSessionAsync();

        var (status, body, _) = await _a.UploadRawAsync(id, TestAudio.Wav(2), "audio/wav", fileName: "audio_4.wav");

        Assert.Equal(200, status);
        Assert.Equal(4, body["chunk_index"]!.GetValue<int>());
        Assert.Equal("audio_4.wav", body["file_name"]!.GetValue<string>());
        Assert.Equal(2000, body["chunk_duration_ms"]!.GetValue<long>());
    }

    [Fact]
    public async Task Re_sending_an_index_replaces_that_chunk_and_counts_it_once()
    {
        var id = await _a.CreateSessionAsync();
        await _a.UploadRawAsync(id, TestAudio.Wav(5), "audio/wav", chunkIndex: 0);

        var (status, body, _) = await _a.UploadRawAsync(id, TestAudio.Wav(2), "audio/wav", chunkIndex: 0);

        Assert.Equal(200, status);
        Assert.Equal(1, body["audio_files_received"]!.GetValue<int>());
        Assert.Equal(2000, body["total_duration_ms"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_single_complete_file_is_accepted_whatever_its_length_and_keeps_its_name()
    {
        var id = await _a.CreateSessionAsync("""{"templates":["soap"],"upload_type":"single"}""");

        var (status, body, _) = await _a.UploadRawAsync(id, TestAudio.Wav(25), "audio/wav", fileName: "consult.wav", complete: true);

        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal("consult.wav", body["file_name"]!.GetValue<string>());
        Assert.Equal(25000, body["duration_ms"]!.GetValue<long>());
        Assert.Equal("received", body["status"]!.GetValue<string>());
        var (second, error, _) = await _a.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", chunkIndex: 1);
        Assert.Equal(400, second);
        Assert.Equal("invalid_request", error["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Templates_lists_the_built_in_templates_to_an_authenticated_caller()
    {
        var (status, body, _) = await _a.GetAsync("/v1/templates");

        Assert.Equal(200, status);
        var ids = body["templates"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["transcript", "soap", "medications", "vitals", "hpi", "problems", "allergies", "orders", "follow_up",
            "patient_instructions", "discharge_summary", "referral_letter", "history_physical", "progress_note", "consultation_note"], ids);
        Assert.All(body["templates"]!.AsArray(), t => Assert.False(string.IsNullOrEmpty(t!["description"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Ending_a_session_without_audio_fails_it_with_audio_too_short()
    {
        var id = await _a.CreateSessionAsync();
        Assert.Equal(202, (await _a.EndAsync(id)).Status);

        var (status, body) = await _a.PollUntilFinishedAsync(id);

        Assert.Equal(200, status);
        Assert.Equal("failed", body["status"]!.GetValue<string>());
        Assert.Equal("audio_too_short", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_reference_clients_route_uploads_each_named_file_as_the_next_chunk_and_every_reply_names_it_and_its_size()
    {
        var client = host.Client(MsaHost.KeyA);
        var id = await client.CreateSessionAsync();
        var first = TestAudio.Wav(1);
        var second = TestAudio.Wav(2);
        async Task<System.Text.Json.Nodes.JsonObject> Post(string name, byte[] audio, string contentType)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{id}/audio/{name}") { Content = new ByteArrayContent(audio) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            var (status, body, _) = await client.SendAsync(request);
            Assert.True(status == 200, body.ToJsonString());
            return body;
        }

        var a = await Post("consult_part_a.wav", first, "audio/wav");
        Assert.Equal(("consult_part_a.wav", first.Length, 0, true), (a["filename"]!.GetValue<string>(), a["size_bytes"]!.GetValue<long>(), a["chunk_index"]!.GetValue<int>(), a["success"]!.GetValue<bool>()));
        // A raw body the client calls octet-stream is typed by its name.
        var b = await Post("consult_part_b.wav", second, "application/octet-stream");
        Assert.Equal(("consult_part_b.wav", second.Length, 1), (b["filename"]!.GetValue<string>(), b["size_bytes"]!.GetValue<long>(), b["chunk_index"]!.GetValue<int>()));
        var (_, session, _) = await client.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(["consult_part_a.wav", "consult_part_b.wav"], session["audio_files"]!.AsArray().Select(f => f!.GetValue<string>()));

        // Every upload reply carries both fields, whichever form the upload took.
        var (_, raw, _) = await client.UploadRawAsync(id, first, "audio/wav", 2);
        Assert.Equal(("audio_2.wav", first.Length), (raw["filename"]!.GetValue<string>(), raw["size_bytes"]!.GetValue<long>()));
    }
}
