using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace MedScribe.Testing;

/// <summary>
/// The service's OpenAPI document as a contract: finds the operation of a request and checks a response against
/// what the document says that operation answers (status, content type, body schema).
/// </summary>
public sealed class ApiContract
{
    private readonly List<(Regex Pattern, int Parameters, string Path)> _paths;
    private readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> _validators = new();

    public ApiContract(JsonObject document)
    {
        Document = document;
        _paths = document["paths"]!.AsObject()
            .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"), p.Key.Count(c => c == '{'), p.Key))
            .OrderBy(p => p.Item2)
            .ToList();
    }

    public JsonObject Document { get; }

    public JsonObject Components => Document["components"]!.AsObject();

    public static async Task<ApiContract> LoadAsync(Uri baseAddress, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var text = await http.GetStringAsync("/openapi/v1.json", cancellationToken);
        return new ApiContract(JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The documented path template and operation for a request, or null when the document has none (health, metrics, the dashboard).</summary>
    public (string Path, JsonObject Operation)? Find(string method, string path)
    {
        foreach (var (pattern, _, template) in _paths)
        {
            if (pattern.IsMatch(path) && Document["paths"]![template]![method.ToLowerInvariant()] is JsonObject operation)
            {
                return (template, operation);
            }
        }

        return null;
    }

    /// <summary>What is wrong with a response, measured against the document; empty when it conforms or the request is not one of the API's.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string method, string path, int status, string? contentType, string body)
    {
        if (Find(method, path) is not var (template, operation))
        {
            return [];
        }

        var where = $"{method} {template} → {status}";
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"];
        if (response is null)
        {
            return [$"{where}: the document lists no {status} response (and no default)"];
        }

        response = Resolve(response);
        if (response["content"] is not JsonObject content || body.Length == 0)
        {
            return response["content"] is JsonObject && body.Length == 0 && status != 204
                ? [$"{where}: the document promises a body; the response has none"]
                : [];
        }

        var mediaType = (contentType ?? "").Split(';')[0].Trim();
        var media = content[mediaType];
        if (media is null)
        {
            return [$"{where}: content type '{mediaType}' is not one the document lists ({string.Join(", ", content.Select(c => c.Key))})"];
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not { } schema)
        {
            return [];
        }

        var validator = await _validators.GetOrAdd($"{method} {template} {status} {mediaType}",
            _ => new Lazy<Task<JsonSchema>>(() => CompileAsync(schema))).Value;
        return validator.Validate(body).Select(e => $"{where}: {e.Path} {e.Kind}").ToList();
    }

    /// <summary>A validator for a schema of the document, its references inlined.</summary>
    public Task<JsonSchema> CompileAsync(JsonNode schema) => JsonSchema.FromJsonAsync(Inline(schema.DeepClone(), 0).ToJsonString());

    /// <summary>The errors of one instance against one schema of the document.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(JsonNode schema, JsonNode? instance) =>
        (await CompileAsync(schema)).Validate(instance?.ToJsonString() ?? "null").Select(e => $"{e.Path}: {e.Kind}").ToList();

    /// <summary>What a node stands for: the target of its <c>$ref</c>, followed until a node without one.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            node = Pointer(reference);
        }

        return node;
    }

    private JsonNode Pointer(string reference)
    {
        JsonNode current = Document;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = current[part] ?? throw new InvalidOperationException($"The document has no {reference}.");
        }

        return current;
    }

    /// <summary>Replaces every <c>$ref</c> by a copy of its target, keeping the referring object's other keywords.</summary>
    private JsonNode Inline(JsonNode node, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidOperationException("The document's schemas nest deeper than 32 references (a cycle?).");
        }

        switch (node)
        {
            case JsonObject obj when obj["$ref"]?.GetValue<string>() is { } reference:
            {
                var target = Inline(Pointer(reference).DeepClone(), depth + 1).AsObject();
                foreach (var (key, value) in obj.Where(p => p.Key != "$ref").ToList())
                {
                    target[key] ??= value?.DeepClone();
                }

                return target;
            }

            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is { } child)
                    {
                        obj[key] = Inline(child.DeepClone(), depth);
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        array[i] = Inline(item.DeepClone(), depth);
                    }
                }

                return array;
            default:
                return node;
        }
    }
}

/// <summary>
/// Checks every answer a test receives against the service's OpenAPI document, so each test that calls the API
/// also proves the document describes what the service really sends. A nonconforming answer throws.
/// </summary>
public sealed class ContractCheckingHandler(Uri baseAddress) : DelegatingHandler(new SocketsHttpHandler())
{
    private static readonly ConcurrentDictionary<Uri, Lazy<Task<ApiContract>>> Contracts = new();

    public static HttpClient CreateClient(Uri baseAddress, TimeSpan? timeout = null) =>
        new(new ContractCheckingHandler(baseAddress)) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Head || request.RequestUri is not { } uri || (int)response.StatusCode == 101)
        {
            return response;
        }

        var contract = await ContractAsync(cancellationToken);
        if (contract is null)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var errors = await contract.CheckAsync(request.Method.Method, Uri.UnescapeDataString(path), (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString(), body);
        if (errors.Count > 0)
        {
            throw new ContractViolationException($"The answer breaks the OpenAPI document: {string.Join("; ", errors)}\n{Shorten(body)}");
        }

        return response;
    }

    /// <summary>The document of this service, fetched once; null while the service cannot serve it (it is down, or starting).</summary>
    private async Task<ApiContract?> ContractAsync(CancellationToken cancellationToken)
    {
        var lazy = Contracts.GetOrAdd(baseAddress, a => new Lazy<Task<ApiContract>>(() => ApiContract.LoadAsync(a)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException { StatusCode: null } or TaskCanceledException)
        {
            // Not reachable now (a test stopped it): the request itself tells the test. A document the service
            // refuses to build (500) is not caught here: it fails the test.
            Contracts.TryRemove(new KeyValuePair<Uri, Lazy<Task<ApiContract>>>(baseAddress, lazy));
            return null;
        }
    }

    private static string Shorten(string body) => body.Length > 2000 ? body[..2000] + "…" : body;
}

public sealed class ContractViolationException(string message) : Exception(message);
