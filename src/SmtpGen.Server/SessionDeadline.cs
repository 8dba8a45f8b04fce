using System.Diagnostics;

namespace SmtpGen.Server;

/// <summary>
/// The deadline of a session's wait: for its client (the command timeout, the data's), or for a policy hook's or the user
/// store's answer (<see cref="SmtpServerOptions.PolicyTimeout"/>), one at a time, enforced by the listener's
/// <see cref="Heartbeat"/>: the token of the wait is cancelled at the first tick past the deadline, or at once when the
/// server stops.
/// </summary>
/// <remarks>
/// The heartbeat takes a passed deadline (swaps it for <see cref="None"/>) before it cancels, so a wait that ended just as
/// its deadline passed finds it taken when it stops, and the next wait gets a new token rather than that cancellation.
/// Only those rare paths lock; starting and stopping a wait write a timestamp. The heartbeat reads the deadline before
/// the token's source, and <see cref="Start"/> writes them the other way round, so the source it cancels is the one of
/// the wait whose deadline it took, unless the session has already put that one aside.
/// </remarks>
internal sealed class SessionDeadline : IDisposable
{
    /// <summary>No wait is running.</summary>
    private const long None = long.MaxValue;

    private readonly Heartbeat _heartbeat;
    private readonly CancellationToken _stopping;
    private readonly Lock _cancelling = new();
    private CancellationTokenSource _source;

    /// <summary>When the running wait times out, a <see cref="Stopwatch"/> timestamp; <see cref="None"/> when none runs.</summary>
    private long _expiresAt = None;

    /// <summary>Whether the heartbeat took the last wait's deadline: its token is cancelled, or about to be.</summary>
    private bool _taken;

    private bool _disposed;

    public SessionDeadline(Heartbeat heartbeat, CancellationToken stopping)
    {
        _heartbeat = heartbeat;
        _stopping = stopping;
        _source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        heartbeat.Add(this);
    }

    /// <summary>Starts a wait of at most <paramref name="wait"/> from <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    /// <returns>The token that cancels the wait when it times out or the server stops.</returns>
    public CancellationToken Start(long startedAt, TimeSpan wait)
    {
        if (_taken && !_stopping.IsCancellationRequested)
        {
            lock (_cancelling)
            {
                _source.Dispose();
                Volatile.Write(ref _source, CancellationTokenSource.CreateLinkedTokenSource(_stopping));
            }
        }

        _taken = false;
        // A wait too long to count (TimeSpan.MaxValue) never times out: it ends just short of None.
        double waitTicks = wait.TotalSeconds * Stopwatch.Frequency;
        Volatile.Write(ref _expiresAt, waitTicks < None - startedAt ? startedAt + (long)waitTicks : None - 1);
        return _source.Token;
    }

    /// <summary>Ends the running wait: the client was in time (or the heartbeat took the deadline just now).</summary>
    public void Stop() => _taken = Interlocked.Exchange(ref _expiresAt, None) == None;

    /// <summary>The heartbeat's check: cancels the running wait when its deadline is past <paramref name="now"/>.</summary>
    public void CancelIfPassed(long now)
    {
        long expiresAt = Volatile.Read(ref _expiresAt);
        CancellationTokenSource source = Volatile.Read(ref _source);
        if (now < expiresAt || Interlocked.CompareExchange(ref _expiresAt, None, expiresAt) != expiresAt)
        {
            return;
        }

        lock (_cancelling)
        {
            if (!_disposed && source == _source)
            {
                source.Cancel();
            }
        }
    }

    public void Dispose()
    {
        _heartbeat.Remove(this);
        lock (_cancelling)
        {
            _disposed = true;
            _source.Dispose();
        }
    }
}
