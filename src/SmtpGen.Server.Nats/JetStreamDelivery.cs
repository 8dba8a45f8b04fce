using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace SmtpGen.Server.Nats;

/// <summary>
/// The delivery side of the queue: a durable pull consumer of the stream (explicit acknowledgement) hands each message to
/// a target (a Maildir, an LMTP server) and acknowledges it only once the target has answered for every recipient. A
/// message not acknowledged (the delivery failed, or this process died) is delivered again after
/// <see cref="JetStreamDeliveryOptions.AckWait"/>; the Maildir keeps one copy per message id, so delivering again is safe there.
/// </summary>
/// <remarks>
/// A recipient refused for good (5yz) is logged and dropped: no delivery status notification is sent for it. When the
/// target could deliver to no recipient for now (or failed with an exception), the message waits
/// <see cref="JetStreamDeliveryOptions.DeferredWait"/> on the stream; when it delivered to some, the rest go back on the
/// stream as a message of their own, with the id <c>ID-SEQUENCE</c> (the stream sequence of the message they were part
/// of), and the message is acknowledged. A message still deferred <see cref="JetStreamDeliveryOptions.GiveUpAfter"/> after
/// it was queued is dropped and logged. While the target works on a message, the stream is told every half
/// <see cref="JetStreamDeliveryOptions.AckWait"/> that it is in progress, so a slow target does not see it again.
/// </remarks>
public sealed partial class JetStreamDelivery
{
    private readonly INatsJSContext _context;
    private readonly JetStreamDeliveryOptions _options;
    private readonly IDeliveryTarget _target;
    private readonly ILogger _logger;
    private readonly JetStreamMetrics? _metrics;
    private long _delivered;
    private long _repeated;
    private long _deferred;
    private long _refused;
    private bool _duplicateWindowChecked;

    /// <summary>Makes the delivery; <see cref="RunAsync"/> runs it.</summary>
    /// <param name="context">The JetStream context of a NATS connection.</param>
    /// <param name="options">The stream, the consumer's name and its acknowledgement wait.</param>
    /// <param name="target">Where the messages go: <see cref="MaildirDeliveryTarget"/>, <see cref="LmtpDeliveryTarget"/> or one of yours.</param>
    /// <param name="logger">Logs each message delivered, and each failure; none by default.</param>
    /// <param name="metrics">Counts the deliveries, the messages delivered again and those pending; none by default.</param>
    public JetStreamDelivery(INatsJSContext context, JetStreamDeliveryOptions options, IDeliveryTarget target, ILogger? logger = null, JetStreamMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        (_context, _options, _target, _logger, _metrics) = (context, options, target, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, metrics);
    }

    /// <summary>The messages the target wrote so far (to some recipients at least).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>The messages delivered again that the target had already (a delivery whose acknowledgement was lost).</summary>
    public long Repeated => Interlocked.Read(ref _repeated);

