using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedScribe.Grains.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Registers the sender the webhook grains share (one HTTP connection pool per silo).</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookSender>();
        return services;
    }
}
