using MedScribe.AzureStorage;
using Orleans.Configuration;
using Orleans.Hosting;
using System.Net;

namespace MedScribe.Testing.SiloProcess;

/// <summary>The silo configuration both the crash-test process and the in-test survivor use.</summary>
public static class ProbeSilo
{
    /// <summary>The probe grain's state sits in the silo's table provider, as the small grains of the product do.</summary>
    public const string StorageName = MedScribe.Abstractions.Storage.GrainStorageNames.Tables;

    /// <summary>Clusters through the Azure membership table with fast failure detection for tests.</summary>
    public static ISiloBuilder ConfigureProbeSilo(this ISiloBuilder silo, string connectionString, string clusterId, int siloPort, int gatewayPort)
    {
        silo.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = clusterId; })
            .Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
            })
            .Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
            })
            .Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
                o.RefreshReminderListPeriod = TimeSpan.FromSeconds(2);
            })
            .UseScribeAzureStorage(StorageAccount.FromConnectionString(connectionString), "probe", clusterId);
        return silo;
    }
}
