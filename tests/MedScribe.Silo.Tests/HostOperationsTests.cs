using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>One running host shared by the tests of its operations surface.</summary>
public sealed class RunningSilo(AzuriteFixture azurite) : IAsyncLifetime
{
    public SiloHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await SiloHost.StartAsync(azurite.ConnectionString);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

public sealed class HostOperationsTests(RunningSilo silo) : IClassFixture<RunningSilo>
{
    private readonly HttpClient _http = silo.Host.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_answers_200_Healthy()
    {
        var response = await _http.GetAsync("/health/live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Readiness_reports_storage_and_silo_healthy()
    {
        var response = await _http.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        var siloCheck = body.RootElement.GetProperty("checks").GetProperty("silo");
        Assert.Equal("Healthy", siloCheck.GetProperty("status").GetString());
        Assert.Contains("is active", siloCheck.GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_and_its_reference_page_are_served()
    {
        var document = await _http.GetAsync("/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString());
        Assert.Equal("MedScribe.Orleans", json.RootElement.GetProperty("info").GetProperty("title").GetString());

        var page = await _http.GetAsync("/docs/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("MedScribe.Orleans API", html);
        Assert.Contains("scalar.js", html);
        var script = await _http.GetAsync("/docs/scalar.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_asks_for_credentials_without_the_admin_key()
    {
        var response = await _http.GetAsync("/dashboard/", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task The_dashboard_refuses_a_wrong_admin_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Add("X-Admin-Key", "adm_wrong_0123456789abcdef0123");

        var response = await _http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_opens_with_the_admin_key_as_header_or_as_basic_password()
    {
        using var header = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        header.Headers.Add("X-Admin-Key", SiloHost.AdminKey);
        var byHeader = await _http.SendAsync(header, Ct);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await byHeader.Content.ReadAsStringAsync(Ct));

        using var basic = new HttpRequestMessage(HttpMethod.Get, "/dashboard/ClusterStats");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + SiloHost.AdminKey)));
        var byBasic = await _http.SendAsync(basic, Ct);
        Assert.Equal(HttpStatusCode.OK, byBasic.StatusCode);
        Assert.Equal("application/json", byBasic.Content.Headers.ContentType?.MediaType);
    }
}
