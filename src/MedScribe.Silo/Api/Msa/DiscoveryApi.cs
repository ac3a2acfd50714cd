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
        return app;
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
                ["realtime_transcription"] = false,
                ["speaker_diarization"] = true,
                ["custom_templates"] = false,
            },
        };

        var document = new JsonObject
        {
            ["protocol"] = "medscribealliance",
            ["protocol_version"] = MsaCaller.SupportedVersion,
            ["supported_versions"] = new JsonArray(MsaCaller.SupportedVersion),
            ["service"] = new JsonObject
            {
                ["name"] = "MedScribe.Orleans",
                ["documentation_url"] = paths.BaseUrl(request) + "/docs",
            },
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
                ["upload_methods"] = new JsonArray("chunked", "single"),
                ["webhook_delivery"] = true,
                ["client_sdk_delivery"] = true,
            },
            ["models"] = new JsonArray(Model("pro", "Professional", "thorough"), Model("lite", "Lite", "fast")),
            ["languages"] = new JsonObject { ["supported"] = languages.DeepClone(), ["auto_detection"] = false },
        };
        context.Response.Headers.CacheControl = "public, max-age=3600";
        if (!paths.IsConfigured)
        {
            // Built from the (allowed) Host of the request: a shared cache keys it by that Host.
            context.Response.Headers.Vary = "Host";
        }
        return MsaErrors.Json(document, StatusCodes.Status200OK);
    }
}

/// <summary>The languages the configured speech engine handles, which discovery advertises and creation checks.</summary>
public sealed class SpeechLanguages(IReadOnlyList<string> languages)
{
    public IReadOnlyList<string> Languages { get; } = languages;
}
