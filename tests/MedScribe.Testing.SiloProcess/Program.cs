using MedScribe.Testing.SiloProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

// Arguments: <connection string> <cluster id> <silo port> <gateway port> <probe grain key>
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: MedScribe.Testing.SiloProcess <connection string> <cluster id> <silo port> <gateway port> <probe key>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo.ConfigureProbeSilo(args[0], args[1], int.Parse(args[2]), int.Parse(args[3])));
using var host = builder.Build();
await host.StartAsync();

var probe = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>(args[4]);
await probe.IncrementAsync();
await probe.IncrementAsync();
var report = await probe.IncrementAsync();
await probe.StartTickingAsync(TimeSpan.FromSeconds(1));
Console.WriteLine($"READY {report.Silo}");
await host.WaitForShutdownAsync();
return 0;
