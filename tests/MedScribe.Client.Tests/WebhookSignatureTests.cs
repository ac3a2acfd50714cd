using System.Text;
using MedScribe.Testing;

namespace MedScribe.Client.Tests;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1705661700);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"event":"session.completed","timestamp":"2025-01-19T10:35:00Z","session_id":"ses_abc123def456"}""");

    [Fact]
    public void The_signature_is_the_hex_hmac_of_timestamp_dot_body_keyed_by_the_secret()
    {
        // Known vector: printf '1705661700.<body>' | openssl dgst -sha256 -hmac whsec_my_secret_key
        var header = WebhookSignature.Sign("whsec_my_secret_key", SentAt, Body);

        Assert.Equal("t=1705661700,v1=da2f2b1ef3538e7b3e14c6a92487dc97b40d19c44db50341e87f381a968d7c1e", header);
        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(header, Body, "whsec_my_secret_key", SentAt.AddSeconds(30)));
    }

    [Fact]
    public void Verification_names_what_is_wrong()
    {
        var header = WebhookSignature.Sign("whsec_my_secret_key", SentAt, Body);

        Assert.Equal(SignatureCheck.Missing, WebhookSignature.Verify(null, Body, "whsec_my_secret_key", SentAt));
        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify("v1=abc", Body, "whsec_my_secret_key", SentAt));
        Assert.Equal(SignatureCheck.Malformed, WebhookSignature.Verify("t=soon,v1=abc", Body, "whsec_my_secret_key", SentAt));
        Assert.Equal(SignatureCheck.TimestampOutOfTolerance, WebhookSignature.Verify(header, Body, "whsec_my_secret_key", SentAt.AddMinutes(6)));
        Assert.Equal(SignatureCheck.TimestampOutOfTolerance, WebhookSignature.Verify(header, Body, "whsec_my_secret_key", SentAt.AddMinutes(-6)));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(header, Body, "whsec_other", SentAt));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(header, [.. Body, (byte)' '], "whsec_my_secret_key", SentAt));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(header.Replace("v1=", "v1=zz"), Body, "whsec_my_secret_key", SentAt));
    }

    [Fact]
    public async Task Seed_000s_own_python_verifier_accepts_our_signature_and_rejects_a_tampered_body()
    {
        var secret = WebhookSignature.NewSecret();
        var header = WebhookSignature.Sign(secret, DateTimeOffset.UtcNow, Body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("completed", "failed"));

        Assert.Equal("True", await RunSeedVerifierAsync(Body, header, secret));
        Assert.Equal("False", await RunSeedVerifierAsync(tampered, header, secret));
    }

    [Fact]
    public void The_standard_webhooks_signature_uses_the_base64_key_of_a_whsec_secret()
    {
        // Vector from the Standard Webhooks specification's reference implementations.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var signature = WebhookSignature.StandardSignature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330), Encoding.UTF8.GetBytes("""{"test": 2432232314}"""));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    private static Task<string> RunSeedVerifierAsync(byte[] body, string header, string secret) =>
        SeedVerifier.RunAsync(body, header, secret, TestContext.Current.CancellationToken);
}
