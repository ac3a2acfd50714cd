using System.Text.Json.Nodes;
using MedScribe.Silo.Api.Admin;

namespace MedScribe.Silo.Tests;

/// <summary>Operators create tenants and rotate keys without downtime, through the admin API and its CLI.</summary>
public sealed class TenantAdminTests(MsaHost host) : IClassFixture<MsaHost>
{
    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await AdminCli.RunAsync(["--url", host.Host.BaseAddress.ToString(), "--admin-key", SiloHost.AdminKey, .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Keys_rotate_without_downtime_two_work_at_once_and_a_revoked_key_stops_at_once()
    {
        var tenant = "rotate-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await CliAsync("tenant", "put", tenant, "--name", "Rotating Clinic", "--rpm", "100")).Code);

        var first = JsonNode.Parse((await CliAsync("keys", "create", tenant)).Output)!;
        var second = JsonNode.Parse((await CliAsync("keys", "create", tenant, "--test")).Output)!;
        var oldKey = first["key"]!.GetValue<string>();
        var newKey = second["key"]!.GetValue<string>();
        Assert.StartsWith("sk_live_", oldKey);
        Assert.StartsWith("sk_test_", newKey);

        var oldClient = host.Client(oldKey);
        var newClient = host.Client(newKey);
        var id = await oldClient.CreateSessionAsync();
        Assert.Equal(202, (await newClient.GetAsync($"/v1/sessions/{id}")).Status);

        Assert.Equal(0, (await CliAsync("keys", "revoke", tenant, first["key_id"]!.GetValue<string>())).Code);

        Assert.Equal(401, (await oldClient.GetAsync($"/v1/sessions/{id}")).Status);
        Assert.Equal(202, (await newClient.GetAsync($"/v1/sessions/{id}")).Status);
        var shown = JsonNode.Parse((await CliAsync("tenant", "show", tenant)).Output)!;
        Assert.Equal("Rotating Clinic", shown["name"]!.GetValue<string>());
        Assert.Equal(100, shown["requests_per_minute"]!.GetValue<int>());
        var keys = shown["keys"]!.AsArray();
        Assert.Equal(2, keys.Count);
        Assert.NotNull(keys.Single(k => k!["key_id"]!.GetValue<string>() == first["key_id"]!.GetValue<string>())!["revoked_at"]);
        Assert.DoesNotContain(oldKey, shown.ToJsonString());
        Assert.DoesNotContain(newKey, shown.ToJsonString());
    }

    [Fact]
    public async Task The_CLI_explains_usage_errors_and_api_errors_with_a_nonzero_exit()
    {
        var usage = await CliAsync("keys", "frobnicate");
        Assert.Equal(2, usage.Code);
        Assert.Contains("usage: MedScribe.Silo admin", usage.Error);

        var missing = await CliAsync("keys", "create", "no-such-tenant");
        Assert.Equal(1, missing.Code);
        Assert.Contains("404 Tenant 'no-such-tenant' does not exist.", missing.Error);

        var output = new StringWriter();
        var error = new StringWriter();
        var wrongKey = await AdminCli.RunAsync(["--url", host.Host.BaseAddress.ToString(), "--admin-key", "adm_wrong_000000000000000000000", "tenant", "show", "x"], output, error);
        Assert.Equal(1, wrongKey);
        Assert.Contains("401", error.ToString());
    }

    [Fact]
    public async Task The_admin_api_refuses_callers_without_the_admin_key_and_names_bad_fields()
    {
        var anonymous = host.Host.CreateClient();
        Assert.Equal(401, (int)(await anonymous.PostAsync("/admin/tenants/x/keys", null, TestContext.Current.CancellationToken)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Put, "/admin/tenants/x")
        {
            Content = new StringContent("""{"requests_per_minute":"lots"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-Key", SiloHost.AdminKey);
        var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("requests_per_minute", body["error"]!["details"]!["field"]!.GetValue<string>());
    }
}
