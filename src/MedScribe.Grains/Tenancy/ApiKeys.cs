using System.Security.Cryptography;
using System.Text;

namespace MedScribe.Grains.Tenancy;

/// <summary>API key format and hashing: <c>sk_live_</c>/<c>sk_test_</c> plus 32 random alphanumerics; only SHA-256 hashes are stored.</summary>
public static class ApiKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Generate(bool live) =>
        (live ? "sk_live_" : "sk_test_") + RandomNumberGenerator.GetString(Alphabet, 32);

    /// <summary>Lower-case hex SHA-256 of the key; the key's identity in storage and in <c>ApiKeyGrain</c>.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What may be shown or logged of a key: its prefix and first four secret characters.</summary>
    public static string DisplayPrefix(string key) => key.Length > 12 ? key[..12] + "…" : "sk_…";
}
