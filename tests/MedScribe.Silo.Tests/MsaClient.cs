using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Tests;

/// <summary>An EMR backend's view of the API: one tenant's key, raw HTTP, parsed JSON.</summary>
public sealed class MsaClient(HttpClient http, string apiKey)
{
    public HttpClient Http => http;

    public async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request)
    {
        if (!request.Headers.Contains("X-API-Key") && request.Headers.Authorization is null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var body = text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException(text);
        return ((int)response.StatusCode, body, response);
    }

    public Task<(int Status, JsonObject Body, HttpResponseMessage Response)> PostJsonAsync(string path, string json) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public Task<(int Status, JsonObject Body, HttpResponseMessage Response)> GetAsync(string path) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<string> CreateSessionAsync(string json = """{"templates":["soap"]}""")
    {
        var (status, body, _) = await PostJsonAsync("/v1/sessions", json);
        Assert.True(status == 201, body.ToJsonString());
        return body["session_id"]!.GetValue<string>();
    }

    /// <summary>Raw upload the first protocol version's way: Content-Type plus X-Chunk-Index.</summary>
    public Task<(int Status, JsonObject Body, HttpResponseMessage Response)> UploadRawAsync(
        string sessionId, byte[] audio, string contentType, int? chunkIndex = null, string? fileName = null, bool complete = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/audio") { Content = new ByteArrayContent(audio) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (chunkIndex is { } index)
        {
            request.Headers.Add("X-Chunk-Index", index.ToString());
        }

        if (fileName is not null)
        {
            request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        }

        if (complete)
        {
            request.Headers.Add("X-Upload-Type", "complete");
        }

        return SendAsync(request);
    }

    /// <summary>Multipart upload the current protocol's way: a 'file' part carrying the file name.</summary>
    public Task<(int Status, JsonObject Body, HttpResponseMessage Response)> UploadMultipartAsync(string sessionId, byte[] audio, string fileName, string contentType)
    {
        var file = new ByteArrayContent(audio);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/audio") { Content = form });
    }

    public Task<(int Status, JsonObject Body, HttpResponseMessage Response)> EndAsync(string sessionId, string? json = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/end")
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        });

    /// <summary>A recording as consecutive WAV chunks of <paramref name="seconds"/> each, every upload asserted 200; returns how many.</summary>
    public async Task<int> UploadWavChunksAsync(string sessionId, short[] samples, int seconds = 15)
    {
        var pieces = samples.Chunk(seconds * 16000).ToList();
        for (var i = 0; i < pieces.Count; i++)
        {
            Assert.Equal(200, (await UploadRawAsync(sessionId, MedScribe.Testing.TestAudio.WavFromSamples(pieces[i]), "audio/wav", i)).Status);
        }

        return pieces.Count;
    }

    /// <summary>Waits (up to a minute) until some of a recording session's audio is transcribed, as it is before <c>/end</c>.</summary>
    public async Task<long> WaitUntilTranscribingAsync(string sessionId)
    {
        for (var wait = 0; wait < 600; wait++)
        {
            var (status, body, _) = await GetAsync($"/v1/sessions/{sessionId}");
            Assert.Equal(202, status);
            if (body["transcribed_duration_ms"]!.GetValue<long>() is > 0 and var transcribed)
            {
                return transcribed;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Nothing of session {sessionId} was transcribed within a minute of recording.");
    }

    /// <summary>Polls until the session leaves created/recording/processing.</summary>
    public async Task<(int Status, JsonObject Body)> PollUntilFinishedAsync(string sessionId, int seconds = 10)
    {
        for (var attempt = 0; attempt < seconds * 10; attempt++)
        {
            var (status, body, _) = await GetAsync($"/v1/sessions/{sessionId}");
            if (status != 202)
            {
                return (status, body);
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Session {sessionId} was still processing after {seconds} s.");
    }
}
