using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>One host with the MSA tenants and the Dx0 settings, for requests no client should send.</summary>
public sealed class HostileHost(AzuriteFixture azurite) : IAsyncLifetime
{
    public SiloHost Host { get; private set; } = null!;

    public string Dx0Admin { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            MsaHost.Configure(s);
            Dx0Host.Configure(s);
        });
        (Dx0Admin, _) = await new Dx0Client(Host.BaseAddress).LoginAsync(Dx0Users.Admin);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// The hostile-input table: every endpoint that reads a JSON body, sent bodies a parser may choke on. None may
/// answer 500; every /v1 and /admin answer is the protocol's envelope with details, every Dx0 one the seed's detail.
/// </summary>
public sealed class HostileInputTests(HostileHost host) : IClassFixture<HostileHost>
{
    /// <summary>Each endpoint that reads a JSON body, and how its caller authenticates.</summary>
    public static readonly (string Method, string Path, string Auth)[] JsonEndpoints =
    [
        ("POST", "/v1/sessions", "msa"),
        ("POST", "/v1/sessions/ses_hostile0000000000000000/end", "msa"),
        ("POST", "/v1/templates", "msa"),
        ("PUT", "/v1/templates/hostile_template", "msa"),
        ("POST", "/v1/webhooks", "msa"),
        ("PUT", "/admin/tenants/hostile-tenant", "admin"),
        ("PUT", "/admin/tenants/clinic-a/templates/hostile_template", "admin"),
        ("POST", "/admin/tenants/clinic-a/keys", "admin"),
        ("POST", "/api/v1/login", "none"),
        ("POST", "/api/v1/refresh", "none"),
        ("POST", "/api/v1/logout", "none"),
        ("POST", "/api/v1/fhir/transcript", "dx0"),
        ("POST", "/api/v1/fhir/tests", "dx0"),
    ];

