using MedScribe.Bench;
using MedScribe.Testing;

// Usage: dotnet run -c Release --project bench/MedScribe.Bench -- storage [operations] [concurrency]
var benchmark = args.FirstOrDefault() ?? "storage";
if (benchmark != "storage")
{
    Console.Error.WriteLine($"Unknown benchmark '{benchmark}'. Available: storage");
    return 2;
}

var operations = args.Length > 1 ? int.Parse(args[1]) : 4000;
var concurrency = args.Length > 2 ? int.Parse(args[2]) : 16;
await using var azurite = await AzuriteInstance.StartAsync();
Console.WriteLine($"Storage providers on Azurite (in-memory), {Environment.ProcessorCount} cores, {operations} operations, {concurrency} concurrent:");
var results = await StorageBenchmark.RunAsync(azurite.ConnectionString, operations, concurrency);
Measurement.Print(results.Skip(1));
var baseline = results[1].PerSecond;
Console.WriteLine($"grain state write / raw upsert: {results[2].PerSecond / baseline:P0}; read / raw upsert: {results[3].PerSecond / baseline:P0}");
return 0;
