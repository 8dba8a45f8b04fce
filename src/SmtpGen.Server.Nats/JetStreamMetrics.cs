using System.Diagnostics.Metrics;

namespace SmtpGen.Server.Nats;

/// <summary>
/// The queue's instruments, on the meter <c>SmtpGen.Server.Nats</c> (<see cref="MeterName"/>): how long a publish waits for
/// the stream's acknowledgement, the publishes that failed, the messages delivered, those delivered again, and how many
/// the delivery's consumer has still pending.
/// </summary>
public sealed class JetStreamMetrics : IDisposable
{
    /// <summary>The name of the meter the instruments are on.</summary>
    public const string MeterName = "SmtpGen.Server.Nats";

    private readonly Meter _meter;
    private readonly Histogram<double> _publishDuration;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _redeliveries;
    private long _pending;

    /// <summary>Creates the instruments on a meter of their own, or one from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory, or null for a meter of its own.</param>
    public JetStreamMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _publishDuration = _meter.CreateHistogram<double>("smtpgen.nats.publish.duration", "s", "From a message's commit to the stream's acknowledgement.");
        _publishFailures = _meter.CreateCounter<long>("smtpgen.nats.publish.failures", "{message}", "Publishes refused or timed out: the message got 451.");
        _deliveries = _meter.CreateCounter<long>("smtpgen.nats.deliveries", "{message}", "Messages the delivery handled, by outcome: written, found delivered already, refused (to every recipient), or deferred (left on the stream for later).");
        _redeliveries = _meter.CreateCounter<long>("smtpgen.nats.redeliveries", "{message}", "Messages the stream delivered more than once (an acknowledgement that did not come in time).");
        _meter.CreateObservableGauge("smtpgen.nats.pending", () => Interlocked.Read(ref _pending), "{message}", "Messages the delivery's consumer has yet to receive, as its last message said.");
    }

    internal void Published(TimeSpan duration) => _publishDuration.Record(duration.TotalSeconds);

    internal void PublishFailed() => _publishFailures.Add(1);

    /// <param name="outcome"><c>written</c>, <c>already_delivered</c>, <c>refused</c> (acknowledged, written to no one) or <c>deferred</c>.</param>
    /// <param name="again">Whether the stream delivered the message before and it was not deferred then: an acknowledgement that did not come in time.</param>
    /// <param name="pending">The messages the consumer has yet to receive.</param>
    internal void Delivered(string outcome, bool again, ulong pending)
    {
        _deliveries.Add(1, new KeyValuePair<string, object?>("smtpgen.delivery.outcome", outcome));
        if (again)
        {
            _redeliveries.Add(1);
        }

        Interlocked.Exchange(ref _pending, (long)Math.Min(pending, long.MaxValue));
    }

    /// <inheritdoc/>
    public void Dispose() => _meter.Dispose();
}
