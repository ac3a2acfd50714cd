using MedScribe.Testing;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Tests;

/// <summary>Every error answer: right status, the protocol's envelope, details naming what was wrong, nothing accepted lost.</summary>
public sealed class MsaErrorTests(MsaHost host) : IClassFixture<MsaHost>
{
    private readonly MsaClient _a = host.Client(MsaHost.KeyA);
    private readonly MsaClient _b = host.Client(MsaHost.KeyB);

    private static void AssertError((int Status, JsonObject Body, HttpResponseMessage _) answer, int status, string code)
    {
        Assert.True(answer.Status == status && answer.Body["error"]?["code"]?.GetValue<string>() == code,
            $"expected {status} {code}, got {answer.Status} {answer.Body.ToJsonString()}");
        Assert.False(string.IsNullOrEmpty(answer.Body["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Missing_or_wrong_keys_are_401_authentication_failed_and_every_accepted_header_form_works()
    {
        var anonymous = new MsaClient(host.Host.CreateClient(), "");
        var noKey = new HttpRequestMessage(HttpMethod.Get, "/v1/templates");
        noKey.Headers.Add("X-API-Key", "");
        AssertError(await anonymous.SendAsync(noKey), 401, "authentication_failed");
        AssertError(await host.Client("sk_live_doesnotexist000000000000000000").GetAsync("/v1/templates"), 401, "authentication_failed");

        foreach (var scheme in new[] { "Bearer", "X-API-Key" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/templates");
            request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {MsaHost.KeyA}");
            Assert.Equal(200, (await anonymous.SendAsync(request)).Status);
        }
    }

    [Fact]
    public async Task An_unsupported_MSA_Version_is_400_with_the_supported_list()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/templates");
        request.Headers.Add("MSA-Version", "9.9");

        var answer = await _a.SendAsync(request);

        AssertError(answer, 400, "unsupported_version");
        Assert.Equal("9.9", answer.Body["error"]!["details"]!["requested_version"]!.GetValue<string>());
        Assert.Equal(["0.1"], answer.Body["error"]!["details"]!["supported_versions"]!.AsArray().Select(v => v!.GetValue<string>()));
        var current = new HttpRequestMessage(HttpMethod.Get, "/v1/templates");
        current.Headers.Add("MSA-Version", "0.1");
        Assert.Equal(200, (await _a.SendAsync(current)).Status);
    }

    [Theory]
    [InlineData("{\"templates\":[\"soap\"", "invalid_request", null)]
    [InlineData("[1,2]", "invalid_request", null)]
    [InlineData("{}", "missing_required_field", "templates")]
    [InlineData("{\"templates\":[]}", "invalid_request", "templates")]
    [InlineData("{\"templates\":\"soap\"}", "invalid_request", "templates")]
    [InlineData("{\"templates\":[\"soap\", 3]}", "invalid_request", "templates[1]")]
    [InlineData("{\"templates\":[\"soap\"],\"model\":\"ultra\"}", "invalid_request", "model")]
    [InlineData("{\"templates\":[\"soap\"],\"language_hint\":\"fr\"}", "invalid_request", "language_hint")]
    [InlineData("{\"templates\":[\"soap\"],\"upload_type\":\"broadcast\"}", "invalid_request", "upload_type")]
    [InlineData("{\"templates\":[\"soap\"],\"communication_protocol\":\"websocket\"}", "invalid_request", "communication_protocol")]
    [InlineData("{\"templates\":[\"soap\"],\"upload_type\":\"stream\",\"communication_protocol\":\"http\"}", "invalid_request", "communication_protocol")]
    [InlineData("{\"templates\":[\"soap\"],\"communication_protocol\":\"grpc\"}", "invalid_request", "communication_protocol")]
    [InlineData("{\"templates\":[\"soap\"],\"additional_data\":[1]}", "invalid_request", "additional_data")]
    public async Task Bad_create_session_bodies_are_400_naming_the_field(string json, string code, string? field)
    {
        var answer = await _a.PostJsonAsync("/v1/sessions", json);

        AssertError(answer, 400, code);
        if (field is not null)
        {
            Assert.Equal(field, answer.Body["error"]!["details"]!["field"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Additional_data_over_the_limit_and_too_many_templates_are_refused_with_the_limit()
    {
        var big = new string('x', 5000);
        var answer = await _a.PostJsonAsync("/v1/sessions", $$$"""{"templates":["soap"],"additional_data":{"note":"{{{big}}}"}}""");
        AssertError(answer, 400, "invalid_request");
        Assert.Equal(4096, answer.Body["error"]!["details"]!["max_bytes"]!.GetValue<int>());

        var many = string.Join(",", Enumerable.Range(0, 16).Select(i => $"\"t{i}\""));
        var tooMany = await _a.PostJsonAsync("/v1/sessions", $$"""{"templates":[{{many}}]}""");
        AssertError(tooMany, 400, "invalid_request");
        Assert.Equal(15, tooMany.Body["error"]!["details"]!["max_items"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_and_malformed_session_ids_are_404_session_not_found()
    {
        var unknown = await _a.GetAsync("/v1/sessions/ses_doesnotexist0000000000");
        AssertError(unknown, 404, "session_not_found");
        Assert.Equal("ses_doesnotexist0000000000", unknown.Body["error"]!["details"]!["session_id"]!.GetValue<string>());
        AssertError(await _a.GetAsync("/v1/sessions/not-a-session"), 404, "session_not_found");
        AssertError(await _a.EndAsync("ses_doesnotexist0000000000"), 404, "session_not_found");
        AssertError(await _a.UploadRawAsync("ses_doesnotexist0000000000", TestAudio.Wav(1), "audio/wav", 0), 404, "session_not_found");
    }

    [Fact]
    public async Task Another_tenants_session_is_not_found_on_every_endpoint_and_stays_intact()
    {
        var id = await _a.CreateSessionAsync();
        await _a.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 0);

        AssertError(await _b.GetAsync($"/v1/sessions/{id}"), 404, "session_not_found");
        AssertError(await _b.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 1), 404, "session_not_found");
        AssertError(await _b.EndAsync(id), 404, "session_not_found");

        var (status, body, _) = await _a.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(202, status);
        Assert.Equal("recording", body["status"]!.GetValue<string>());
        Assert.Equal(1, body["audio_files_received"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upload_after_end_and_a_second_end_are_400_invalid_request_naming_the_status()
    {
        var id = await _a.CreateSessionAsync();
        await _a.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 0);
        await _a.EndAsync(id);

        var upload = await _a.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 1);
        AssertError(upload, 400, "session_ended");
        Assert.Equal("Cannot upload audio to ended session", upload.Body["error"]!["message"]!.GetValue<string>());
        var again = await _a.EndAsync(id);
        AssertError(again, 400, "invalid_request");
        Assert.NotNull(again.Body["error"]!["details"]!["status"]);
    }

    [Fact]
    public async Task Audio_format_errors_name_the_provided_and_supported_formats()
    {
        var id = await _a.CreateSessionAsync();
        var flac = await _a.UploadRawAsync(id, [1, 2, 3], "audio/flac", 0);
        AssertError(flac, 400, "invalid_audio_format");
        Assert.Equal("audio/flac", flac.Body["error"]!["details"]!["provided_format"]!.GetValue<string>());
        Assert.Contains("audio/wav", flac.Body["error"]!["details"]!["supported_formats"]!.AsArray().Select(f => f!.GetValue<string>()));

        Assert.Equal(200, (await _a.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 0)).Status);
        var mixed = await _a.UploadRawAsync(id, [0x1A, 0x45, 0xDF, 0xA3], "audio/webm;codecs=opus", 1);
        AssertError(mixed, 400, "invalid_audio_format");
        Assert.Equal(1, (await _a.GetAsync($"/v1/sessions/{id}")).Body["audio_files_received"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_chunk_longer_than_the_advertised_maximum_is_400_chunk_too_large_and_not_kept()
    {
        var id = await _a.CreateSessionAsync();

        var answer = await _a.UploadRawAsync(id, TestAudio.Wav(25), "audio/wav", 0);

        AssertError(answer, 400, "chunk_too_large");
        Assert.Equal(25.0, answer.Body["error"]!["details"]!["chunk_duration_seconds"]!.GetValue<double>());
        Assert.Equal(20, answer.Body["error"]!["details"]!["max_duration_seconds"]!.GetValue<int>());
        Assert.Equal(0, (await _a.GetAsync($"/v1/sessions/{id}")).Body["audio_files_received"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_chunk_index_that_disagrees_with_the_file_name_is_refused_and_audio_files_follow_the_index()
    {
        var id = await _a.CreateSessionAsync();
        AssertError(await _a.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 4, "audio_3.wav"), 400, "invalid_request");
        foreach (var index in new[] { 2, 0, 1 })
        {
            Assert.Equal(200, (await _a.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", index, $"audio_{index}.wav")).Status);
        }

        var (_, session, _) = await _a.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(["audio_0.wav", "audio_1.wav", "audio_2.wav"], session["audio_files"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task A_second_complete_upload_is_409_and_the_first_recording_stays()
    {
        var id = await _a.CreateSessionAsync();
        Assert.Equal(200, (await _a.UploadRawAsync(id, TestAudio.Wav(2), "audio/wav", complete: true)).Status);
        var second = await _a.UploadRawAsync(id, TestAudio.Wav(3), "audio/wav", complete: true);
        AssertError(second, 409, "audio_already_received");
        var (_, session, _) = await _a.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(2000, session["audio_duration_ms"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_413_in_the_envelope_whether_announced_or_streamed()
    {
        var id = await _a.CreateSessionAsync();
        var big = new byte[MsaHost.MaxChunkBytes + 100_000];

        AssertError(await _a.UploadRawAsync(id, big, "audio/wav", 0), 413, "file_too_large");

        var streamed = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{id}/audio")
        {
            Content = new StreamContent(new MemoryStream(new byte[MsaHost.MaxChunkBytes + 10])),
        };
        streamed.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("audio/wav");
        streamed.Headers.TransferEncodingChunked = true;
        streamed.Headers.Add("X-Chunk-Index", "0");
        AssertError(await _a.SendAsync(streamed), 413, "file_too_large");
        Assert.Equal(0, (await _a.GetAsync($"/v1/sessions/{id}")).Body["audio_files_received"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("audio.wav", null)]
    [InlineData("audio_01.wav", null)]
    [InlineData("audio_first.wav", null)]
    [InlineData("audio_0.wav", "-1")]
    [InlineData("audio_0.wav", "two")]
    public async Task Chunks_without_a_usable_index_are_400_invalid_request(string fileName, string? chunkIndex)
    {
        var id = await _a.CreateSessionAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{id}/audio") { Content = new ByteArrayContent(TestAudio.Wav(1)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("audio/wav");
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        if (chunkIndex is not null)
        {
            request.Headers.Add("X-Chunk-Index", chunkIndex);
        }

        AssertError(await _a.SendAsync(request), 400, "invalid_request");
    }

    [Fact]
    public async Task A_session_accepts_at_most_the_configured_number_of_files()
    {
        var id = await _a.CreateSessionAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await _a.UploadRawAsync(id, TestAudio.Wav(0.2), "audio/wav", i)).Status);
        }

        var answer = await _a.UploadRawAsync(id, TestAudio.Wav(0.2), "audio/wav", 5);

        AssertError(answer, 400, "invalid_request");
        Assert.Equal(5, answer.Body["error"]!["details"]!["max_audio_files"]!.GetValue<int>());
        Assert.Equal(200, (await _a.UploadRawAsync(id, TestAudio.Wav(0.2), "audio/wav", 4)).Status);
    }

    [Fact]
    public async Task A_tenant_over_its_rate_limit_gets_429_with_Retry_After_and_rate_limit_headers()
    {
        var limited = host.Client(MsaHost.KeyLimited);
        (int Status, JsonObject Body, HttpResponseMessage Response) answer = default;
        for (var i = 0; i < 4; i++)
        {
            answer = await limited.GetAsync("/v1/templates");
            if (answer.Status == 429)
            {
                break;
            }

            Assert.Equal("3", answer.Response.Headers.GetValues("X-RateLimit-Limit").Single());
        }

        AssertError(answer, 429, "rate_limit_exceeded");
        Assert.True(answer.Response!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("0", answer.Response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(long.Parse(answer.Response.Headers.GetValues("X-RateLimit-Reset").Single()) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(200, (await _a.GetAsync("/v1/templates")).Status);
    }

    [Fact]
    public async Task A_multipart_body_without_a_file_field_is_400_naming_the_field()
    {
        var id = await _a.CreateSessionAsync();
        var form = new MultipartFormDataContent { { new StringContent("hello", Encoding.UTF8), "notfile" } };

        var answer = await _a.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{id}/audio") { Content = form });

        AssertError(answer, 400, "invalid_request");
        Assert.Equal("file", answer.Body["error"]!["details"]!["field"]!.GetValue<string>());
    }
}
