using System.Globalization;
using System.Net.Http.Headers;

namespace MedScribe.Grains.Webhooks;

/// <summary>When the next attempt of a failed delivery happens. Pure: the clock and the randomness are passed in.</summary>
public static class WebhookRetryPolicy
{
    /// <summary>Parses <c>"0s,5s,5m,2h,1d"</c>: comma-separated numbers with a unit (ms, s, m, h, d).</summary>
    public static IReadOnlyList<TimeSpan> ParseSchedule(string text)
    {
        var delays = new List<TimeSpan>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var unitAt = item.Length - item.AsSpan().TrimStart("0123456789.").Length;
            var unit = item[unitAt..];
            if (unitAt == 0 || !double.TryParse(item[..unitAt], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException($"'{item}' is not a delay: write a number and a unit (ms, s, m, h or d).");
            }

            delays.Add(unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                "d" => TimeSpan.FromDays(value),
                _ => throw new FormatException($"'{item}' has no known unit: use ms, s, m, h or d."),
            });
        }

        return delays.Count > 0 ? delays : throw new FormatException("The retry schedule needs at least one delay.");
    }

    /// <summary>
    /// The wait before the next attempt after <paramref name="attemptsMade"/> attempts have failed, or null
    /// when the schedule is exhausted. A receiver's <c>Retry-After</c> replaces the scheduled delay (up to
    /// <paramref name="maxRetryAfter"/>); otherwise the scheduled delay is spread by ±<paramref name="jitter"/>
    /// using <paramref name="random01"/> in [0, 1).
    /// </summary>
    public static TimeSpan? NextDelay(int attemptsMade, IReadOnlyList<TimeSpan> schedule, double jitter, double random01, TimeSpan? retryAfter, TimeSpan maxRetryAfter)
    {
        if (attemptsMade >= schedule.Count)
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > maxRetryAfter ? maxRetryAfter : asked;
        }

        return schedule[attemptsMade] * (1 + jitter * (2 * random01 - 1));
    }

    /// <summary><c>Retry-After</c> as seconds or as an HTTP date, relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };
}
