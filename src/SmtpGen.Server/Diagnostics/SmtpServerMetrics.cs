using System.Diagnostics.Metrics;

namespace SmtpGen.Server;

/// <summary>
/// The server's counters, on the meter <c>SmtpGen.Server</c> (<see cref="MeterName"/>): sessions, messages
/// and octets received, and rejections by reply code.
/// </summary>
public sealed class SmtpServerMetrics : IDisposable
{
    /// <summary>The name of the meter the counters are on.</summary>
    public const string MeterName = "SmtpGen.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _sessions;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _rejections;
    private readonly UpDownCounter<long> _activeSessions;

    /// <summary>Creates the counters on a meter of their own, or one from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory, or null for a meter of its own.</param>
    public SmtpServerMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _sessions = _meter.CreateCounter<long>("smtpgen.server.sessions", "{session}", "Sessions accepted.");
        _activeSessions = _meter.CreateUpDownCounter<long>("smtpgen.server.active_sessions", "{session}", "Sessions being served.");
        _messages = _meter.CreateCounter<long>("smtpgen.server.messages", "{message}", "Messages stored and acknowledged with 250.");
        _bytes = _meter.CreateCounter<long>("smtpgen.server.bytes", "By", "Octets of stored messages.");
        _rejections = _meter.CreateCounter<long>("smtpgen.server.rejections", "{reply}", "Negative replies sent, by code.");
    }

    internal void SessionStarted()
    {
        _sessions.Add(1);
        _activeSessions.Add(1);
    }

    internal void SessionEnded() => _activeSessions.Add(-1);

    internal void MessageStored(long octets)
    {
        _messages.Add(1);
        _bytes.Add(octets);
    }

    internal void Rejected(int code) => _rejections.Add(1, new KeyValuePair<string, object?>("smtp.reply_code", code));

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
