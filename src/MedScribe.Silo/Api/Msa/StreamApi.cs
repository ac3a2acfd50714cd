using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Storage;
using MedScribe.Speech;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// Live sessions (<c>upload_type: "stream"</c>): <c>GET /v1/sessions/{id}/stream</c> takes a WebSocket,
/// authenticated by <c>X-API-Key</c> or, for browsers, <c>?token=</c> from
/// <c>POST /v1/sessions/{id}/stream/token</c> (single use, 60 s). See <see cref="LiveStream"/> for the frames.
/// </summary>
public static class StreamApi
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(60);

    /// <summary>The token route, inside <c>/v1</c> (behind the API-key filter).</summary>
    public static RouteGroupBuilder MapStreamTokenApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/sessions/{sessionId}/stream/token", async (string sessionId, HttpContext context, IGrainFactory grains, MsaPaths paths) =>
        {
            MsaPaths.EnsurePlausible(sessionId);
            var token = await grains.GetGrain<ISessionGrain>(sessionId).IssueStreamTokenAsync(MsaCaller.TenantId(context), TokenLifetime);
            return MsaErrors.Json(new JsonObject
            {
                ["token"] = token.Token,
                ["expires_at"] = SessionJson.Time(token.ExpiresAt),
                ["stream_url"] = $"{paths.StreamUrl(context.Request, sessionId)}?token={token.Token}",
            }, StatusCodes.Status201Created);
        }).WithSummary("A single-use token (60 s) that opens the live session's WebSocket from a browser: stream_url?token=…");
        return v1;
    }

    /// <summary>The socket route, outside the filter: it also takes a token in the query.</summary>
    public static WebApplication MapStreamApi(this WebApplication app)
    {
        app.MapGet("/v1/sessions/{sessionId}/stream", ConnectAsync).WithTags("MedScribeAlliance")
            .WithSummary("A live session's WebSocket: start, binary audio frames, end; transcript and progress frames back.");
        return app;
    }

    private static async Task<IResult> ConnectAsync(string sessionId, HttpContext context, IGrainFactory grains, MsaCaller caller, IAudioStore store,
        IOptions<MsaSettings> settings, ILogger<LiveStream> logger)
    {
        MsaPaths.EnsurePlausible(sessionId);
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var tenant = context.Request.Query["token"].ToString() is { Length: > 0 } token
            ? await session.RedeemStreamTokenAsync(token)
            : await caller.AuthenticateAsync(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw ProtocolException.InvalidRequest("This endpoint takes a WebSocket connection (ws:// or wss://, as stream_url says).", new { header = "Upgrade" });
        }

        // The session must exist, be the tenant's and be a live session before the socket opens.
        var view = await session.GetAsync(tenant);
        if (view.UploadType != "stream")
        {
            throw ProtocolException.InvalidRequest($"This session was created with upload_type '{view.UploadType}'; only a 'stream' session has a stream.",
                new { field = "upload_type", upload_type = view.UploadType });
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var stream = new LiveStream(socket, sessionId, tenant, session, grains.GetGrain<ITranscriptionGrain>(sessionId), store, settings.Value, logger,
            view.TotalDurationMs);
        await stream.RunAsync(context.RequestAborted);
        return Results.Empty;
    }
}

