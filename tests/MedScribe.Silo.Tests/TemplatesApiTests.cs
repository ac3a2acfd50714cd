using System.Text;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Tests;

/// <summary>Tenants define, replace and delete their own templates through /v1/templates (our extension).</summary>
public sealed class TemplatesApiTests(MsaHost host) : IClassFixture<MsaHost>
{
    private const string Definition = """
        {"id":"cardio_note","name":"Cardio note","description":"For the cardiology clinic.",
         "sections":[{"key":"history","title":"History","instructions":"Symptoms and their timing."},
                     {"key":"meds","title":"Medications","instructions":"Every medication with dose."}]}
        """;

    private static Task<(int Status, JsonObject Body, HttpResponseMessage Response)> Send(MsaClient client, HttpMethod method, string path, string? json = null) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") });

    [Fact]
    public async Task A_tenant_defines_reads_replaces_and_deletes_its_own_template_unseen_by_other_tenants()
    {
        var a = host.Client(MsaHost.KeyA);
        var b = host.Client(MsaHost.KeyB);

        var (created, body, response) = await a.PostJsonAsync("/v1/templates", Definition);
        Assert.Equal(201, created);
        Assert.Equal("/v1/templates/cardio_note", response.Headers.Location!.ToString());
        Assert.Equal(["history", "meds"], body["sections"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()));

        var (read, definition, _) = await a.GetAsync("/v1/templates/cardio_note");
        Assert.Equal(200, read);
        Assert.Equal("Symptoms and their timing.", definition["sections"]![0]!["instructions"]!.GetValue<string>());
        Assert.False(definition["builtin"]!.GetValue<bool>());
        var list = (await a.GetAsync("/v1/templates")).Body["templates"]!.AsArray();
        Assert.Equal("cardio_note", list[^1]!["id"]!.GetValue<string>());
        Assert.True(list[0]!["builtin"]!.GetValue<bool>());
        Assert.Equal(404, (await b.GetAsync("/v1/templates/cardio_note")).Status);

        var (again, conflict, _) = await a.PostJsonAsync("/v1/templates", Definition);
        Assert.Equal(409, again);
        Assert.Equal("template_exists", conflict["error"]!["code"]!.GetValue<string>());

        var (replaced, replacement, _) = await Send(a, HttpMethod.Put, "/v1/templates/cardio_note", """{"name":"Cardio note v2","sections":[{"key":"plan","title":"Plan"}]}""");
        Assert.Equal(200, replaced);
        Assert.Equal("Cardio note v2", replacement["name"]!.GetValue<string>());

        Assert.Equal(404, (await Send(b, HttpMethod.Delete, "/v1/templates/cardio_note")).Status);
        Assert.Equal(204, (await Send(a, HttpMethod.Delete, "/v1/templates/cardio_note")).Status);
        var (gone, missing, _) = await Send(a, HttpMethod.Delete, "/v1/templates/cardio_note");
        Assert.Equal(404, gone);
        Assert.Equal("template_not_found", missing["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("POST", "/v1/templates", """{"name":"No id","sections":[{"key":"a","title":"A"}]}""", 400, "id")]
    [InlineData("POST", "/v1/templates", """{"id":"medications","name":"Mine","sections":[{"key":"a","title":"A"}]}""", 400, "id")]
    [InlineData("POST", "/v1/templates", """{"id":"mine","name":"Mine","sections":"all of it"}""", 400, "sections")]
    [InlineData("PUT", "/v1/templates/mine", """{"id":"other","name":"Mine","sections":[{"key":"a","title":"A"}]}""", 400, "id")]
    [InlineData("DELETE", "/v1/templates/soap", null, 400, "templateId")]
    [InlineData("GET", "/v1/templates/nothing_here", null, 404, "templateId")]
    public async Task Bad_template_requests_are_refused_in_the_envelope_naming_the_field(string method, string path, string? json, int status, string field)
    {
        var (actual, body, _) = await Send(host.Client(MsaHost.KeyA), new HttpMethod(method), path, json);

        Assert.Equal(status, actual);
        Assert.Equal(field, body["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_fhir_export_waits_for_a_finished_session_and_is_not_shown_to_another_tenant()
    {
        var a = host.Client(MsaHost.KeyA);
        var session = await a.CreateSessionAsync();

        var (status, body, _) = await a.GetAsync($"/v1/sessions/{session}/fhir");
        Assert.Equal(409, status);
        Assert.Equal("session_not_ready", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("created", body["error"]!["details"]!["status"]!.GetValue<string>());

        Assert.Equal(404, (await host.Client(MsaHost.KeyB).GetAsync($"/v1/sessions/{session}/fhir")).Status);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_template_and_fhir_extensions()
    {
        var document = JsonNode.Parse(await host.Host.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/v1/templates"]!["post"]);
        Assert.NotNull(paths["/v1/templates/{templateId}"]!["delete"]);
        Assert.NotNull(paths["/v1/sessions/{sessionId}/fhir"]!["get"]);
        Assert.Contains("extension", paths["/v1/templates"]!["post"]!["summary"]!.GetValue<string>());
    }
}
