namespace MedScribe.Abstractions.Diagnostics;

/// <summary>What a login starts: who, their group, the hash of the first refresh token, and when the session lapses.</summary>
[GenerateSerializer, Immutable]
public sealed record PhysicianLogin(
    [property: Id(0)] string Username,
    [property: Id(1)] string Group,
    [property: Id(2)] string RefreshTokenHash,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>A live physician session as the API sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record PhysicianSessionView(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string Username,
    [property: Id(2)] string Group,
    [property: Id(3)] DateTimeOffset ExpiresAt)
{
    public bool IsAdmin => Group == PhysicianGroups.Admin;
}

/// <summary>The Dx0 user groups.</summary>
public static class PhysicianGroups
{
    public const string Default = "default";
    public const string Admin = "admin";

    public static readonly string[] All = [Default, Admin];
}

/// <summary>Told when a physician session ends, so open sockets of that session close.</summary>
public interface IPhysicianSessionObserver : IGrainObserver
{
    void SessionEnded(string reason);
}

/// <summary>One physician login session (key <c>dxs_…</c>): group, refresh-token rotation, logout, and the sockets to close on logout.</summary>
public interface IPhysicianSessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the session at login.</summary>
    Task StartAsync(PhysicianLogin login);

    /// <summary>Replaces the presented refresh token with the next one; null when it is not the current token (a reused old token also ends the session).</summary>
    Task<PhysicianSessionView?> RotateAsync(string presentedHash, string nextHash, DateTimeOffset nextExpiry);

    /// <summary>Ends the session if the presented refresh token is its current one; false otherwise.</summary>
    Task<bool> EndAsync(string presentedHash);

    /// <summary>The session, or null when it is unknown, ended or lapsed.</summary>
    Task<PhysicianSessionView?> GetAsync();

    /// <summary>Registers a socket of this session to be told when the session ends.</summary>
    Task SubscribeAsync(IPhysicianSessionObserver observer);

    Task UnsubscribeAsync(IPhysicianSessionObserver observer);
}

/// <summary>Failed logins from one client address (key: the address), with the lockout.</summary>
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>How long this address is still locked out, or null when it may try.</summary>
    Task<TimeSpan?> LockedForAsync();

    /// <summary>Counts a failed login; returns the lockout when this failure reached the limit.</summary>
    Task<TimeSpan?> RecordFailureAsync();

    /// <summary>A successful login clears the count.</summary>
    Task ClearAsync();
}
