using System.Text.Json.Nodes;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Templates;
using MedScribe.Abstractions.Tenancy;
using MedScribe.Silo.Api.Admin;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// The template catalog: the built-ins and the tenant's own templates (list, read); defining, replacing
/// and deleting the tenant's own templates is our extension of the protocol.
/// </summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/templates", ListAsync)
            .WithSummary("Lists the built-in templates, then the tenant's own.");
        v1.MapGet("/templates/{templateId}", GetAsync)
            .WithSummary("One template: a built-in's id, name and description, or a custom template's whole definition (extension).");
        v1.MapPost("/templates", CreateAsync)
            .WithSummary("Defines a custom template {id, name, description, sections:[{key, title, instructions}]} for this tenant (extension). 201; 409 template_exists when the id is taken.");
        v1.MapPut("/templates/{templateId}", PutAsync)
            .WithSummary("Defines or replaces the custom template with this id (extension).");
        v1.MapDelete("/templates/{templateId}", DeleteAsync)
            .WithSummary("Deletes one of this tenant's templates (extension). 204; built-ins cannot be deleted.");
        return v1;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains)
    {
        var own = await grains.GetGrain<ITenantGrain>(MsaCaller.TenantId(context)).GetTemplatesAsync();
        var all = BuiltInTemplates.All.Select(t => Summary(t.Id, t.Name, t.Description, builtIn: true))
            .Concat(own.Select(t => Summary(t.Id, t.Name, t.Description, builtIn: false)));
        return MsaErrors.Json(new JsonObject { ["templates"] = new JsonArray(all.ToArray()) }, StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetAsync(string templateId, HttpContext context, IGrainFactory grains)
    {
        if (BuiltInTemplates.All.FirstOrDefault(t => t.Id == templateId) is { } builtIn)
        {
            return MsaErrors.Json(Summary(builtIn.Id, builtIn.Name, builtIn.Description, builtIn: true), StatusCodes.Status200OK);
        }

        var own = await grains.GetGrain<ITenantGrain>(MsaCaller.TenantId(context)).GetTemplatesAsync();
        var template = own.FirstOrDefault(t => t.Id == templateId) ?? throw NotFound(templateId);
        return MsaErrors.Json(Definition(template), StatusCodes.Status200OK);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, IOptions<MsaSettings> settings)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, 256 * 1024, allowEmpty: false);
        var id = body["id"] is JsonValue v && v.TryGetValue<string>(out var text) ? text.Trim()
            : throw ProtocolException.InvalidRequest("id must be a string naming the template.", new { field = "id" });
        var template = CustomTemplates.Parse(id, body);
        await grains.GetGrain<ITenantGrain>(MsaCaller.TenantId(context)).AddTemplateAsync(template, settings.Value.MaxTemplatesPerTenant);
        context.Response.Headers.Location = $"/v1/templates/{id}";
        return MsaErrors.Json(Definition(template), StatusCodes.Status201Created);
    }

    private static async Task<IResult> PutAsync(string templateId, HttpContext context, IGrainFactory grains, IOptions<MsaSettings> settings)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, 256 * 1024, allowEmpty: false);
        if (body["id"] is JsonValue v && v.TryGetValue<string>(out var bodyId) && bodyId != templateId)
        {
            throw ProtocolException.InvalidRequest($"The body's id '{bodyId}' differs from the path's '{templateId}'.", new { field = "id" });
        }

        var template = CustomTemplates.Parse(templateId, body);
        await grains.GetGrain<ITenantGrain>(MsaCaller.TenantId(context)).PutTemplateAsync(template, settings.Value.MaxTemplatesPerTenant);
        return MsaErrors.Json(Definition(template), StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteAsync(string templateId, HttpContext context, IGrainFactory grains)
    {
        if (BuiltInTemplates.Contains(templateId))
        {
            throw ProtocolException.InvalidRequest($"'{templateId}' is a built-in template and cannot be deleted.", new { field = "templateId" });
        }

        if (!await grains.GetGrain<ITenantGrain>(MsaCaller.TenantId(context)).RemoveTemplateAsync(templateId))
        {
            throw NotFound(templateId);
        }

        return Results.NoContent();
    }

    private static JsonObject Definition(CustomTemplate template)
    {
        var body = CustomTemplates.Render(template);
        body["builtin"] = false;
        return body;
    }

    private static JsonObject Summary(string id, string name, string description, bool builtIn) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["builtin"] = builtIn,
    };

    private static ProtocolException NotFound(string templateId) =>
        new("template_not_found", 404, $"Template '{templateId}' is not available to this tenant.", new { field = "templateId" });
}
