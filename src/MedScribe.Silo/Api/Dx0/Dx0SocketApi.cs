using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MedScribe.Abstractions.Diagnostics;
using MedScribe.Silo.Auth;

namespace MedScribe.Silo.Api.Dx0;

/// <summary>
/// <c>WS /api/v1/ws?token=&amp;budget=</c>: the diagnostic conversation. An invalid or expired token refuses the
/// upgrade (401). Each QUESTION / TEST / DIAGNOSIS goes to the session's grain; its reply streams back as several
/// messages, and only the last has <c>done: true</c> with the cost fields. Errors are <c>{"error": "code: message"}</c>
/// and the socket stays open, except after the rate limit (close 1013) or when the session ends (close 1008).
/// </summary>
public static partial class Dx0SocketApi
{
    public const int MaxMessageBytes = 16 * 1024;
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    public static RouteGroupBuilder MapDx0SocketApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ws", ConnectAsync)
            .WithSummary("The diagnostic WebSocket: ?token=<access token>&budget=<optional budget>. Send {\"action\":\"QUESTION|TEST|DIAGNOSIS\",\"content\":\"…\"}.");
        return api;
    }

    /// <summary>
    /// Splits a reply into the pieces it streams in: sentences (and lines), long ones cut every dozen words.
    /// The pieces keep their whitespace, so joined they are the reply exactly.
    /// </summary>
    public static IReadOnlyList<string> Pieces(string reply)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        var words = 0;
        foreach (Match word in Word().Matches(reply))
        {
            current.Append(word.Value);
            words++;
            var trimmed = word.Value.TrimEnd();
            if (words >= 12 || word.Value.Contains('\n') || (trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' && trimmed.Length < word.Value.Length))
            {
                pieces.Add(current.ToString());
                current.Clear();
                words = 0;
            }
        }

        if (current.Length > 0 || pieces.Count == 0)
        {
            pieces.Add(current.ToString());
        }

        return pieces;
    }

    private static async Task<IResult> ConnectAsync(
        HttpContext context, PhysicianCaller caller, IGrainFactory grains, Dx0Metrics metrics, TimeProvider clock, ILogger<SocketConversation> logger)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new Dx0Problem(400, "This endpoint takes a WebSocket connection: ws://<host>/api/v1/ws?token=<access token>.");
        }

        var token = context.Request.Query["token"].ToString() is { Length: > 0 } t ? t : PhysicianCaller.BearerToken(context.Request);
        var (session, claims) = await caller.AuthenticateAsync(context, token);
        decimal? budget = null;
        if (context.Request.Query["budget"].ToString() is { Length: > 0 } text)
        {
            budget = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Dx0Problem.Invalid($"query.budget: '{text}' is not a number");
        }

        var grain = grains.GetGrain<IDiagnosticSessionGrain>(session.SessionId);
        var opened = await grain.OpenAsync(budget);
        if (opened.IsError)
        {
            throw Dx0Problem.Invalid($"query.budget: {opened.ErrorMessage}");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var conversation = new SocketConversation(socket, session.SessionId, claims, grains, grain, metrics, clock, logger);
        await conversation.RunAsync(context.RequestAborted);
        return Results.Empty;
    }

    /// <summary>A word with the whitespace after it; leading whitespace of the reply rides with the first word.</summary>
    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex Word();
}

