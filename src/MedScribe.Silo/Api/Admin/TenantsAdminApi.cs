using System.Text.Json.Nodes;
using MedScribe.Abstractions;
using MedScribe.Abstractions.Tenancy;
using MedScribe.Silo.Api.Msa;
using MedScribe.Silo.Auth;

namespace MedScribe.Silo.Api.Admin;

/// <summary>Operator endpoints for tenants and their API keys, behind the admin key.</summary>
public static class TenantsAdminApi
{
    public static IEndpointRouteBuilder MapTenantsAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/tenants").RequireAuthorization(AdminKeyAuthenticationHandler.Policy).WithTags("Admin");
        admin.MapPut("/{tenantId}", PutTenantAsync);
        admin.MapGet("/{tenantId}", GetTenantAsync);
        admin.MapPost("/{tenantId}/keys", CreateKeyAsync);
        admin.MapDelete("/{tenantId}/keys/{keyId}", RevokeKeyAsync);
        admin.MapPut("/{tenantId}/templates/{templateId}", PutTemplateAsync);
        admin.MapDelete("/{tenantId}/templates/{templateId}", DeleteTemplateAsync);
        return app;
    }

    private static async Task<IResult> PutTenantAsync(string tenantId, HttpContext context, IGrainFactory grains)
    {
        EnsureTenantId(tenantId);
        var body = await JsonBody.ReadObjectAsync(context.Request, 16 * 1024, allowEmpty: true);
        var name = body["name"] switch
        {
            null => tenantId,
            JsonValue v when v.TryGetValue<string>(out var text) && text.Trim().Length is > 0 and <= 200 => text.Trim(),
            _ => throw ProtocolException.InvalidRequest("name must be a non-empty string of at most 200 characters.", new { field = "name" }),
        };
        var rate = body["requests_per_minute"] switch
        {
            null => 0,
            JsonValue v when v.TryGetValue<int>(out var n) && n >= 0 => n,
            _ => throw ProtocolException.InvalidRequest("requests_per_minute must be a non-negative integer.", new { field = "requests_per_minute" }),
        };
        var grain = grains.GetGrain<ITenantGrain>(tenantId);
        await grain.EnsureAsync(name, rate);
        return MsaErrors.Json(Render((await grain.GetAsync())!), StatusCodes.Status200OK);
    }

    private static async Task<IResult> GetTenantAsync(string tenantId, IGrainFactory grains) =>
        await grains.GetGrain<ITenantGrain>(tenantId).GetAsync() is { } tenant
            ? MsaErrors.Json(Render(tenant), StatusCodes.Status200OK)
            : throw NotFound(tenantId);

    private static async Task<IResult> CreateKeyAsync(string tenantId, HttpContext context, IGrainFactory grains)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, 16 * 1024, allowEmpty: true);
        var environment = body["environment"] is JsonValue e && e.TryGetValue<string>(out var value) ? value : body["environment"] is null ? "live" : "";
        if (environment is not ("live" or "test"))
        {
            throw ProtocolException.InvalidRequest("environment must be 'live' or 'test'.", new { field = "environment" });
        }

        var grain = grains.GetGrain<ITenantGrain>(tenantId);
        if (await grain.GetAsync() is null)
        {
            throw NotFound(tenantId);
        }

        var issued = await grain.CreateKeyAsync(environment == "live");
        var result = RenderKey(issued.Info);
        result["key"] = issued.Key;
        return MsaErrors.Json(result, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeKeyAsync(string tenantId, string keyId, IGrainFactory grains)
    {
        var grain = grains.GetGrain<ITenantGrain>(tenantId);
        var tenant = await grain.GetAsync() ?? throw NotFound(tenantId);
        if (tenant.Keys.All(k => k.KeyId != keyId))
        {
            throw new ProtocolException("key_not_found", 404, $"Tenant '{tenantId}' has no key '{keyId}'.", new { tenant_id = tenantId, key_id = keyId });
        }

        await grain.RevokeKeyAsync(keyId);
        return Results.NoContent();
    }

    private static async Task<IResult> PutTemplateAsync(string tenantId, string templateId, HttpContext context, IGrainFactory grains)
    {
        var grain = grains.GetGrain<ITenantGrain>(tenantId);
        if (await grain.GetAsync() is null)
        {
            throw NotFound(tenantId);
        }

        var body = await JsonBody.ReadObjectAsync(context.Request, 64 * 1024, allowEmpty: false);
        var template = CustomTemplates.Parse(templateId, body);
        await grain.PutTemplateAsync(template);
        return MsaErrors.Json(CustomTemplates.Render(template), StatusCodes.Status200OK);
    }

    private static async Task<IResult> DeleteTemplateAsync(string tenantId, string templateId, IGrainFactory grains) =>
        await grains.GetGrain<ITenantGrain>(tenantId).RemoveTemplateAsync(templateId)
            ? Results.NoContent()
            : throw new ProtocolException("template_not_found", 404, $"Tenant '{tenantId}' has no template '{templateId}'.",
                new { tenant_id = tenantId, template_id = templateId });

    private static void EnsureTenantId(string tenantId)
    {
        if (tenantId.Length is 0 or > 64 || !tenantId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw ProtocolException.InvalidRequest("Tenant ids are 1-64 letters, digits, '-' or '_'.", new { field = "tenant_id" });
        }
    }

    private static ProtocolException NotFound(string tenantId) =>
        new("tenant_not_found", 404, $"Tenant '{tenantId}' does not exist.", new { tenant_id = tenantId });

    private static JsonObject Render(TenantView tenant) => new()
    {
        ["tenant_id"] = tenant.TenantId,
        ["name"] = tenant.Name,
        ["requests_per_minute"] = tenant.RequestsPerMinute,
        ["keys"] = new JsonArray(tenant.Keys.Select(k => (JsonNode)RenderKey(k)).ToArray()),
    };

    private static JsonObject RenderKey(ApiKeyInfo key) => new()
    {
        ["key_id"] = key.KeyId,
        ["prefix"] = key.Prefix,
        ["created_at"] = SessionJson.Time(key.CreatedAt),
        ["revoked_at"] = key.RevokedAt is { } revoked ? SessionJson.Time(revoked) : null,
    };
}