    /// <summary>The times the target could deliver a message to no recipient for now, each time left on the stream for later.</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>The recipients refused for good (or given up on), each logged and dropped.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Consumes the stream until <paramref name="cancellationToken"/> is cancelled. While JetStream does not answer (a node
    /// is down and its streams elect new leaders, the connection is reconnecting) it tries again every
    /// <see cref="RetryWait"/>; a stream that JetStream says does not exist ends it when it still says so after
    /// <see cref="StreamNotFoundGrace"/>.
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops the delivery: no message is taken after it, and the one in hand is finished (its target's answer and its
    /// acknowledgement) within <see cref="StopGrace"/>, or left to the stream to deliver again.
    /// </param>
    /// <returns>A task that completes when the delivery stops.</returns>
    /// <exception cref="NatsJSApiException">The stream still does not exist after 30 seconds of asking, or JetStream refused the consumer.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig(_options.Consumer) { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = _options.AckWait };
        long notFoundSince = 0; // when JetStream first said, of the tries in a row, that the stream does not exist
        while (true)
        {
            try
            {
                await CheckDuplicateWindowAsync(cancellationToken).ConfigureAwait(false);
                INatsJSConsumer consumer = await _context.CreateOrUpdateConsumerAsync(_options.Stream, config, cancellationToken).ConfigureAwait(false);
                notFoundSince = 0;
                await foreach (INatsJSMsg<byte[]> message in consumer.ConsumeAsync<byte[]>(opts: ConsumeOptions, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    await DeliverAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped: what was not acknowledged is the stream's again.
                return;
            }
            catch (Exception failure) when (IsPassing(failure) || IsStreamNotFoundForNow(failure, ref notFoundSince))
            {
                if (IsStreamNotFound(failure))
                {
                    LogStreamNotFound(_logger, _options.Stream, RetryWait, StreamNotFoundGrace);
                }
                else
                {
                    // Another failure between two answers that the stream does not exist: those were not in a row.
                    notFoundSince = 0;
                    LogUnavailable(_logger, failure, RetryWait);
                }

                try
                {
                    await Task.Delay(RetryWait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Pull requests that expire after 5 seconds, with the server's heartbeat every 2: a request lost to a node's death or a
    /// reconnection is made again within seconds, where the client's default (30) would leave the delivery idle that long.
    /// At most 64 messages wait in the client's buffer (its default is 1,000): a message's acknowledgement wait runs from
    /// when the stream sends it, so a long buffer ahead of a slow target (LMTP) would see messages delivered again before
    /// their turn.
    /// </summary>
    private static NatsJSConsumeOpts ConsumeOptions => new() { MaxMsgs = 64, Expires = TimeSpan.FromSeconds(5), IdleHeartbeat = TimeSpan.FromSeconds(2) };

    /// <summary>How long to wait before trying again while JetStream does not answer.</summary>
    private static readonly TimeSpan RetryWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the delivery asks again for a stream that JetStream says does not exist before it ends: 30 seconds. A
    /// cluster that has just lost a node can say so of a stream that exists while it settles (the failover test saw the
    /// consumer's creation refused with "stream not found" for its stream of three replicas, one of them just killed);
    /// a stream that is not there ends the delivery after it.
    /// </summary>
    internal TimeSpan StreamNotFoundGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>JetStream's error code for a stream that does not exist (<c>JSStreamNotFoundErr</c>).</summary>
    private const int StreamNotFound = 10059;

    /// <summary>Whether <paramref name="failure"/> is JetStream's answer that the stream does not exist.</summary>
    private static bool IsStreamNotFound(Exception failure) => failure is NatsJSApiException { Error.ErrCode: StreamNotFound };

    /// <summary>
    /// Whether <paramref name="failure"/> says the stream does not exist, and the tries in a row that were told so
    /// began less than <see cref="StreamNotFoundGrace"/> ago (at <paramref name="since"/>, which a first one sets).
    /// </summary>
    private bool IsStreamNotFoundForNow(Exception failure, ref long since)
    {
        if (!IsStreamNotFound(failure))
        {
            return false;
        }

        long now = Stopwatch.GetTimestamp();
        since = since == 0 ? now : since;
        return Stopwatch.GetElapsedTime(since, now) < StreamNotFoundGrace;
    }

    /// <summary>
    /// Whether JetStream is only not answering for now: no reply to an API request, no responder, JetStream's 503
    /// (unavailable), or the connection between reconnections; not a stream that does not exist (which
    /// <see cref="IsStreamNotFoundForNow"/> judges), a refused consumer, or the client's own refusal of what it was asked
    /// (a mistake that trying again would repeat).
    /// </summary>
    private static bool IsPassing(Exception failure) => failure switch
    {
        NatsJSApiException api => api.Error.Code == 503,
        NatsJSApiNoResponseException or NatsJSPublishNoResponseException or NatsJSTimeoutException or NatsJSConnectionException => true,
        NatsJSException => false,
        NatsException => true,
        _ => false,
    };

    /// <summary>
    /// Warns, once, when a message may wait on the stream longer than the stream remembers its ids: a message put back for
    /// the recipients left (<c>ID-SEQUENCE</c>) is then no longer deduplicated when its message comes again.
    /// </summary>
    private async Task CheckDuplicateWindowAsync(CancellationToken cancellationToken)
    {
        if (_duplicateWindowChecked)
        {
            return;
        }

        INatsJSStream stream = await _context.GetStreamAsync(_options.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stream.Info.Config.DuplicateWindow is { } window && window > TimeSpan.Zero && _options.AckWait >= window)
        {
            LogDuplicateWindow(_logger, _options.Stream, window, _options.AckWait);
        }

        _duplicateWindowChecked = true;
    }
}