/// <summary>One open diagnostic socket: reads messages, streams replies, and closes when its session ends.</summary>
public sealed class SocketConversation(
    WebSocket socket, string sessionId, AccessClaims claims, IGrainFactory grains, IDiagnosticSessionGrain grain,
    Dx0Metrics metrics, TimeProvider clock, ILogger<SocketConversation> logger) : IPhysicianSessionObserver
{
    private static readonly TimeSpan SessionCheckInterval = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closed = new();

    public async Task RunAsync(CancellationToken aborted)
    {
        metrics.SocketOpened();
        var physician = grains.GetGrain<IPhysicianSessionGrain>(sessionId);
        var observer = grains.CreateObjectReference<IPhysicianSessionObserver>(this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closed.Token);
        try
        {
            await physician.SubscribeAsync(observer);
            var watch = WatchSessionAsync(physician, observer, linked.Token);
            await ReceiveLoopAsync(linked.Token);
            await _closed.CancelAsync();
            await watch;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            logger.LogDebug("Dx0 socket of session {SessionId} ended: {Reason}", sessionId, e.Message);
        }
        finally
        {
            metrics.SocketClosed();
            try
            {
                await physician.UnsubscribeAsync(observer);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogDebug("Dx0 socket of session {SessionId}: unsubscribe failed: {Reason}", sessionId, e.Message);
            }

            grains.DeleteObjectReference<IPhysicianSessionObserver>(observer);
        }
    }

    public void SessionEnded(string reason) => _ = CloseAsync(WebSocketCloseStatus.PolicyViolation, "session_ended", $"the session has ended ({reason})");

    private async Task ReceiveLoopAsync(CancellationToken cancellation)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !cancellation.IsCancellationRequested)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            var tooLarge = false;
            do
            {
                try
                {
                    received = await socket.ReceiveAsync(buffer, cancellation);
                }
                catch (WebSocketException) when (socket.State is not WebSocketState.Open)
                {
                    // The socket itself refused the frame (a text frame that is not UTF-8 is closed with 1007 by
                    // the WebSocket layer): its close frame is on the way; end without tearing the connection down.
                    return;
                }

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    }

                    return;
                }

                if (message.Length + received.Count > Dx0SocketApi.MaxMessageBytes)
                {
                    tooLarge = true;
                }
                else
                {
                    message.Write(buffer, 0, received.Count);
                }
            }
            while (!received.EndOfMessage);

            var started = clock.GetTimestamp();
            if (claims.ExpiresAt <= clock.GetUtcNow())
            {
                await CloseAsync(WebSocketCloseStatus.PolicyViolation, "token_expired", "the access token has expired; refresh it and reconnect");
                return;
            }

            var (action, content, problem, undecodable) = tooLarge
                ? (null, null, $"a message is at most {Dx0SocketApi.MaxMessageBytes} bytes", false)
                : received.MessageType != WebSocketMessageType.Text
                    ? (null, null, "messages are JSON text, not binary", false)
                    : Parse(message.ToArray());
            if (undecodable)
            {
                // RFC 6455: a text frame that is not UTF-8 (or JSON text that is not Unicode) is invalid payload data.
                await CloseAsync(WebSocketCloseStatus.InvalidPayloadData, DxErrors.InvalidMessage, problem!);
                return;
            }

            var outcome = problem is null
                ? await grain.SendAsync(action!, content!)
                : await grain.RejectAsync(DxErrors.InvalidMessage, problem);
            metrics.Message(action?.ToUpperInvariant() ?? "INVALID", outcome.ErrorCode ?? "ok", outcome.Cost, clock.GetElapsedTime(started));
            if (outcome.RateLimited)
            {
                await CloseAsync(Dx0SocketApi.TryAgainLater, outcome.ErrorCode!, outcome.ErrorMessage!);
                return;
            }

            if (outcome.IsError)
            {
                await SendAsync(new JsonObject { ["error"] = $"{outcome.ErrorCode}: {outcome.ErrorMessage}" }, cancellation);
                continue;
            }

            await StreamAsync(outcome, cancellation);
        }
    }

    private async Task StreamAsync(DxOutcome outcome, CancellationToken cancellation)
    {
        var pieces = Dx0SocketApi.Pieces(outcome.Reply);
        for (var i = 0; i < pieces.Count - 1; i++)
        {
            await SendAsync(new JsonObject
            {
                ["reply"] = pieces[i], ["done"] = false, ["cost"] = null, ["total_spent"] = null, ["remaining_budget"] = null, ["ordered_tests"] = null,
            }, cancellation);
        }

        var status = outcome.Status;
        var last = new JsonObject
        {
            ["reply"] = pieces[^1],
            ["done"] = true,
            ["cost"] = outcome.Cost,
            ["total_spent"] = status.Spent,
            ["remaining_budget"] = status.Remaining,
            ["ordered_tests"] = new JsonArray(status.OrderedTests.Select(t => (JsonNode?)t).ToArray()),
            ["case_ended"] = status.Ended,
        };
        if (status.Judgement is { } judgement && status.Ended)
        {
            last["judgement"] = Dx0CaseApi.JudgementJson(judgement);
        }

        await SendAsync(last, cancellation);
    }

    private const string Shape = "a message is a JSON object {\"action\": \"QUESTION|TEST|DIAGNOSIS\", \"content\": \"…\"}";

    /// <summary>The message's action and content, or what is wrong with it; <c>Undecodable</c> when its text is not Unicode.</summary>
    private static (string? Action, string? Content, string? Problem, bool Undecodable) Parse(byte[] json)
    {
        var (node, problem) = StrictJson.Parse(json);
        if (problem is not null)
        {
            return (null, null, problem.Undecodable ? $"the message is {problem.Reason}" : $"{Shape}; this one is {problem.Reason}", problem.Undecodable);
        }

        if (node is not JsonObject body)
        {
            return (null, null, Shape, false);
        }

        if (body["action"] is not JsonValue a || !a.TryGetValue<string>(out var action))
        {
            return (null, null, "action is required: QUESTION, TEST or DIAGNOSIS", false);
        }

        return body["content"] is JsonValue c && c.TryGetValue<string>(out var content)
            ? (action, content, null, false)
            : (null, null, "content is required: a string", false);
    }

    /// <summary>Every minute: subscribe again (the session grain may have been collected) and close if the session lapsed.</summary>
    private async Task WatchSessionAsync(IPhysicianSessionGrain physician, IPhysicianSessionObserver observer, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(SessionCheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                if (await physician.GetAsync() is null)
                {
                    await CloseAsync(WebSocketCloseStatus.PolicyViolation, "session_ended", "the session has ended");
                    return;
                }

                await physician.SubscribeAsync(observer);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(JsonObject message, CancellationToken cancellation)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sending.WaitAsync(cancellation);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellation);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string code, string message)
    {
        try
        {
            await SendAsync(new JsonObject { ["error"] = $"{code}: {message}" }, CancellationToken.None);
            await _sending.WaitAsync();
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(status, code, CancellationToken.None);
                }

                // A client that never answers the close frame does not keep the socket.
                _closed.CancelAfter(TimeSpan.FromSeconds(5));
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            logger.LogDebug("Dx0 socket of session {SessionId}: close failed: {Reason}", sessionId, e.Message);
        }
    }
}
