using MedScribe.Client;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>Two silos under load, one killed mid-run: nothing lost, nothing doubled.</summary>
public sealed class ClusterLoadFailoverTests(AzuriteFixture azurite)
{
    private const int Sessions = 50;
    private static readonly string[] Terminal = ["session.completed", "session.partial", "session.failed"];

    [Fact]
    public async Task Fifty_concurrent_sessions_over_two_silos_with_one_killed_each_finish_once_with_every_webhook_delivered()
    {
        var cancel = TestContext.Current.CancellationToken;
        var cluster = "test-load-" + Guid.NewGuid().ToString("N")[..8];
        var service = "svc-load-" + Guid.NewGuid().ToString("N")[..8];
        void SameCluster(Dictionary<string, string?> s)
        {
            MsaHost.Configure(s);
            s["Orleans__ClusterId"] = cluster;
            s["Orleans__ServiceId"] = service;
            s["Webhooks__AllowPrivateTargets"] = "true";
            s["Webhooks__RequireHttps"] = "false";
            s["Webhooks__RetrySchedule"] = "0s,1s,1s,2s,2s,2s,2s,2s,2s,2s";
        }

        await using var receiver = new WebhookReceiver();
        await using var survivor = await SiloHost.StartAsync(azurite.ConnectionString, SameCluster);
        var doomedPort = AzuriteInstance.FreePort();
        var doomedSettings = SiloHost.Settings(azurite.ConnectionString, doomedPort);
        SameCluster(doomedSettings);
        await using var doomed = SiloHost.Launch(doomedSettings);
        await doomed.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancel);

        var viaSurvivor = new MsaClient(survivor.CreateClient(), MsaHost.KeyA);
        var viaDoomed = new MsaClient(ContractCheckingHandler.CreateClient(new Uri($"http://127.0.0.1:{doomedPort}")), MsaHost.KeyA);
        var (registered, hook, _) = await viaSurvivor.PostJsonAsync("/v1/webhooks",
            $$"""{"url":"{{receiver.Url}}","events":["session.started","session.ended","session.completed","session.partial","session.failed"],"secret":"whsec_load_test_0123456789"}""");
        Assert.True(registered == 201, hook.ToJsonString());

        // An EMR's client: the silo it talks to may die under it, and then it retries on the other one; a 5xx
        // while the cluster notices the death is retried too.
        var killed = 0;
        async Task<(int Status, System.Text.Json.Nodes.JsonObject Body)> Send(int i, Func<MsaClient, Task<(int, System.Text.Json.Nodes.JsonObject, HttpResponseMessage)>> call)
        {
            for (var attempt = 0; ; attempt++)
            {
                var client = i % 2 == 0 && Volatile.Read(ref killed) == 0 ? viaDoomed : viaSurvivor;
                try
                {
                    var (status, body, _) = await call(client);
                    if (status < 500 || attempt >= 90)
                    {
                        return (status, body);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 90)
                {
                    // The silo died mid-request.
                }

                await Task.Delay(1000, cancel);
            }
        }

        var ended = 0;
        async Task<string> RunSession(int i)
        {
            var (created, session) = await Send(i, c => c.PostJsonAsync("/v1/sessions", """{"templates":["soap","medications"]}"""));
            Assert.True(created == 201, session.ToJsonString());
            var id = session["session_id"]!.GetValue<string>();
            await Task.Delay(i * 40, cancel);
            var (uploaded, upload) = await Send(i, c => c.UploadRawAsync(id, TestAudio.Wav(2), "audio/wav", 0));
            Assert.True(uploaded == 200, $"{id}: {uploaded} {upload.ToJsonString()}");
            var (status, body) = await Send(i, c => c.EndAsync(id));
            // 202, or already ended when a first /end reached the dying silo and its answer was lost.
            Assert.True(status == 202 || body.ToJsonString().Contains("already ended", StringComparison.Ordinal), $"{id}: {status} {body.ToJsonString()}");
            Interlocked.Increment(ref ended);
            return id;
        }

        var running = Enumerable.Range(0, Sessions).Select(RunSession).ToList();
        while (Volatile.Read(ref ended) < Sessions / 2)
        {
            await Task.Delay(50, cancel);
        }

        Volatile.Write(ref killed, 1);
        doomed.Kill();
        var ids = await Task.WhenAll(running);

        var finals = new Dictionary<string, string>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        foreach (var id in ids)
        {
            while (true)
            {
                var (status, body, _) = await viaSurvivor.GetAsync($"/v1/sessions/{id}");
                if (status is 200 or 206)
                {
                    finals[id] = body["status"]!.GetValue<string>();
                    break;
                }

                Assert.True(status == 202 && DateTimeOffset.UtcNow < deadline, $"{id} did not finish: {status} {body.ToJsonString()}");
                await Task.Delay(250, cancel);
            }
        }

        // Every event of every session arrives at least once; an event always carries the same delivery id.
        var received = await receiver.WaitAsync(
            got => ids.All(id => Terminal.Any(t => got.Any(r => r.Json["session_id"]?.GetValue<string>() == id && r.Json["event"]!.GetValue<string>() == t))
                && got.Count(r => r.Json["session_id"]?.GetValue<string>() == id && r.Json["event"]!.GetValue<string>() is "session.started" or "session.ended") >= 2),
            TimeSpan.FromSeconds(120), cancel);
        foreach (var id in ids)
        {
            var mine = received.Where(r => r.Json["session_id"]?.GetValue<string>() == id).ToList();
            var byEvent = mine.GroupBy(r => r.Json["event"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Select(r => r.Header(WebhookHeaders.DeliveryId)).Distinct().ToList());
            Assert.Single(byEvent["session.started"]);
            Assert.Single(byEvent["session.ended"]);
            // Finished once: one terminal event, the one polling shows.
            var terminal = Assert.Single(byEvent.Keys, Terminal.Contains);
            Assert.Equal("session." + finals[id], terminal);
            Assert.Single(byEvent[terminal]);
        }
    }
}
