using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MedScribe.Client;

/// <summary>
/// The MedScribeAlliance webhook signature, <c>X-MSA-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>,
/// and the Standard Webhooks headers sent beside it. One pure class used by the service to sign and by
/// receivers to verify.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-MSA-Signature";

    /// <summary>Seed 000 and ch. 12 recommend rejecting signatures more than five minutes from now.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The <c>X-MSA-Signature</c> value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>
    /// Checks an <c>X-MSA-Signature</c> header against the raw request body: both parts present, the
    /// timestamp within <paramref name="tolerance"/> of <paramref name="now"/>, the HMAC equal (compared in constant time).
    /// </summary>
    public static SignatureCheck Verify(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        string? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return SignatureCheck.Malformed;
            }

            var (key, value) = (part[..equals], part[(equals + 1)..]);
            if (key == "t")
            {
                t = value;
            }
            else if (key == "v1")
            {
                candidates.Add(value);
            }
        }

        if (t is null || candidates.Count == 0 || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Malformed;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? DefaultTolerance))
        {
            return SignatureCheck.TimestampOutOfTolerance;
        }

        var expected = Mac(secret, seconds, body);
        foreach (var candidate in candidates)
        {
            if (candidate.Length == expected.Length * 2 && IsHex(candidate) &&
                CryptographicOperations.FixedTimeEquals(Convert.FromHexString(candidate), expected))
            {
                return SignatureCheck.Valid;
            }
        }

        return SignatureCheck.Mismatch;
    }

    /// <summary>
    /// The Standard Webhooks signature header value, <c>v1,&lt;base64 HMAC-SHA256(key, "id.timestamp.body")&gt;</c>. The key is
    /// the base64 part of a <c>whsec_</c> secret, as that standard defines; any other secret is used as its UTF-8 bytes.
    /// </summary>
    public static string StandardSignature(string secret, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(StandardKey(secret), message));
    }

    /// <summary>A new secret: <c>whsec_</c> plus 32 random bytes in base64, usable by both signature schemes.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        // Seed 000's verifier: HMAC keyed by the whole secret as UTF-8, over "<t>.<raw body>".
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    private static byte[] StandardKey(string secret)
    {
        if (secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            var key = new byte[secret.Length];
            if (Convert.TryFromBase64String(secret["whsec_".Length..], key, out var written))
            {
                return key[..written];
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);
}

/// <summary>The outcome of checking a webhook signature.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    TimestampOutOfTolerance,
    Mismatch,
}
