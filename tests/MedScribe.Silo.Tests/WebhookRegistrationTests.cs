using System.Text.Json.Nodes;

namespace MedScribe.Silo.Tests;

/// <summary>Registration as production sees it: HTTPS only, public targets only, every bad field named.</summary>
public sealed class WebhookRegistrationTests(MsaHost host) : IClassFixture<MsaHost>
{
    [Fact]
    public async Task Register_list_and_delete_a_webhook_with_a_generated_secret_shown_once()
    {
        var client = host.Client(MsaHost.KeyA);
        var (status, created, response) = await client.PostJsonAsync("/v1/webhooks",
            """{"url":"https://emr.example.com/scribe-webhook","events":["session.completed","session.failed"],"unknown":1}""");
        Assert.Equal(201, status);
        var id = created["webhook_id"]!.GetValue<string>();
        Assert.Matches("^wh_[A-Za-z0-9]{24}$", id);
        Assert.Equal($"/v1/webhooks/{id}", response.Headers.Location!.ToString());
        Assert.Equal("https://emr.example.com/scribe-webhook", created["url"]!.GetValue<string>());
        Assert.Equal(["session.completed", "session.failed"], created["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("active", created["status"]!.GetValue<string>());
        Assert.Equal("thin", created["payload"]!.GetValue<string>());
        Assert.StartsWith("whsec_", created["secret"]!.GetValue<string>());
        Assert.NotNull(created["created_at"]);

        var (listed, list, _) = await client.GetAsync("/v1/webhooks");
        Assert.Equal(200, listed);
        var entry = Assert.Single(list["webhooks"]!.AsArray(), w => w!["webhook_id"]!.GetValue<string>() == id)!;
        Assert.Null(entry["secret"]);
        Assert.Equal("active", entry["status"]!.GetValue<string>());

        // Tenant isolation: another tenant neither sees nor deletes it.
        var other = host.Client(MsaHost.KeyB);
        Assert.DoesNotContain((await other.GetAsync("/v1/webhooks")).Body["webhooks"]!.AsArray(), w => w!["webhook_id"]!.GetValue<string>() == id);
        var (foreign, foreignBody, _) = await other.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/webhooks/{id}"));
        Assert.Equal(404, foreign);
        Assert.Equal("webhook_not_found", foreignBody["error"]!["code"]!.GetValue<string>());
        Assert.Equal(404, (await other.GetAsync($"/v1/webhooks/{id}/deliveries")).Status);

        var (deleted, _, _) = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/webhooks/{id}"));
        Assert.Equal(204, deleted);
        var (again, againBody, _) = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/v1/webhooks/{id}"));
        Assert.Equal(404, again);
        Assert.Equal(id, againBody["error"]!["details"]!["webhook_id"]!.GetValue<string>());
        Assert.DoesNotContain((await client.GetAsync("/v1/webhooks")).Body["webhooks"]!.AsArray(), w => w!["webhook_id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task A_secret_the_emr_supplies_is_kept_and_never_echoed()
    {
        var client = host.Client(MsaHost.KeyA);
        var (status, created, _) = await client.PostJsonAsync("/v1/webhooks",
            """{"url":"https://emr.example.com/hook","events":["session.completed"],"secret":"whsec_my_secret_key","payload":"full"}""");
        Assert.Equal(201, status);
        Assert.Null(created["secret"]);
        Assert.Equal("full", created["payload"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"events":["session.completed"]}""", "url")]
    [InlineData("""{"url":42,"events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"not a url","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"http://emr.example.com/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"ftp://emr.example.com/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://127.0.0.1/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://localhost:8443/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://10.1.2.3/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://192.168.0.10/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://169.254.169.254/latest/meta-data","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://[::1]/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://[fd00:ec2::254]/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://user:pw@emr.example.com/hook","events":["session.completed"]}""", "url")]
    [InlineData("""{"url":"https://emr.example.com/hook"}""", "events")]
    [InlineData("""{"url":"https://emr.example.com/hook","events":[]}""", "events")]
    [InlineData("""{"url":"https://emr.example.com/hook","events":"session.completed"}""", "events")]
    [InlineData("""{"url":"https://emr.example.com/hook","events":["session.completed","session.done"]}""", "events[1]")]
    [InlineData("""{"url":"https://emr.example.com/hook","events":["webhook.test"]}""", "events[0]")]
    [InlineData("""{"url":"https://emr.example.com/hook","events":["session.completed"],"secret":"short"}""", "secret")]
    [InlineData("""{"url":"https://emr.example.com/hook","events":["session.completed"],"payload":"everything"}""", "payload")]
    public async Task Invalid_registrations_are_400_naming_the_field(string json, string field)
    {
        var (status, body, _) = await host.Client(MsaHost.KeyA).PostJsonAsync("/v1/webhooks", json);
        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(field, body["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Malformed_json_and_missing_keys_get_the_envelope()
    {
        var client = host.Client(MsaHost.KeyA);
        var (status, body, _) = await client.PostJsonAsync("/v1/webhooks", """{"url": """);
        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body["error"]!["code"]!.GetValue<string>());

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks");
        request.Headers.Add("X-API-Key", "sk_test_nobody0000000000000000000000000");
        Assert.Equal(401, (await client.SendAsync(request)).Status);
    }

    [Fact]
    public async Task Unknown_webhooks_and_deliveries_are_404()
    {
        var client = host.Client(MsaHost.KeyA);
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Delete, "/v1/webhooks/wh_doesnotexist0000000000000"),
            (HttpMethod.Get, "/v1/webhooks/wh_doesnotexist0000000000000/deliveries"),
            (HttpMethod.Post, "/v1/webhooks/wh_doesnotexist0000000000000/test"),
            (HttpMethod.Post, "/v1/webhooks/not-an-id/deliveries/dlv_x/retry"),
        })
        {
            var (status, body, _) = await client.SendAsync(new HttpRequestMessage(method, path));
            Assert.True(status == 404, $"{method} {path}: {status} {body.ToJsonString()}");
            Assert.Equal("webhook_not_found", body["error"]!["code"]!.GetValue<string>());
        }

        var (_, created, _) = await client.PostJsonAsync("/v1/webhooks", """{"url":"https://emr.example.com/hook","events":["session.completed"]}""");
        var id = created["webhook_id"]!.GetValue<string>();
        var (missing, missingBody, _) = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/dlv_nothing/retry"));
        Assert.Equal(404, missing);
        Assert.Equal("delivery_not_found", missingBody["error"]!["code"]!.GetValue<string>());
        var (badLimit, limitBody, _) = await client.GetAsync($"/v1/webhooks/{id}/deliveries?limit=0");
        Assert.Equal(400, badLimit);
        Assert.Equal("limit", limitBody["error"]!["details"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_advertises_the_webhooks_url_and_delivery()
    {
        var (status, body, _) = await host.Client(MsaHost.KeyA).GetAsync("/.well-known/medscribealliance");
        Assert.Equal(200, status);
        Assert.Equal(host.Host.BaseAddress + "v1/webhooks", body["endpoints"]!["webhooks_url"]!.GetValue<string>());
        Assert.True(body["capabilities"]!["webhook_delivery"]!.GetValue<bool>());
    }
}
