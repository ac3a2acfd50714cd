using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MedScribe.Abstractions;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary>
/// Session ids and the absolute URLs the protocol hands out. The public address is <c>Msa:PublicBaseUrl</c>; without
/// it, the request's own Host, but only a host the operator allows (an <c>AllowedHosts</c> entry when that is not
/// <c>*</c>), localhost or an IP literal: a forged <c>Host: evil.example</c> never reaches an <c>upload_url</c> or the
/// cached discovery document.
/// </summary>
public sealed partial class MsaPaths(IOptions<MsaSettings> settings, IConfiguration configuration)
{
    private readonly string[] _allowedHosts = (configuration["AllowedHosts"] ?? "*")
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(h => h != "*")
        .Select(h => h.ToLowerInvariant())
        .ToArray();

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><c>ses_</c> + 24 random alphanumerics: unguessable, and valid for the official id pattern.</summary>
    public static string NewSessionId() => "ses_" + RandomNumberGenerator.GetString(Alphabet, 24);

    /// <summary>Refuses ids that cannot exist before any grain is touched; they are simply not found.</summary>
    public static void EnsurePlausible(string sessionId)
    {
        if (!SessionIdPattern().IsMatch(sessionId))
        {
            throw ProtocolException.SessionNotFound(sessionId);
        }
    }

    /// <summary>True when the address comes from configuration rather than from the request.</summary>
    public bool IsConfigured => settings.Value.PublicBaseUrl.Length > 0;

    public string BaseUrl(HttpRequest request)
    {
        if (settings.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var host = request.Host.Host.TrimEnd('.').ToLowerInvariant();
        if (!IsAllowedHost(host))
        {
            throw ProtocolException.InvalidRequest(
                $"The Host '{request.Host}' is not an address of this service. The operator sets Msa:PublicBaseUrl, or lists the service's names in AllowedHosts.",
                new { field = "Host" });
        }

        return $"{request.Scheme}://{request.Host}";
    }

    /// <summary>localhost, an IP literal, or a name the operator listed in <c>AllowedHosts</c> (<c>*.example.com</c> for subdomains).</summary>
    public bool IsAllowedHost(string host) =>
        host is "localhost" || System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _)
        || _allowedHosts.Any(allowed => allowed == host || allowed.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(allowed[1..], StringComparison.Ordinal));

    public string ApiBase(HttpRequest request) => BaseUrl(request) + "/v1";

    public string UploadUrl(HttpRequest request, string sessionId) => $"{ApiBase(request)}/sessions/{sessionId}/audio";

    /// <summary>The live session's WebSocket: <c>wss://</c> behind an https address, <c>ws://</c> otherwise.</summary>
    public string StreamUrl(HttpRequest request, string sessionId)
    {
        var api = ApiBase(request);
        var scheme = api.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" : "ws://";
        return scheme + api[(api.IndexOf("://", StringComparison.Ordinal) + 3)..] + $"/sessions/{sessionId}/stream";
    }

    [GeneratedRegex("^ses_[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SessionIdPattern();
}