/// <summary>
/// One live session's socket. The client sends <c>{"type":"start","format":…}</c> (or <c>resume</c> after a
/// dropped connection), then binary frames of audio as it is recorded, then <c>{"type":"end"}</c>. The audio
/// is stored as the session's files every <c>Msa:StreamChunkSeconds</c> (sooner when a file's worth is
/// buffered), so a dropped socket loses only what had not arrived; the transcription works on it as it
/// does on uploaded chunks. The service answers <c>ready</c> (with the audio bytes it holds, where a
/// resumed stream continues), <c>transcript</c> lines as utterances are recognized (provisional speakers),
/// <c>progress</c>, and at the end the session's result (<c>completed</c>, <c>partial</c> or <c>failed</c>),
/// then closes. Protocol errors are an <c>error</c> frame in the protocol's envelope and a close.
/// </summary>
public sealed class LiveStream(WebSocket socket, string sessionId, string tenant, ISessionGrain session, ITranscriptionGrain transcription,
    IAudioStore store, MsaSettings settings, ILogger<LiveStream> logger, long receivedMs)
{
    public static readonly string[] Formats = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/pcm;rate=16000"];

    private const int MaxTextFrame = 16 * 1024;
    private static readonly TimeSpan LivePeriod = TimeSpan.FromMilliseconds(400);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly SemaphoreSlim _storing = new(1, 1);
    private readonly MemoryStream _buffer = new();
    private readonly List<TranscriptSegment> _heard = [];
    private StreamPosition? _position;
    private DateTimeOffset _lastFlush = DateTimeOffset.UtcNow;
    private long _lastStartMs = -1;
    private string _partialText = "";
    private (long Received, long Transcribed) _progress = (-1, -1);

    /// <summary>Audio the session holds, in ms: from the session when the socket opens, then from each stored file's receipt.</summary>
    private long _receivedMs = receivedMs;

    private bool Pcm => _position!.Format.StartsWith("audio/pcm", StringComparison.Ordinal);

    /// <summary>A file's worth: far below the chunk duration limit even for a client sending faster than real time.</summary>
    private int FlushBytes => Pcm ? 8 * 32_000 : 64 * 1024;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        using var stopLive = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        Task? flushing = null, live = null;
        var ended = false;
        try
        {
            var buffer = new byte[64 * 1024];
            using var text = new MemoryStream();
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, aborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    if (_position is null)
                    {
                        throw ProtocolException.InvalidRequest("Send {\"type\":\"start\",\"format\":…} before any audio.", new { field = "type" });
                    }

                    long buffered;
                    lock (_buffer)
                    {
                        _buffer.Write(buffer, 0, received.Count);
                        buffered = _buffer.Length;
                    }

                    if (buffered >= FlushBytes)
                    {
                        await FlushAsync(aborted);
                    }

                    continue;
                }

                text.Write(buffer, 0, received.Count);
                if (text.Length > MaxTextFrame)
                {
                    throw ProtocolException.InvalidRequest($"A text frame may be at most {MaxTextFrame} bytes.", new { field = "frame" });
                }

                if (!received.EndOfMessage)
                {
                    continue;
                }

                var message = Parse(text.ToArray());
                text.SetLength(0);
                switch (message["type"]?.GetValue<string>())
                {
                    case "start" or "resume" when _position is null:
                        await OpenAsync(message);
                        flushing = FlushEveryAsync(stop.Token);
                        live = LiveAsync(stopLive.Token);
                        break;
                    case "start" or "resume":
                        throw ProtocolException.InvalidRequest("The stream has already started.", new { field = "type" });
                    case "end" when _position is not null:
                        await stop.CancelAsync();
                        await Quietly(flushing);
                        await FlushAsync(aborted);
                        ended = true;
                        // Lines keep coming while the rest is recognized; the result closes the stream.
                        var view = await FinishAsync(aborted);
                        await stopLive.CancelAsync();
                        await Quietly(live);
                        var (body, _) = SessionJson.Status(view);
                        await SendAsync(new JsonObject { ["type"] = view.Status.ToWire(), ["session"] = body }, aborted);
                        await CloseAsync(WebSocketCloseStatus.NormalClosure, "session " + view.Status.ToWire());
                        return;
                    case "end":
                        throw ProtocolException.InvalidRequest("Nothing was streamed: send start first.", new { field = "type" });
                    case var other:
                        throw ProtocolException.InvalidRequest($"Unknown frame type '{other}'; the client sends start, resume and end (audio as binary frames).",
                            new { field = "type", supported = new[] { "start", "resume", "end" } });
                }
            }
        }
        catch (ProtocolException e)
        {
            logger.LogInformation("Session {SessionId}: stream refused: {Code} {Message}", sessionId, e.Code, e.Message);
            var error = MsaErrors.Envelope(e);
            error["type"] = "error";
            await SendAsync(error, CancellationToken.None);
            await CloseAsync(WebSocketCloseStatus.PolicyViolation, e.Code);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            logger.LogInformation("Session {SessionId}: stream dropped ({Reason})", sessionId, e.Message);
        }
        finally
        {
            await stop.CancelAsync();
            await stopLive.CancelAsync();
            await Quietly(flushing);
            await Quietly(live);
            if (!ended && _position is not null)
            {
                // A dropped socket loses nothing that arrived: the buffered audio becomes the session's next file.
                await Quietly(FlushAsync(CancellationToken.None));
            }
        }

        await CloseAsync(WebSocketCloseStatus.NormalClosure, "");
    }

    private static JsonObject Parse(byte[] utf8)
    {
        try
        {
            return JsonNode.Parse(utf8) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw ProtocolException.InvalidRequest($"Text frames are JSON objects with a 'type': {e.Message}", new { field = "frame" });
        }
    }

    private async Task OpenAsync(JsonObject message)
    {
        var format = message["format"] is JsonValue v && v.TryGetValue<string>(out var f) ? f.Replace(" ", "").ToLowerInvariant() : null;
        if (format is not null && !Formats.Contains(format))
        {
            throw new ProtocolException("invalid_audio_format", 400, $"Stream format '{format}' is not supported.",
                new { field = "format", provided_format = format, supported_formats = Formats });
        }

        var resume = message["type"]!.GetValue<string>() == "resume";
        if (format is null && !resume)
        {
            throw ProtocolException.InvalidRequest("start needs the stream's format.", new { field = "format", supported_formats = Formats });
        }

        _position = await session.OpenStreamAsync(tenant, format ?? "");
        logger.LogInformation("Session {SessionId}: stream {Action} ({Format}, {Bytes} bytes held)", sessionId, resume ? "resumed" : "started", _position.Format, _position.ReceivedBytes);
        await SendAsync(new JsonObject
        {
            ["type"] = "ready",
            ["session_id"] = sessionId,
            ["format"] = _position.Format,
            // Where the audio continues: a resumed client sends again from this byte of its recording.
            ["received_bytes"] = _position.ReceivedBytes,
        }, CancellationToken.None);
    }

    /// <summary>The buffered audio as the session's next file (PCM as WAV), through the same checks as an upload.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _storing.WaitAsync(CancellationToken.None);
        try
        {
            // Taken out under the lock the receive loop appends under; a PCM sample split across frames waits for its other byte.
            byte[] bytes;
            lock (_buffer)
            {
                var all = _buffer.ToArray();
                var length = Pcm ? all.Length & ~1 : all.Length;
                bytes = all[..length];
                _buffer.SetLength(0);
                _buffer.Write(all, length, all.Length - length);
            }

            if (bytes.Length == 0)
            {
                return;
            }

            var (contentType, extension, content) = _position!.Format switch
            {
                "audio/webm;codecs=opus" => ("audio/webm", "webm", bytes),
                "audio/ogg;codecs=opus" => ("audio/ogg", "ogg", bytes),
                _ => ("audio/wav", "wav", MedScribe.Audio.WavFile.Pcm16Mono(bytes)),
            };
            var index = _position.NextIndex;
            ChunkReceipt receipt;
            try
            {
                (receipt, _, _) = await AudioUploadApi.StoreChunkAsync(session, tenant, index, $"stream_{index}.{extension}", contentType, single: false, append: false,
                    new MemoryStream(content), settings, store, cancellationToken, _position.Generation);
            }
            catch
            {
                // Not stored: the bytes go back in front of whatever arrived meanwhile.
                lock (_buffer)
                {
                    var after = _buffer.ToArray();
                    _buffer.SetLength(0);
                    _buffer.Write(bytes);
                    _buffer.Write(after);
                }

                throw;
            }

            _position = _position with { NextIndex = index + 1, ReceivedBytes = _position.ReceivedBytes + bytes.Length };
            _receivedMs = receipt.TotalDurationMs;
            _lastFlush = DateTimeOffset.UtcNow;
        }
        finally
        {
            _storing.Release();
        }
    }

    private async Task FlushEveryAsync(CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(settings.StreamChunkSeconds);
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), stop);
            if (DateTimeOffset.UtcNow - _lastFlush >= period)
            {
                await FlushAsync(stop);
            }
        }
    }

    /// <summary>Recognized utterances and progress, as they come.</summary>
    private async Task LiveAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(LivePeriod, stop);
            var live = await transcription.LiveAsync(_lastStartMs);
            if (live.Utterances.Count > 0)
            {
                _heard.AddRange(live.Utterances);
                // Provisional: the finished transcript labels the whole session again.
                var roles = SpeakerRoles.Roles(_heard);
                for (var i = _heard.Count - live.Utterances.Count; i < _heard.Count; i++)
                {
                    await SendAsync(Line(roles[i], _heard[i].Text, _heard[i].StartMs, _heard[i].EndMs, final: true), stop);
                }

                _lastStartMs = live.Utterances[^1].StartMs;
            }

            // The utterance still being spoken, as heard so far (replaced by its final line when it closes).
            var open = (await transcription.PartialAsync()).Where(u => u.StartMs > _lastStartMs).ToList();
            var text = string.Join(' ', open.Select(u => u.Text)).Trim();
            if (text.Length > 0 && text != _partialText)
            {
                _partialText = text;
                var roles = SpeakerRoles.Roles([.. _heard, open[0] with { Text = text }]);
                await SendAsync(Line(roles[^1], text, open[0].StartMs, open[^1].EndMs, final: false), stop);
            }

            // (What is transcribed was received, even if its file's receipt is still on its way back here.)
            var progress = (Math.Max(_receivedMs, live.TranscribedMs), live.TranscribedMs);
            if (progress != _progress)
            {
                _progress = progress;
                await SendAsync(new JsonObject { ["type"] = "progress", ["received_ms"] = progress.Item1, ["transcribed_ms"] = progress.Item2 }, stop);
            }
        }
    }

    private static JsonObject Line(string speaker, string text, long startMs, long endMs, bool final) => new()
    {
        ["type"] = "transcript",
        ["final"] = final,
        ["speaker"] = speaker,
        ["text"] = text,
        ["start_ms"] = startMs,
        ["end_ms"] = endMs,
    };

    /// <summary>Ends the session as <c>/end</c> does and waits until processing is done.</summary>
    private async Task<SessionView> FinishAsync(CancellationToken aborted)
    {
        var view = await session.EndAsync(tenant, _position!.NextIndex);
        while (view.Status is SessionStatus.Processing or SessionStatus.Recording or SessionStatus.Created)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), aborted);
            view = await session.GetAsync(tenant);
        }

        return view;
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.Open)
        {
            return;
        }

        await _sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await Quietly(socket.CloseAsync(status, reason.Length > 120 ? reason[..120] : reason, CancellationToken.None));
        }
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ProtocolException or ObjectDisposedException)
        {
        }
    }
}
