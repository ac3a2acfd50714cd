using MedScribe.AzureStorage;
using Orleans.Configuration;
using Orleans.Hosting;

namespace MedScribe.Grains.Tests;

/// <summary>Silo settings for tests that kill a silo: state and reminders on Azurite, death noticed within seconds.</summary>
public static class FailoverSilo
{
    public static ISiloBuilder ConfigureForFailover(this ISiloBuilder silo, string serviceId, string connectionString) =>
        silo.Configure<ClusterOptions>(o => o.ServiceId = serviceId)
            .Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            })
            .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1))
            .AddScribeAzureState(new Lazy<StorageAccount>(StorageAccount.FromConnectionString(connectionString)), "test", serviceId);
}
