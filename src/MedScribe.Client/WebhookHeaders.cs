namespace MedScribe.Client;

/// <summary>The headers on every webhook delivery besides <see cref="WebhookSignature.HeaderName"/>.</summary>
public static class WebhookHeaders
{
    /// <summary>Stable across every attempt of one delivery: deduplicate on it.</summary>
    public const string DeliveryId = "X-MSA-Delivery-Id";

    /// <summary>The event name, also in the body.</summary>
    public const string Event = "X-MSA-Event";

    /// <summary>Standard Webhooks: the message id (the delivery id).</summary>
    public const string StandardId = "webhook-id";

    /// <summary>Standard Webhooks: unix seconds of this attempt.</summary>
    public const string StandardTimestamp = "webhook-timestamp";

    /// <summary>Standard Webhooks: <c>v1,&lt;base64 HMAC&gt;</c>, see <see cref="WebhookSignature.StandardSignature"/>.</summary>
    public const string StandardSignature = "webhook-signature";
}
