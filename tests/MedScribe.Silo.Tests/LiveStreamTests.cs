using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MedScribe.Speech;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>
/// Live sessions over the protocol's WebSocket (<c>upload_type: "stream"</c>): audio frames in, transcript
/// lines and progress out while the consult goes on, the result at the end; a dropped socket resumed with a
/// browser's single-use token loses nothing; every protocol mistake is an error frame in the envelope.
/// </summary>
public sealed class LiveStreamTests(SpeechHost host) : IClassFixture<SpeechHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed class Socket(ClientWebSocket socket) : IAsyncDisposable
    {
        public ClientWebSocket Raw => socket;

        private readonly List<JsonObject> _received = [];

        /// <summary>The text frames read so far (a snapshot: a reader may be adding to it).</summary>
        public List<JsonObject> Received
        {
            get
            {
                lock (_received)
                {
                    return _received.ToList();
                }
            }
        }

        public Task SendJsonAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, Cancel);

        public Task SendAudioAsync(ReadOnlyMemory<byte> bytes) => socket.SendAsync(bytes, WebSocketMessageType.Binary, true, Cancel).AsTask();

        /// <summary>The next text frame (null when the service closed).</summary>
        public async Task<JsonObject?> NextAsync(TimeSpan? timeout = null)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(120));
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, limit.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var frame = JsonNode.Parse(message.ToArray())!.AsObject();
                    lock (_received)
                    {
                        _received.Add(frame);
                    }

                    return frame;
                }
            }
        }

        /// <summary>Reads frames until one of <paramref name="type"/> arrives.</summary>
        public async Task<JsonObject> UntilAsync(params string[] type)
        {
            while (await NextAsync() is { } frame)
            {
                if (type.Contains(frame["type"]!.GetValue<string>()))
                {
                    return frame;
                }
            }

            throw new InvalidOperationException($"The socket closed before {string.Join("/", type)}: {string.Join(" ", Received.Select(r => r.ToJsonString()))}");
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private async Task<Socket> ConnectAsync(string session, string? key = MsaHost.KeyA, string? token = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (key is not null)
        {
            socket.Options.SetRequestHeader("X-API-Key", key);
        }

        var url = new Uri($"ws://127.0.0.1:{host.Host.BaseAddress.Port}/v1/sessions/{session}/stream" + (token is null ? "" : $"?token={token}"));
        await socket.ConnectAsync(url, Cancel);
        return new Socket(socket);
    }

    [Fact]
    public async Task A_pcm_stream_shows_lines_and_progress_while_it_goes_on_and_ends_with_the_sessions_result()
    {
        var client = host.Client(MsaHost.KeyA);
        var (created, body, _) = await client.PostJsonAsync("/v1/sessions", """{"templates":["transcript","medications"],"upload_type":"stream"}""");
        Assert.Equal(201, created);
        var session = body["session_id"]!.GetValue<string>();
        Assert.Equal($"ws://127.0.0.1:{host.Host.BaseAddress.Port}/v1/sessions/{session}/stream", body["stream_url"]!.GetValue<string>());
        var (_, discovery, _) = await client.GetAsync("/.well-known/medscribealliance");
        Assert.Contains("stream", discovery["capabilities"]!["upload_methods"]!.AsArray().Select(m => m!.GetValue<string>()));

        var samples = await ConsultAudio.SamplesAsync(6, 60, Cancel);
        var pcm = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, pcm, 0, pcm.Length);
        await using var socket = await ConnectAsync(session);
        await socket.SendJsonAsync("""{"type":"start","format":"audio/pcm;rate=16000"}""");
        var ready = await socket.UntilAsync("ready");
        Assert.Equal(0, ready["received_bytes"]!.GetValue<long>());

        // 100-ms frames at four times real time, reading what the service says meanwhile.
        var reading = Task.Run(async () =>
        {
            while (await socket.NextAsync() is { } frame && frame["type"]!.GetValue<string>() is not ("completed" or "partial" or "failed"))
            {
            }
        }, Cancel);
        for (var offset = 0; offset < pcm.Length; offset += 3200)
        {
            await socket.SendAudioAsync(pcm.AsMemory(offset, Math.Min(3200, pcm.Length - offset)));
            await Task.Delay(25, Cancel);
        }

        // Lines come while the consult goes on, not only at the end.
        for (var wait = 0; wait < 300 && !socket.Received.Any(f => f["type"]!.GetValue<string>() == "transcript"); wait++)
        {
            await Task.Delay(100, Cancel);
        }

        var beforeEnd = socket.Received.Count(f => f["type"]!.GetValue<string>() == "transcript");
        Assert.True(beforeEnd > 0, string.Join(" ", socket.Received.Select(r => r.ToJsonString())));
        // The recogniser catches up with what was sent before the consult ends (on a loaded machine it lags the 4x stream): the
        // progress shown stops moving for three seconds, or a minute and a half passes.
        long Transcribed() => socket.Received.Where(f => f["type"]!.GetValue<string>() == "progress").Select(f => f["transcribed_ms"]!.GetValue<long>()).DefaultIfEmpty(0).Max();
        for (var (still, last, waited) = (0, -1L, 0); still < 6 && waited < 180; waited++)
        {
            await Task.Delay(500, Cancel);
            var now = Transcribed();
            (still, last) = now == last ? (still + 1, last) : (0, now);
        }

        await socket.SendJsonAsync("""{"type":"end"}""");
        await reading;

        var result = socket.Received[^1];
        Assert.Equal("completed", result["type"]!.GetValue<string>());
        Assert.Equal("completed", result["session"]!["status"]!.GetValue<string>());
        Assert.Equal(60_000, result["session"]!["audio_duration_ms"]!.GetValue<long>());
        var lines = socket.Received.Where(f => f["type"]!.GetValue<string>() == "transcript" && f["final"]!.GetValue<bool>()).ToList();
        // The utterance still being spoken shows as partial lines before its final one.
        var partials = socket.Received.Where(f => f["type"]!.GetValue<string>() == "transcript" && !f["final"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(partials);
        Assert.All(partials, p => Assert.NotEmpty(p["text"]!.GetValue<string>()));
        Assert.All(lines, l =>
        {
            Assert.Matches("^(Doctor|Patient)$", l["speaker"]!.GetValue<string>());
            Assert.InRange(l["end_ms"]!.GetValue<long>(), l["start_ms"]!.GetValue<long>(), 60_000);
        });
        var starts = lines.Select(l => l["start_ms"]!.GetValue<long>()).ToList();
        Assert.Equal(starts.Order(), starts);
        // What was shown live is what the session's transcript says, as far as it went (the same words, labelled once more
        // at the end; the last utterances may come only with the result).
        var live = string.Join(' ', lines.Select(l => l["text"]!.GetValue<string>())).ToLowerInvariant();
        var transcript = result["session"]!["transcript"]!.GetValue<string>();
        var words = transcript.Replace("Doctor: ", "").Replace("Patient: ", "").ToLowerInvariant().Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var shown = live.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(shown, words.Length * 3 / 4, words.Length);
        Assert.True(WordErrorRate.Compute(string.Join(' ', words.Take(shown)), live).Rate < 0.02, $"{live}\n---\n{transcript}");
        var progress = socket.Received.Where(f => f["type"]!.GetValue<string>() == "progress").ToList();
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p["transcribed_ms"]!.GetValue<long>() > 0);
        Assert.All(progress, p => Assert.InRange(p["transcribed_ms"]!.GetValue<long>(), 0, p["received_ms"]!.GetValue<long>()));

        // Afterwards it is an ordinary session.
        var (status, polled) = await client.PollUntilFinishedAsync(session, seconds: 10);
        Assert.Equal(200, status);
        Assert.Equal(transcript, polled["transcript"]!.GetValue<string>());
        Assert.True(polled["audio_files"]!.AsArray().Count > 1);
    }

    [Fact]
    public async Task A_dropped_webm_stream_resumes_with_a_browser_token_where_the_service_stopped_and_loses_nothing()
    {
        var client = host.Client(MsaHost.KeyA);
        var (_, body, _) = await client.PostJsonAsync("/v1/sessions", """{"templates":["transcript"],"upload_type":"stream","communication_protocol":"websocket"}""");
        var session = body["session_id"]!.GetValue<string>();
        var consult = await ConsultAudio.GetAsync(ConsultAudio.Scripts()[6], Cancel);
        var excerpt = Path.Combine(Path.GetTempPath(), $"live-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(excerpt, TestAudio.WavFromSamples(await ConsultAudio.SamplesAsync(6, 40, Cancel)), Cancel);
        var webm = await TestAudio.EncodeAsync(excerpt, "webm", Cancel);
        File.Delete(excerpt);

        var first = await ConnectAsync(session);
        await first.SendJsonAsync("""{"type":"start","format":"audio/webm;codecs=opus"}""");
        await first.UntilAsync("ready");
        var cut = webm.Length * 2 / 5;
        for (var offset = 0; offset < cut; offset += 4096)
        {
            await first.SendAudioAsync(webm.AsMemory(offset, Math.Min(4096, cut - offset)));
        }

        // The connection drops (no close handshake, no end).
        await Task.Delay(300, Cancel);
        first.Raw.Abort();
        await first.DisposeAsync();

        // What the dropped socket delivered is stored as soon as the service notices the drop.
        for (var wait = 0; wait < 100 && (await client.GetAsync($"/v1/sessions/{session}")).Body["audio_files"]!.AsArray().Count == 0; wait++)
        {
            await Task.Delay(100, Cancel);
        }

        // A browser cannot send X-API-Key on a WebSocket: it asks for a single-use token.
        var (issued, token, _) = await client.PostJsonAsync($"/v1/sessions/{session}/stream/token", "{}");
        Assert.Equal(201, issued);
        Assert.EndsWith($"?token={token["token"]}", token["stream_url"]!.GetValue<string>());
        await using (var resumed = await ConnectAsync(session, key: null, token: token["token"]!.GetValue<string>()))
        {
            await resumed.SendJsonAsync($$"""{"type":"resume","received_bytes":{{cut}}}""");
            var ready = await resumed.UntilAsync("ready");
            Assert.Equal("audio/webm;codecs=opus", ready["format"]!.GetValue<string>());
            // The service says how much it holds (all that arrived); the client goes on from there.
            var held = ready["received_bytes"]!.GetValue<long>();
            Assert.Equal(cut, held);
            for (var offset = (int)held; offset < webm.Length; offset += 4096)
            {
                await resumed.SendAudioAsync(webm.AsMemory(offset, Math.Min(4096, webm.Length - offset)));
            }

            await resumed.SendJsonAsync("""{"type":"end"}""");
            var result = await resumed.UntilAsync("completed", "partial", "failed");
            Assert.True(result["type"]!.GetValue<string>() == "completed", result.ToJsonString());
            Assert.InRange(result["session"]!["audio_duration_ms"]!.GetValue<long>(), 39_900, 40_100);
            Assert.Null(result["session"]!["processing_errors"]);
        }

        // A token opens one socket once.
        var again = new ClientWebSocket();
        again.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => again.ConnectAsync(
            new Uri($"ws://127.0.0.1:{host.Host.BaseAddress.Port}/v1/sessions/{session}/stream?token={token["token"]}"), Cancel));
        Assert.Equal(HttpStatusCode.Unauthorized, again.HttpStatusCode);
    }

    [Fact]
    public async Task Mistakes_are_refused_before_the_socket_opens_or_as_an_error_frame_naming_the_field()
    {
        var client = host.Client(MsaHost.KeyA);
        var (_, body, _) = await client.PostJsonAsync("/v1/sessions", """{"templates":["transcript"],"upload_type":"stream"}""");
        var session = body["session_id"]!.GetValue<string>();
        var chunked = await client.CreateSessionAsync("""{"templates":["transcript"]}""");

        async Task<HttpStatusCode> Refused(string id, string? key, string? token = null)
        {
            var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            if (key is not null)
            {
                socket.Options.SetRequestHeader("X-API-Key", key);
            }

            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(
                new Uri($"ws://127.0.0.1:{host.Host.BaseAddress.Port}/v1/sessions/{id}/stream{(token is null ? "" : "?token=" + token)}"), Cancel));
            return socket.HttpStatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await Refused(session, key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Refused(session, key: null, token: "st_forged"));
        Assert.Equal(HttpStatusCode.NotFound, await Refused(session, MsaHost.KeyB));
        Assert.Equal(HttpStatusCode.BadRequest, await Refused(chunked, MsaHost.KeyA));
        var (plain, error, _) = await client.GetAsync($"/v1/sessions/{session}/stream");
        Assert.Equal(400, plain);
        Assert.Equal("Upgrade", error["error"]!["details"]!["header"]!.GetValue<string>());
        var (noToken, tokenError, _) = await client.PostJsonAsync($"/v1/sessions/{chunked}/stream/token", "{}");
        Assert.Equal(400, noToken);
        Assert.Equal("upload_type", tokenError["error"]!["details"]!["field"]!.GetValue<string>());

        async Task<JsonObject> ErrorFrame(params object[] frames)
        {
            await using var socket = await ConnectAsync(session);
            foreach (var frame in frames)
            {
                if (frame is string json)
                {
                    await socket.SendJsonAsync(json);
                }
                else
                {
                    await socket.SendAudioAsync((byte[])frame);
                }
            }

            var error = await socket.UntilAsync("error");
            Assert.Null(await socket.NextAsync());
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.Raw.CloseStatus);
            return error;
        }

        var audioFirst = await ErrorFrame(new byte[320]);
        Assert.Equal("invalid_request", audioFirst["error"]!["code"]!.GetValue<string>());
        var format = await ErrorFrame("""{"type":"start","format":"audio/flac"}""");
        Assert.Equal("invalid_audio_format", format["error"]!["code"]!.GetValue<string>());
        Assert.Equal("format", format["error"]!["details"]!["field"]!.GetValue<string>());
        var notJson = await ErrorFrame("start please");
        Assert.Equal("frame", notJson["error"]!["details"]!["field"]!.GetValue<string>());
        var unknown = await ErrorFrame("""{"type":"pause"}""");
        Assert.Equal("type", unknown["error"]!["details"]!["field"]!.GetValue<string>());
        var twice = await ErrorFrame("""{"type":"start","format":"audio/pcm;rate=16000"}""", """{"type":"start","format":"audio/pcm;rate=16000"}""");
        Assert.Equal("type", twice["error"]!["details"]!["field"]!.GetValue<string>());
        // The format chosen first stays: a resumed stream in another one is refused.
        var switched = await ErrorFrame("""{"type":"resume","format":"audio/ogg;codecs=opus"}""");
        Assert.Equal("format", switched["error"]!["details"]!["field"]!.GetValue<string>());
    }
}
