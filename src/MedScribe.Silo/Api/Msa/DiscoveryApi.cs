using System.Text.Json.Nodes;
using MedScribe.Audio;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary><c>GET /.well-known/medscribealliance</c>: public, cacheable for an hour.</summary>
public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/medscribealliance", GetDiscovery).WithTags("MedScribeAlliance");
        app.MapGet("/.well-known/security.txt", GetSecurityTxt).WithTags("MedScribeAlliance")
            .WithSummary("RFC 9116 security.txt from Msa:SecurityContact and Msa:SecurityPolicyUrl; 404 when no contact is configured.");
        return app;
    }

    /// <summary>RFC 9116: Contact (required), Expires (required; a year ahead, so it never lapses on a running service), Policy, Canonical.</summary>
    private static IResult GetSecurityTxt(HttpContext context, MsaPaths paths, IOptions<MsaSettings> settings, TimeProvider clock)
    {
        var s = settings.Value;
        if (s.SecurityContact.Length == 0)
        {
            throw new MedScribe.Abstractions.ProtocolException("not_found", 404, "No security contact is configured (Msa:SecurityContact).", new { setting = "Msa:SecurityContact" });
        }

        var lines = new List<string>
        {
            $"Contact: {s.SecurityContact}",
            $"Expires: {clock.GetUtcNow().AddYears(1).UtcDateTime:yyyy-MM-dd'T'00:00:00'Z'}",
        };
        if (s.SecurityPolicyUrl.Length > 0)
        {
            lines.Add($"Policy: {s.SecurityPolicyUrl}");
        }

        lines.Add("Preferred-Languages: en");
        lines.Add($"Canonical: {paths.BaseUrl(context.Request)}/.well-known/security.txt");
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Text(string.Join('\n', lines) + "\n", "text/plain", System.Text.Encoding.UTF8);
    }

    private static JsonObject Service(string baseUrl, MsaSettings s)
    {
        var service = new JsonObject
        {
            ["name"] = "MedScribe.Orleans",
            ["documentation_url"] = baseUrl + "/docs",
        };
        if (s.ChangelogUrl.Length > 0)
        {
            service["changelog_url"] = s.ChangelogUrl;
        }

        if (s.SecurityContact.Length > 0)
        {
            service["security_contact"] = s.SecurityContact;
        }

        if (s.SecurityPolicyUrl.Length > 0)
        {
            service["security_policy_url"] = s.SecurityPolicyUrl;
        }

        return service;
    }

    private static IResult GetDiscovery(HttpContext context, MsaPaths paths, IOptions<MsaSettings> settings, SpeechLanguages speech)
    {
        var request = context.Request;
        var languages = new JsonArray(speech.Languages.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());
        JsonObject Model(string id, string name, string speed) => new()
        {
            ["id"] = id,
            ["display_name"] = name,
            ["languages"] = languages.DeepClone(),
            ["max_session_duration_seconds"] = settings.Value.MaxSessionDurationSeconds,
            ["response_speed"] = speed,
            ["features"] = new JsonObject
            {
                ["realtime_transcription"] = true,
                ["speaker_diarization"] = true,
                ["custom_templates"] = false,
            },
        };

        var document = new JsonObject
        {
            ["protocol"] = "medscribealliance",
            ["protocol_version"] = MsaCaller.SupportedVersion,
            ["supported_versions"] = new JsonArray(MsaCaller.SupportedVersion),
            ["service"] = Service(paths.BaseUrl(request), settings.Value),
            ["endpoints"] = new JsonObject
            {
                ["base_url"] = paths.ApiBase(request),
                ["templates_url"] = paths.ApiBase(request) + "/templates",
                ["webhooks_url"] = paths.ApiBase(request) + "/webhooks",
            },
            ["authentication"] = new JsonObject { ["supported_methods"] = new JsonArray("api_key") },
            ["capabilities"] = new JsonObject
            {
                ["audio_formats"] = new JsonArray(AudioFormats.MimeTypes.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray()),
                ["max_chunk_duration_seconds"] = settings.Value.MaxChunkDurationSeconds,
                ["upload_methods"] = new JsonArray("chunked", "single", "stream"),
                ["communication_protocols"] = new JsonArray("http", "websocket"),
                ["stream_formats"] = new JsonArray(LiveStream.Formats.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
                ["webhook_delivery"] = true,
                ["client_sdk_delivery"] = true,
            },
            ["models"] = new JsonArray(Model("pro", "Professional", "thorough"), Model("lite", "Lite", "fast")),
            ["languages"] = new JsonObject { ["supported"] = languages.DeepClone(), ["auto_detection"] = speech.AutoDetection },
        };
        context.Response.Headers.CacheControl = "public, max-age=3600";
        // (The security fields are the spec's SHOULD, ch. 12.10; present when the operator configured them.)
        if (!paths.IsConfigured)
        {
            // Built from the (allowed) Host of the request: a shared cache keys it by that Host.
            context.Response.Headers.Vary = "Host";
        }
        return MsaErrors.Json(document, StatusCodes.Status200OK);
    }
}

/// <summary>The languages the configured speech engine handles, which discovery advertises and creation checks, and whether it detects which one is spoken.</summary>
public sealed class SpeechLanguages(IReadOnlyList<string> languages, bool autoDetection)
{
    public IReadOnlyList<string> Languages { get; } = languages;

    public bool AutoDetection { get; } = autoDetection;
}
