using MedScribe.Abstractions.Sessions;
using MedScribe.Abstractions.Webhooks;
using MedScribe.AzureStorage;
using MedScribe.Client;
using MedScribe.Grains.Webhooks;
using MedScribe.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MedScribe.Grains.Tests;

/// <summary>A delivery pending on a silo that dies is sent by the survivor, under the same delivery id.</summary>
public sealed class WebhookFailoverTests(AzuriteFixture azurite)
{
    /// <summary>This cluster serves thin subscriptions only; rendering a session is the host's API layer's job.</summary>
    private sealed class NoSessionRendering : IWebhookPayloads
    {
        public Task<string> SessionDataAsync(string tenantId, string sessionId, CancellationToken cancellationToken) =>
            throw new NotSupportedException("This test cluster renders no session payloads.");
    }

    [Fact]
    public async Task A_pending_delivery_survives_its_silo_and_is_sent_by_another()
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = azurite.ConnectionString;
        var service = AzuriteFixture.UniqueName("hooks");
        await using var receiver = new WebhookReceiver();
        var failing = true;
        receiver.Answer = _ => new WebhookAnswer(Volatile.Read(ref failing) ? 503 : 200);

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.ConfigureForFailover(service, connection)
                .AddTableWebhookOutbox(new Lazy<StorageAccount>(StorageAccount.FromConnectionString(connection)), service);
            silo.Services.AddWebhookDelivery();
            silo.Services.AddSingleton<IWebhookPayloads, NoSessionRendering>();
            silo.Services.Configure<WebhookSettings>(o =>
            {
                o.AllowPrivateTargets = true;
                o.RequireHttps = false;
                // Retried every 2 s while the receiver fails; once its silo is dead, only the reminder can bring the subscription up elsewhere.
                o.RetrySchedule = "0s,2s,2s,2s,2s,2s,2s,2s,2s,2s";
                o.OutboxCheckPeriod = TimeSpan.FromSeconds(1);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync(cancel);
        try
        {
            var webhookId = "wh_failover" + Guid.NewGuid().ToString("N")[..12];
            var webhook = cluster.Client.GetGrain<IWebhookGrain>(webhookId);
            await webhook.CreateAsync("tenant-a", new WebhookSpec(receiver.Url.ToString(), [WebhookEvents.Completed], "whsec_failover_secret_000", false));
            var deliveryId = await webhook.EnqueueAsync(new WebhookEvent("ses_x/session.completed", WebhookEvents.Completed, "ses_x", DateTimeOffset.UtcNow));
            Assert.NotNull(deliveryId);
            await receiver.WaitForCountAsync(1, TimeSpan.FromSeconds(30), cancel);

            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            var host = await management.GetActivationAddress(webhook, cancel);
            Assert.NotNull(host);
            await cluster.KillSiloAsync(cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(host)), cancel);
            var seenBeforeRecovery = receiver.Count;
            Volatile.Write(ref failing, false);

            var delivered = await receiver.WaitAsync(r => r.Any(x => x.AnsweredWith == 200), TimeSpan.FromSeconds(60), cancel);
            Assert.True(delivered.Count > seenBeforeRecovery);
            Assert.All(delivered, r => Assert.Equal(deliveryId, r.Header(WebhookHeaders.DeliveryId)));
            Assert.All(delivered, r => Assert.Equal(SignatureCheck.Valid,
                WebhookSignature.Verify(r.Header(WebhookSignature.HeaderName), r.Body, "whsec_failover_secret_000", DateTimeOffset.UtcNow)));

            var survivorHost = await management.GetActivationAddress(webhook, cancel);
            Assert.NotEqual(host, survivorHost);
            var log = await ClusterWait.Until(async () =>
            {
                var deliveries = await webhook.GetDeliveriesAsync("tenant-a", 10);
                return deliveries.SingleOrDefault(d => d.Status == WebhookDeliveryStatus.Delivered);
            }, cancel);
            Assert.Equal(deliveryId, log.DeliveryId);
            Assert.Equal(200, log.Attempts[^1].StatusCode);
        }
        finally
        {
            await cluster.StopAllSilosAsync(cancel);
            await cluster.DisposeAsync();
        }
    }
}
