using MedScribe.Grains.Sessions;

using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>Sessions outlive the silo that created them, and expire when nobody ends them.</summary>
public sealed class SessionDurabilityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_silo_crash_mid_session_loses_nothing_and_the_session_finishes_on_the_next_silo()
    {
        var serviceId = "svc-restart-" + Guid.NewGuid().ToString("N")[..8];
        void SameService(Dictionary<string, string?> s)
        {
            MsaHost.Configure(s);
            s["Orleans__ServiceId"] = serviceId;
        }

        var first = await SiloHost.StartAsync(azurite.ConnectionString, SameService);
        var client = new MsaClient(first.CreateClient(), MsaHost.KeyA);
        var id = await client.CreateSessionAsync("""{"templates":["soap"],"additional_data":{"visit":"v1"}}""");
        Assert.Equal(200, (await client.UploadRawAsync(id, TestAudio.Wav(2), "audio/wav", 0)).Status);
        Assert.Equal(200, (await client.UploadRawAsync(id, TestAudio.Wav(4), "audio/wav", 1)).Status);
        Assert.Equal(200, (await client.UploadRawAsync(id, TestAudio.Wav(3), "audio/wav", 1)).Status);
        // Killed at once: the manifest is saved behind the acknowledgements, so this silo never saved it.
        first.Process.Kill();
        await first.DisposeAsync();

        await using var second = await SiloHost.StartAsync(azurite.ConnectionString, SameService);
        var after = new MsaClient(second.CreateClient(), MsaHost.KeyA);
        var (status, body, _) = await after.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(202, status);
        Assert.Equal("recording", body["status"]!.GetValue<string>());
        Assert.Equal(["audio_0.wav", "audio_1.wav"], body["audio_files"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(5000, body["audio_duration_ms"]!.GetValue<long>());
        Assert.Equal("v1", body["additional_data"]!["visit"]!.GetValue<string>());

        Assert.Equal(200, (await after.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 2)).Status);
        Assert.Equal(202, (await after.EndAsync(id)).Status);
        var (final, result) = await after.PollUntilFinishedAsync(id);
        Assert.Equal(200, final);
        Assert.Equal("audio_quality_poor", result["error"]!["code"]!.GetValue<string>());
        Assert.Contains("of audio received", result["error"]!["message"]!.GetValue<string>());
        Assert.Equal(3, result["audio_files_received"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_silo_of_a_two_silo_cluster_killed_and_restarted_on_the_same_address_starts_and_serves()
    {
        var cluster = "test-same-" + Guid.NewGuid().ToString("N")[..8];
        var service = "svc-same-" + Guid.NewGuid().ToString("N")[..8];
        void SameCluster(Dictionary<string, string?> s)
        {
            MsaHost.Configure(s);
            // Many tenants, so some of their grains are placed on the silo that dies.
            for (var i = 0; i < 12; i++)
            {
                s[$"Tenants__extra-{i}__Name"] = $"Extra {i}";
            }

            s["Orleans__ClusterId"] = cluster;
            s["Orleans__ServiceId"] = service;
        }

        await using var survivor = await SiloHost.StartAsync(azurite.ConnectionString, SameCluster);
        var port = AzuriteInstance.FreePort();
        var settings = SiloHost.Settings(azurite.ConnectionString, port);
        SameCluster(settings);
        var doomed = SiloHost.Launch(settings);
        await doomed.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var client = new MsaClient(ContractCheckingHandler.CreateClient(new Uri($"http://127.0.0.1:{port}")), MsaHost.KeyA);
        var id = await client.CreateSessionAsync("""{"templates":["soap"]}""");

        // A container restart keeps the pod's address: the same silo and gateway ports, right after the crash.
        doomed.Kill();
        await doomed.DisposeAsync();
        await using var restarted = SiloHost.Launch(settings);
        await restarted.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        var (status, body, _) = await client.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(202, status);
        Assert.Equal("created", body["status"]!.GetValue<string>());
        var other = new MsaClient(survivor.CreateClient(), MsaHost.KeyA);
        Assert.Equal(202, (await other.GetAsync($"/v1/sessions/{id}")).Status);
    }

    [Fact]
    public async Task A_session_not_ended_by_expires_at_expires_refusing_audio_and_end_with_410()
    {
        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            MsaHost.Configure(s);
            s["Msa__MaxSessionDurationSeconds"] = "2";
            s["Webhooks__AllowPrivateTargets"] = "true";
            s["Webhooks__RequireHttps"] = "false";
        });
        var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);
        await using var receiver = new WebhookReceiver();
        var (registered, _, _) = await client.PostJsonAsync("/v1/webhooks", $$"""{"url":"{{receiver.Url}}","events":["session.expired"],"payload":"full"}""");
        Assert.Equal(201, registered);
        var id = await client.CreateSessionAsync("""{"templates":["soap"],"additional_data":{"visit":"v2"}}""");
        Assert.Equal(200, (await client.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 0)).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);

        var upload = await client.UploadRawAsync(id, TestAudio.Wav(1), "audio/wav", 1);
        Assert.Equal(410, upload.Status);
        Assert.Equal("session_expired", upload.Body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(id, upload.Body["error"]!["details"]!["session_id"]!.GetValue<string>());
        Assert.Equal(410, (await client.EndAsync(id)).Status);

        var (status, body, _) = await client.GetAsync($"/v1/sessions/{id}");
        Assert.Equal(410, status);
        Assert.Equal("expired", body["status"]!.GetValue<string>());
        Assert.Equal("session_expired", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(["audio_0.wav"], body["audio_files"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("v2", body["additional_data"]!["visit"]!.GetValue<string>());
        await MsaSchemas.AssertValidAsync("sessions-openapi.json", "ExpiredSessionResponse", body);

        // The expiry is announced once, with the expired session's body as data.
        var expired = Assert.Single(await receiver.WaitForCountAsync(1, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Equal("session.expired", expired.Json["event"]!.GetValue<string>());
        Assert.Equal(id, expired.Json["session_id"]!.GetValue<string>());
        Assert.Equal("expired", expired.Json["data"]!["status"]!.GetValue<string>());
        Assert.Equal("session_expired", expired.Json["data"]!["error"]!["code"]!.GetValue<string>());
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(1, receiver.Count);
    }
}
