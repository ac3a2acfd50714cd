using System.Text.Json.Nodes;
using MedScribe.Silo.Api.Msa;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MedScribe.Silo.Api.OpenApi;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the routes as ASP.NET Core sees them, each completed from <c>medscribe-api.json</c>
/// (operation ids, request bodies, responses with their schemas and examples, parameters, security). The routes
/// decide what exists: an endpoint the description does not cover, or a description of an endpoint that does not
/// exist, is an error naming it, so the document cannot silently fall behind the code. The MSA schemas are the
/// official ones (../shared/spec/msa-schemas) plus our extensions, each marked <c>x-extension</c>.
/// </summary>
public static class ApiDocument
{
    public const string Route = "/openapi/{documentName}.json";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        // Built once per document name for this app (the routes do not change while it runs).
        var built = new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<JsonObject>>>();
        app.MapGet(Route, async (string documentName, HttpContext context, IServiceProvider services, MsaPaths paths) =>
        {
            if (services.GetKeyedService<IOpenApiDocumentProvider>(documentName) is not { } provider)
            {
                return Results.NotFound();
            }

            var document = await built.GetOrAdd(documentName, _ => new Lazy<Task<JsonObject>>(() => BuildAsync(provider))).Value;
            var served = document.DeepClone().AsObject();
            served["servers"] = new JsonArray(new JsonObject { ["url"] = paths.BaseUrl(context.Request) });
            return Results.Text(served.ToJsonString(Readable), "application/json; charset=utf-8", System.Text.Encoding.UTF8);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Apostrophes and non-ASCII text as themselves: the document is read by people too.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<JsonObject> BuildAsync(IOpenApiDocumentProvider provider)
    {
        var generated = await provider.GetOpenApiDocumentAsync();
        var json = await generated.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
        return Merge(JsonNode.Parse(json)!.AsObject(), Description());
    }

    /// <summary>The embedded description (a partial OpenAPI 3.1 document).</summary>
    public static JsonObject Description()
    {
        using var stream = typeof(ApiDocument).Assembly.GetManifestResourceStream("openapi/medscribe-api.json")
            ?? throw new InvalidOperationException("The embedded openapi/medscribe-api.json is missing from the build.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    /// <summary>
    /// Completes every generated operation from the description's operation of the same path and method; keeps the
    /// generated tags, and path parameters the description leaves out. Throws, naming every mismatch, when the two
    /// disagree on which operations exist or on a path parameter's name.
    /// </summary>
    public static JsonObject Merge(JsonObject generated, JsonObject description)
    {
        var problems = new List<string>();
        var described = description["paths"]!.AsObject();
        var shared = description["components"]?["parameters"] as JsonObject ?? [];
        var paths = new JsonObject();
        foreach (var (path, item) in generated["paths"]!.AsObject())
        {
            var merged = new JsonObject();
            foreach (var (method, node) in item!.AsObject())
            {
                if (!Methods.Contains(method))
                {
                    continue;
                }

                if (described[path]?[method] is not JsonObject operation)
                {
                    problems.Add($"{method.ToUpperInvariant()} {path} is routed but not described in medscribe-api.json");
                    continue;
                }

                merged[method] = MergeOperation(path, method, node!.AsObject(), operation.DeepClone().AsObject(), shared, problems);
            }

            if (merged.Count > 0)
            {
                paths[path] = merged;
            }
        }

        foreach (var (path, item) in described)
        {
            foreach (var (method, _) in item!.AsObject())
            {
                if (paths[path]?[method] is null && generated["paths"]![path]?[method] is null)
                {
                    problems.Add($"{method.ToUpperInvariant()} {path} is described in medscribe-api.json but no such route exists");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The OpenAPI description does not match the routes: " + string.Join("; ", problems) + ".");
        }

        var document = new JsonObject
        {
            ["openapi"] = description["openapi"]!.DeepClone(),
            ["info"] = new JsonObject
            {
                ["title"] = "MedScribe.Orleans",
                ["description"] = "Ambient medical scribe: the MedScribeAlliance protocol (/v1, /.well-known), the Dx0 physician API (/api/v1) and operator endpoints (/admin).",
                ["version"] = "v1",
            },
            ["security"] = description["security"]!.DeepClone(),
            ["paths"] = paths,
            ["components"] = description["components"]!.DeepClone(),
            ["tags"] = generated["tags"]?.DeepClone(),
        };
        return document;
    }

    private static JsonObject MergeOperation(string path, string method, JsonObject generated, JsonObject described, JsonObject shared, List<string> problems)
    {
        if (generated["tags"] is { } tags)
        {
            described["tags"] = tags.DeepClone();
        }

        var parameters = described["parameters"] as JsonArray ?? [];
        var routeParameters = generated["parameters"] is JsonArray g
            ? g.OfType<JsonObject>().Where(p => p["in"]?.GetValue<string>() == "path").ToList()
            : [];
        var routeNames = routeParameters.Select(p => p["name"]!.GetValue<string>()).ToHashSet();
        var declared = parameters.OfType<JsonObject>().Select(p => Resolve(p, shared)).ToList();
        foreach (var parameter in declared.Where(p => p["in"]?.GetValue<string>() == "path"))
        {
            if (!routeNames.Contains(parameter["name"]!.GetValue<string>()))
            {
                problems.Add($"{method.ToUpperInvariant()} {path} describes a path parameter '{parameter["name"]}' the route does not have");
            }
        }

        foreach (var route in routeParameters)
        {
            var name = route["name"]!.GetValue<string>();
            if (!declared.Any(p => p["in"]?.GetValue<string>() == "path" && p["name"]?.GetValue<string>() == name))
            {
                parameters.Add(route.DeepClone());
            }
        }

        if (parameters.Count > 0)
        {
            described["parameters"] = parameters;
        }

        return described;
    }

    /// <summary>A parameter, or the shared one it references (<c>#/components/parameters/SessionId</c>).</summary>
    private static JsonObject Resolve(JsonObject parameter, JsonObject shared) =>
        parameter["$ref"]?.GetValue<string>() is { } reference
            ? shared[reference[(reference.LastIndexOf('/') + 1)..]] as JsonObject ?? throw new InvalidOperationException($"The parameter {reference} is not defined.")
            : parameter;
}
