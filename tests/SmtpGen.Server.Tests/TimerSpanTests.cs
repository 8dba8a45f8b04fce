namespace SmtpGen.Server.Tests;

/// <summary>Times from the settings as the runtime's timers take them: up to 49.7 days as they are, longer ones as no limit.</summary>
public sealed class TimerSpanTests
{
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    [Fact]
    public void A_time_a_timer_counts_is_kept_and_a_longer_one_is_no_limit()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), TimerSpan.Of(TimeSpan.FromSeconds(5)));
        Assert.Equal(Longest, TimerSpan.Of(Longest));
        Assert.Equal(Timeout.InfiniteTimeSpan, TimerSpan.Of(Longest + TimeSpan.FromMilliseconds(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, TimerSpan.Of(TimeSpan.MaxValue));
        using var cancelled = new CancellationTokenSource();
        cancelled.CancelAfter(TimerSpan.Of(TimeSpan.MaxValue));
        Assert.False(cancelled.IsCancellationRequested);
    }

    [Fact]
    public void A_time_taken_many_times_is_no_limit_once_the_product_is_too_long_even_past_what_a_TimeSpan_holds()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), TimerSpan.Of(TimeSpan.FromSeconds(1), 3));
        Assert.Equal(Timeout.InfiniteTimeSpan, TimerSpan.Of(TimeSpan.FromDays(30), 2));
        Assert.Equal(Timeout.InfiniteTimeSpan, TimerSpan.Of(TimeSpan.MaxValue, 2));
    }

    [Fact]
    public void A_time_and_more_after_it_is_no_limit_once_the_sum_is_too_long_even_past_what_a_TimeSpan_holds()
    {
        Assert.Equal(TimeSpan.FromSeconds(9), TimerSpan.Of(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4)));
        Assert.Equal(Timeout.InfiniteTimeSpan, TimerSpan.Of(Longest, TimeSpan.FromMilliseconds(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, TimerSpan.Of(TimeSpan.MaxValue, TimeSpan.FromSeconds(4)));
    }
}
