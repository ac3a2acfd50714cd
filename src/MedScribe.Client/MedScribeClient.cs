using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedScribe.Client;

/// <summary>
/// A typed client of the MedScribeAlliance API (v0.1) for EMR backends: discovery, sessions, chunked and
/// single-file upload from streams, end, polling with the spec's intervals, webhook subscriptions and the FHIR
/// export. Transient failures (network, 408, 429, 5xx) of idempotent calls and of uploads from seekable streams
/// are retried with backoff, honouring <c>Retry-After</c>. Verify webhook deliveries with <see cref="WebhookSignature"/>.
/// </summary>
/// <example>
/// <code>
/// using var scribe = new MedScribeClient(new Uri("https://scribe.example.com"), apiKey);
/// var session = await scribe.CreateSessionAsync(new CreateSessionRequest(["soap", "medications"]));
/// await scribe.UploadChunkAsync(session.SessionId, 0, File.OpenRead("chunk_0.webm"), "audio/webm");
/// await scribe.EndSessionAsync(session.SessionId, audioFilesSent: 1);
/// var result = await scribe.WaitForResultAsync(session.SessionId);
/// var medications = result.TemplateData("medications");
/// </code>
/// </example>
public sealed class MedScribeClient : IDisposable
{
    /// <summary>The protocol version this client speaks (sent as <c>MSA-Version</c>).</summary>
    public const string ProtocolVersion = "0.1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _clock;
    private Discovery? _discovery;
    private DateTimeOffset _discoveredAt;

