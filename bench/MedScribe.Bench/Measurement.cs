using System.Diagnostics;

namespace MedScribe.Bench;

/// <summary>Runs an operation from several concurrent workers for a fixed count and records each latency.</summary>
public sealed record Measurement(string Operation, int Concurrency, int Count, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;

    /// <summary>Each of <paramref name="concurrency"/> workers runs <paramref name="operation"/>(worker, i) until <paramref name="count"/> calls are done.</summary>
    public static async Task<Measurement> RunAsync(string name, int concurrency, int count, Func<int, int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(worker, i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        total.Stop();
        Array.Sort(latencies);
        return new Measurement(name, concurrency, count, total.Elapsed, latencies[count / 2], latencies[Math.Min(count - 1, (int)(count * 0.99))]);
    }

    public static void Print(IEnumerable<Measurement> rows)
    {
        Console.WriteLine($"| {"operation",-48} | {"conc.",5} | {"ops",6} | {"ops/s",8} | {"p50 ms",7} | {"p99 ms",7} |");
        Console.WriteLine($"|{new string('-', 50)}|{new string('-', 7)}|{new string('-', 8)}|{new string('-', 10)}|{new string('-', 9)}|{new string('-', 9)}|");
        foreach (var r in rows)
        {
            string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("F2");
            Console.WriteLine($"| {r.Operation,-48} | {r.Concurrency,5} | {r.Count,6} | {r.PerSecond,8:F0} | {Ms(r.P50Ms),7} | {Ms(r.P99Ms),7} |");
        }
    }
}
