using Orleans.Runtime;

namespace MedScribe.Grains.Tests;

/// <summary>Polls a condition on a cluster that may still be noticing a dead silo.</summary>
public static class ClusterWait
{
    public static Task<T> Until<T>(Func<T?> probe, CancellationToken cancel) where T : class => Until(() => Task.FromResult(probe()), cancel);

    public static async Task<T> Until<T>(Func<Task<T?>> probe, CancellationToken cancel) where T : class
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(200))
        {
            try
            {
                if (await probe() is { } result)
                {
                    return result;
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The cluster is still noticing the dead silo.
            }

            await Task.Delay(200, cancel);
        }

        throw new TimeoutException("The condition did not hold within 60 s.");
    }
}
