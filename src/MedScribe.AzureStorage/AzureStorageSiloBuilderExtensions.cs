using MedScribe.Abstractions.Audit;
using MedScribe.Abstractions.Storage;
using MedScribe.AzureStorage.Audit;
using MedScribe.Abstractions.Webhooks;
using MedScribe.AzureStorage.Audio;
using MedScribe.AzureStorage.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace MedScribe.AzureStorage;

/// <summary>
/// Puts a silo's state on one Azure Storage account: membership, reminders and grain state with Orleans' own
/// Azure providers (Microsoft.Orleans.*.AzureStorage), and our audio store and webhook outbox beside them.
/// </summary>
public static class AzureStorageSiloBuilderExtensions
{
    /// <summary>
    /// Membership, reminders, and the two grain storages of <see cref="GrainStorageNames"/>. Every table and container
    /// name starts with <paramref name="prefix"/>; blob containers also carry the service id, because Orleans' blob
    /// provider does not key its blobs by it (tables and reminders are keyed by it).
    /// </summary>
    public static ISiloBuilder UseScribeAzureStorage(this ISiloBuilder silo, StorageAccount account, string prefix, string serviceId) =>
        silo.UseScribeAzureStorage(new Lazy<StorageAccount>(account), prefix, serviceId);

    /// <inheritdoc cref="UseScribeAzureStorage(ISiloBuilder, StorageAccount, string, string)"/>
    /// <remarks>The account is built when the providers are first resolved, so invalid settings are reported by the host's checks first.</remarks>
    public static ISiloBuilder UseScribeAzureStorage(this ISiloBuilder silo, Lazy<StorageAccount> account, string prefix, string serviceId) =>
        silo.UseAzureStorageClustering(o =>
            {
                o.TableServiceClient = account.Value.Tables;
                o.TableName = StorageNames.Table(prefix, "silos");
            })
            .AddScribeAzureState(account, prefix, serviceId);

    /// <summary>Reminders and grain state only, for a cluster whose membership lives elsewhere (the in-process test cluster).</summary>
    public static ISiloBuilder AddScribeAzureState(this ISiloBuilder silo, Lazy<StorageAccount> account, string prefix, string serviceId)
    {
        silo.Services.AddSingleton(_ => account.Value);
        return silo
            .UseAzureTableReminderService(o =>
            {
                o.TableServiceClient = account.Value.Tables;
                o.TableName = StorageNames.Table(prefix, "orleansreminders");
            })
            .AddAzureTableGrainStorage(GrainStorageNames.Tables, o =>
            {
                o.TableServiceClient = account.Value.Tables;
                o.TableName = StorageNames.Table(prefix, "grains");
                o.DeleteStateOnClear = true;
            })
            .AddAzureBlobGrainStorage(GrainStorageNames.Blobs, o =>
            {
                o.BlobServiceClient = account.Value.Blobs;
                o.ContainerName = StorageNames.Container(prefix, serviceId, "grains");
            });
    }

    /// <summary>A further blob grain storage on the same account (the Dx0 sessions' <c>dx0</c> provider).</summary>
    public static ISiloBuilder AddScribeBlobGrainStorage(this ISiloBuilder silo, string name, Lazy<StorageAccount> account, string prefix, string serviceId) =>
        silo.AddAzureBlobGrainStorage(name, o =>
        {
            o.BlobServiceClient = account.Value.Blobs;
            o.ContainerName = StorageNames.Container(prefix, serviceId, name);
        });

    /// <summary>Adds the audio blob store and creates its container when the silo starts.</summary>
    public static ISiloBuilder AddBlobAudioStore(this ISiloBuilder builder, Lazy<StorageAccount> account, string containerName) =>
        builder.AddStore<BlobAudioStore, IAudioStore>(() => new BlobAudioStore(account.Value, containerName), store => store.InitializeAsync);

    /// <summary>Adds the webhook outbox table and creates it when the silo starts.</summary>
    public static ISiloBuilder AddTableWebhookOutbox(this ISiloBuilder builder, Lazy<StorageAccount> account, string tableName) =>
        builder.AddStore<TableWebhookOutbox, IWebhookOutbox>(() => new TableWebhookOutbox(account.Value, tableName), store => store.InitializeAsync);

    /// <summary>Adds the append-only audit log table and creates it when the silo starts.</summary>
    public static ISiloBuilder AddTableAuditLog(this ISiloBuilder builder, Lazy<StorageAccount> account, string tableName) =>
        builder.AddStore<TableAuditLog, IAuditLog>(() => new TableAuditLog(account.Value, tableName), store => store.InitializeAsync);

    /// <summary>One of our stores: a singleton served as its contract, whose container or table is created when the silo starts.</summary>
    private static ISiloBuilder AddStore<TStore, TContract>(this ISiloBuilder builder, Func<TStore> create, Func<TStore, Func<CancellationToken, Task>> initialize)
        where TStore : class, TContract
        where TContract : class
    {
        builder.Services.AddSingleton(_ => create());
        builder.Services.AddSingleton<TContract>(services => services.GetRequiredService<TStore>());
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new StartupAction(
            typeof(TStore).Name, initialize(services.GetRequiredService<TStore>())));
        return builder;
    }

    private sealed class StartupAction(string name, Func<CancellationToken, Task> action) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(name, ServiceLifecycleStage.ApplicationServices, action);
    }
}

/// <summary>Table and container names under a deployment's prefix, within Azure's naming rules.</summary>
public static class StorageNames
{
    /// <summary>A table: letters and digits, 3 to 63 characters, starting with a letter.</summary>
    public static string Table(string prefix, string name)
    {
        var table = new string((prefix + name).Where(char.IsAsciiLetterOrDigit).ToArray());
        return table.Length > 63 ? table[..63] : table;
    }

    /// <summary>A container: lower-case letters, digits and single hyphens, 3 to 63 characters.</summary>
    public static string Container(string prefix, string serviceId, string name)
    {
        var raw = $"{prefix}-{serviceId}-{name}".ToLowerInvariant();
        var chars = raw.Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-').ToArray();
        var container = System.Text.RegularExpressions.Regex.Replace(new string(chars), "-{2,}", "-").Trim('-');
        if (container.Length > 63)
        {
            // Keep the name readable and unique: a hash of the whole replaces the tail.
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw)))[..8];
            container = container[..54].TrimEnd('-') + "-" + hash;
        }

        return container.Length >= 3 ? container : container.PadRight(3, '0');
    }
}
