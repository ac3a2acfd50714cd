using System.Net.Http.Headers;
using MedScribe.Grains.Webhooks;

namespace MedScribe.Grains.Tests;

/// <summary>The retry schedule under a controlled clock and controlled randomness.</summary>
public sealed class WebhookRetryPolicyTests
{
    private static readonly IReadOnlyList<TimeSpan> Default = new WebhookSettings().Schedule;
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public void The_default_schedule_is_ten_attempts_over_about_three_days()
    {
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
             TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24)],
            Default);
        var total = Default.Aggregate(TimeSpan.Zero, (sum, d) => sum + d);
        Assert.InRange(total.TotalDays, 3, 3.5);
    }

    [Fact]
    public void Each_failure_waits_the_next_scheduled_delay_and_the_last_one_gives_up()
    {
        // random01 = 0.5 is the middle of the jitter range: exactly the schedule.
        for (var made = 1; made < Default.Count; made++)
        {
            Assert.Equal(Default[made], WebhookRetryPolicy.NextDelay(made, Default, 0.1, 0.5, null, Day));
        }

        Assert.Null(WebhookRetryPolicy.NextDelay(Default.Count, Default, 0.1, 0.5, null, Day));
        Assert.Null(WebhookRetryPolicy.NextDelay(Default.Count + 3, Default, 0.1, 0.5, TimeSpan.FromSeconds(1), Day));
    }

    [Fact]
    public void A_simulated_three_days_of_failures_attempts_at_the_scheduled_times()
    {
        var clock = DateTimeOffset.Parse("2026-11-23T00:00:00Z");
        var start = clock;
        var attemptTimes = new List<TimeSpan>();
        for (var made = 0; ; made++)
        {
            attemptTimes.Add(clock - start);
            if (WebhookRetryPolicy.NextDelay(made + 1, Default, 0, 0.5, null, Day) is not { } wait)
            {
                break;
            }

            clock += wait;
        }

        Assert.Equal(10, attemptTimes.Count);
        Assert.Equal(TimeSpan.FromSeconds(5), attemptTimes[1]);
        Assert.Equal(TimeSpan.FromSeconds(5) + TimeSpan.FromMinutes(5), attemptTimes[2]);
        Assert.Equal(TimeSpan.Parse("3.03:35:05"), attemptTimes[^1]);
    }

    [Theory]
    [InlineData(0.0, 0.9)]
    [InlineData(0.25, 0.95)]
    [InlineData(0.999999, 1.1)]
    public void Jitter_spreads_a_delay_within_its_bounds(double random, double factor)
    {
        var delay = WebhookRetryPolicy.NextDelay(2, Default, 0.1, random, null, Day)!.Value;
        Assert.Equal(TimeSpan.FromMinutes(5).TotalSeconds * factor, delay.TotalSeconds, 2);
    }

    [Fact]
    public void Retry_after_replaces_the_schedule_up_to_its_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), WebhookRetryPolicy.NextDelay(1, Default, 0.1, 0.9, TimeSpan.FromSeconds(120), Day));
        Assert.Equal(TimeSpan.FromSeconds(1), WebhookRetryPolicy.NextDelay(3, Default, 0.1, 0.9, TimeSpan.FromSeconds(1), Day));
        Assert.Equal(Day, WebhookRetryPolicy.NextDelay(1, Default, 0.1, 0.9, TimeSpan.FromDays(30), Day));
        Assert.Equal(TimeSpan.Zero, WebhookRetryPolicy.NextDelay(1, Default, 0.1, 0.9, TimeSpan.FromSeconds(-5), Day));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_an_http_date()
    {
        var now = DateTimeOffset.Parse("2026-11-23T12:00:00Z");
        Assert.Equal(TimeSpan.FromSeconds(30), WebhookRetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("30"), now));
        Assert.Equal(TimeSpan.FromMinutes(2), WebhookRetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 12:02:00 GMT"), now));
        Assert.Null(WebhookRetryPolicy.RetryAfter(null, now));
    }

    [Theory]
    [InlineData("0s,5s,5m", new[] { 0.0, 5, 300 })]
    [InlineData(" 250ms , 1.5s,1h,1d", new[] { 0.25, 1.5, 3600, 86400 })]
    public void Schedules_parse_with_units(string text, double[] seconds) =>
        Assert.Equal(seconds, WebhookRetryPolicy.ParseSchedule(text).Select(d => d.TotalSeconds));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("s")]
    [InlineData("0s,,x")]
    public void Bad_schedules_are_refused(string text) =>
        Assert.Throws<FormatException>(() => WebhookRetryPolicy.ParseSchedule(text));
}
