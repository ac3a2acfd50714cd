using System.Net;
using MedScribe.Abstractions.Diagnostics;
using MedScribe.Silo.Auth;
using Microsoft.Extensions.Options;

namespace MedScribe.Silo.Api.Dx0;

/// <summary>
/// Authenticates a Dx0 request: a valid access token (Authorization: Bearer, or the socket's <c>token</c> query
/// parameter) whose session is still live in its grain. The group comes from the stored session, so a logout
/// or a changed session takes effect at once, whatever the token says.
/// </summary>
public sealed class PhysicianCaller(PhysicianTokens tokens, IGrainFactory grains)
{
    private const string Item = "dx0.caller";

    public static PhysicianSessionView Session(HttpContext context) =>
        context.Items[Item] as PhysicianSessionView ?? throw new InvalidOperationException("The physician filter did not run.");

    /// <summary>The session of a presented token; 401 when there is none, it is invalid or expired, or the session ended.</summary>
    public async Task<(PhysicianSessionView Session, AccessClaims Claims)> AuthenticateAsync(HttpContext context, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw Dx0Problem.Unauthorized("Not authenticated: send the access token as Authorization: Bearer <token>.");
        }

        var claims = await tokens.ValidateAsync(token) ?? throw Dx0Problem.Unauthorized("Invalid or expired access token.");
        var session = await grains.GetGrain<IPhysicianSessionGrain>(claims.SessionId).GetAsync()
            ?? throw Dx0Problem.Unauthorized("The session has ended; log in again.");
        context.Items[Item] = session;
        return (session, claims);
    }

    public static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;

    /// <summary>Endpoint filter: any signed-in physician.</summary>
    public sealed class Required(PhysicianCaller caller) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
        {
            await caller.AuthenticateAsync(invocation.HttpContext, BearerToken(invocation.HttpContext.Request));
            return await next(invocation);
        }
    }

    /// <summary>Endpoint filter: admins only (401 without a valid token, 403 for other groups).</summary>
    public sealed class AdminRequired(PhysicianCaller caller) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
        {
            var (session, _) = await caller.AuthenticateAsync(invocation.HttpContext, BearerToken(invocation.HttpContext.Request));
            if (!session.IsAdmin)
            {
                throw new Dx0Problem(403, "Admin access required.");
            }

            return await next(invocation);
        }
    }
}

/// <summary>The client address for the login lockout: the connection's, or X-Forwarded-For when a configured proxy sent it.</summary>
public sealed class ClientAddress(IOptions<Dx0Settings> options)
{
    private readonly HashSet<IPAddress> _proxies = options.Value.TrustedProxies.Select(p => IPAddress.TryParse(p, out var a) ? a : null).OfType<IPAddress>().ToHashSet();

    public string Of(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        if (!_proxies.Contains(remote) || context.Request.Headers["X-Forwarded-For"].ToString() is not { Length: > 0 } forwarded)
        {
            return remote.ToString();
        }

        // The rightmost address a trusted proxy did not add itself is the client; anything left of it could be forged.
        foreach (var hop in forwarded.Split(',').Select(h => h.Trim()).Reverse())
        {
            if (IPAddress.TryParse(hop, out var address) && !_proxies.Contains(address))
            {
                return address.ToString();
            }
        }

        return remote.ToString();
    }
}
