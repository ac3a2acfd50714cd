using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedScribe.Silo.Api.Dx0;
using MedScribe.Silo.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Tests;

/// <summary>Dx0 beyond the conversation: FHIR bundles, metrics, the web UI, token expiry, restarts, start-up refusals, the users CLI.</summary>
public sealed class Dx0OperationsTests(Dx0Host host, AzuriteFixture azurite) : IClassFixture<Dx0Host>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dx0Client Client => host.Client;

    [Fact]
    public async System.Threading.Tasks.Task The_transcript_bundle_has_communications_with_sent_sender_and_the_patient_and_parses_back()
    {
        var (admin, _) = await Client.LoginAsync(Dx0Users.Admin);
        var (status, body, response) = await Client.PostAsync("/api/v1/fhir/transcript", """
            {"transcript":[["user","Patient presents with chest pain"],["assistant","Can you describe the nature of the pain?"]],"patient_id":"patient-123"}
            """, admin);
        Assert.Equal(200, status);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        var bundle = Parse<Bundle>(body!);
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        Assert.False(string.IsNullOrEmpty(bundle.Id));
        Assert.NotNull(bundle.Timestamp);
        Assert.All(bundle.Entry, e => Assert.StartsWith("urn:uuid:", e.FullUrl));
        var communications = bundle.Entry.Select(e => e.Resource).OfType<Communication>().ToList();
        Assert.Equal(["comm-1", "comm-2"], communications.Select(c => c.Id));
        Assert.All(communications, c =>
        {
            Assert.Equal("Patient/patient-123", c.Subject!.Reference);
            Assert.False(string.IsNullOrEmpty(c.Sent));
            Assert.Contains(bundle.Entry, e => e.FullUrl == c.Sender!.Reference);
        });
        Assert.IsType<Practitioner>(bundle.Entry.Single(e => e.FullUrl == communications[0].Sender!.Reference).Resource);
        Assert.IsType<Device>(bundle.Entry.Single(e => e.FullUrl == communications[1].Sender!.Reference).Resource);
        Assert.Equal("Patient presents with chest pain", ((FhirString)communications[0].Payload[0].Content).Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_tests_bundle_has_active_order_service_requests_with_cpt_codes_where_known()
    {
        var (admin, _) = await Client.LoginAsync(Dx0Users.Admin);
        var (status, body, _) = await Client.PostAsync("/api/v1/fhir/tests", """{"tests":["complete blood count","BMP","home-made assay"],"patient_id":"patient-123"}""", admin);
        Assert.Equal(200, status);
        var requests = Parse<Bundle>(body!).Entry.Select(e => e.Resource).OfType<ServiceRequest>().ToList();
        Assert.Equal(["test-1", "test-2", "test-3"], requests.Select(r => r.Id));
        Assert.All(requests, r =>
        {
            Assert.Equal(RequestStatus.Active, r.Status);
            Assert.Equal(RequestIntent.Order, r.Intent);
            Assert.False(string.IsNullOrEmpty(r.AuthoredOn));
            Assert.Equal("Patient/patient-123", r.Subject!.Reference);
        });
        Assert.Equal(("http://www.ama-assn.org/go/cpt", "85027"), (requests[0].Code!.Coding[0].System, requests[0].Code!.Coding[0].Code));
        Assert.Equal("basic metabolic panel", requests[1].Code!.Text);
        Assert.Equal("80048", requests[1].Code!.Coding.Single().Code);
        Assert.Empty(requests[2].Code!.Coding);
        Assert.Equal("home-made assay", requests[2].Code!.Text);
    }

    [Theory]
    [InlineData("/api/v1/fhir/tests", """{"tests":["cbc"]}""", "body.patient_id: field required (a non-empty string)")]
    [InlineData("/api/v1/fhir/tests", """{"tests":["cbc"],"patient_id":"bad id!"}""", "body.patient_id: must be a FHIR id (1 to 64 letters, digits, '-' or '.')")]
    [InlineData("/api/v1/fhir/tests", """{"tests":"cbc","patient_id":"p1"}""", "body.tests: field required (a list of test names)")]
    [InlineData("/api/v1/fhir/tests", """{"tests":["cbc",3],"patient_id":"p1"}""", "body.tests[1]: must be a non-empty string")]
    [InlineData("/api/v1/fhir/transcript", """{"transcript":[["user"]],"patient_id":"p1"}""", "body.transcript[0]: must be a pair of strings [speaker, text]")]
    public async System.Threading.Tasks.Task Bad_fhir_requests_are_422_naming_the_field(string path, string json, string detail)
    {
        var (admin, _) = await Client.LoginAsync(Dx0Users.Admin);
        var (status, body, _) = await Client.PostAsync(path, json, admin);
        Assert.Equal(422, status);
        Assert.Equal(detail, body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async System.Threading.Tasks.Task Metrics_are_served_by_the_app_in_prometheus_text_with_the_dx0_instruments()
    {
        var (access, _) = await Client.LoginAsync();
        await using (var socket = await Client.ConnectAsync(access, cancellationToken: Ct))
        {
            await socket.AskAsync("TEST", "cbc");
        }

        using var http = host.Host.CreateClient();
        var text = await http.GetStringAsync("/metrics", Ct);
        Assert.Contains("dx0_logins_total{", text);
        Assert.Contains("outcome=\"success\"", text);
        Assert.Contains("dx0_messages_total{", text);
        Assert.Contains("dx0_spend_USD_total", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_web_ui_and_its_assets_are_served_by_us_without_any_cdn()
    {
        using var http = host.Host.CreateClient();
        var response = await http.GetAsync("/api/v1", Ct);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync(Ct);
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/api/v1/ui/", asset);
            Assert.Equal(200, (int)(await http.GetAsync(asset, Ct)).StatusCode);
        }

        Assert.Equal(404, (int)(await http.GetAsync("/api/v1/ui/..%2Fappsettings.json", Ct)).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task An_expired_access_token_is_refused_on_the_api_and_on_the_socket()
    {
        await using var shortLived = await SiloHost.StartAsync(azurite.ConnectionString, s => s["UI_TOKEN_TTL"] = "4");
        var client = new Dx0Client(shortLived.BaseAddress);
        var (access, refresh) = await client.LoginAsync();
        await using var open = await client.ConnectAsync(access, cancellationToken: Ct);
        // Wait for the token's own expiry (its exp claim), however long the login took.
        var payload = access.Split('.')[1];
        var claims = JsonNode.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')))!;
        var wait = DateTimeOffset.FromUnixTimeSeconds(claims["exp"]!.GetValue<long>()) + TimeSpan.FromSeconds(0.5) - DateTimeOffset.UtcNow;
        await System.Threading.Tasks.Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Ct);

        Assert.Equal(401, (await client.GetAsync("/api/v1/case", access)).Status);
        Assert.Equal(401, (await client.TryConnectAsync(access)).Status);
        var refused = Assert.Single(await open.AskAsync("QUESTION", "Any fever?"));
        Assert.StartsWith("token_expired:", refused["error"]!.GetValue<string>());
        Assert.Null(await open.ReceiveAsync(Ct));

        var (status, pair, _) = await client.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = refresh }.ToJsonString());
        Assert.Equal(200, status);
        Assert.Equal(4, pair!["expires_in"]!.GetValue<int>());
    }

    [Fact]
    public async System.Threading.Tasks.Task A_silo_restart_keeps_the_session_the_spend_and_the_conversation()
    {
        var serviceId = "svc-dx0-" + Guid.NewGuid().ToString("N")[..8];
        void SameService(Dictionary<string, string?> s) => s["Orleans__ServiceId"] = serviceId;
        string refresh;
        await using (var first = await SiloHost.StartAsync(azurite.ConnectionString, SameService))
        {
            var client = new Dx0Client(first.BaseAddress);
            (var access, refresh) = await client.LoginAsync();
            await using var socket = await client.ConnectAsync(access, "1000", Ct);
            await socket.AskAsync("QUESTION", "Any vomiting?");
            await socket.AskAsync("TEST", "lipase");
            first.Process.Kill();
        }

        await using var second = await SiloHost.StartAsync(azurite.ConnectionString, SameService);
        var after = new Dx0Client(second.BaseAddress);
        var (status, pair, _) = await after.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = refresh }.ToJsonString());
        Assert.Equal(200, status);
        var token = pair!["access_token"]!.GetValue<string>();
        var (_, state, _) = await after.GetAsync("/api/v1/case", token);
        Assert.Equal(300m + TestPrice("lipase"), state!["total_spent"]!.GetValue<decimal>());
        Assert.Equal(1000m, state["budget"]!.GetValue<decimal>());
        Assert.Equal(["question", "test"], state["steps"]!.AsArray().Select(s => s!["action"]!.GetValue<string>()));
        await using var socket2 = await after.ConnectAsync(token, cancellationToken: Ct);
        Assert.Equal(["lipase"], (await socket2.AskAsync("TEST", "lipase"))[^1]["ordered_tests"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async System.Threading.Tasks.Task The_memory_session_backend_serves_the_api_and_a_sentry_dsn_is_accepted()
    {
        await using var memory = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            s["SESSION_BACKEND"] = "memory";
            s["SENTRY_DSN"] = $"http://publickey@127.0.0.1:{AzuriteInstance.FreePort()}/1";
        });
        var client = new Dx0Client(memory.BaseAddress);
        var (access, _) = await client.LoginAsync();
        await using var socket = await client.ConnectAsync(access, cancellationToken: Ct);
        Assert.Equal(9m, (await socket.AskAsync("TEST", "cbc"))[^1]["total_spent"]!.GetValue<decimal>());
    }

    [Fact]
    public async System.Threading.Tasks.Task The_redis_session_backend_keeps_sessions_and_spend_across_a_silo_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        var serviceId = "svc-redis-" + Guid.NewGuid().ToString("N")[..8];
        void OnRedis(Dictionary<string, string?> s)
        {
            s["Orleans__ServiceId"] = serviceId;
            s["SESSION_BACKEND"] = "redis";
            s["REDIS_URL"] = redis.Url;
        }

        string refresh;
        await using (var first = await SiloHost.StartAsync(azurite.ConnectionString, OnRedis))
        {
            var client = new Dx0Client(first.BaseAddress);
            (var access, refresh) = await client.LoginAsync();
            await using var socket = await client.ConnectAsync(access, cancellationToken: Ct);
            Assert.Equal(300m, (await socket.AskAsync("QUESTION", "Any fever?"))[^1]["total_spent"]!.GetValue<decimal>());
            first.Process.Kill();
        }

        Assert.True(await redis.KeyCountAsync() >= 2);
        await using var second = await SiloHost.StartAsync(azurite.ConnectionString, OnRedis);
        var after = new Dx0Client(second.BaseAddress);
        var (status, pair, _) = await after.PostAsync("/api/v1/refresh", new JsonObject { ["refresh_token"] = refresh }.ToJsonString());
        Assert.Equal(200, status);
        var (_, state, _) = await after.GetAsync("/api/v1/case", pair!["access_token"]!.GetValue<string>());
        Assert.Equal(300m, state!["total_spent"]!.GetValue<decimal>());
    }

    [Fact]
    public async System.Threading.Tasks.Task The_llm_engines_answer_through_the_socket_and_a_failing_model_charges_nothing()
    {
        var failing = false;
        await using var model = new WebhookReceiver(path: "/")
        {
            Answer = _ => failing
                ? new WebhookAnswer(503)
                : new WebhookAnswer(200, Body: ChatCompletion.Json("He has had a fever of 38.1 C since last night.")),
        };
        await using var llm = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            s["Dx0__Engine"] = "llm";
            s["Dx0__Llm__BaseUrl"] = model.Url.ToString();
            s["Dx0__Llm__Retries"] = "1";
        });
        var client = new Dx0Client(llm.BaseAddress);
        var (access, _) = await client.LoginAsync();
        await using var socket = await client.ConnectAsync(access, cancellationToken: Ct);
        var answer = await socket.AskAsync("QUESTION", "Any fever?");
        Assert.Equal("He has had a fever of 38.1 C since last night.", string.Concat(answer.Select(m => m["reply"]!.GetValue<string>())));
        Assert.Equal("/v1/chat/completions", model.Received[0].Path);

        failing = true;
        var refused = Assert.Single(await socket.AskAsync("QUESTION", "Any cough?"));
        Assert.Equal("engine_unavailable: the case engine could not answer just now; nothing was charged, try again", refused["error"]!.GetValue<string>());
        var (_, state, _) = await client.GetAsync("/api/v1/case", access);
        Assert.Equal(300m, state!["total_spent"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("UI_SECRET_KEY", null, "UI_SECRET_KEY (or Dx0:SecretKey) must be set to at least 32 characters")]
    [InlineData("UI_SECRET_KEY", "your-secret-key", "UI_SECRET_KEY (or Dx0:SecretKey) must be set to at least 32 characters")]
    [InlineData("Dx0__UsersFile", null, "Production has no default users")]
    [InlineData("SESSION_BACKEND", "sqlite", "SESSION_BACKEND=sqlite is not offered by this cluster")]
    [InlineData("SESSION_BACKEND", "redis", "REDIS_URL must be set")]
    [InlineData("UI_TOKEN_TTL", "an hour", "UI_TOKEN_TTL='an hour' must be a positive number of seconds.")]
    [InlineData("MESSAGE_RATE_LIMIT", "2.5", "MESSAGE_RATE_LIMIT='2.5' must be a positive whole number.")]
    [InlineData("SENTRY_DSN", "not a dsn", "SENTRY_DSN must be a Sentry DSN")]
    [InlineData("SESSION_CLEANUP_INTERVAL", "30", "SESSION_CLEANUP_INTERVAL (Dx0:SessionCleanupInterval) must be at least 60 seconds")]
    [InlineData("Dx0__TestCatalogPath", "/no/such/catalog.csv", "Dx0:TestCatalogPath: the file '/no/such/catalog.csv' does not exist.")]
    public async System.Threading.Tasks.Task Production_refuses_to_start_with_default_or_missing_dx0_settings(string name, string? value, string message)
    {
        var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
        settings[name] = value;
        await using var process = SiloHost.Launch(settings);
        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct));
        Assert.Contains(message, process.Output);
    }

    [Fact]
    public async System.Threading.Tasks.Task An_operators_case_with_a_test_only_the_operators_catalog_prices_starts_and_is_ordered_at_that_price()
    {
        var folder = Directory.CreateTempSubdirectory("dx0-operator-").FullName;
        try
        {
            var caseFile = Path.Combine(folder, "cases");
            Directory.CreateDirectory(caseFile);
            File.WriteAllText(Path.Combine(caseFile, "50-rta.json"), """
                {"id":"50-renal-tubular-acidosis","summary":"A 30-year-old woman with weakness and kidney stones",
                 "findings":[{"topic":"history of present illness","keywords":["weakness"],"text":"Three months of weakness."}],
                 "test_results":{"urine anion gap":"positive","cbc":"normal"},
                 "diagnosis":"Distal renal tubular acidosis"}
                """);
            var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
            settings["Dx0__CasesPath"] = caseFile;
            await using (var refused = SiloHost.Launch(settings))
            {
                Assert.Equal(2, await refused.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct));
                Assert.Contains("Case '50-renal-tubular-acidosis' scripts the test 'urine anion gap', which is not in the test catalog", refused.Output);
                Assert.Contains("Dx0:TestCatalogPath", refused.Output);
            }

            var catalog = Path.Combine(folder, "catalog.csv");
            File.WriteAllText(catalog, "test_name,cpt_code,price\nurine anion gap,,42.50\ncbc,85027,11\n");
            await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
            {
                s["Dx0__CasesPath"] = caseFile;
                s["Dx0__TestCatalogPath"] = catalog;
            });
            var client = new Dx0Client(host.BaseAddress);
            var (access, _) = await client.LoginAsync();
            Assert.Equal(200, (await client.GetAsync("/api/v1/case?case=50-renal-tubular-acidosis", access)).Status);
            var (_, tests, _) = await client.GetAsync("/api/v1/tests", access);
            var gap = tests!["prices"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "urine anion gap")!;
            Assert.Equal((42.50m, "operator"), (gap["price"]!.GetValue<decimal>(), gap["price_source"]!.GetValue<string>()));
            Assert.Equal("estimate", tests["prices"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == "anca panel")!["price_source"]!.GetValue<string>());
            await using var socket = await client.ConnectAsync(access, cancellationToken: Ct);
            var reply = await socket.AskAsync("TEST", "urine anion gap and a CBC");
            Assert.Contains("Urine anion gap: positive", string.Concat(reply.Select(m => m["reply"]!.GetValue<string>())));
            Assert.Equal(53.50m, reply[^1]["total_spent"]!.GetValue<decimal>());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Production_refuses_a_default_user_with_a_well_known_password()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dx0-weak-{Guid.NewGuid():N}.yml");
        File.WriteAllText(file, $"users:\n  admin:\n    password: \"{BCrypt.Net.BCrypt.HashPassword("admin", 4)}\"\n    group: admin\n");
        try
        {
            var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
            settings["Dx0__UsersFile"] = file;
            await using var process = SiloHost.Launch(settings);
            Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60), Ct));
            Assert.Contains("user 'admin' has a well-known default password", process.Output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task The_users_cli_adds_lists_and_removes_users_and_a_running_host_sees_the_change()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dx0-cli-{Guid.NewGuid():N}.yml");
        try
        {
            async Task<(int Code, string Output, string Error)> Run(string stdin, params string[] args)
            {
                var output = new StringWriter();
                var error = new StringWriter();
                var code = await PhysicianUsersCli.RunAsync([.. args, "--file", file], new StringReader(stdin), output, error);
                return (code, output.ToString(), error.ToString());
            }

            Assert.Equal(0, (await Run("first-password-1\n", "add", "dr_grey", "--rounds", "4")).Code);
            Assert.Equal(0, (await Run("second-password-2\n", "add", "dr_yang", "--group", "admin", "--rounds", "4")).Code);
            Assert.Equal((2, "", "users: the password (first line of standard input) must be at least 8 characters.\n"), await Run("short\n", "add", "dr_x"));
            Assert.Equal(2, (await Run("long-enough-pw\n", "add", "dr_x", "--group", "root")).Code);
            Assert.Equal((0, "dr_grey\tdefault\ndr_yang\tadmin\n", ""), await Run("", "list"));
            Assert.Contains("password: ", File.ReadAllText(file));
            Assert.DoesNotContain("first-password-1", File.ReadAllText(file));

            await using var withFile = await SiloHost.StartAsync(azurite.ConnectionString, s => s["Dx0__UsersFile"] = file);
            var client = new Dx0Client(withFile.BaseAddress);
            Assert.Equal("admin", (await client.PostAsync("/api/v1/login", """{"username":"dr_yang","password":"second-password-2"}""")).Body!["group"]!.GetValue<string>());
            Assert.Equal(0, (await Run("", "remove", "dr_grey")).Code);
            Assert.Equal(401, (await client.PostAsync("/api/v1/login", """{"username":"dr_grey","password":"first-password-1"}""")).Status);
            Assert.Equal(1, (await Run("", "remove", "dr_grey")).Code);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void X_forwarded_for_counts_only_from_a_trusted_proxy()
    {
        HttpContext Request(string remote, string? forwarded)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
            if (forwarded is not null)
            {
                context.Request.Headers["X-Forwarded-For"] = forwarded;
            }

            return context;
        }

        var address = new ClientAddress(Options.Create(new Dx0Settings { TrustedProxies = ["10.0.0.5"] }));
        Assert.Equal("192.0.2.1", address.Of(Request("192.0.2.1", "203.0.113.9")));
        Assert.Equal("203.0.113.9", address.Of(Request("10.0.0.5", "203.0.113.9")));
        Assert.Equal("203.0.113.9", address.Of(Request("10.0.0.5", "6.6.6.6, 203.0.113.9, 10.0.0.5")));
        Assert.Equal("10.0.0.5", address.Of(Request("10.0.0.5", null)));
    }

    private static T Parse<T>(JsonNode body) where T : Resource
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        var ok = new FhirJsonDeserializer(new DeserializerSettings()).TryDeserializeResource(ref reader, out var resource, out var issues);
        Assert.True(ok, string.Join("; ", issues?.Select(i => i.Message) ?? []));
        return Assert.IsType<T>(resource);
    }

    private static decimal TestPrice(string name) => MedScribe.Diagnostics.Testing.TestCatalog.Default.Find(name)!.Price;
}
