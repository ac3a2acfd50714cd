using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MedScribe.Testing;

/// <summary>One request a <see cref="WebhookReceiver"/> received, and what it answered.</summary>
public sealed record ReceivedWebhook(DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredWith, string Path = "/")
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : throw new KeyNotFoundException($"No {name} header.");
}

/// <summary>What the receiver answers: a status and optional headers.</summary>
public sealed record WebhookAnswer(int Status, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null, string? Body = null, byte[]? Bytes = null);

/// <summary>A real HTTP listener on loopback that records every request: a customer's webhook endpoint, or a transcription server's stand-in.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly SemaphoreSlim _arrived = new(0);

    public WebhookReceiver(int concurrency = 16, string path = "/hooks/emr/")
    {
        (_listener, Url) = Listen(path);
        _loop = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(AcceptAsync)));
    }

    /// <summary>Listens on a drawn free port, drawing again (up to three times) if another process took it meanwhile.</summary>
    private static (HttpListener Listener, Uri Url) Listen(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{AzuriteInstance.FreePort()}{path}");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close();
            }
        }
    }

    /// <summary>The endpoint to register.</summary>
    public Uri Url { get; }

    /// <summary>Decides the answer to each request, given how many requests came before it (0-based). 200 by default.</summary>
    public Func<int, WebhookAnswer> Answer { get; set; } = _ => new WebhookAnswer(200);

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToList();

    public int Count => _received.Count;

    /// <summary>Waits until <paramref name="done"/> holds for what has arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var now = Received;
            if (done(now))
            {
                return now;
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"After {timeout} the receiver had {now.Count} requests: {string.Join(", ", now.Select(r => r.Text))}");
            }
        }
    }

    /// <summary>Waits for at least <paramref name="count"/> requests.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(r => r.Count >= count, timeout, cancellationToken);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
            WebhookAnswer answer;
            lock (_received)
            {
                answer = Answer(_received.Count);
                _received.Enqueue(new ReceivedWebhook(DateTimeOffset.UtcNow, headers, body.ToArray(), answer.Status, context.Request.Url?.AbsolutePath ?? "/"));
            }

            if (answer.Delay is { } delay)
            {
                await Task.Delay(delay);
            }

            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var reply = answer.Bytes ?? Encoding.UTF8.GetBytes(answer.Body ?? "");
            context.Response.ContentLength64 = reply.Length;
            if (reply.Length > 0)
            {
                context.Response.ContentType = answer.Headers?.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "application/json";
                await context.Response.OutputStream.WriteAsync(reply);
            }

            context.Response.Close();
            _arrived.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
