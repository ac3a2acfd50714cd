using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace MedScribe.Client;

/// <summary>A line of a live session, as soon as its utterance is recognized (the speaker is provisional).</summary>
public sealed record LiveLine(string Speaker, string Text, long StartMs, long EndMs, bool Final);

/// <summary>How much audio a live session holds and how much of it is transcribed.</summary>
public sealed record LiveProgress(long ReceivedMs, long TranscribedMs);

/// <summary>
/// A live session's WebSocket (<see cref="MedScribeClient.OpenStreamAsync"/>): send audio as it is recorded,
/// get lines and progress through the callbacks, and <see cref="EndAsync"/> for the session's result. After
/// a dropped connection, open the stream again with <c>resume: true</c> and send from <see cref="ReceivedBytes"/>.
/// </summary>
public sealed class MedScribeStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly string _sessionId;
    private readonly Action<LiveLine>? _onLine;
    private readonly Action<LiveProgress>? _onProgress;
    private readonly TaskCompletionSource<JsonObject> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SessionResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Task _reading;

    internal MedScribeStream(ClientWebSocket socket, string sessionId, Action<LiveLine>? onLine, Action<LiveProgress>? onProgress)
    {
        _socket = socket;
        _sessionId = sessionId;
        _onLine = onLine;
        _onProgress = onProgress;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The bytes of the recording the service holds: after a resume, send again from here.</summary>
    public long ReceivedBytes { get; private set; }

    internal async Task StartAsync(string format, bool resume, CancellationToken cancellationToken)
    {
        var start = new JsonObject { ["type"] = resume ? "resume" : "start", ["format"] = format };
        await SendTextAsync(start, cancellationToken);
        var ready = await _ready.Task.WaitAsync(cancellationToken);
        ReceivedBytes = ready["received_bytes"]?.GetValue<long>() ?? 0;
    }

    /// <summary>Sends audio as it is recorded (a MediaRecorder blob, an Ogg page, or 16-bit PCM).</summary>
    public async Task SendAudioAsync(ReadOnlyMemory<byte> audio, CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(audio, WebSocketMessageType.Binary, true, cancellationToken);
            ReceivedBytes += audio.Length;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Ends the session and waits for its result (completed, partial or failed), as <c>GET</c> would give it.</summary>
    public async Task<SessionResult> EndAsync(CancellationToken cancellationToken = default)
    {
        await SendTextAsync(new JsonObject { ["type"] = "end" }, cancellationToken);
        return await _result.Task.WaitAsync(cancellationToken);
    }

    private async Task SendTextAsync(JsonObject message, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var frame = JsonNode.Parse(message.ToArray()) as JsonObject ?? [];
                message.SetLength(0);
                switch (frame["type"]?.GetValue<string>())
                {
                    case "ready":
                        _ready.TrySetResult(frame);
                        break;
                    case "transcript":
                        _onLine?.Invoke(new LiveLine(frame["speaker"]!.GetValue<string>(), frame["text"]!.GetValue<string>(),
                            frame["start_ms"]!.GetValue<long>(), frame["end_ms"]!.GetValue<long>(), frame["final"]?.GetValue<bool>() ?? true));
                        break;
                    case "progress":
                        _onProgress?.Invoke(new LiveProgress(frame["received_ms"]!.GetValue<long>(), frame["transcribed_ms"]!.GetValue<long>()));
                        break;
                    case "completed" or "partial" or "failed" when frame["session"] is JsonObject session:
                        var status = frame["type"]!.GetValue<string>();
                        _result.TrySetResult(new SessionResult(_sessionId, status, status == "partial" ? 206 : 200, session));
                        break;
                    case "error":
                        var error = frame["error"];
                        var failure = new MedScribeException(400, error?["code"]?.GetValue<string>() ?? "stream_error",
                            error?["message"]?.GetValue<string>() ?? "The stream was refused.", error?["details"]?.DeepClone());
                        _ready.TrySetException(failure);
                        _result.TrySetException(failure);
                        break;
                }
            }
        }
        catch (WebSocketException)
        {
        }

        var closed = new MedScribeException(0, "network_error", $"The live session's connection closed ({_socket.CloseStatus?.ToString() ?? "dropped"}); open it again with resume.");
        _ready.TrySetException(closed);
        _result.TrySetException(closed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        _socket.Dispose();
        await _reading;
    }
}
