using System.Net;
using MedScribe.Testing;

namespace MedScribe.Silo.Tests;

/// <summary>Bad settings or unreachable storage: one clear log line naming the setting, a non-zero exit, no stack dump, no hang.</summary>
public sealed class StartupFailureTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_missing_storage_connection_string_stops_the_host_with_exit_code_2_naming_the_setting()
    {
        var output = await ExpectExit(2, SiloHost.Settings(connectionString: null, AzuriteInstance.FreePort()));

        Assert.Contains("Storage:ConnectionString is not set", output);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_stops_the_host_with_exit_code_3_naming_the_setting()
    {
        var nobody = AzuriteInstance.FreePort();
        var settings = SiloHost.Settings(AzuriteInstance.ConnectionStringFor(nobody, nobody, nobody), AzuriteInstance.FreePort());

        var output = await ExpectExit(3, settings);

        Assert.Contains("Storage:ConnectionString points at storage that does not answer", output);
        Assert.Contains($"127.0.0.1:{nobody}", output);
    }

    [Fact]
    public async Task Storage_that_answers_a_few_seconds_late_is_waited_for_and_the_host_starts()
    {
        var ports = AzuriteInstance.FreePorts(3);
        var settings = SiloHost.Settings(AzuriteInstance.ConnectionStringFor(ports[0], ports[1], ports[2]), AzuriteInstance.FreePort());
        await using var process = SiloHost.Launch(settings);
        while (!process.Output.Contains("Storage did not answer yet", StringComparison.Ordinal) && !process.HasExited)
        {
            await Task.Delay(100, Ct);
        }

        await using var storage = await AzuriteInstance.StartOnAsync(ports[0], ports[1], ports[2], Ct);

        var output = await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Ct);
        Assert.Contains("MedScribe is listening on", output);
        Assert.DoesNotContain("crit:", output);
    }

    [Fact]
    public async Task A_malformed_connection_string_stops_the_host_with_exit_code_3()
    {
        var output = await ExpectExit(3, SiloHost.Settings("this is not a connection string", AzuriteInstance.FreePort()));

        Assert.Contains("Storage:ConnectionString is not a valid Azure Storage connection string", output);
    }

    [Fact]
    public async Task Outside_development_a_missing_admin_key_stops_the_host_naming_the_setting()
    {
        var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
        settings["Admin__ApiKey"] = null;

        var output = await ExpectExit(2, settings);

        Assert.Contains("Admin:ApiKey must be set", output);
    }

    [Fact]
    public async Task Missing_speech_data_stops_the_host_naming_the_setting_and_the_way_out()
    {
        var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
        settings["Speech__DataDirectory"] = "/nonexistent/speech-data";

        var output = await ExpectExit(2, settings);

        Assert.Contains("lacks clinical-corpus.txt (Speech:DataDirectory)", output);
        Assert.Contains("Speech__Engine=none", output);
    }

    [Fact]
    public async Task An_unknown_speech_engine_stops_the_host_listing_the_engines()
    {
        var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
        settings["Speech__Engine"] = "kaldi";

        var output = await ExpectExit(2, settings);

        Assert.Contains("Speech:Engine must be one of pocketsphinx, whisper, openai, none", output);
    }

    /// <summary>Each way Whisper can lack its model: the host refuses to start, naming the settings, before any session could fail.</summary>
    [Theory]
    [InlineData("none", "no model is configured: set Speech:Whisper:ModelPath")]
    [InlineData("not-a-model", "is not a usable Whisper model: it does not start with the ggml magic number")]
    [InlineData("missing-file", "does not exist")]
    [InlineData("unknown-name", "Speech:Whisper:Model 'huge-v9' is not a Whisper model name")]
    [InlineData("not-cached", "Speech:Whisper:AllowDownload is false")]
    [InlineData("offline", "could not be downloaded from http://127.0.0.1:")]
    [InlineData("not-found", "the server answered 404")]
    public async Task Whisper_without_a_usable_model_stops_the_host_naming_the_settings(string problem, string message)
    {
        var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
        settings["Speech__Engine"] = "whisper";
        settings["Speech__CacheDirectory"] = Path.Combine(Path.GetTempPath(), "medscribe-empty-cache-" + Guid.NewGuid().ToString("N")[..8]);
        await using var mirror = new WebhookReceiver(path: "/") { Answer = _ => new WebhookAnswer(404, Body: "Entry not found") };
        switch (problem)
        {
            case "not-a-model":
                settings["Speech__Whisper__ModelPath"] = Path.Combine(AppContext.BaseDirectory, "MedScribe.Silo.Tests.dll");
                break;
            case "missing-file":
                settings["Speech__Whisper__ModelPath"] = "/nonexistent/ggml-base.en.bin";
                break;
            case "unknown-name":
                settings["Speech__Whisper__Model"] = "huge-v9";
                break;
            case "not-cached":
                settings["Speech__Whisper__Model"] = "base.en";
                break;
            case "offline":
                settings["Speech__Whisper__Model"] = "base.en";
                settings["Speech__Whisper__AllowDownload"] = "true";
                settings["Speech__Whisper__DownloadMirror"] = $"http://127.0.0.1:{AzuriteInstance.FreePort()}";
                break;
            case "not-found":
                settings["Speech__Whisper__Model"] = "base.en";
                settings["Speech__Whisper__AllowDownload"] = "true";
                settings["Speech__Whisper__DownloadMirror"] = mirror.Url.ToString();
                break;
        }

        var output = await ExpectExit(2, settings);

        Assert.Contains(message, output);
        Assert.Contains("Speech__Engine=none", output);
    }

    [Fact]
    public async Task Equal_silo_and_gateway_ports_stop_the_host_naming_both_settings()
    {
        var settings = SiloHost.Settings(azurite.ConnectionString, AzuriteInstance.FreePort());
        settings["Orleans__GatewayPort"] = settings["Orleans__SiloPort"];

        var output = await ExpectExit(2, settings);

        Assert.Contains("Orleans:SiloPort and Orleans:GatewayPort must differ", output);
    }

    [Fact]
    public async Task A_port_taken_after_it_was_drawn_makes_the_test_host_start_again_on_new_ports()
    {
        // Another process takes the gateway port between the draw and the bind, as another test assembly's did in CI.
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, AzuriteInstance.FreePort());
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString();
        var attempts = new List<string?>();

        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            if (attempts.Count == 0)
            {
                s["Orleans__GatewayPort"] = taken;
            }

            attempts.Add(s["Orleans__GatewayPort"]);
        });

        Assert.Equal(2, attempts.Count);
        Assert.Equal(taken, attempts[0]);
        Assert.NotEqual(taken, attempts[1]);
        using var http = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", Ct)).StatusCode);
    }

    [Fact]
    public async Task In_development_without_an_admin_key_the_host_generates_one_and_prints_how_to_authenticate()
    {
        await using var host = await SiloHost.StartAsync(azurite.ConnectionString, s =>
        {
            s["ASPNETCORE_ENVIRONMENT"] = "Development";
            s["Admin__ApiKey"] = null;
            s["DX0_PHYSICIAN_PASSWORD"] = "physician-secret-from-env-42";
            s["DevTenant__ApiKey"] = "sk_test_devkeyfromtheenvironment0000000";
        });

        var output = host.Process.Output;
        // Secrets the operator gave in the environment are never printed; generated ones are, to be used.
        Assert.DoesNotContain("physician-secret-from-env-42", output);
        Assert.DoesNotContain("sk_test_devkeyfromtheenvironment0000000", output);
        Assert.Contains("'physician' / <from DX0_PHYSICIAN_PASSWORD>", output);
        Assert.Matches("'admin' / [A-Za-z0-9_-]{12,}", output);
        Assert.Contains($"MedScribe is listening on {host.BaseAddress.ToString().TrimEnd('/')}", output);
        Assert.Contains("/dashboard", output);
        var key = System.Text.RegularExpressions.Regex.Match(output, "generated for this run: (adm_[0-9a-f]{32})").Groups[1].Value;
        Assert.NotEmpty(key);

        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Add("X-Admin-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Readiness_turns_unhealthy_and_names_storage_when_storage_goes_away()
    {
        var storage = await AzuriteInstance.StartAsync(Ct);
        await using var _ = storage;
        await using var host = await SiloHost.StartAsync(storage.ConnectionString);
        using var http = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", Ct)).StatusCode);

        storage.Kill();

        var response = await http.GetAsync("/health/ready", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("\"storage\":{\"status\":\"Unhealthy\"", body);
        Assert.Contains("Storage:ConnectionString points at storage that does not answer", body);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live", Ct)).StatusCode);
    }

    private static async Task<string> ExpectExit(int expectedCode, IReadOnlyDictionary<string, string?> settings)
    {
        await using var process = SiloHost.Launch(settings);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(45), Ct);
        var output = process.Output;

        Assert.True(code == expectedCode, $"exit code {code}, expected {expectedCode}:\n{output}");
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        var critical = output.Split('\n').Where(l => l.Contains("crit:", StringComparison.Ordinal)).ToList();
        Assert.Single(critical);
        return output;
    }
}
