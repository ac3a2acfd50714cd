using MedScribe.Abstractions.Webhooks;
using MedScribe.AzureStorage;
using MedScribe.AzureStorage.Webhooks;
using MedScribe.Grains.Webhooks;
using MedScribe.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedScribe.Grains.Tests;

/// <summary>A full payload is read from the session when the delivery is sent; the outbox keeps only the envelope.</summary>
public sealed class WebhookPayloadTests(AzuriteFixture azurite)
{
    /// <summary>A session of several megabytes, as a long consult's transcript and results make it.</summary>
    private sealed class BigSession : IWebhookPayloads
    {
        public bool Fail { get; set; }

        public List<(string Tenant, string Session)> Reads { get; } = [];

        public Task<string> SessionDataAsync(string tenantId, string sessionId, CancellationToken cancellationToken)
        {
            Reads.Add((tenantId, sessionId));
            return Fail
                ? throw new InvalidOperationException("the session grain did not answer")
                : Task.FromResult(new System.Text.Json.Nodes.JsonObject { ["session_id"] = sessionId, ["transcript"] = new string('w', 2_000_000) }.ToJsonString());
        }
    }

    [Fact]
    public async Task A_full_payload_of_megabytes_is_read_at_send_time_and_never_stored()
    {
        var cancel = TestContext.Current.CancellationToken;
        var outbox = new TableWebhookOutbox(StorageAccount.FromConnectionString(azurite.ConnectionString), AzuriteFixture.UniqueName("outbox"));
        await outbox.InitializeAsync(cancel);
        await using var receiver = new WebhookReceiver();
        var payloads = new BigSession();
        using var sender = new WebhookSender(
            outbox, payloads, Options.Create(new WebhookSettings { AllowPrivateTargets = true, RequireHttps = false }), TimeProvider.System, NullLogger<WebhookSender>.Instance);
        var now = DateTimeOffset.UtcNow;
        var envelope = """{"event":"session.completed","timestamp":"2026-12-04T12:00:00Z","session_id":"ses_big"}""";
        var delivery = new WebhookDelivery("dlv_big", "wh_big", "ses_big/session.completed", WebhookEvents.Completed, "ses_big", now, envelope, WebhookDeliveryStatus.Pending, [], now);
        Assert.True(await outbox.AddAsync(delivery, cancel));

        // The session cannot be read: the attempt fails without sending and is retried.
        payloads.Fail = true;
        var target = new WebhookTarget("wh_big", "tenant-a", receiver.Url.ToString(), "whsec_test", FullPayload: true);
        var (failed, _) = await sender.AttemptAsync(target, delivery);
        Assert.Equal(WebhookDeliveryStatus.Pending, failed.Status);
        Assert.Contains("could not be read", failed.Attempts.Single().Error);
        Assert.Equal(0, receiver.Count);

        payloads.Fail = false;
        var (delivered, _) = await sender.AttemptAsync(target, failed);
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivered.Status);
        var received = Assert.Single(await receiver.WaitForCountAsync(1, TimeSpan.FromSeconds(20), cancel));
        Assert.Equal("session.completed", received.Json["event"]!.GetValue<string>());
        Assert.Equal(2_000_000, received.Json["data"]!["transcript"]!.GetValue<string>().Length);
        Assert.Equal([("tenant-a", "ses_big"), ("tenant-a", "ses_big")], payloads.Reads);

        // What the outbox keeps is the envelope: a thin subscriber's body, whatever the session's size.
        var stored = await outbox.GetAsync("wh_big", "dlv_big", cancel);
        Assert.Equal(envelope, stored!.Body);
        Assert.Equal(WebhookDeliveryStatus.Delivered, stored.Status);

        // A thin subscription never reads the session.
        var (thin, _) = await sender.AttemptAsync(target with { FullPayload = false }, delivery with { DeliveryId = "dlv_thin" });
        Assert.Equal(WebhookDeliveryStatus.Delivered, thin.Status);
        Assert.Equal(2, payloads.Reads.Count);
    }
}
