using MedScribe.Abstractions.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace MedScribe.Grains.Diagnostics;

/// <summary>Persisted state of a physician login session: refresh tokens only as SHA-256 hashes.</summary>
[GenerateSerializer]
public sealed class PhysicianSessionState
{
    [Id(0)] public string Username { get; set; } = "";
    [Id(1)] public string Group { get; set; } = "";
    [Id(2)] public string RefreshTokenHash { get; set; } = "";

    /// <summary>Tokens already rotated away; presenting one again means it was stolen, so the session ends.</summary>
    [Id(3)] public List<string> RetiredTokenHashes { get; set; } = [];
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(5)] public DateTimeOffset? EndedAt { get; set; }
    [Id(6)] public DateTimeOffset StartedAt { get; set; }
}

/// <summary>
/// One physician session: the refresh token rotates on each use (the old one is refused from then on), logout
/// ends it, and the sockets of the session are told so they close. A reminder, first due when the session would
/// lapse and then every <see cref="DiagnosticSettings.SessionCleanupInterval"/>, deletes an ended or expired
/// session from storage together with its diagnostic conversation.
/// </summary>
public sealed class PhysicianSessionGrain(
    [PersistentState("physician-session", DiagnosticStorage.Name)] IPersistentState<PhysicianSessionState> state,
    IOptions<DiagnosticSettings> options,
    TimeProvider clock,
    ILogger<PhysicianSessionGrain> logger) : Grain, IPhysicianSessionGrain, IRemindable
{
    public const string CleanupReminder = "cleanup";
    private const int RetiredTokensKept = 20;
    private readonly ObserverManager<IPhysicianSessionObserver> _sockets = new(TimeSpan.FromMinutes(5), logger);

    public async Task StartAsync(PhysicianLogin login)
    {
        state.State = new PhysicianSessionState
        {
            Username = login.Username,
            Group = login.Group,
            RefreshTokenHash = login.RefreshTokenHash,
            ExpiresAt = login.ExpiresAt,
            StartedAt = clock.GetUtcNow(),
        };
        await state.WriteStateAsync();
        await ScheduleCleanupAsync(state.State.ExpiresAt - clock.GetUtcNow());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CleanupReminder || IsLive)
        {
            return;
        }

        var id = this.GetPrimaryKeyString();
        await GrainFactory.GetGrain<IDiagnosticSessionGrain>(id).DeleteAsync();
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        await this.UnregisterReminderIfExistsAsync(CleanupReminder);
        logger.LogInformation("Physician session {SessionId} ended or expired; it and its diagnostic conversation were deleted", id);
        this.DeactivateOnIdle();
    }

    public async Task<PhysicianSessionView?> RotateAsync(string presentedHash, string nextHash, DateTimeOffset nextExpiry)
    {
        if (!IsLive)
        {
            return null;
        }

        if (state.State.RetiredTokenHashes.Contains(presentedHash))
        {
            logger.LogWarning("Physician session {SessionId}: a rotated-away refresh token was presented again; the session is ended", this.GetPrimaryKeyString());
            await EndNowAsync("refresh token reused");
            return null;
        }

        if (!CryptographicEquals(presentedHash, state.State.RefreshTokenHash))
        {
            return null;
        }

        state.State.RetiredTokenHashes.Add(state.State.RefreshTokenHash);
        if (state.State.RetiredTokenHashes.Count > RetiredTokensKept)
        {
            state.State.RetiredTokenHashes.RemoveAt(0);
        }

        state.State.RefreshTokenHash = nextHash;
        state.State.ExpiresAt = nextExpiry;
        await state.WriteStateAsync();
        return View();
    }

    public async Task<bool> EndAsync(string presentedHash)
    {
        if (!IsLive || !CryptographicEquals(presentedHash, state.State.RefreshTokenHash))
        {
            return false;
        }

        await EndNowAsync("logged out");
        return true;
    }

    public Task<PhysicianSessionView?> GetAsync() => Task.FromResult(IsLive ? View() : null);

    public Task SubscribeAsync(IPhysicianSessionObserver observer)
    {
        _sockets.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IPhysicianSessionObserver observer)
    {
        _sockets.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private bool IsLive => state.RecordExists && state.State.EndedAt is null && state.State.ExpiresAt > clock.GetUtcNow();

    private PhysicianSessionView View() => new(this.GetPrimaryKeyString(), state.State.Username, state.State.Group, state.State.ExpiresAt);

    private async Task EndNowAsync(string reason)
    {
        state.State.EndedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        _sockets.Notify(socket => socket.SessionEnded(reason));
        _sockets.Clear();
        await ScheduleCleanupAsync(TimeSpan.Zero);
    }

    /// <summary>The cleanup reminder: first due after <paramref name="dueIn"/> (at least one interval), then every interval.</summary>
    private async Task ScheduleCleanupAsync(TimeSpan dueIn)
    {
        var interval = options.Value.SessionCleanupInterval;
        await this.RegisterOrUpdateReminder(CleanupReminder, dueIn > interval ? dueIn : interval, interval);
    }

    private static bool CryptographicEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));
}

/// <summary>The grain storage of the Dx0 grains, chosen by SESSION_BACKEND.</summary>
public static class DiagnosticStorage
{
    public const string Name = "dx0";
}
