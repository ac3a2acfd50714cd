using System.Text;
using System.Text.Json.Nodes;

namespace MedScribe.Silo.Tests;

/// <summary>A tenant's own templates: defined by the operator, listed only to that tenant.</summary>
public sealed class CustomTemplateTests(MsaHost host) : IClassFixture<MsaHost>
{
    private async Task<(int Status, JsonObject Body)> PutTemplateAsync(string tenant, string id, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/admin/tenants/{tenant}/templates/{id}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Admin-Key", SiloHost.AdminKey);
        var response = await host.Host.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private static IReadOnlyList<string> Ids(JsonObject list) => list["templates"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_tenants_own_template_is_listed_after_the_built_ins_to_that_tenant_only()
    {
        var (status, body) = await PutTemplateAsync("clinic-a", "cardiology_intake", """
            {"name":"Cardiology intake","description":"Cardiac history and risk factors.",
             "sections":[{"key":"cardiac_history","title":"Cardiac history","instructions":"Prior MI, stents, CABG."},
                         {"key":"risk_factors","title":"Risk factors"}]}
            """);
        Assert.Equal(200, status);
        Assert.Equal(2, body["sections"]!.AsArray().Count);

        var a = (await host.Client(MsaHost.KeyA).GetAsync("/v1/templates")).Body;
        var b = (await host.Client(MsaHost.KeyB).GetAsync("/v1/templates")).Body;

        Assert.Equal("cardiology_intake", Ids(a)[^1]);
        Assert.Equal("Cardiology intake", a["templates"]!.AsArray()[^1]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("cardiology_intake", Ids(b));
        Assert.Equal(MedScribe.Abstractions.Templates.BuiltInTemplates.All.Count, Ids(b).Count);
    }

    [Theory]
    [InlineData("soap", """{"name":"Mine","sections":[{"key":"a","title":"A"}]}""", "id")]
    [InlineData("Bad-Id", """{"name":"Mine","sections":[{"key":"a","title":"A"}]}""", "id")]
    [InlineData("mine", """{"sections":[{"key":"a","title":"A"}]}""", "name")]
    [InlineData("mine", """{"name":"Mine","sections":[]}""", "sections")]
    [InlineData("mine", """{"name":"Mine","sections":[{"key":"A b","title":"A"}]}""", "sections[0].key")]
    [InlineData("mine", """{"name":"Mine","sections":[{"key":"a","title":"A"},{"key":"a","title":"B"}]}""", "sections")]
    public async Task Bad_template_definitions_are_400_naming_the_field(string id, string json, string field)
    {
        var (status, body) = await PutTemplateAsync("clinic-a", id, json);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(field, body["error"]!["details"]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("name", 201)]
    [InlineData("description", 2001)]
    [InlineData("sections[0].title", 201)]
    [InlineData("sections[0].instructions", 8001)]
    public async Task Oversized_template_fields_are_400_naming_the_field_and_the_limit(string field, int length)
    {
        var big = new string('x', length);
        var json = field switch
        {
            "name" => $$"""{"name":"{{big}}","sections":[{"key":"a","title":"A"}]}""",
            "description" => $$"""{"name":"Mine","description":"{{big}}","sections":[{"key":"a","title":"A"}]}""",
            "sections[0].title" => $$"""{"name":"Mine","sections":[{"key":"a","title":"{{big}}"}]}""",
            _ => $$"""{"name":"Mine","sections":[{"key":"a","title":"A","instructions":"{{big}}"}]}""",
        };
        var (status, body) = await PutTemplateAsync("clinic-a", "mine_big", json);
        Assert.Equal(400, status);
        Assert.Equal(field, body["error"]!["details"]!["field"]!.GetValue<string>());
        Assert.Contains($"at most {length - 1} characters", body["error"]!["message"]!.GetValue<string>());
    }
}