    /// <summary>Bodies that are not JSON a field can be read from, by what is wrong with them.</summary>
    public static readonly (string Name, byte[] Body, string Says)[] Bodies =
    [
        ("duplicate keys", Encoding.UTF8.GetBytes("""{"templates":["soap"],"templates":["soap"],"username":"a","username":"b"}"""), "appears twice"),
        ("invalid UTF-8 in a name", [.. "{\""u8, 0xFF, 0xFE, .. "\":1}"u8], "UTF-8"),
        ("invalid UTF-8 in a value", [.. "{\"templates\":\""u8, 0xC3, 0x28, .. "\"}"u8], "UTF-8"),
        ("a lone surrogate in a value", Encoding.UTF8.GetBytes("""{"name":"\ud800","username":"\udc00x"}"""), "surrogate"),
        ("a lone surrogate in a name", Encoding.UTF8.GetBytes("""{"\ud800":1}"""), "surrogate"),
        ("deep nesting", Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 200) + new string(']', 200) + "}"), "deeper"),
        ("not JSON", Encoding.UTF8.GetBytes("templates=soap"), "not valid JSON"),
        ("a JSON array", Encoding.UTF8.GetBytes("[1,2]"), "JSON object"),
    ];

    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        for (var e = 0; e < JsonEndpoints.Length; e++)
        {
            for (var b = 0; b < Bodies.Length; b++)
            {
                data.Add(e, b);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_body_a_parser_may_choke_on_is_a_400_explained_never_a_500(int endpoint, int body)
    {
        var (method, path, auth) = JsonEndpoints[endpoint];
        var (name, bytes, says) = Bodies[body];
        using var http = host.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        switch (auth)
        {
            case "msa":
                request.Headers.Add("X-API-Key", MsaHost.KeyA);
                break;
            case "admin":
                request.Headers.Add("X-Admin-Key", SiloHost.AdminKey);
                break;
            case "dx0":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Dx0Admin);
                break;
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{method} {path} with {name}: {status} {text}");
        var json = JsonNode.Parse(text)!.AsObject();
        if (path.StartsWith("/api/v1", StringComparison.Ordinal))
        {
            Assert.Equal(400, status);
            Assert.Contains(says, json["detail"]!.GetValue<string>());
        }
        else
        {
            // The session of /end does not exist: 404 in the envelope is as right as 400.
            Assert.True(status is 400 or 404, $"{method} {path} with {name}: {status} {text}");
            var error = json["error"]!.AsObject();
            Assert.NotNull(error["code"]);
            Assert.NotNull(error["message"]);
            Assert.NotNull(error["details"]);
            if (status == 400)
            {
                Assert.Contains(says, error["message"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task A_socket_frame_that_is_not_unicode_closes_with_1007_and_a_malformed_one_is_answered()
    {
        var client = new Dx0Client(host.Host.BaseAddress);
        var (access, _) = await client.LoginAsync();

        // Duplicate keys and deep nesting: an invalid_message answer; the socket stays open.
        await using (var socket = await client.ConnectAsync(access, cancellationToken: TestContext.Current.CancellationToken))
        {
            await socket.SendRawAsync("""{"action":"QUESTION","action":"TEST","content":"cbc"}""");
            var answer = Assert.Single(await socket.ReadAnswerAsync());
            Assert.StartsWith("invalid_message:", answer["error"]!.GetValue<string>());
            Assert.Contains("appears twice", answer["error"]!.GetValue<string>());
            await socket.SendRawAsync(new string('[', 100) + new string(']', 100));
            Assert.StartsWith("invalid_message:", Assert.Single(await socket.ReadAnswerAsync())["error"]!.GetValue<string>());
            Assert.Equal(WebSocketState.Open, socket.Socket.State);
        }

        // JSON text whose escapes are not Unicode: the handler answers and closes with 1007 (invalid payload data).
        await using (var socket = await client.ConnectAsync(access, cancellationToken: TestContext.Current.CancellationToken))
        {
            await socket.SendRawAsync("""{"action":"QUESTION","content":"\ud800"}""");
            Assert.StartsWith("invalid_message:", (await socket.ReceiveAsync(TestContext.Current.CancellationToken))!["error"]!.GetValue<string>());
            Assert.Null(await socket.ReceiveAsync(TestContext.Current.CancellationToken));
            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.Socket.CloseStatus);
        }

        // A text frame that is not UTF-8 is refused by the WebSocket layer itself (1007, then it drops the
        // connection); the handler ends quietly and the server goes on serving.
        await using (var socket = await client.ConnectAsync(access, cancellationToken: TestContext.Current.CancellationToken))
        {
            await socket.Socket.SendAsync((byte[])[.. "{\"action\":\"QUESTION\",\"content\":\""u8, 0xFF, .. "\"}"u8], WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
            try
            {
                Assert.Null(await socket.ReceiveAsync(TestContext.Current.CancellationToken));
                Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, socket.Socket.CloseStatus);
            }
            catch (WebSocketException)
            {
                // The connection was dropped right behind the close frame.
            }
        }

        await using var after = await client.ConnectAsync(access, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null((await after.AskAsync("QUESTION", "Any allergies?"))[^1]["error"]);
    }

    /// <summary>Upload bodies that are not what they claim, by what is wrong with them.</summary>
    public static readonly (string Name, string ContentType, Func<byte[]> Body, string? Disposition, string Says)[] Uploads =
    [
        ("not multipart", "multipart/form-data; boundary=abc", () => TestAudio.Wav(1), null, "malformed"),
        ("a truncated part", "multipart/form-data; boundary=abc",
            () => [.. "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio_1.wav\"\r\nContent-Type: audio/wav\r\n\r\n"u8, .. TestAudio.Wav(1)], null, "malformed"),
        ("no closing boundary after the headers", "multipart/form-data; boundary=abc",
            () => "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio_1.wav\"\r\n"u8.ToArray(), null, "malformed"),
        ("part headers over the limit", "multipart/form-data; boundary=abc",
            () => Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"file\"\r\nX-Pad: " + new string('p', 20_000) + "\r\n\r\nx\r\n--abc--\r\n"), null, "malformed"),
        ("a 5,000-character boundary", "multipart/form-data; boundary=" + new string('b', 5000), () => "--x"u8.ToArray(), null, "boundary"),
        ("no boundary", "multipart/form-data", () => "--x"u8.ToArray(), null, "boundary"),
        ("a 7,000-character multipart file name", "multipart/form-data; boundary=abc",
            () => [.. Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + new string('f', 7000) + ".wav\"\r\nContent-Type: audio/wav\r\n\r\n"), .. TestAudio.Wav(1), .. "\r\n--abc--\r\n"u8], null, "file name"),
        ("a 7,000-character raw file name", "audio/wav", () => TestAudio.Wav(1), "attachment; filename=\"" + new string('f', 7000) + ".wav\"", "file name"),
    ];

    public static TheoryData<int> UploadCases() => new(Enumerable.Range(0, Uploads.Length));

    [Theory]
    [MemberData(nameof(UploadCases))]
    public async Task A_malformed_upload_is_a_400_explained_and_the_session_keeps_what_it_had(int upload)
    {
        var (name, contentType, body, disposition, says) = Uploads[upload];
        var client = new MsaClient(host.Host.CreateClient(), MsaHost.KeyA);
        var sessionId = await client.CreateSessionAsync();
        Assert.Equal(200, (await client.UploadRawAsync(sessionId, TestAudio.Wav(1), "audio/wav", 0)).Status);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/sessions/{sessionId}/audio") { Content = new ByteArrayContent(body()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (disposition is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Disposition", disposition);
        }

        var (status, error, _) = await client.SendAsync(request);
        Assert.True(status == 400, $"{name}: {status} {error.ToJsonString()}");
        Assert.Equal("invalid_request", error["error"]!["code"]!.GetValue<string>());
        Assert.Contains(says, error["error"]!["message"]!.GetValue<string>());
        Assert.NotNull(error["error"]!["details"]);

        var (_, session, _) = await client.GetAsync($"/v1/sessions/{sessionId}");
        Assert.Equal(["audio_0.wav"], session["audio_files"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Theory]
    [InlineData("GET", "/v1/no-such-thing", 404, "not_found")]
    [InlineData("DELETE", "/v1/sessions", 405, "method_not_allowed")]
    [InlineData("PATCH", "/v1/templates", 405, "method_not_allowed")]
    [InlineData("GET", "/admin/no-such-thing", 404, "not_found")]
    [InlineData("PATCH", "/admin/tenants/clinic-a", 405, "method_not_allowed")]
    [InlineData("GET", "/admin/tenants/clinic-a", 401, "authentication_failed")]
    [InlineData("GET", "/v1/templates?q=LONG", 414, "uri_too_long")]
    [InlineData("GET", "/v1/templates", 431, "headers_too_large")]
    public async Task What_the_framework_answers_under_v1_and_admin_is_in_the_envelope(string method, string path, int status, string code)
    {
        using var http = host.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("LONG", new string('q', 10_000)));
        if (status == 431)
        {
            request.Headers.Add("X-Padding", new string('h', 40_000));
        }

        if (path.StartsWith("/v1", StringComparison.Ordinal))
        {
            request.Headers.Add("X-API-Key", MsaHost.KeyA);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["error"]!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.Equal(path.Split('?')[0], error["details"]!["path"]!.GetValue<string>());
        if (status == 401)
        {
            Assert.NotEmpty(response.Headers.WwwAuthenticate);
        }
    }

    [Theory]
    [InlineData("/v1/templates")]
    [InlineData("/.well-known/medscribealliance")]
    [InlineData("/health/live")]
    public async Task Head_answers_where_get_does_without_a_body(string path)
    {
        using var http = host.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, path);
        request.Headers.Add("X-API-Key", MsaHost.KeyA);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>Every endpoint of the OpenAPI document, with hostile path values, query values and bodies.</summary>
public sealed class HostileEndpointTests(HostileHost host) : IClassFixture<HostileHost>
{
    /// <summary>
    /// Path values an id should never be. (A NUL, <c>%00</c>, is refused by Kestrel itself while it parses the request
    /// line, before the application runs: that bare 400 is Kestrel's, like a request past its size limits.)
    /// </summary>
    private static readonly string[] PathValues =
    [
        "..%2F..%2Fetc%2Fpasswd", new string('x', 300), "%01%02", "%E2%80%AE%F0%9F%98%80", "ses_", "'%20OR%201=1--", "%ff%fe",
    ];

    [Fact]
    public async Task No_endpoint_answers_500_and_every_v1_and_admin_error_is_in_the_envelope()
    {
        using var http = host.Host.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var tried = 0;
        var problems = new List<string>();
        foreach (var (template, operations) in document["paths"]!.AsObject())
        {
            if (template.StartsWith("/dashboard", StringComparison.Ordinal) || template == "/api/v1/ws")
            {
                continue;
            }

            foreach (var (method, _) in operations!.AsObject())
            {
                var values = template.Contains('{') ? PathValues : [""];
                foreach (var value in values)
                {
                    var path = System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", value) + "?limit=-1&from=%ff&budget=NaN&case=%00";
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
                    if (method is "post" or "put" or "patch")
                    {
                        request.Content = new StringContent("{\"a\":", Encoding.UTF8, "application/json");
                    }

                    if (template.StartsWith("/v1", StringComparison.Ordinal))
                    {
                        request.Headers.Add("X-API-Key", MsaHost.KeyA);
                    }
                    else if (template.StartsWith("/admin", StringComparison.Ordinal))
                    {
                        request.Headers.Add("X-Admin-Key", SiloHost.AdminKey);
                    }
                    else if (template.StartsWith("/api/v1", StringComparison.Ordinal))
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Dx0Admin);
                    }

                    using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
                    tried++;
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    if (status >= 500)
                    {
                        problems.Add($"{method} {path}: {status} {text[..Math.Min(200, text.Length)]}");
                    }
                    else if (status >= 400 && (template.StartsWith("/v1", StringComparison.Ordinal) || template.StartsWith("/admin", StringComparison.Ordinal)))
                    {
                        var error = text.Length > 0 ? JsonNode.Parse(text)?["error"] : null;
                        if (error?["code"] is null || error["message"] is null || error["details"] is null)
                        {
                            problems.Add($"{method} {path}: {status} outside the envelope: {text[..Math.Min(200, text.Length)]}");
                        }
                    }
                }
            }
        }

        Assert.True(tried > 100, $"{tried} requests");
        Assert.True(problems.Count == 0, $"{problems.Count} of {tried}:\n" + string.Join('\n', problems));
    }
}
