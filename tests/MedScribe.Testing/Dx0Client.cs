using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace MedScribe.Testing;

/// <summary>A Dx0 API caller for tests and benchmarks: JSON over HTTP and the diagnostic socket.</summary>
public sealed class Dx0Client(Uri baseAddress)
{
    private readonly HttpClient _http = ContractCheckingHandler.CreateClient(baseAddress);

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? json = null, string? token = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false))
        {
            body = JsonNode.Parse(text);
        }

        return ((int)response.StatusCode, body, response);
    }

    public Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, string json, string? token = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, path, json, token, headers);

    public Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string path, string? token = null) =>
        SendAsync(HttpMethod.Get, path, null, token);

    /// <summary>Logs in and returns the token pair; fails the caller when the login does not succeed.</summary>
    public async Task<(string Access, string Refresh)> LoginAsync(string username = Dx0Users.Physician, string password = Dx0Users.Password)
    {
        var (status, body, _) = await PostAsync("/api/v1/login", new JsonObject { ["username"] = username, ["password"] = password }.ToJsonString());
        return status == 200
            ? (body!["access_token"]!.GetValue<string>(), body["refresh_token"]!.GetValue<string>())
            : throw new InvalidOperationException($"login of {username} answered {status}: {body?.ToJsonString()}");
    }

    public async Task<Dx0Socket> ConnectAsync(string token, string? budget = null, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/v1/ws", Query = $"token={Uri.EscapeDataString(token)}" + (budget is null ? "" : $"&budget={Uri.EscapeDataString(budget)}") }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        return new Dx0Socket(socket);
    }

    /// <summary>Tries to open a socket and returns the HTTP status of a refused upgrade (or 101 when it was accepted).</summary>
    public async Task<(int Status, string Body)> TryConnectAsync(string token, string? budget = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/v1/ws", Query = $"token={Uri.EscapeDataString(token)}" + (budget is null ? "" : $"&budget={Uri.EscapeDataString(budget)}") }.Uri;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            return (101, "");
        }
        catch (WebSocketException)
        {
            return ((int)socket.HttpStatusCode, "");
        }
    }
}

/// <summary>One diagnostic socket: send a message, read its streamed reply up to the <c>done</c> message or an error.</summary>
public sealed class Dx0Socket(ClientWebSocket socket) : IAsyncDisposable
{
    public ClientWebSocket Socket => socket;

    public async Task SendRawAsync(string text, WebSocketMessageType type = WebSocketMessageType.Text) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), type, true, CancellationToken.None);

    /// <summary>Sends one message and returns every message of its answer, the last being done:true or an error.</summary>
    public async Task<List<JsonObject>> AskAsync(string action, string content, TimeSpan? timeout = null)
    {
        await SendRawAsync(new JsonObject { ["action"] = action, ["content"] = content }.ToJsonString());
        return await ReadAnswerAsync(timeout);
    }

    public async Task<List<JsonObject>> ReadAnswerAsync(TimeSpan? timeout = null)
    {
        var messages = new List<JsonObject>();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var message = await ReceiveAsync(deadline.Token) ?? throw new InvalidOperationException($"The socket closed ({socket.CloseStatus} {socket.CloseStatusDescription}) after {messages.Count} messages.");
            messages.Add(message);
            if (message["error"] is not null || message["done"]?.GetValue<bool>() == true)
            {
                return messages;
            }
        }
    }

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public async Task<JsonObject?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(text.ToArray())!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        socket.Dispose();
    }
}
