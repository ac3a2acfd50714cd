using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>Every read and write of a session, and every admin action, lands in the append-only trail, without PHI or secrets.</summary>
public sealed class AuditTrailTests(MsaHost host) : IClassFixture<MsaHost>
{
    [Fact]
    public async Task Session_reads_and_writes_and_admin_actions_are_recorded_with_who_what_when_and_where()
    {
        var client = host.Client(MsaHost.KeyA);
        var sessionId = await client.CreateSessionAsync("""{"templates":["soap"],"additional_data":{"patient_name":"PHI-MARKER Jane Doe"}}""");
        Assert.Equal(200, (await client.UploadRawAsync(sessionId, TestAudio.Wav(1), "audio/wav", 0)).Status);
        Assert.Equal(202, (await client.GetAsync($"/v1/sessions/{sessionId}")).Status);
        Assert.Equal(409, (await client.GetAsync($"/v1/sessions/{sessionId}/fhir")).Status);
        Assert.Equal(404, (await host.Client(MsaHost.KeyB).GetAsync($"/v1/sessions/{sessionId}")).Status);

        using var http = host.Host.CreateClient();
        async Task<(int Status, JsonNode? Body)> Admin(HttpMethod method, string path, bool authenticated = true)
        {
            using var request = new HttpRequestMessage(method, path);
            if (authenticated)
            {
                request.Headers.Add("X-Admin-Key", SiloHost.AdminKey);
            }

            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
        }

        Assert.Equal(200, (await Admin(HttpMethod.Get, "/admin/tenants/clinic-a")).Status);
        Assert.Equal(401, (await Admin(HttpMethod.Get, "/admin/tenants/clinic-a", authenticated: false)).Status);

        // Written off the request path: poll until the session's records are all there.
        JsonArray records = [];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var (status, body) = await Admin(HttpMethod.Get, $"/admin/audit?resource=session:{sessionId}");
            Assert.Equal(200, status);
            records = body!["records"]!.AsArray();
            if (records.Count >= 5)
            {
                break;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var seen = records.Select(r => (Route: r!["route"]!.GetValue<string>(), Method: r["method"]!.GetValue<string>(), Status: r["status"]!.GetValue<int>(), Actor: r["actor"]!.GetValue<string>())).ToList();
        Assert.Contains(seen, r => r is { Route: "/v1/sessions/{sessionId}/audio", Method: "POST", Status: 200 });
        Assert.Contains(seen, r => r is { Route: "/v1/sessions/{sessionId}", Method: "GET", Status: 202 });
        Assert.Contains(seen, r => r is { Route: "/v1/sessions/{sessionId}/fhir", Status: 409 });
        // Another tenant's attempt is recorded too, as that tenant.
        Assert.Contains(seen, r => r.Status == 404 && r.Actor.StartsWith("tenant:clinic-b/key:", StringComparison.Ordinal));
        var first = records.First(r => r!["status"]!.GetValue<int>() == 200)!;
        Assert.StartsWith("tenant:clinic-a/key:", first["actor"]!.GetValue<string>());
        Assert.Equal("clinic-a", first["tenant_id"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", first["client"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(first["trace_id"]!.GetValue<string>()));
        Assert.True(DateTimeOffset.Parse(first["at"]!.GetValue<string>()) > DateTimeOffset.UtcNow.AddMinutes(-5));
        // Newest first.
        var times = records.Select(r => DateTimeOffset.Parse(r!["at"]!.GetValue<string>())).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        var (_, all) = await Admin(HttpMethod.Get, "/admin/audit?limit=1000");
        var text = all!.ToJsonString();
        Assert.Contains("\"actor\":\"admin\"", text);
        Assert.Contains("\"route\":\"/admin/tenants/{tenantId}\"", text);
        Assert.Contains("\"actor\":\"anonymous\"", text);
        // No PHI and no secrets: bodies, headers and keys are never kept.
        Assert.DoesNotContain("PHI-MARKER", text);
        Assert.DoesNotContain(MsaHost.KeyA, text);
        Assert.DoesNotContain(SiloHost.AdminKey, text);

        // Append-only: nothing in the API changes or removes the trail.
        Assert.Equal(405, (await Admin(HttpMethod.Delete, "/admin/audit")).Status);
        Assert.Equal(400, (await Admin(HttpMethod.Get, "/admin/audit?limit=5000")).Status);
        Assert.Equal(400, (await Admin(HttpMethod.Get, "/admin/audit?from=yesterday")).Status);
    }
}
