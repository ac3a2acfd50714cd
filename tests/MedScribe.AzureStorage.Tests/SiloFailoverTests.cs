using System.Diagnostics;
using MedScribe.Testing;
using MedScribe.Testing.SiloProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedScribe.AzureStorage.Tests;

/// <summary>
/// Two silos on separate hosts find each other through the Azure membership table. One is a separate
/// process that gets SIGKILLed; the survivor must declare it dead, take its grains and its reminders.
/// </summary>
public sealed class SiloFailoverTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task After_a_silo_is_killed_its_grain_state_and_reminder_carry_on_in_the_survivor()
    {
        var cancel = TestContext.Current.CancellationToken;
        var clusterId = AzuriteFixture.UniqueName("failover");
        var probeKey = "probe-" + Guid.NewGuid().ToString("N");

        // The survivor first: a silo joining while the grain is already active takes over part of the grain directory,
        // and until the hand-off completes a call may activate the grain a second time (dotnet/orleans#9074). With both
        // silos up before the doomed one activates the grain, the grain has one activation, on the doomed silo.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.ConfigureProbeSilo(azurite.ConnectionString, clusterId, AzuriteInstance.FreePort(), AzuriteInstance.FreePort()));
        using var survivor = builder.Build();
        await survivor.StartAsync(cancel);

        var (doomed, doomedAddress) = await StartDoomedSiloAsync(azurite.ConnectionString, clusterId, probeKey, cancel);
        await using var _ = doomed;
        var survivorAddress = survivor.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        var probe = survivor.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>(probeKey);

        var before = await probe.GetAsync();
        Assert.Equal(doomedAddress, before.Silo);
        Assert.Equal(3, before.Count);
        await Eventually(async () => (await probe.GetAsync()).Ticks >= 2, "the reminder to tick twice before the crash", cancel);

        doomed.Kill();

        var moved = await Eventually(async () =>
        {
            var report = await probe.GetAsync();
            return report.Silo == survivorAddress ? report : null;
        }, "the grain to be reactivated on the survivor", cancel);
        Assert.Equal(3, moved.Count);

        var ticksAtMove = moved.Ticks;
        var after = await Eventually(async () =>
        {
            var report = await probe.GetAsync();
            return report.Ticks >= ticksAtMove + 2 ? report : null;
        }, "the reminder to keep ticking on the survivor", cancel);
        Assert.Equal(survivorAddress, after.TickedOn[^1]);
        Assert.Equal(3, after.Count);

        // The membership table as Orleans' Azure provider keeps it, read through the survivor.
        var membership = survivor.Services.GetRequiredService<IMembershipTable>();
        var rows = (await membership.ReadAllAsync(cancel)).Members.ToDictionary(m => m.Item1.SiloAddress.ToParsableString(), m => m.Item1.Status);
        Assert.Equal(SiloStatus.Dead, rows[doomedAddress]);
        Assert.Equal(SiloStatus.Active, rows[survivorAddress]);

        await survivor.StopAsync(cancel);
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what, CancellationToken cancel) =>
        await Eventually(async () => await condition() ? true : (bool?)null, what, cancel);

    private static async Task<T> Eventually<T>(Func<Task<T?>> attempt, string what, CancellationToken cancel)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                if (await attempt() is { } result)
                {
                    return result;
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException)
            {
                last = e;
            }

            await Task.Delay(250, cancel);
        }

        throw new TimeoutException($"Gave up waiting for {what} after {deadline.Elapsed}.", last);
    }

    /// <summary>Starts the silo process that the test kills; it reports READY with its silo address.</summary>
    private static async Task<(ChildProcess Process, string SiloAddress)> StartDoomedSiloAsync(
        string connectionString, string clusterId, string probeKey, CancellationToken cancel)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MedScribe.Testing.SiloProcess.dll");
        string[] arguments = [connectionString, clusterId, AzuriteInstance.FreePort().ToString(), AzuriteInstance.FreePort().ToString(), probeKey];
        var process = ChildProcess.StartDotnet(dll, arguments, new Dictionary<string, string?>(), line => line.StartsWith("READY ", StringComparison.Ordinal));
        var ready = await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancel);
        return (process, ready["READY ".Length..]);
    }
}
