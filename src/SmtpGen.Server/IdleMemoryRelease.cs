using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server;

/// <summary>
/// Gives the memory that sessions used back to the system once the server has been without a session for a while
/// (<see cref="SmtpServerOptions.ReleaseMemoryWhenIdleFor"/>): the collector runs only when it needs memory, and a server
/// without clients allocates none, so without this the heap the last load grew would stay committed. Once a lull begins
/// (<see cref="SessionLull"/>) it runs one blocking, compacting collection in the collector's aggressive mode, which
/// decommits what the heap no longer uses. The sessions never see it: a timer reads the listener's two counters every
/// period, and the collection runs with no session served, once a lull.
/// </summary>
internal sealed class IdleMemoryRelease : IDisposable
{
    private readonly Func<(long Started, int Active)> _sessions;
    private readonly TimeSpan _period;
    private readonly ILogger _logger;
    private readonly SessionLull _lull = new();
    private readonly Timer _timer;

    /// <param name="period">How long the server must be without a session; it is told a lull between one and two periods after its last session ended.</param>
    /// <param name="sessions">The listener's counts: sessions started since it started, and sessions served now.</param>
    /// <param name="logger">Where each release is logged.</param>
    public IdleMemoryRelease(TimeSpan period, Func<(long Started, int Active)> sessions, ILogger logger)
    {
        _period = period;
        _sessions = sessions;
        _logger = logger;
        _timer = new Timer(static release => ((IdleMemoryRelease)release!).Tick(), this, TimerSpan.Of(period), TimerSpan.Of(period));
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        (long started, int active) = _sessions();
        if (!_lull.Begins(started, active))
        {
            return;
        }

        long taken = Stopwatch.GetTimestamp();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GCMemoryInfo heap = GC.GetGCMemoryInfo();
        Log.MemoryReleased(_logger, _period, heap.HeapSizeBytes / 1024, heap.TotalCommittedBytes / 1024, Stopwatch.GetElapsedTime(taken));
    }
}
