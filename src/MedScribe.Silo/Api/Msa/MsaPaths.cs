using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MedScribe.Abstractions;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Msa;

/// <summary>Session ids and the absolute URLs the protocol hands out.</summary>
public sealed partial class MsaPaths(IOptions<MsaSettings> settings)
{
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

    public string BaseUrl(HttpRequest request) =>
        settings.Value.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";

    public string ApiBase(HttpRequest request) => BaseUrl(request) + "/v1";

    public string UploadUrl(HttpRequest request, string sessionId) => $"{ApiBase(request)}/sessions/{sessionId}/audio";

    [GeneratedRegex("^ses_[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SessionIdPattern();
}