    /// <summary>A client for the service at <paramref name="baseAddress"/>, authenticating with <paramref name="apiKey"/>.</summary>
    public MedScribeClient(Uri baseAddress, string apiKey, TimeProvider? clock = null)
        : this(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) }, apiKey, clock)
    {
        _ownsHttp = true;
    }

    /// <summary>A client on an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the service.</summary>
    public MedScribeClient(HttpClient http, string apiKey, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        _http = http.BaseAddress is null ? throw new ArgumentException("The HttpClient needs a BaseAddress.", nameof(http)) : http;
        _clock = clock ?? TimeProvider.System;
        ApiKey = apiKey;
    }

    private string ApiKey { get; }

    /// <summary>How many attempts a retried call makes in all (default 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first backoff delay; it doubles per attempt up to 30 s (default 500 ms).</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The discovery document, fetched once and kept for an hour as the spec suggests.</summary>
    public async Task<Discovery> GetDiscoveryAsync(CancellationToken cancellationToken = default)
    {
        if (_discovery is not null && _clock.GetUtcNow() - _discoveredAt < TimeSpan.FromHours(1))
        {
            return _discovery;
        }

        var (_, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/.well-known/medscribealliance"), retry: true, authenticate: false, cancellationToken);
        _discovery = body.Deserialize<Discovery>(Json)! with { Raw = body.AsObject() };
        _discoveredAt = _clock.GetUtcNow();
        return _discovery;
    }

    /// <summary>Starts a session (<c>POST /v1/sessions</c>).</summary>
    public async Task<CreatedSession> CreateSessionAsync(CreateSessionRequest request, CancellationToken cancellationToken = default)
    {
        var (_, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/v1/sessions") { Content = JsonContent.Create(request, options: Json) }, retry: false, authenticate: true, cancellationToken);
        return body.Deserialize<CreatedSession>(Json)!;
    }

    /// <summary>
    /// Uploads one audio file as chunk <paramref name="index"/>. A seekable stream is retried on transient
    /// failures (re-sending the same index is safe: the service replaces it); a forward-only one is sent once.
    /// </summary>
    public Task<ChunkReceipt> UploadChunkAsync(string sessionId, int index, Stream audio, string contentType, CancellationToken cancellationToken = default) =>
        UploadAsync(sessionId, audio, contentType, "X-Chunk-Index", index.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>Uploads the chunks in order (0, 1, 2, …) and returns how many were sent, for <see cref="EndSessionAsync"/>.</summary>
    public async Task<int> UploadChunksAsync(string sessionId, IAsyncEnumerable<AudioChunk> chunks, IProgress<ChunkReceipt>? progress = null, CancellationToken cancellationToken = default)
    {
        var index = 0;
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            await using (chunk.Content)
            {
                progress?.Report(await UploadChunkAsync(sessionId, index, chunk.Content, chunk.ContentType, cancellationToken));
            }

            index++;
        }

        return index;
    }

    /// <summary>Uploads a whole recording as the session's one file (<c>X-Upload-Type: complete</c>).</summary>
    public Task<ChunkReceipt> UploadFileAsync(string sessionId, Stream audio, string contentType, CancellationToken cancellationToken = default) =>
        UploadAsync(sessionId, audio, contentType, "X-Upload-Type", "complete", cancellationToken);

    /// <summary>
    /// Opens a live session's WebSocket (a session created with <c>UploadType = "stream"</c>) and starts the
    /// stream in <paramref name="format"/> (<c>audio/webm;codecs=opus</c>, <c>audio/ogg;codecs=opus</c> or
    /// <c>audio/pcm;rate=16000</c>); with <paramref name="resume"/> it continues a dropped one, from
    /// <see cref="MedScribeStream.ReceivedBytes"/>. Lines and progress arrive through the callbacks while the visit goes on.
    /// </summary>
    public async Task<MedScribeStream> OpenStreamAsync(string sessionId, string format, Action<LiveLine>? onLine = null, Action<LiveProgress>? onProgress = null,
        bool resume = false, CancellationToken cancellationToken = default)
    {
        var address = new UriBuilder(new Uri(_http.BaseAddress!, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/stream"));
        address.Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-API-Key", ApiKey);
        socket.Options.SetRequestHeader("MSA-Version", ProtocolVersion);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(address.Uri, cancellationToken);
        }
        catch (WebSocketException e)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            throw new MedScribeException(status, status == 0 ? "network_error" : "stream_refused", $"The live session's stream could not be opened: {e.Message}");
        }

        var stream = new MedScribeStream(socket, sessionId, onLine, onProgress);
        try
        {
            await stream.StartAsync(format, resume, cancellationToken);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the session; with <paramref name="audioFilesSent"/> the service checks that every file arrived.</summary>
    public async Task EndSessionAsync(string sessionId, int? audioFilesSent = null, CancellationToken cancellationToken = default) =>
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/end")
        {
            Content = audioFilesSent is { } sent ? JsonContent.Create(new { audio_files_sent = sent }) : null,
        }, retry: true, authenticate: true, cancellationToken);

    /// <summary>The session now (<c>GET /v1/sessions/{id}</c>); 202, 200, 206 and 410 are all answers, not errors.</summary>
    public async Task<SessionResult> GetSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var (status, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}"), retry: true, authenticate: true, cancellationToken);
        var raw = body.AsObject();
        return new SessionResult(sessionId, raw["status"]?.GetValue<string>() ?? "", status, raw);
    }

    /// <summary>
    /// Polls until the session is completed, partial, failed or expired, every 2 s for the first 30 s, every
    /// 5 s until 60 s, then every 10 s (the spec's schedule). Each reading is reported to <paramref name="progress"/>.
    /// </summary>
    public async Task<SessionResult> WaitForResultAsync(string sessionId, IProgress<SessionResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = _clock.GetUtcNow();
        while (true)
        {
            var session = await GetSessionAsync(sessionId, cancellationToken);
            progress?.Report(session);
            if (session.IsFinished)
            {
                return session;
            }

            await Task.Delay(PollDelay(_clock.GetUtcNow() - started), _clock, cancellationToken);
        }
    }

    /// <summary>The spec's polling interval after <paramref name="elapsed"/> of waiting.</summary>
    public static TimeSpan PollDelay(TimeSpan elapsed) =>
        elapsed < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(2) : elapsed < TimeSpan.FromSeconds(60) ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(10);

    /// <summary>The finished session as a FHIR R4 document Bundle (JSON text).</summary>
    public async Task<string> GetFhirBundleAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var (_, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/fhir"), retry: true, authenticate: true, cancellationToken);
        return body.ToJsonString();
    }

    /// <summary>Subscribes <paramref name="url"/> to <paramref name="events"/>; keep the returned <see cref="WebhookSubscription.Secret"/> to verify deliveries.</summary>
    public async Task<WebhookSubscription> RegisterWebhookAsync(Uri url, IReadOnlyList<string> events, bool fullPayload = false, string? secret = null, CancellationToken cancellationToken = default)
    {
        var request = new JsonObject
        {
            ["url"] = url.ToString(),
            ["events"] = new JsonArray(events.Select(e => (JsonNode?)e).ToArray()),
            ["payload"] = fullPayload ? "full" : "thin",
        };
        if (secret is not null)
        {
            request["secret"] = secret;
        }

        var (_, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks") { Content = JsonContent.Create(request) }, retry: false, authenticate: true, cancellationToken);
        return body.Deserialize<WebhookSubscription>(Json)!;
    }

    /// <summary>The tenant's webhook subscriptions.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListWebhooksAsync(CancellationToken cancellationToken = default)
    {
        var (_, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks"), retry: true, authenticate: true, cancellationToken);
        return body["webhooks"].Deserialize<List<WebhookSubscription>>(Json)!;
    }

    /// <summary>Deletes a subscription.</summary>
    public async Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken = default) =>
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"/v1/webhooks/{Uri.EscapeDataString(webhookId)}"), retry: true, authenticate: true, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>One audio upload; a seekable stream is rewound for each attempt and retried, a forward-only one is sent once.</summary>
    private async Task<ChunkReceipt> UploadAsync(string sessionId, Stream audio, string contentType, string header, string value, CancellationToken cancellationToken)
    {
        var start = audio.CanSeek ? audio.Position : 0;
        var (_, body) = await SendAsync(() =>
        {
            if (audio.CanSeek)
            {
                audio.Position = start;
            }

            var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{Uri.EscapeDataString(sessionId)}/audio") { Content = new StreamContent(audio) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            request.Headers.Add(header, value);
            return request;
        }, retry: audio.CanSeek, authenticate: true, cancellationToken);
        return body.Deserialize<ChunkReceipt>(Json)!;
    }

    private async Task<(int Status, JsonNode Body)> SendAsync(Func<HttpRequestMessage> build, bool retry, bool authenticate, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            request.Headers.Add("MSA-Version", ProtocolVersion);
            if (authenticate)
            {
                request.Headers.Add("X-API-Key", ApiKey);
            }

            MedScribeException failure;
            try
            {
                using var response = await _http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;
                JsonNode? body = null;
                if (text.Length > 0)
                {
                    try
                    {
                        body = JsonNode.Parse(text);
                    }
                    catch (JsonException)
                    {
                        body = null;
                    }
                }

                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Gone && body?["session_id"] is not null)
                {
                    return (status, body ?? new JsonObject());
                }

                var error = body?["error"];
                failure = new MedScribeException(status, error?["code"]?.GetValue<string>() ?? "http_error", error?["message"]?.GetValue<string>() ?? $"HTTP {status}", error?["details"]?.DeepClone())
                {
                    RetryAfter = response.Headers.RetryAfter?.Delta,
                };
            }
            catch (HttpRequestException e)
            {
                failure = new MedScribeException(0, "network_error", $"The service could not be reached: {e.Message}");
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new MedScribeException(0, "network_error", $"The service did not answer in time: {e.Message}");
            }

            if (!retry || !failure.IsTransient || attempt >= MaxAttempts)
            {
                throw failure;
            }

            var backoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, FirstBackoff.Ticks << (attempt - 1)));
            await Task.Delay(failure.RetryAfter is { } wait && wait > backoff ? wait : backoff, _clock, cancellationToken);
        }
    }
}
