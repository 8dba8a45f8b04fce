namespace SmtpGen;

/// <summary>
/// A time from the settings as the runtime's timers take it (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>,
/// <see cref="Task.Delay(TimeSpan, CancellationToken)"/>, <see cref="Timer"/>): they count milliseconds up to 2^32 - 2,
/// about 49.7 days, and throw for more. A longer setting, <see cref="TimeSpan.MaxValue"/> among them, means no limit, as
/// it does for the server sessions' own deadlines, so it becomes <see cref="Timeout.InfiniteTimeSpan"/>. Compiled into
/// the server and the client alike (linked from <c>src/Shared</c>).
/// </summary>
internal static class TimerSpan
{
    /// <summary>The longest time a timer counts.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary><paramref name="value"/>, or no limit when it is longer than a timer counts.</summary>
    public static TimeSpan Of(TimeSpan value) => value > Longest ? Timeout.InfiniteTimeSpan : value;

    /// <summary><paramref name="value"/> taken <paramref name="times"/> times (at least once), or no limit when that is longer than a timer counts.</summary>
    public static TimeSpan Of(TimeSpan value, int times) => value > Longest / times ? Timeout.InfiniteTimeSpan : value * times;

    /// <summary><paramref name="value"/> and <paramref name="more"/> after it, or no limit when that is longer than a timer counts.</summary>
    public static TimeSpan Of(TimeSpan value, TimeSpan more) => value > Longest - more ? Timeout.InfiniteTimeSpan : value + more;
}
