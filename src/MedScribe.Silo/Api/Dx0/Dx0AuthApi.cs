using System.Text.Json.Nodes;
using MedScribe.Abstractions.Diagnostics;
using MedScribe.Silo.Auth;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Dx0;

/// <summary>
/// <c>POST /api/v1/login</c>, <c>/refresh</c>, <c>/logout</c>: bcrypt-checked users, per-address lockout after
/// repeated failures (cleared by a success), access tokens with rotating refresh tokens, logout that ends the
/// session and closes its sockets.
/// </summary>
public static class Dx0AuthApi
{
    public static RouteGroupBuilder MapDx0AuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/login", LoginAsync).WithSummary("Exchange a username and password for an access token and a refresh token.");
        api.MapPost("/refresh", RefreshAsync).WithSummary("Exchange a refresh token for a new pair; the old refresh token is refused from then on.");
        api.MapPost("/logout", LogoutAsync).WithSummary("End the session of a refresh token; its sockets close.");
        return api;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context, PhysicianUsers users, PhysicianPasswords passwords, PhysicianTokens tokens, ClientAddress address,
        IGrainFactory grains, IOptions<Dx0Settings> options, TimeProvider clock, Dx0Metrics metrics, ILogger<PhysicianUsers> logger)
    {
        var body = await Dx0Problem.ReadBodyAsync(context.Request, 16 * 1024);
        var username = Dx0Problem.RequiredString(body, "username");
        var password = Dx0Problem.RequiredString(body, "password");
        var client = address.Of(context);
        var throttle = grains.GetGrain<ILoginThrottleGrain>(client);
        if (await throttle.LockedForAsync() is { } locked)
        {
            metrics.Login("locked");
            throw TooMany(locked);
        }

        var user = users.Find(username);
        // An unknown user costs the same bcrypt work as a wrong password, so timing does not reveal who exists.
        if (!passwords.Verify(password, user?.PasswordHash))
        {
            metrics.Login("invalid");
            logger.LogWarning("Failed Dx0 login from {Client}", client);
            // As the seed counts: the failures up to the limit are each answered 401; the limit's own failure
            // starts the lockout, which the next attempt meets as 429.
            await throttle.RecordFailureAsync();
            throw Dx0Problem.Unauthorized("Invalid credentials.");
        }

        await throttle.ClearAsync();
        var sessionId = PhysicianTokens.NewSessionId();
        var (refresh, hash) = PhysicianTokens.NewRefresh(sessionId);
        await grains.GetGrain<IPhysicianSessionGrain>(sessionId)
            .StartAsync(new PhysicianLogin(user!.Username, user.Group, hash, clock.GetUtcNow() + options.Value.SessionTtl));
        metrics.Login("success");
        logger.LogInformation("Dx0 login of {User} ({Group}) from {Client}: session {SessionId}", user.Username, user.Group, client, sessionId);
        return TokenPair(tokens, sessionId, user.Username, user.Group, refresh, options.Value);
    }

    private static async Task<IResult> RefreshAsync(HttpContext context, PhysicianTokens tokens, IGrainFactory grains, IOptions<Dx0Settings> options, TimeProvider clock)
    {
        var body = await Dx0Problem.ReadBodyAsync(context.Request, 16 * 1024);
        var presented = Dx0Problem.RequiredString(body, "refresh_token");
        var sessionId = PhysicianTokens.SessionOf(presented) ?? throw Dx0Problem.Unauthorized("Invalid or expired refresh token.");
        var (refresh, hash) = PhysicianTokens.NewRefresh(sessionId);
        var session = await grains.GetGrain<IPhysicianSessionGrain>(sessionId)
            .RotateAsync(PhysicianTokens.Hash(presented), hash, clock.GetUtcNow() + options.Value.SessionTtl)
            ?? throw Dx0Problem.Unauthorized("Invalid or expired refresh token.");
        return TokenPair(tokens, sessionId, session.Username, session.Group, refresh, options.Value);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IGrainFactory grains)
    {
        var body = await Dx0Problem.ReadBodyAsync(context.Request, 16 * 1024);
        var presented = Dx0Problem.RequiredString(body, "refresh_token");
        var sessionId = PhysicianTokens.SessionOf(presented) ?? throw Dx0Problem.Unauthorized("Invalid or expired refresh token.");
        if (!await grains.GetGrain<IPhysicianSessionGrain>(sessionId).EndAsync(PhysicianTokens.Hash(presented)))
        {
            throw Dx0Problem.Unauthorized("Invalid or expired refresh token.");
        }

        return Results.Ok();
    }

    private static IResult TokenPair(PhysicianTokens tokens, string sessionId, string username, string group, string refresh, Dx0Settings settings)
    {
        var (access, _) = tokens.IssueAccess(sessionId, username, group);
        return Results.Json(new JsonObject
        {
            ["access_token"] = access,
            ["refresh_token"] = refresh,
            ["token_type"] = "bearer",
            ["expires_in"] = (int)settings.TokenTtl.TotalSeconds,
            ["group"] = group,
        });
    }

    private static Dx0Problem TooMany(TimeSpan wait) =>
        new(429, $"Too many failed login attempts; try again in {Math.Ceiling(wait.TotalSeconds):0} seconds.") { RetryAfterSeconds = (int)Math.Ceiling(wait.TotalSeconds) };
}

/// <summary>
/// bcrypt checks. An unknown user is checked against a decoy hash of the cost the users' own hashes have (the
/// most common one), so a login for a name that does not exist takes as long as a wrong password.
/// </summary>
public sealed class PhysicianPasswords(PhysicianUsers users)
{
    /// <summary>The cost of new hashes (the users CLI's default), and of the decoy when there are no users to take it from.</summary>
    public const int WorkFactor = 12;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> _decoys = new();

    public bool Verify(string password, string? hash)
    {
        var ok = BCrypt.Net.BCrypt.Verify(password, hash ?? Decoy(DecoyCost()));
        return hash is not null && ok;
    }

    /// <summary>The cost of a bcrypt hash (<c>$2a$10$…</c>), or null when it is not one.</summary>
    public static int? CostOf(string hash) =>
        hash.Length > 7 && hash[0] == '$' && hash[3] == '$' && int.TryParse(hash.AsSpan(4, 2), out var cost) ? cost : null;

    /// <summary>The cost an unknown user's check takes: the users' most common one.</summary>
    public int DecoyCost() =>
        users.All.Select(u => CostOf(u.PasswordHash)).OfType<int>()
            .GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).Select(g => (int?)g.Key).FirstOrDefault() ?? WorkFactor;

    private string Decoy(int cost) =>
        _decoys.GetOrAdd(cost, c => BCrypt.Net.BCrypt.HashPassword(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), c));
}
