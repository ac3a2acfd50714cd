using System.Reflection;
using System.Text.Json.Nodes;
using MedScribe.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace MedScribe.Silo.Tests;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: every endpoint with its schemas and examples, the protocol's shapes
/// equal to the official ones, and a client generated from it that completes a session. (Every other test's HTTP
/// answers are checked against the same document by <see cref="ContractCheckingHandler"/>.)
/// </summary>
public sealed class OpenApiDocumentTests(SpeechHost host) : IClassFixture<SpeechHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Where our shapes may differ from the official schemas, and why; every other difference fails.</summary>
    private static readonly Dictionary<string, string[]> EnumAdditions = new()
    {
        // The lifecycle of spec ch. 6.7 has recording and partial, which the official status enums omit.
        ["CreateSessionResponse.status"] = ["recording", "partial"],
        ["SessionProcessingResponse.status"] = ["recording", "partial"],
        ["SessionCompletedResponse.status"] = ["recording", "partial"],
    };

    private static readonly string[] ShapeKeywords = ["type", "format", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"];

    private async Task<ApiContract> DocumentAsync() => await ApiContract.LoadAsync(host.Host.BaseAddress, Cancel);

    private static JsonObject Official(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "..", "shared", "spec", "msa-schemas", file)))!.AsObject();

    [Fact]
    public async Task Every_operation_has_an_id_its_responses_and_a_schema_for_every_json_body()
    {
        var document = (await DocumentAsync()).Document;
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Where: $"{m.Key.ToUpperInvariant()} {p.Key}", Operation: m.Value!.AsObject())))
            .ToList();

        Assert.True(operations.Count >= 40, $"{operations.Count} operations");
        Assert.DoesNotContain(operations, o => o.Where.Contains("/dashboard", StringComparison.Ordinal));
        Assert.Equal(operations.Count, operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).Distinct().Count());
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var (where, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.Any(r => r.Key.StartsWith('2') || r.Key == "101"), $"{where} documents no success");
            Assert.True(responses.ContainsKey("default"), $"{where} documents no errors");
            foreach (var media in Media(operation))
            {
                Assert.True(media["schema"] is not null, $"{where} has a body without a schema");
            }

            // Every request body and every successful answer shows an example, on the media type or its schema.
            var bodies = (operation["requestBody"]?["content"]?.AsObject().Select(c => c.Value!.AsObject()) ?? [])
                .Concat(responses.Where(r => r.Key.StartsWith('2')).SelectMany(r => r.Value!["content"]?.AsObject().Select(c => c.Value!.AsObject()) ?? []))
                .Where(m => m["schema"] is { } s && !(s["format"]?.GetValue<string>() == "binary" || s["$ref"]?.GetValue<string>() == "#/components/schemas/AudioUpload"));
            foreach (var media in bodies)
            {
                var schema = media["schema"]!["$ref"]?.GetValue<string>() is { } reference ? schemas[reference.Split('/')[^1]] : media["schema"];
                Assert.True(media["example"] is not null || schema?["example"] is not null, $"{where} has a body without an example");
            }
        }

        // Every schema is used (no leftovers), and every reference points at something.
        var text = document.ToJsonString();
        foreach (var (name, _) in schemas)
        {
            Assert.True(text.Contains($"\"#/components/schemas/{name}\"", StringComparison.Ordinal), $"{name} is never referenced");
        }

        foreach (System.Text.RegularExpressions.Match reference in System.Text.RegularExpressions.Regex.Matches(text, "\"#/components/(\\w+)/(\\w+)\""))
        {
            Assert.True(document["components"]![reference.Groups[1].Value]?[reference.Groups[2].Value] is not null, $"{reference.Value} is not defined");
        }
    }

    [Fact]
    public async Task Every_example_in_the_document_is_valid_against_its_schema()
    {
        var contract = await DocumentAsync();
        var checkedExamples = 0;
        foreach (var (name, schema) in contract.Components["schemas"]!.AsObject())
        {
            if (schema!["example"] is { } example)
            {
                var errors = await contract.ValidateAsync(schema, example.DeepClone());
                Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors)}");
                checkedExamples++;
            }
        }

        var media = contract.Document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().SelectMany(o => Media(o.Value!.AsObject())))
            .Concat(contract.Components["responses"]!.AsObject().SelectMany(r => r.Value!["content"]?.AsObject().Select(c => c.Value!.AsObject()) ?? []));
        foreach (var content in media)
        {
            if (content["example"] is { } example && content["schema"] is { } schema)
            {
                var errors = await contract.ValidateAsync(schema, example.DeepClone());
                Assert.True(errors.Count == 0, $"{example.ToJsonString()}: {string.Join("; ", errors)}");
                checkedExamples++;
            }
        }

        Assert.True(checkedExamples >= 20, $"{checkedExamples} examples");
    }

    [Fact]
    public async Task The_protocols_schemas_are_the_official_ones_in_shape_and_our_additions_are_marked_as_extensions()
    {
        var ours = (await DocumentAsync()).Components["schemas"]!.AsObject();
        var differences = new List<string>();
        var compared = 0;
        foreach (var file in new[] { "sessions-openapi.json", "discovery-openapi.json" })
        {
            var official = Official(file)["components"]!["schemas"]!.AsObject();
            foreach (var (name, schema) in official)
            {
                if (ours[name] is not JsonObject mine)
                {
                    differences.Add($"{name} is missing");
                    continue;
                }

                Compare(name, schema!.AsObject(), mine, differences);
                compared++;
            }
        }

        Assert.Equal(20, compared);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task The_protocols_operations_answer_the_official_status_codes_with_the_official_schemas()
    {
        var contract = await DocumentAsync();
        var ours = contract.Document["paths"]!.AsObject();
        var differences = new List<string>();
        string? Reference(JsonNode? node) => OpenApiDocumentTests.Reference(node is null ? null : contract.Resolve(node));
        foreach (var (file, prefix) in new[] { ("sessions-openapi.json", "/v1"), ("discovery-openapi.json", "") })
        {
            foreach (var (path, item) in Official(file)["paths"]!.AsObject())
            {
                var ourPath = prefix + path.Replace("{session_id}", "{sessionId}", StringComparison.Ordinal);
                foreach (var (method, node) in item!.AsObject())
                {
                    var official = node!.AsObject();
                    var where = $"{method.ToUpperInvariant()} {ourPath}";
                    if (ours[ourPath]?[method] is not JsonObject mine)
                    {
                        differences.Add($"{where} is missing");
                        continue;
                    }

                    if (official["operationId"]?.GetValue<string>() is { } id && mine["operationId"]?.GetValue<string>() != id)
                    {
                        differences.Add($"{where}: operationId {mine["operationId"]} is not {id}");
                    }

                    if (official["requestBody"] is null && mine["requestBody"] is { } extra)
                    {
                        // A body the official operation has none of is an extension only when it is optional.
                        if (extra["required"]?.GetValue<bool>() != false)
                        {
                            differences.Add($"{where}: requires a body the official operation does not have");
                        }
                    }
                    else if (Reference(official["requestBody"]) != Reference(mine["requestBody"]))
                    {
                        differences.Add($"{where}: request {Reference(mine["requestBody"])} is not {Reference(official["requestBody"])}");
                    }

                    foreach (var (status, response) in official["responses"]!.AsObject())
                    {
                        if (Reference(response) != Reference(mine["responses"]![status]))
                        {
                            differences.Add($"{where} {status}: {Reference(mine["responses"]![status]) ?? "nothing"} is not {Reference(response)}");
                        }
                    }
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void A_route_without_a_description_or_a_description_without_a_route_stops_the_document_naming_both()
    {
        var description = MedScribe.Silo.Api.OpenApi.ApiDocument.Description();
        var generated = JsonNode.Parse("""
            {"openapi":"3.1.1","paths":{
              "/v1/sessions":{"post":{"tags":["MedScribeAlliance"]}},
              "/v1/undocumented":{"get":{}},
              "/v1/sessions/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true}]}}}}
            """)!.AsObject();

        var e = Assert.Throws<InvalidOperationException>(() => MedScribe.Silo.Api.OpenApi.ApiDocument.Merge(generated, description));

        Assert.Contains("GET /v1/undocumented is routed but not described", e.Message, StringComparison.Ordinal);
        Assert.Contains("POST /v1/sessions/{sessionId}/end is described in medscribe-api.json but no such route exists", e.Message, StringComparison.Ordinal);
        Assert.Contains("GET /v1/sessions/{id} is routed but not described", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contract_check_refuses_an_answer_the_document_does_not_describe()
    {
        var contract = await DocumentAsync();

        Assert.Empty(await contract.CheckAsync("POST", "/v1/sessions", 201, "application/json",
            """{"session_id":"ses_abc123def456ghij","status":"created","created_at":"2026-12-05T10:00:00Z","expires_at":"2026-12-05T11:00:00Z","upload_url":"http://h/v1/sessions/ses_abc123def456ghij/audio"}"""));
        Assert.Contains(await contract.CheckAsync("POST", "/v1/sessions", 201, "application/json", """{"session_id":"ses_abc123def456ghij","status":"created"}"""),
            e => e.Contains("created_at", StringComparison.Ordinal));
        Assert.Contains(await contract.CheckAsync("GET", "/v1/sessions/ses_abc123def456ghij", 202, "application/json", """{"session_id":"x","status":"asleep"}"""),
            e => e.Contains("status", StringComparison.Ordinal));
        Assert.Contains(await contract.CheckAsync("POST", "/v1/sessions", 201, "text/plain", "created"), e => e.Contains("text/plain", StringComparison.Ordinal));
        Assert.Contains(await contract.CheckAsync("POST", "/v1/sessions", 400, "application/json", """{"detail":"no"}"""), e => e.Contains("error", StringComparison.Ordinal));
        Assert.Contains(await contract.CheckAsync("POST", "/api/v1/login", 200, "application/json", """{"access_token":"a"}"""), e => e.Contains("refresh_token", StringComparison.Ordinal));
        Assert.Empty(await contract.CheckAsync("GET", "/health/ready", 200, "application/json", "{}"));
    }

    [Fact]
    public async Task A_client_generated_from_the_document_completes_a_session()
    {
        var text = await host.Host.CreateClient().GetStringAsync("/openapi/v1.json", Cancel);
        var document = await NSwag.OpenApiDocument.FromJsonAsync(text, Cancel);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "MedScribeApi",
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            OperationNameGenerator = new NSwag.CodeGeneration.OperationNameGenerators.SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        // Kept beside the test binary for whoever has to read what the generator made of the document.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "generated-client.cs"), code, Cancel);
        var api = Compile(code);

        using var http = new HttpClient { BaseAddress = host.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-API-Key", MsaHost.KeyA);
        var client = Activator.CreateInstance(api.GetType("Generated.MedScribeApi")!, http)!;

        var request = Activator.CreateInstance(api.GetType("Generated.CreateSessionRequest")!)!;
        Set(request, "Templates", new List<string> { "transcript", "soap", "medications" });
        Set(request, "Upload_type", "chunked");
        Set(request, "Communication_protocol", "http");
        var created = await Call(client, "CreateSessionAsync", ("body", request));
        string sessionId = created.Session_id;
        Assert.StartsWith("ses_", sessionId, StringComparison.Ordinal);

        // The visit in 15-second WAV chunks (the service takes at most 20 s per chunk).
        var excerpt = await ConsultAudio.ShortConsultAsync("openapi-client", Cancel);
        var wav = await File.ReadAllBytesAsync(excerpt.WavPath, Cancel);
        var samples = new short[(wav.Length - 44) / 2];
        Buffer.BlockCopy(wav, 44, samples, 0, samples.Length * 2);
        var chunks = samples.Chunk(15 * 16000).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            using var audio = new MemoryStream(TestAudio.WavFromSamples(chunks[i]));
            var file = Activator.CreateInstance(api.GetType("Generated.FileParameter")!, audio, $"visit_{i}.wav", "audio/wav")!;
            var received = await Call(client, "UploadAudioAsync", ("sessionId", sessionId), ("file", file), ("x_Chunk_Index", (int?)i));
            Assert.Equal(i + 1, (int)received.Audio_files_received);
        }

        var end = Activator.CreateInstance(api.GetType("Generated.EndSessionRequest")!)!;
        Set(end, "Audio_files_sent", chunks.Count);
        var ended = await Call(client, "EndSessionAsync", ("sessionId", sessionId), ("body", end));
        Assert.Equal(chunks.Count, (int)ended.Audio_files_received);

        // GET answers 202 while processing: the generated client returns the 200 shape and raises its exception type
        // for the other documented answers, carrying their parsed bodies.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                var done = await Call(client, "GetSessionStatusAsync", ("sessionId", sessionId));
                Assert.Equal("Completed", done.Status.ToString());
                Assert.Equal("success", done.Templates["soap"].Status.ToString().ToLowerInvariant());
                Assert.False(string.IsNullOrWhiteSpace((string)done.Transcript));
                break;
            }
            catch (GeneratedClientAnswer answer) when (answer.Status == 202 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, Cancel);
            }
        }
    }

    /// <summary>Sets a generated model's property; an enum-typed one from its wire name.</summary>
    private static void Set(object model, string property, object value)
    {
        var info = model.GetType().GetProperty(property) ?? throw new InvalidOperationException($"{model.GetType().Name} has no {property}");
        var type = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
        info.SetValue(model, type.IsEnum ? Enum.Parse(type, ((string)value).Replace("_", "", StringComparison.Ordinal), ignoreCase: true) : value);
    }

    /// <summary>Calls a generated operation by its parameters' names; the ones not given are left null (optional headers).</summary>
    private static async Task<dynamic> Call(object client, string name, params (string Name, object? Value)[] arguments)
    {
        var method = client.GetType().GetMethods().Single(m => m.Name == name && m.GetParameters().Last().ParameterType == typeof(CancellationToken));
        var values = method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken)
            ? Cancel
            : arguments.FirstOrDefault(a => string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase)).Value).ToArray();
        var task = (Task)method.Invoke(client, values)!;
        try
        {
            await task;
        }
        catch (Exception e) when (e.GetType().Name.StartsWith("ApiException", StringComparison.Ordinal))
        {
            // The generator's exception for a documented answer other than the operation's result type.
            dynamic failure = e;
            var result = e.GetType().GetProperty("Result")?.GetValue(e);
            throw new GeneratedClientAnswer((int)failure.StatusCode, $"{name}: {(int)failure.StatusCode} {System.Text.Json.JsonSerializer.Serialize(result)}", e);
        }

        return ((dynamic)task).Result;
    }

    private sealed class GeneratedClientAnswer(int status, string message, Exception inner) : Exception(message, inner)
    {
        public int Status { get; } = status;
    }

    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("GeneratedClient", [CSharpSyntaxTree.ParseText(code, cancellationToken: Cancel)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image, cancellationToken: Cancel);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        return Assembly.Load(image.ToArray());
    }

    private static IEnumerable<JsonObject> Media(JsonObject operation) =>
        (operation["requestBody"]?["content"]?.AsObject().Select(c => c.Value!.AsObject()) ?? [])
            .Concat(operation["responses"]!.AsObject().SelectMany(r => r.Value!["content"]?.AsObject().Select(c => c.Value!.AsObject()) ?? []));

    /// <summary>The component a request body or response refers to (its JSON content's schema), or null.</summary>
    private static string? Reference(JsonNode? node) =>
        node?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() ?? node?["$ref"]?.GetValue<string>();

    /// <summary>Compares the shape of two schemas: types, formats, constraints, required, properties, items, references.</summary>
    private static void Compare(string where, JsonObject official, JsonObject ours, List<string> differences)
    {
        foreach (var keyword in ShapeKeywords)
        {
            if (!JsonNode.DeepEquals(Normalize(official[keyword]), Normalize(ours[keyword])))
            {
                differences.Add($"{where}: {keyword} {ours[keyword]?.ToJsonString() ?? "absent"} is not {official[keyword]?.ToJsonString() ?? "absent"}");
            }
        }

        if (official["$ref"]?.GetValue<string>() != ours["$ref"]?.GetValue<string>())
        {
            differences.Add($"{where}: refers to {ours["$ref"]} instead of {official["$ref"]}");
        }

        if (official["enum"] is JsonArray officialEnum)
        {
            var allowed = officialEnum.Select(v => v!.GetValue<string>()).Concat(EnumAdditions.GetValueOrDefault(where) ?? []).ToHashSet();
            var mine = (ours["enum"] as JsonArray)?.Select(v => v!.GetValue<string>()).ToHashSet() ?? [];
            if (!mine.SetEquals(allowed))
            {
                differences.Add($"{where}: enum [{string.Join(", ", mine.Order())}] is not [{string.Join(", ", allowed.Order())}]");
            }
        }
        else if (ours["enum"] is not null)
        {
            differences.Add($"{where}: has an enum the official schema does not");
        }

        var officialRequired = (official["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var ourRequired = (ours["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        if (!officialRequired.SetEquals(ourRequired))
        {
            differences.Add($"{where}: required [{string.Join(", ", ourRequired.Order())}] is not [{string.Join(", ", officialRequired.Order())}]");
        }

        var officialProperties = official["properties"] as JsonObject ?? [];
        var ourProperties = ours["properties"] as JsonObject ?? [];
        foreach (var (name, property) in officialProperties)
        {
            if (ourProperties[name] is JsonObject mine)
            {
                Compare($"{where}.{name}", property!.AsObject(), mine, differences);
            }
            else
            {
                differences.Add($"{where}.{name} is missing");
            }
        }

        foreach (var (name, property) in ourProperties.Where(p => !officialProperties.ContainsKey(p.Key)))
        {
            if (property?["x-extension"]?.GetValue<bool>() != true)
            {
                differences.Add($"{where}.{name} is ours but not marked x-extension");
            }
        }

        foreach (var keyword in new[] { "items", "additionalProperties" })
        {
            switch (official[keyword], ours[keyword])
            {
                case (JsonObject a, JsonObject b):
                    Compare($"{where}.{keyword}", a, b, differences);
                    break;
                case var (a, b) when !JsonNode.DeepEquals(a, b):
                    differences.Add($"{where}: {keyword} {b?.ToJsonString() ?? "absent"} is not {a?.ToJsonString() ?? "absent"}");
                    break;
            }
        }

        var officialOneOf = official["oneOf"] as JsonArray ?? [];
        var ourOneOf = ours["oneOf"] as JsonArray ?? [];
        if (officialOneOf.Count != ourOneOf.Count)
        {
            differences.Add($"{where}: oneOf has {ourOneOf.Count} choices, not {officialOneOf.Count}");
        }

        for (var i = 0; i < Math.Min(officialOneOf.Count, ourOneOf.Count); i++)
        {
            Compare($"{where}.oneOf[{i}]", officialOneOf[i]!.AsObject(), ourOneOf[i]!.AsObject(), differences);
        }
    }

    /// <summary><c>"string"</c> and <c>["string"]</c> are the same type.</summary>
    private static JsonNode? Normalize(JsonNode? node) => node is JsonArray { Count: 1 } single ? single[0]!.DeepClone() : node?.DeepClone();
}
