using System.Net;
using System.Runtime.InteropServices;

namespace SmtpGen.Server;

/// <summary>What <see cref="ClientAddressLimits.Admit"/> decided about a connection.</summary>
internal enum ClientAddressAdmission
{
    /// <summary>The connection may start a session.</summary>
    Admitted,

    /// <summary>Its address has <see cref="SmtpServerOptions.MaxSessionsPerAddress"/> sessions already.</summary>
    TooManySessions,

    /// <summary>Its address opened more than <see cref="SmtpServerOptions.MaxConnectionRatePerAddress"/> connections in the interval.</summary>
    TooManyConnections,
}

/// <summary>
/// The limits of one client address, as Postfix's anvil(8) keeps them: sessions at once, and connections in an interval that
/// begins with the address's first connection. Only the accept loop calls <see cref="Admit"/>, one connection after another,
/// so the table of addresses needs no lock; a session that ends gives its place back on its own counter, from any thread,
/// with one atomic decrement. An address with no session and whose interval has passed is forgotten by the sweep that
/// <see cref="Admit"/> runs once an interval, so the table holds the addresses of the sessions served and of the
/// connections of the last two intervals at most.
/// </summary>
internal sealed class ClientAddressLimits
{
    private readonly Dictionary<IPAddress, Counter> _counters = [];
    private readonly int _maxSessions;
    private readonly int _maxConnections;
    private readonly long _intervalMilliseconds;
    private readonly IReadOnlyList<IPNetwork> _exemptions;
    private long _nextSweep;

    public ClientAddressLimits(SmtpServerOptions options)
    {
        _maxSessions = options.MaxSessionsPerAddress;
        _maxConnections = options.MaxConnectionRatePerAddress;
        _intervalMilliseconds = (long)options.ConnectionRateInterval.TotalMilliseconds;
        _exemptions = [.. options.ConnectionLimitExemptions];
    }

    /// <summary>How many addresses the table holds: what the sweep keeps bounded.</summary>
    public int TrackedAddresses => _counters.Count;

    /// <summary>
    /// Counts a new connection from <paramref name="remote"/> and decides whether it may start a session; when it may, and
    /// its address is counted, <paramref name="counter"/> is where the session ends (<see cref="Counter.SessionEnded"/>).
    /// Called by the accept loop only.
    /// </summary>
    public ClientAddressAdmission Admit(EndPoint? remote, out Counter? counter)
    {
        counter = null;
        if ((_maxSessions == 0 && _maxConnections == 0) || remote is not IPEndPoint { Address: IPAddress raw })
        {
            return ClientAddressAdmission.Admitted;
        }

        IPAddress address = ClientEndPoint.Unmapped(raw);
        if (IsExempt(address))
        {
            return ClientAddressAdmission.Admitted;
        }

        long now = Environment.TickCount64;
        SweepIfDue(now);
        ref Counter? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_counters, address, out _);
        Counter entry = slot ??= new Counter(now);
        if (now - entry.IntervalStart >= _intervalMilliseconds)
        {
            entry.IntervalStart = now;
            entry.Connections = 0;
        }

        entry.Connections++;
        if (_maxConnections > 0 && entry.Connections > _maxConnections)
        {
            return ClientAddressAdmission.TooManyConnections;
        }

        if (_maxSessions > 0 && entry.Sessions >= _maxSessions)
        {
            return ClientAddressAdmission.TooManySessions;
        }

        entry.SessionStarted();
        counter = entry;
        return ClientAddressAdmission.Admitted;
    }

    private bool IsExempt(IPAddress address)
    {
        foreach (IPNetwork network in _exemptions)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Forgets the addresses with no session whose interval has passed, once an interval. A session count seen at 0 here
    /// stays 0: only <see cref="Admit"/>, on this same loop, raises it.
    /// </summary>
    private void SweepIfDue(long now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + _intervalMilliseconds;
        foreach ((IPAddress address, Counter counter) in _counters)
        {
            if (counter.Sessions == 0 && now - counter.IntervalStart >= _intervalMilliseconds)
            {
                _counters.Remove(address);
            }
        }
    }

    /// <summary>What is counted of one client address.</summary>
    internal sealed class Counter(long intervalStart)
    {
        private int _sessions;

        /// <summary>When the current interval began (<see cref="Environment.TickCount64"/>); the accept loop's alone.</summary>
        public long IntervalStart { get; set; } = intervalStart;

        /// <summary>The connections opened in the current interval; the accept loop's alone.</summary>
        public int Connections { get; set; }

        /// <summary>The address's sessions being served.</summary>
        public int Sessions => Volatile.Read(ref _sessions);

        public void SessionStarted() => Interlocked.Increment(ref _sessions);

        /// <summary>Gives the session's place back; called once when a session admitted on this counter ends.</summary>
        public void SessionEnded() => Interlocked.Decrement(ref _sessions);
    }
}
