using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MedScribe.Silo.Auth;

namespace MedScribe.Silo.Api.Admin;

/// <summary>
/// <c>MedScribe.Silo admin …</c>: manages tenants and API keys of a running cluster through its admin API.
/// The admin key comes from MEDSCRIBE_ADMIN_KEY (or --admin-key), the address from --url.
/// </summary>
public static class AdminCli
{
    public const string Usage = """
        usage: MedScribe.Silo admin [--url http://127.0.0.1:5080] [--admin-key KEY] <command>
          tenant put <tenant-id> [--name NAME] [--rpm REQUESTS_PER_MINUTE]
          tenant show <tenant-id>
          keys create <tenant-id> [--test]      prints the new key once; only its hash is stored
          keys revoke <tenant-id> <key-id>
        The admin key defaults to the MEDSCRIBE_ADMIN_KEY environment variable.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var options = new Dictionary<string, string>();
        var words = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--test")
            {
                options["test"] = "true";
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else
            {
                words.Add(args[i]);
            }
        }

        var adminKey = options.GetValueOrDefault("admin-key") ?? Environment.GetEnvironmentVariable("MEDSCRIBE_ADMIN_KEY");
        var request = words switch
        {
            ["tenant", "put", var tenant] => new HttpRequestMessage(HttpMethod.Put, $"/admin/tenants/{tenant}")
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["name"] = options.GetValueOrDefault("name") ?? tenant,
                    ["requests_per_minute"] = int.TryParse(options.GetValueOrDefault("rpm"), out var rpm) ? rpm : 0,
                }),
            },
            ["tenant", "show", var tenant] => new HttpRequestMessage(HttpMethod.Get, $"/admin/tenants/{tenant}"),
            ["keys", "create", var tenant] => new HttpRequestMessage(HttpMethod.Post, $"/admin/tenants/{tenant}/keys")
            {
                Content = JsonContent.Create(new JsonObject { ["environment"] = options.ContainsKey("test") ? "test" : "live" }),
            },
            ["keys", "revoke", var tenant, var keyId] => new HttpRequestMessage(HttpMethod.Delete, $"/admin/tenants/{tenant}/keys/{keyId}"),
            _ => null,
        };
        if (request is null || string.IsNullOrEmpty(adminKey))
        {
            await error.WriteLineAsync(request is null ? Usage : "admin: set MEDSCRIBE_ADMIN_KEY (or pass --admin-key) to the cluster's Admin:ApiKey.");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = new Uri(options.GetValueOrDefault("url") ?? "http://127.0.0.1:5080"), Timeout = TimeSpan.FromSeconds(30) };
        request.Headers.Add(AdminKeyAuthenticationHandler.HeaderName, adminKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"admin: cannot reach {http.BaseAddress}: {e.Message}");
            return 1;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            var message = body.Length > 0 && JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() is { } m ? m : response.ReasonPhrase;
            await error.WriteLineAsync($"admin: {(int)response.StatusCode} {message}");
            return 1;
        }

        await output.WriteLineAsync(body.Length > 0 ? body : $"{(int)response.StatusCode} {response.ReasonPhrase}");
        return 0;
    }
}
