using MedScribe.Abstractions.Sessions;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary>Session endpoints: create, poll, end.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/sessions", CreateAsync);
        v1.MapGet("/sessions/{sessionId}", GetAsync);
        v1.MapPost("/sessions/{sessionId}/end", EndAsync);
        return v1;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains, MsaPaths paths, IOptions<MsaSettings> settings, SpeechLanguages speech)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, settings.Value.MaxAdditionalDataBytes + 64 * 1024, allowEmpty: false);
        var spec = CreateSessionRequest.Parse(body, MsaCaller.TenantId(context), settings.Value, speech.Languages);
        var sessionId = MsaPaths.NewSessionId();
        var view = await grains.GetGrain<ISessionGrain>(sessionId).CreateAsync(spec);
        var uploadUrl = paths.UploadUrl(context.Request, sessionId);
        context.Response.Headers.Location = $"/v1/sessions/{sessionId}";
        var created = SessionJson.Created(view, uploadUrl);
        if (spec.UploadType == "stream")
        {
            created["stream_url"] = paths.StreamUrl(context.Request, sessionId);
            created["communication_protocol"] = "websocket";
        }

        return MsaErrors.Json(created, StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string sessionId, HttpContext context, IGrainFactory grains)
    {
        MsaPaths.EnsurePlausible(sessionId);
        var view = await grains.GetGrain<ISessionGrain>(sessionId).GetAsync(MsaCaller.TenantId(context));
        var (body, status) = SessionJson.Status(view);
        return MsaErrors.Json(body, status);
    }

    private static async Task<IResult> EndAsync(string sessionId, HttpContext context, IGrainFactory grains)
    {
        MsaPaths.EnsurePlausible(sessionId);
        var body = await JsonBody.ReadObjectAsync(context.Request, 64 * 1024, allowEmpty: true);
        int? sent = body["audio_files_sent"] switch
        {
            null => null,
            System.Text.Json.Nodes.JsonValue v when v.TryGetValue<int>(out var n) && n >= 0 => n,
            _ => throw Abstractions.ProtocolException.InvalidRequest("audio_files_sent must be a non-negative integer.", new { field = "audio_files_sent" }),
        };
        var view = await grains.GetGrain<ISessionGrain>(sessionId).EndAsync(MsaCaller.TenantId(context), sent);
        return MsaErrors.Json(SessionJson.Ended(view), StatusCodes.Status202Accepted);
    }
}
