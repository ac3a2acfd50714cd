using MedScribe.Abstractions.Storage;
using MedScribe.AzureStorage.Audio;
using MedScribe.AzureStorage.GrainStorage;
using MedScribe.AzureStorage.Membership;
using MedScribe.AzureStorage.Reminders;
using MedScribe.AzureStorage.Webhooks;
using MedScribe.Abstractions.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace MedScribe.AzureStorage;

/// <summary>Registers the Azure Storage providers (grain state, reminders, membership, audio) on a silo.</summary>
public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>Adds a named grain storage provider on Azure Tables.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<TableGrainStorageOptions> configure)
    {
        builder.Services.AddOptions<TableGrainStorageOptions>(name)
            .Configure(configure)
            .Validate(o => HasConnectionString(o.ConnectionString), $"Grain storage '{name}': a connection string is required.")
            .Validate(o => o.MaxInlineBytes is > 0 and <= 15 * TableGrainStorage.MaxPropertyBytes,
                $"Grain storage '{name}': MaxInlineBytes must be between 1 and {15 * TableGrainStorage.MaxPropertyBytes}.")
            .ValidateOnStart();
        builder.Services.AddGrainStorage(name, (services, providerName) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<TableGrainStorageOptions>>().Get(providerName);
            options.GrainStorageSerializer ??= services.GetKeyedService<IGrainStorageSerializer>(providerName)
                ?? services.GetRequiredService<IGrainStorageSerializer>();
            return new TableGrainStorage(
                providerName,
                options,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value,
                services.GetRequiredService<ILogger<TableGrainStorage>>());
        });
        return builder;
    }

    /// <summary>Keeps reminders in an Azure Table.</summary>
    public static ISiloBuilder UseAzureTableReminderService(this ISiloBuilder builder, Action<TableReminderOptions> configure)
    {
        builder.AddReminders();
        builder.Services.AddOptions<TableReminderOptions>()
            .Configure(configure)
            .Validate(o => HasConnectionString(o.ConnectionString), "Reminder table: a connection string is required.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IReminderTable, TableReminderTable>();
        return builder;
    }

    /// <summary>Keeps cluster membership in an Azure Table, so silos on different hosts find each other.</summary>
    public static ISiloBuilder UseAzureTableClustering(this ISiloBuilder builder, Action<TableMembershipOptions> configure)
    {
        builder.Services.AddOptions<TableMembershipOptions>()
            .Configure(configure)
            .Validate(o => HasConnectionString(o.ConnectionString), "Membership table: a connection string is required.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IMembershipTable, TableMembershipTable>();
        return builder;
    }

    /// <summary>Adds the audio blob store and creates its container when the silo starts.</summary>
    public static ISiloBuilder AddBlobAudioStore(this ISiloBuilder builder, Action<BlobAudioStoreOptions> configure)
    {
        builder.Services.AddOptions<BlobAudioStoreOptions>()
            .Configure(configure)
            .Validate(o => HasConnectionString(o.ConnectionString), "Audio store: a connection string is required.")
            .ValidateOnStart();
        builder.Services.AddSingleton<BlobAudioStore>();
        builder.Services.AddSingleton<IAudioStore>(services => services.GetRequiredService<BlobAudioStore>());
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new StartupAction(
            nameof(BlobAudioStore), services.GetRequiredService<BlobAudioStore>().InitializeAsync));
        return builder;
    }

    /// <summary>Adds the webhook outbox table and creates it when the silo starts.</summary>
    public static ISiloBuilder AddTableWebhookOutbox(this ISiloBuilder builder, Action<TableWebhookOutboxOptions> configure)
    {
        builder.Services.AddOptions<TableWebhookOutboxOptions>()
            .Configure(configure)
            .Validate(o => HasConnectionString(o.ConnectionString), "Webhook outbox: a connection string is required.")
            .ValidateOnStart();
        builder.Services.AddSingleton<TableWebhookOutbox>();
        builder.Services.AddSingleton<IWebhookOutbox>(services => services.GetRequiredService<TableWebhookOutbox>());
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new StartupAction(
            nameof(TableWebhookOutbox), services.GetRequiredService<TableWebhookOutbox>().InitializeAsync));
        return builder;
    }

    private static bool HasConnectionString(string? value) => !string.IsNullOrWhiteSpace(value);

    private sealed class StartupAction(string name, Func<CancellationToken, Task> action) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(name, ServiceLifecycleStage.ApplicationServices, action);
    }
}
