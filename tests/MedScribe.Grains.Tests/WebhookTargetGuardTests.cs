using System.Net;
using MedScribe.Grains.Webhooks;
using MedScribe.Testing;

namespace MedScribe.Grains.Tests;

/// <summary>The SSRF guard: which addresses are public, and refusal at connect time against a real listener.</summary>
public sealed class WebhookTargetGuardTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("100.128.0.1", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)] // AWS, GCP and Azure metadata
    [InlineData("100.100.100.200", false)] // Alibaba metadata (carrier-grade NAT range)
    [InlineData("100.64.0.1", false)]
    [InlineData("192.0.0.192", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00:ec2::254", false)] // AWS metadata over IPv6
    [InlineData("fc00::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a9fe:a9fe", false)] // NAT64 of 169.254.169.254
    [InlineData("2001:db8::1", false)]
    [InlineData("::127.0.0.1", false)] // IPv4-compatible, deprecated
    [InlineData("::8.8.8.8", false)]
    [InlineData("::ffff:0:a9fe:a9fe", false)] // IPv4-translated
    [InlineData("2002:a9fe:a9fe::1", false)] // 6to4 of 169.254.169.254
    [InlineData("2002:0808:0808::1", true)] // 6to4 of 8.8.8.8
    [InlineData("2001::1", false)] // Teredo
    [InlineData("2001:2::1", false)] // benchmarking
    [InlineData("3fff::1", false)] // documentation
    [InlineData("100::1", false)] // discard-only
    [InlineData("64:ff9b:1::a", false)] // local-use NAT64
    [InlineData("fec0::1", false)] // site-local
    [InlineData("192.88.99.1", false)] // 6to4 relay anycast
    [InlineData("198.51.100.7", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("2a00:1450:4001::200e", true)]
    public void Public_and_private_addresses(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargetGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task Loopback_targets_are_refused_when_connecting_by_address_or_by_name_and_allowed_by_the_switch()
    {
        await using var receiver = new WebhookReceiver();
        var cancel = TestContext.Current.CancellationToken;
        using var guarded = Client(allowPrivate: false);
        var byAddress = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync(receiver.Url, cancel));
        Assert.IsType<WebhookTargetRefusedException>(byAddress.InnerException);
        Assert.Contains("127.0.0.1", byAddress.InnerException!.Message);

        // A name is resolved at connect time: "localhost" is loopback whatever it was registered as.
        var byName = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri;
        var named = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync(byName, cancel));
        Assert.IsType<WebhookTargetRefusedException>(named.InnerException);
        Assert.Equal(0, receiver.Count);

        using var allowed = Client(allowPrivate: true);
        Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync(receiver.Url, cancel)).StatusCode);
        Assert.Equal(1, receiver.Count);
    }

    [Theory]
    [InlineData("http://emr.example.com/hook", true, false, "https")]
    [InlineData("http://emr.example.com/hook", false, false, null)]
    [InlineData("https://emr.example.com/hook", true, false, null)]
    [InlineData("https://LOCALHOST/hook", true, false, "localhost")]
    [InlineData("https://api.localhost/hook", true, false, "localhost")]
    [InlineData("https://127.0.0.1/hook", true, false, "public")]
    [InlineData("https://127.0.0.1/hook", true, true, null)]
    [InlineData("https://[::ffff:169.254.169.254]/hook", true, false, "public")]
    [InlineData("ftp://emr.example.com/hook", false, true, "https or http")]
    [InlineData("https://localhost./h", true, false, "localhost")]
    [InlineData("https://127.0.0.1./h", true, false, "public")]
    [InlineData("https://169.254.169.254./h", true, false, "public")]
    [InlineData("https://[::127.0.0.1]/h", true, false, "public")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", true, false, "metadata")]
    [InlineData("https://metadata/h", true, false, "metadata")]
    [InlineData("https://METADATA.GOOGLE.INTERNAL./h", true, false, "metadata")]
    [InlineData("https://printer.local/h", true, false, "special-use")]
    [InlineData("https://db.corp.internal/h", true, false, "special-use")]
    [InlineData("https://intranet/h", true, false, "single-label")]
    [InlineData("https://emr.example.com./hook", true, false, null)]
    public void Registration_checks(string url, bool requireHttps, bool allowPrivate, string? problem)
    {
        var result = WebhookTargetGuard.Check(new Uri(url), requireHttps, allowPrivate);
        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result);
        }
    }

    [Fact]
    public async Task Names_are_judged_by_what_they_resolve_to_when_connecting_through_a_resolver_the_test_controls()
    {
        await using var receiver = new WebhookReceiver();
        var cancel = TestContext.Current.CancellationToken;
        var lookups = new List<string>();
        Task<IPAddress[]> Resolve(string host, CancellationToken _)
        {
            lookups.Add(host);
            return Task.FromResult(host switch
            {
                "emr.example.com" => new[] { IPAddress.Loopback },
                "mixed.example.com" => [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("::ffff:10.1.2.3")],
                "compat.example.com" => [IPAddress.Parse("::169.254.169.254")],
                _ => throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound),
            });
        }

        using var guarded = Client(allowPrivate: false, Resolve);
        foreach (var host in new[] { "emr.example.com", "emr.example.com.", "mixed.example.com", "compat.example.com" })
        {
            var url = new UriBuilder(receiver.Url) { Host = host }.Uri;
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync(url, cancel));
            Assert.IsType<WebhookTargetRefusedException>(refused.InnerException);
        }

        // Metadata names are refused before any lookup.
        var metadata = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync(new UriBuilder(receiver.Url) { Host = "metadata.google.internal" }.Uri, cancel));
        Assert.Contains("cloud metadata", metadata.InnerException!.Message);
        Assert.Equal(["emr.example.com", "emr.example.com", "mixed.example.com", "compat.example.com"], lookups);
        Assert.Equal(0, receiver.Count);

        // With the switch on, the same name reaches the loopback receiver through the same resolver.
        // (The Host header names the listener, which answers only for its own address.)
        using var allowed = Client(allowPrivate: true, Resolve);
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(receiver.Url) { Host = "emr.example.com" }.Uri);
        request.Headers.Host = receiver.Url.Authority;
        Assert.Equal(HttpStatusCode.OK, (await allowed.SendAsync(request, cancel)).StatusCode);
        Assert.Equal(1, receiver.Count);
    }

    private static HttpClient Client(bool allowPrivate, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) =>
        new(new SocketsHttpHandler { ConnectCallback = new WebhookTargetGuard(allowPrivate, resolve).ConnectAsync, UseProxy = false });
}
