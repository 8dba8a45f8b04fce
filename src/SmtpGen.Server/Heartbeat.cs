using System.Collections.Concurrent;
using System.Diagnostics;

namespace SmtpGen.Server;

/// <summary>
/// One timer for every session of a listener, as Kestrel's heartbeat: each tick cancels the waits whose deadline has
/// passed (<see cref="SessionDeadline"/>). A session then only writes a timestamp before it waits for its client, where it
/// would otherwise re-arm a timer of its own for each read (two changes of the runtime's timer queue, under its lock), and
/// an idle session holds no timer.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly ConcurrentDictionary<SessionDeadline, bool> _deadlines = new();
    private readonly Timer _timer;

    /// <summary>Starts ticking every <paramref name="period"/>.</summary>
    public Heartbeat(TimeSpan period)
    {
        _timer = new Timer(static heartbeat => ((Heartbeat)heartbeat!).Tick(), this, period, period);
    }

    /// <summary>
    /// The period for <paramref name="options"/>: a timeout fires up to one period late, so a tenth of the shortest
    /// timeout, between 10 ms and a second (Kestrel's).
    /// </summary>
    public static TimeSpan PeriodFor(SmtpServerOptions options) =>
        Clamp(TimeSpan.FromTicks(Math.Min(Math.Min(options.CommandTimeout.Ticks, options.DataTimeout.Ticks), options.PolicyTimeout.Ticks) / 10), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

    public void Add(SessionDeadline deadline) => _deadlines.TryAdd(deadline, true);

    public void Remove(SessionDeadline deadline) => _deadlines.TryRemove(deadline, out _);

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        long now = Stopwatch.GetTimestamp();
        foreach (KeyValuePair<SessionDeadline, bool> entry in _deadlines)
        {
            entry.Key.CancelIfPassed(now);
        }
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
