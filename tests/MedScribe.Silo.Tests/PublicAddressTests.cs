using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>Behind a load balancer the protocol must hand out the public address, not the pod's.</summary>
public sealed class PublicAddressTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_configured_public_base_url_is_used_for_upload_url_and_discovery()
    {
        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            MsaHost.Configure(s);
            s["Msa__PublicBaseUrl"] = "https://scribe.example.com/";
            s["Msa__SecurityContact"] = "mailto:security@scribe.example.com";
            s["Msa__SecurityPolicyUrl"] = "https://scribe.example.com/security-policy";
            s["Msa__ChangelogUrl"] = "https://scribe.example.com/changelog";
        });
        var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);

        var (_, created, _) = await client.PostJsonAsync("/v1/sessions", """{"templates":["soap"]}""");
        var (_, discovery, _) = await client.GetAsync("/.well-known/medscribealliance");

        Assert.Equal($"https://scribe.example.com/v1/sessions/{created["session_id"]!.GetValue<string>()}/audio", created["upload_url"]!.GetValue<string>());
        Assert.Equal("https://scribe.example.com/v1", discovery["endpoints"]!["base_url"]!.GetValue<string>());

        // The spec's SHOULD (ch. 12.10, 3.6): the security fields, and an RFC 9116 security.txt.
        Assert.Equal("mailto:security@scribe.example.com", discovery["service"]!["security_contact"]!.GetValue<string>());
        Assert.Equal("https://scribe.example.com/security-policy", discovery["service"]!["security_policy_url"]!.GetValue<string>());
        Assert.Equal("https://scribe.example.com/changelog", discovery["service"]!["changelog_url"]!.GetValue<string>());
        using var http = host.CreateClient();
        var securityTxt = await http.GetStringAsync("/.well-known/security.txt", TestContext.Current.CancellationToken);
        Assert.Contains("Contact: mailto:security@scribe.example.com\n", securityTxt);
        Assert.Contains("Policy: https://scribe.example.com/security-policy\n", securityTxt);
        Assert.Contains("Canonical: https://scribe.example.com/.well-known/security.txt\n", securityTxt);
        var expires = DateTimeOffset.Parse(System.Text.RegularExpressions.Regex.Match(securityTxt, "Expires: (\\S+)").Groups[1].Value);
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(300), DateTimeOffset.UtcNow.AddDays(400));
    }

    [Fact]
    public async Task Without_a_configured_address_only_hosts_the_operator_allows_reach_upload_url_and_discovery()
    {
        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            MsaHost.Configure(s);
            s["AllowedHosts"] = "127.0.0.1;*.clinic.example";
        });
        var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);
        async Task<(int Status, System.Text.Json.Nodes.JsonObject Body, HttpResponseMessage Response)> As(string hostHeader, HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Host = hostHeader;
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("""{"templates":["soap"]}""", System.Text.Encoding.UTF8, "application/json");
            }

            return await client.SendAsync(request);
        }

        // A name the operator allows is used as the public address, and the cached discovery varies by it.
        var (created, session, _) = await As("api.clinic.example", HttpMethod.Post, "/v1/sessions");
        Assert.Equal(201, created);
        Assert.StartsWith("http://api.clinic.example/v1/sessions/", session["upload_url"]!.GetValue<string>());
        var (found, discovery, response) = await As("api.clinic.example", HttpMethod.Get, "/.well-known/medscribealliance");
        Assert.Equal(200, found);
        Assert.Equal("http://api.clinic.example/v1", discovery["endpoints"]!["base_url"]!.GetValue<string>());
        Assert.Contains("Host", response.Headers.Vary);

        // The listening address works as it is.
        var (direct, directSession, _) = await client.PostJsonAsync("/v1/sessions", """{"templates":["soap"]}""");
        Assert.Equal(201, direct);
        Assert.StartsWith(host.BaseAddress.ToString().TrimEnd('/'), directSession["upload_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_forged_host_is_refused_in_the_envelope_and_never_becomes_an_address()
    {
        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, MsaHost.Configure);
        var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);
        // (Without a configured contact there is no security.txt, and discovery has no security fields.)
        var (noContact, missing, _) = await client.GetAsync("/.well-known/security.txt");
        Assert.Equal(404, noContact);
        Assert.Equal("Msa:SecurityContact", missing["error"]!["details"]!["setting"]!.GetValue<string>());
        foreach (var (forged, method, path) in new[]
        {
            ("evil.example", HttpMethod.Post, "/v1/sessions"), ("evil.example.", HttpMethod.Post, "/v1/sessions"),
            ("evil.example", HttpMethod.Get, "/.well-known/medscribealliance"),
        })
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Host = forged;
            if (method == HttpMethod.Post)
            {
                request.Content = new StringContent("""{"templates":["soap"]}""", System.Text.Encoding.UTF8, "application/json");
            }

            var (status, body, _) = await client.SendAsync(request);
            Assert.Equal(400, status);
            Assert.Equal("invalid_request", body["error"]!["code"]!.GetValue<string>());
            Assert.Equal("Host", body["error"]!["details"]!["field"]!.GetValue<string>());
        }
    }
}
