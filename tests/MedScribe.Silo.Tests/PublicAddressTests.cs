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
        });
        var client = new MsaClient(host.CreateClient(), MsaHost.KeyA);

        var (_, created, _) = await client.PostJsonAsync("/v1/sessions", """{"templates":["soap"]}""");
        var (_, discovery, _) = await client.GetAsync("/.well-known/medscribealliance");

        Assert.Equal($"https://scribe.example.com/v1/sessions/{created["session_id"]!.GetValue<string>()}/audio", created["upload_url"]!.GetValue<string>());
        Assert.Equal("https://scribe.example.com/v1", discovery["endpoints"]!["base_url"]!.GetValue<string>());
    }
}
