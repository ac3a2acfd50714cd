using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MedScribe.Abstractions.Diagnostics;
using MedScribe.Silo.Api.Dx0;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MedScribe.Silo.Auth;

/// <summary>What a valid access token says: whose session and until when. The group is read from the session itself.</summary>
public sealed record AccessClaims(string SessionId, string Username, string Group, DateTimeOffset ExpiresAt);

/// <summary>
/// Dx0 tokens: HS256 JWT access tokens with issuer, audience, subject, session id, group and a unique id; and
/// opaque refresh tokens <c>{session id}.{random}</c> stored only as SHA-256 hashes by the session grain.
/// </summary>
public sealed class PhysicianTokens
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Dx0Settings _settings;
    private readonly TimeProvider _clock;
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _validation;

    public PhysicianTokens(IOptions<Dx0Settings> options, TimeProvider clock)
    {
        _settings = options.Value;
        _clock = clock;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_settings.SecretKey));
        _signing = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = _settings.Issuer,
            ValidAudience = _settings.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } e && e > _clock.GetUtcNow().UtcDateTime && (notBefore is null || notBefore <= _clock.GetUtcNow().UtcDateTime.AddSeconds(5)),
        };
    }

    public (string Token, DateTimeOffset ExpiresAt) IssueAccess(string sessionId, string username, string group)
    {
        var now = _clock.GetUtcNow();
        var expires = now + _settings.TokenTtl;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _settings.Issuer,
            Audience = _settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = username,
                [JwtRegisteredClaimNames.Sid] = sessionId,
                [JwtRegisteredClaimNames.Jti] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                ["group"] = group,
            },
            SigningCredentials = _signing,
        });
        return (token, expires);
    }

    /// <summary>The token's claims when its signature, issuer, audience and lifetime hold; null otherwise.</summary>
    public async Task<AccessClaims?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _validation);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        return jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sid, out var sid) && jwt.TryGetPayloadValue<string>("group", out var group)
            ? new AccessClaims(sid, jwt.Subject, group, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))
            : null;
    }

    public static (string Token, string Hash) NewRefresh(string sessionId)
    {
        var token = $"{sessionId}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return (token, Hash(token));
    }

    public static string Hash(string refreshToken) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    /// <summary>The session a refresh token belongs to, or null when it is not one of ours.</summary>
    public static string? SessionOf(string refreshToken)
    {
        var dot = refreshToken.IndexOf('.');
        return dot > 4 && refreshToken.StartsWith("dxs_", StringComparison.Ordinal) && refreshToken.Length < 200 ? refreshToken[..dot] : null;
    }

    public static string NewSessionId() => "dxs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
