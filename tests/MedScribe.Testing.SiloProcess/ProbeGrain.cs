using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace MedScribe.Testing.SiloProcess;

/// <summary>A grain with persisted state and a reminder, used to see both survive a silo crash.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the persisted counter and returns the new state.</summary>
    Task<ProbeReport> IncrementAsync();

    /// <summary>Registers the tick reminder.</summary>
    Task StartTickingAsync(TimeSpan period);

    /// <summary>The persisted state and the silo the activation lives on.</summary>
    Task<ProbeReport> GetAsync();
}

/// <summary>Persisted state of <see cref="IProbeGrain"/>.</summary>
[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public int Ticks { get; set; }
    [Id(2)] public List<string> TickedOn { get; set; } = [];
}

/// <summary>What a probe grain reports.</summary>
[GenerateSerializer, Immutable]
public sealed record ProbeReport([property: Id(0)] int Count, [property: Id(1)] int Ticks, [property: Id(2)] string Silo, [property: Id(3)] string[] TickedOn);

// Prefer-local so the silo process that creates the grain also hosts it, which is what the crash test kills.
[PreferLocalPlacement]
public sealed class ProbeGrain(
    [PersistentState("probe", ProbeSilo.StorageName)] IPersistentState<ProbeState> state,
    ILocalSiloDetails silo) : Grain, IProbeGrain, IRemindable
{
    public async Task<ProbeReport> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return Report();
    }

    public async Task StartTickingAsync(TimeSpan period) =>
        await this.RegisterOrUpdateReminder("tick", period, period);

    public Task<ProbeReport> GetAsync() => Task.FromResult(Report());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        state.State.TickedOn.Add(silo.SiloAddress.ToParsableString());
        await state.WriteStateAsync();
    }

    private ProbeReport Report() =>
        new(state.State.Count, state.State.Ticks, silo.SiloAddress.ToParsableString(), [.. state.State.TickedOn]);
}
