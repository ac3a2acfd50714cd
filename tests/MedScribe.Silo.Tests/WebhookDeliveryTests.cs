using System.Text.Json.Nodes;
using MedScribe.Client;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>A host that may deliver to loopback, with a short retry schedule so retries happen within a test.</summary>
public sealed class WebhookHost(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string Schedule = "0s,400ms,800ms,1200ms";

    public SiloHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
    {
        MsaHost.Configure(s);
        s["Webhooks__AllowPrivateTargets"] = "true";
        s["Webhooks__RequireHttps"] = "false";
        s["Webhooks__RetrySchedule"] = Schedule;
        s["Webhooks__AttemptTimeout"] = "00:00:02";
    });

    public MsaClient Client(string key) => new(Host.CreateClient(), key);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>Signed, at-least-once delivery to real HTTP listeners on loopback.</summary>
public sealed class WebhookDeliveryTests(WebhookHost host) : IClassFixture<WebhookHost>
{
    private const string Secret = "whsec_test_secret_0123456789";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Session_events_reach_only_their_subscribers_signed_both_ways_and_logged()
    {
        await using var all = new WebhookReceiver();
        await using var failedOnly = new WebhookReceiver();
        await using var otherTenant = new WebhookReceiver();
        var client = host.Client(MsaHost.KeyA);
        var allId = await RegisterAsync(client, all, """["session.started","session.ended","session.completed","session.partial","session.failed","session.expired"]""");
        await RegisterAsync(client, failedOnly, """["session.failed"]""", full: true);
        await RegisterAsync(host.Client(MsaHost.KeyB), otherTenant, """["session.started","session.failed"]""");

        var sessionId = await client.CreateSessionAsync("""{"templates":["soap"],"additional_data":{"encounter":"enc_1"}}""");
        Assert.Equal(200, (await client.UploadRawAsync(sessionId, TestAudio.Wav(1), "audio/wav", 0)).Status);
        Assert.Equal(202, (await client.EndAsync(sessionId)).Status);

        var received = await all.WaitForCountAsync(3, Wait, Cancel);
        Assert.Equal(["session.started", "session.ended", "session.failed"], received.Select(r => r.Json["event"]!.GetValue<string>()).Order(EventOrder.Instance));
        foreach (var request in received)
        {
            // The current spec's thin payload, nothing more.
            Assert.Equal(["event", "session_id", "timestamp"], request.Json.Select(p => p.Key).Order());
            Assert.Equal(sessionId, request.Json["session_id"]!.GetValue<string>());
            AssertSigned(request);
        }

        Assert.Equal(3, received.Select(r => r.Header(WebhookHeaders.DeliveryId)).Distinct().Count());

        // The full payload (seed 000) carries the session as polling shows it.
        var full = Assert.Single(await failedOnly.WaitForCountAsync(1, Wait, Cancel));
        AssertSigned(full);
        Assert.Equal("session.failed", full.Json["event"]!.GetValue<string>());
        var data = full.Json["data"]!;
        Assert.Equal(sessionId, data["session_id"]!.GetValue<string>());
        Assert.Equal("failed", data["status"]!.GetValue<string>());
        Assert.Equal("audio_quality_poor", data["error"]!["code"]!.GetValue<string>());
        Assert.Equal("enc_1", data["additional_data"]!["encounter"]!.GetValue<string>());
        Assert.Equal("True", await SeedVerifier.RunAsync(full.Body, full.Header(WebhookSignature.HeaderName), Secret, Cancel));

        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        Assert.Equal(0, otherTenant.Count);
        Assert.Single(failedOnly.Received);
        Assert.Equal(3, all.Count);

        var (status, log, _) = await client.GetAsync($"/v1/webhooks/{allId}/deliveries");
        Assert.Equal(200, status);
        var deliveries = log["deliveries"]!.AsArray();
        Assert.Equal(3, deliveries.Count);
        foreach (var delivery in deliveries)
        {
            Assert.Equal("delivered", delivery!["status"]!.GetValue<string>());
            Assert.Equal(sessionId, delivery["session_id"]!.GetValue<string>());
            var attempt = Assert.Single(delivery["attempts"]!.AsArray())!;
            Assert.Equal(200, attempt["status_code"]!.GetValue<int>());
            Assert.True(attempt["latency_ms"]!.GetValue<long>() >= 0);
            Assert.Null(delivery["next_attempt_at"]);
        }

        Assert.Equal(received.Select(r => r.Header(WebhookHeaders.DeliveryId)).Order(), deliveries.Select(d => d!["delivery_id"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task Failed_attempts_are_retried_on_schedule_re_signed_under_one_delivery_id()
    {
        await using var receiver = new WebhookReceiver { Answer = n => new WebhookAnswer(n < 2 ? 500 : 200) };
        var client = host.Client(MsaHost.KeyA);
        var id = await RegisterAsync(client, receiver, """["session.completed"]""");
        var deliveryId = await SendTestAsync(client, id);

        var received = await receiver.WaitForCountAsync(3, Wait, Cancel);
        Assert.All(received, r => Assert.Equal(deliveryId, r.Header(WebhookHeaders.DeliveryId)));
        Assert.All(received, r => Assert.Equal(deliveryId, r.Header("webhook-id")));
        Assert.All(received, AssertSigned);
        Assert.All(received, r => Assert.Equal(received[0].Text, r.Text));
        Assert.Equal("webhook.test", received[0].Json["event"]!.GetValue<string>());
        Assert.Equal(id, received[0].Json["webhook_id"]!.GetValue<string>());
        // 400 ms and 800 ms apart, less the 10% jitter.
        Assert.True(received[1].At - received[0].At >= TimeSpan.FromMilliseconds(350), $"{received[1].At - received[0].At}");
        Assert.True(received[2].At - received[1].At >= TimeSpan.FromMilliseconds(700), $"{received[2].At - received[1].At}");

        var delivery = await DeliveryAsync(client, id, deliveryId, d => d["status"]!.GetValue<string>() == "delivered");
        Assert.Equal([500, 500, 200], delivery["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()));
        Assert.Equal(3, delivery["attempt_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Retry_after_from_the_receiver_is_honoured()
    {
        await using var receiver = new WebhookReceiver
        {
            Answer = n => n == 0 ? new WebhookAnswer(503, new Dictionary<string, string> { ["Retry-After"] = "2" }) : new WebhookAnswer(204),
        };
        var client = host.Client(MsaHost.KeyA);
        var id = await RegisterAsync(client, receiver, """["session.completed"]""");
        var deliveryId = await SendTestAsync(client, id);

        var received = await receiver.WaitForCountAsync(2, Wait, Cancel);
        // The schedule alone would have retried after 400 ms.
        Assert.True(received[1].At - received[0].At >= TimeSpan.FromSeconds(1.9), $"{received[1].At - received[0].At}");
        var delivery = await DeliveryAsync(client, id, deliveryId, d => d["status"]!.GetValue<string>() == "delivered");
        Assert.Equal([503, 204], delivery["attempts"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Gone_disables_the_subscription_and_nothing_more_is_sent()
    {
        await using var receiver = new WebhookReceiver { Answer = _ => new WebhookAnswer(410) };
        var client = host.Client(MsaHost.KeyA);
        var id = await RegisterAsync(client, receiver, """["session.started"]""");
        var deliveryId = await SendTestAsync(client, id);
        await receiver.WaitForCountAsync(1, Wait, Cancel);

        var listed = await WaitForAsync(async () =>
        {
            var (_, body, _) = await client.GetAsync("/v1/webhooks");
            var entry = body["webhooks"]!.AsArray().Single(w => w!["webhook_id"]!.GetValue<string>() == id)!;
            return entry["status"]!.GetValue<string>() == "disabled" ? entry : null;
        });
        Assert.Contains("410", listed["disabled_reason"]!.GetValue<string>());
        var delivery = await DeliveryAsync(client, id, deliveryId, d => d["status"]!.GetValue<string>() == "failed");
        Assert.Null(delivery["next_attempt_at"]);

        var (status, body, _) = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{id}/test"));
        Assert.Equal(409, status);
        Assert.Equal("webhook_disabled", body["error"]!["code"]!.GetValue<string>());
        await client.CreateSessionAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
        Assert.Equal(1, receiver.Count);
    }

    [Fact]
    public async Task An_exhausted_delivery_fails_and_a_manual_retry_delivers_it()
    {
        var schedule = WebhookHost.Schedule.Split(',').Length;
        await using var receiver = new WebhookReceiver { Answer = n => new WebhookAnswer(n < schedule ? 502 : 200) };
        var client = host.Client(MsaHost.KeyA);
        var id = await RegisterAsync(client, receiver, """["session.completed"]""");
        var deliveryId = await SendTestAsync(client, id);

        var failed = await DeliveryAsync(client, id, deliveryId, d => d["status"]!.GetValue<string>() == "failed");
        Assert.Equal(schedule, failed["attempt_count"]!.GetValue<int>());
        Assert.Null(failed["next_attempt_at"]);
        Assert.Equal(schedule, receiver.Count);

        var (status, retried, _) = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{deliveryId}/retry"));
        Assert.Equal(202, status);
        Assert.Equal("pending", retried["status"]!.GetValue<string>());
        var delivered = await DeliveryAsync(client, id, deliveryId, d => d["status"]!.GetValue<string>() == "delivered");
        Assert.Equal(schedule + 1, delivered["attempt_count"]!.GetValue<int>());
        Assert.All(receiver.Received, r => Assert.Equal(deliveryId, r.Header(WebhookHeaders.DeliveryId)));
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_slow_receivers_time_out()
    {
        await using var elsewhere = new WebhookReceiver();
        await using var receiver = new WebhookReceiver
        {
            Answer = n => n switch
            {
                0 => new WebhookAnswer(302, new Dictionary<string, string> { ["Location"] = elsewhere.Url.ToString() }),
                1 => new WebhookAnswer(200, Delay: TimeSpan.FromSeconds(3)),
                _ => new WebhookAnswer(200),
            },
        };
        var client = host.Client(MsaHost.KeyA);
        var id = await RegisterAsync(client, receiver, """["session.completed"]""");
        var deliveryId = await SendTestAsync(client, id);

        var delivery = await DeliveryAsync(client, id, deliveryId, d => d["status"]!.GetValue<string>() == "delivered");
        var attempts = delivery["attempts"]!.AsArray();
        Assert.Equal(3, attempts.Count);
        Assert.Equal(302, attempts[0]!["status_code"]!.GetValue<int>());
        Assert.Null(attempts[1]!["status_code"]);
        Assert.Contains("No answer within 2 s", attempts[1]!["error"]!.GetValue<string>());
        Assert.Equal(200, attempts[2]!["status_code"]!.GetValue<int>());
        Assert.Equal(0, elsewhere.Count);
    }

    private static async Task<string> RegisterAsync(MsaClient client, WebhookReceiver receiver, string events, bool full = false)
    {
        var (status, body, _) = await client.PostJsonAsync("/v1/webhooks",
            $$"""{"url":"{{receiver.Url}}","events":{{events}},"secret":"{{Secret}}","payload":"{{(full ? "full" : "thin")}}"}""");
        Assert.True(status == 201, body.ToJsonString());
        return body["webhook_id"]!.GetValue<string>();
    }

    private static async Task<string> SendTestAsync(MsaClient client, string webhookId)
    {
        var (status, body, _) = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{webhookId}/test"));
        Assert.True(status == 202, body.ToJsonString());
        return body["delivery_id"]!.GetValue<string>();
    }

    private static Task<JsonNode> DeliveryAsync(MsaClient client, string webhookId, string deliveryId, Func<JsonNode, bool> done) =>
        WaitForAsync(async () =>
        {
            var (_, body, _) = await client.GetAsync($"/v1/webhooks/{webhookId}/deliveries");
            var delivery = body["deliveries"]!.AsArray().SingleOrDefault(d => d!["delivery_id"]!.GetValue<string>() == deliveryId);
            return delivery is not null && done(delivery) ? delivery : null;
        });

    private static async Task<JsonNode> WaitForAsync(Func<Task<JsonNode?>> probe)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The delivery log never reached the expected state.");
            await Task.Delay(100, Cancel);
        }
    }

    private static void AssertSigned(ReceivedWebhook request)
    {
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(request.Header(WebhookSignature.HeaderName), request.Body, Secret, DateTimeOffset.UtcNow));
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Header("webhook-timestamp")));
        Assert.Contains($"t={timestamp.ToUnixTimeSeconds()},", request.Header(WebhookSignature.HeaderName));
        Assert.Equal(WebhookSignature.StandardSignature(Secret, request.Header("webhook-id"), timestamp, request.Body), request.Header("webhook-signature"));
        Assert.StartsWith("application/json", request.Header("content-type"));
        Assert.Equal(request.Header(WebhookHeaders.Event), request.Json["event"]!.GetValue<string>());
    }

    private sealed class EventOrder : IComparer<string>
    {
        public static readonly EventOrder Instance = new();
        private static readonly string[] Order = ["session.started", "session.ended", "session.completed", "session.partial", "session.failed", "session.expired"];

        public int Compare(string? x, string? y) => Array.IndexOf(Order, x).CompareTo(Array.IndexOf(Order, y));
    }
}
