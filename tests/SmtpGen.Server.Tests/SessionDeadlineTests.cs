using System.Diagnostics;

namespace SmtpGen.Server.Tests;

/// <summary>
/// The deadline of a session's wait, which the listener's heartbeat enforces; here the heartbeat's checks are made by hand
/// (its own timer would tick only after an hour), so each race is played in a fixed order.
/// </summary>
public sealed class SessionDeadlineTests : IDisposable
{
    private readonly Heartbeat _heartbeat = new(TimeSpan.FromHours(1));
    private readonly CancellationTokenSource _stopping = new();

    public void Dispose()
    {
        _heartbeat.Dispose();
        _stopping.Dispose();
    }

    [Fact]
    public void A_wait_is_cancelled_at_the_first_check_past_its_deadline_and_not_before()
    {
        using var deadline = new SessionDeadline(_heartbeat, _stopping.Token);
        long start = Stopwatch.GetTimestamp();
        CancellationToken wait = deadline.Start(start, TimeSpan.FromSeconds(1));

        deadline.CancelIfPassed(start + Stopwatch.Frequency / 2);
        Assert.False(wait.IsCancellationRequested);

        deadline.CancelIfPassed(start + Stopwatch.Frequency);
        Assert.True(wait.IsCancellationRequested);
    }

    [Fact]
    public void A_wait_that_ended_in_time_is_not_cancelled_by_a_later_check()
    {
        using var deadline = new SessionDeadline(_heartbeat, _stopping.Token);
        long start = Stopwatch.GetTimestamp();
        CancellationToken wait = deadline.Start(start, TimeSpan.FromSeconds(1));
        deadline.Stop();

        deadline.CancelIfPassed(start + 2 * Stopwatch.Frequency);
        Assert.False(wait.IsCancellationRequested);
    }

    [Fact]
    public void A_wait_that_ended_just_as_the_heartbeat_took_its_deadline_leaves_the_next_wait_a_token_of_its_own()
    {
        using var deadline = new SessionDeadline(_heartbeat, _stopping.Token);
        long start = Stopwatch.GetTimestamp();
        CancellationToken first = deadline.Start(start, TimeSpan.FromSeconds(1));
        deadline.CancelIfPassed(start + 2 * Stopwatch.Frequency);
        deadline.Stop();

        CancellationToken next = deadline.Start(start + 2 * Stopwatch.Frequency, TimeSpan.FromSeconds(1));
        Assert.True(first.IsCancellationRequested);
        Assert.False(next.IsCancellationRequested);
    }

    [Fact]
    public void A_wait_too_long_to_count_does_not_overflow_into_the_past()
    {
        using var deadline = new SessionDeadline(_heartbeat, _stopping.Token);
        CancellationToken wait = deadline.Start(Stopwatch.GetTimestamp(), TimeSpan.MaxValue);
        deadline.CancelIfPassed(long.MaxValue - 2);
        Assert.False(wait.IsCancellationRequested);
    }

    [Fact]
    public void The_servers_stop_cancels_a_wait_at_once()
    {
        using var deadline = new SessionDeadline(_heartbeat, _stopping.Token);
        CancellationToken wait = deadline.Start(Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(5));
        _stopping.Cancel();
        Assert.True(wait.IsCancellationRequested);
    }

    [Theory]
    [InlineData(300, 30)]
    [InlineData(50, 10)]
    [InlineData(300_000, 1000)]
    public void The_heartbeat_ticks_at_a_tenth_of_the_shortest_timeout_between_10_ms_and_a_second(int timeoutMs, int periodMs)
    {
        var options = new SmtpServerOptions { CommandTimeout = TimeSpan.FromMinutes(5), DataTimeout = TimeSpan.FromMilliseconds(timeoutMs) };
        Assert.Equal(TimeSpan.FromMilliseconds(periodMs), Heartbeat.PeriodFor(options));
    }
}
