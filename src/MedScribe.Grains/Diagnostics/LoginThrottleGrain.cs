using MedScribe.Abstractions.Diagnostics;
using Microsoft.Extensions.Options;

namespace MedScribe.Grains.Diagnostics;

/// <summary>
/// Failed logins of one client address in a sliding window; at the limit the address is locked out for the
/// cooldown. In memory: a restart forgives, and an idle address's grain (and its record) is collected.
/// </summary>
public sealed class LoginThrottleGrain(IOptions<DiagnosticSettings> options, TimeProvider clock) : Grain, ILoginThrottleGrain
{
    private readonly Queue<DateTimeOffset> _failures = new();
    private DateTimeOffset? _lockedUntil;

    public Task<TimeSpan?> LockedForAsync() => Task.FromResult(LockedFor(clock.GetUtcNow()));

    public Task<TimeSpan?> RecordFailureAsync()
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        while (_failures.TryPeek(out var oldest) && now - oldest >= settings.FailedLoginCooldown)
        {
            _failures.Dequeue();
        }

        _failures.Enqueue(now);
        if (_failures.Count >= settings.FailedLoginLimit)
        {
            _lockedUntil = now + settings.FailedLoginCooldown;
            _failures.Clear();
        }

        return Task.FromResult(LockedFor(now));
    }

    public Task ClearAsync()
    {
        _failures.Clear();
        _lockedUntil = null;
        return Task.CompletedTask;
    }

    private TimeSpan? LockedFor(DateTimeOffset now) => _lockedUntil is { } until && until > now ? until - now : null;
}
