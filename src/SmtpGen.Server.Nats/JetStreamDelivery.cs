using System.Buffers;
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
/// target could deliver to no recipient for now, the message waits <see cref="JetStreamDeliveryOptions.DeferredWait"/>
/// on the stream; when it delivered to some, the rest go back on the stream as a message of their own, with the id
/// <c>ID-SEQUENCE</c> (the stream sequence of the message they were part of), and the message is acknowledged.
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

    /// <summary>The messages the target could deliver to no recipient for now, each left on the stream to be delivered again later.</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>
    /// Consumes the stream until <paramref name="cancellationToken"/> is cancelled. While JetStream does not answer (a node
    /// is down and its streams elect new leaders, the connection is reconnecting) it tries again every
    /// <see cref="RetryWait"/>; a stream that does not exist ends it.
    /// </summary>
    /// <param name="cancellationToken">Stops the delivery; a message being delivered is delivered again later.</param>
    /// <returns>A task that completes when the delivery stops.</returns>
    /// <exception cref="NatsJSApiException">The stream does not exist, or JetStream refused the consumer.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig(_options.Consumer) { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = _options.AckWait };
        while (true)
        {
            try
            {
                INatsJSConsumer consumer = await _context.CreateOrUpdateConsumerAsync(_options.Stream, config, cancellationToken).ConfigureAwait(false);
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
            catch (Exception failure) when (IsPassing(failure))
            {
                LogUnavailable(_logger, failure, RetryWait);
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
    /// Whether JetStream is only not answering for now: no reply to an API request, no responder, JetStream's 503
    /// (unavailable), or the connection between reconnections; not a stream that does not exist, a refused consumer, or
    /// the client's own refusal of what it was asked (a mistake that trying again would repeat).
    /// </summary>
    private static bool IsPassing(Exception failure) => failure switch
    {
        NatsJSApiException api => api.Error.Code == 503,
        NatsJSApiNoResponseException => true,
        NatsJSException => false,
        NatsException => true,
        _ => false,
    };

    private async Task DeliverAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        QueuedMessage? queued = Read(message);
        if (queued is null)
        {
            // Not a message a front end published: delivering it again would fail again.
            LogNotAMessage(_logger, message.Metadata?.Sequence.Stream ?? 0);
            await message.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await _target.DeliverAsync(queued, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Not acknowledged: the stream delivers it again after AckWait.
            LogFailed(_logger, failure, queued.Id);
            return;
        }

        List<string> again = [];
        foreach (RecipientFailure failure in outcome.Failures)
        {
            if (failure.Permanent)
            {
                LogRefused(_logger, queued.Id, failure.Recipient, failure.Reason);
            }
            else
            {
                LogDeferred(_logger, queued.Id, failure.Recipient, failure.Reason);
                again.Add(failure.Recipient);
            }
        }

        if (again.Count == queued.Recipients.Count)
        {
            // Delivered to no one, refused to no one: the whole message waits on the stream.
            await message.NakAsync(new AckOpts { NakDelay = _options.DeferredWait }, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _deferred);
            _metrics?.Delivered("deferred", message.Metadata?.NumDelivered ?? 1, message.Metadata?.NumPending ?? 0);
            return;
        }

        if (again.Count > 0)
        {
            await RequeueAsync(message, queued, again, cancellationToken).ConfigureAwait(false);
        }

        await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref outcome.Written ? ref _delivered : ref _repeated);
        _metrics?.Delivered(outcome.Written ? "written" : "already_delivered", message.Metadata?.NumDelivered ?? 1, message.Metadata?.NumPending ?? 0);
        LogDelivered(_logger, queued.Id, outcome.Written ? "delivered" : "was delivered already", queued.Octets.Length);
    }

    /// <summary>The message as a front end published it, or null when it is not one.</summary>
    private static QueuedMessage? Read(INatsJSMsg<byte[]> message)
    {
        if (message.Headers?.TryGetValue("Nats-Msg-Id", out var values) != true
            || !JetStreamMessage.TrySplit(message.Headers, new ReadOnlySequence<byte>(message.Data ?? []), out ReadOnlySequence<byte> envelope, out ReadOnlySequence<byte> octets))
        {
            return null;
        }

        try
        {
            return new QueuedMessage(values.ToString(), envelope.ToArray(), octets);
        }
        catch (Exception mistake) when (mistake is System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Puts the message back on the stream for <paramref name="recipients"/> only, as a message of its own whose id is the
    /// message's and its stream sequence: a delivery again of this same message puts back the same id, which the stream
    /// takes once.
    /// </summary>
    private async Task RequeueAsync(INatsJSMsg<byte[]> message, QueuedMessage queued, List<string> recipients, CancellationToken cancellationToken)
    {
        var payload = new ArrayBufferWriter<byte>();
        QueuedEnvelope.WriteFor(queued.EnvelopeJson.Span, recipients, payload);
        int envelopeLength = payload.WrittenCount;
        foreach (ReadOnlyMemory<byte> segment in queued.Octets)
        {
            payload.Write(segment.Span);
        }

        string id = $"{queued.Id}-{message.Metadata?.Sequence.Stream ?? 0}";
        PubAckResponse ack = await _context.PublishAsync(
            message.Subject, payload.WrittenMemory, opts: new NatsJSPubOpts { MsgId = id }, headers: JetStreamMessage.Headers(envelopeLength), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!ack.Duplicate)
        {
            ack.EnsureSuccess();
        }

        LogRequeued(_logger, queued.Id, recipients.Count, id);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Message {Id} {Outcome} ({Size} octets)")]
    private static partial void LogDelivered(ILogger logger, string id, string outcome, long size);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Message {Id} could not be delivered; the stream will deliver it again")]
    private static partial void LogFailed(ILogger logger, Exception failure, string id);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "JetStream does not answer; trying again in {Wait}")]
    private static partial void LogUnavailable(ILogger logger, Exception failure, TimeSpan wait);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Stream message {Sequence} is not a message a front end published (no id or envelope); dropped")]
    private static partial void LogNotAMessage(ILogger logger, ulong sequence);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Message {Id} to {Recipient} refused for good, dropped: {Reason}")]
    private static partial void LogRefused(ILogger logger, string id, string recipient, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Message {Id} to {Recipient} deferred: {Reason}")]
    private static partial void LogDeferred(ILogger logger, string id, string recipient, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Message {Id} put back on the stream for {Count} recipients as {Requeued}")]
    private static partial void LogRequeued(ILogger logger, string id, int count, string requeued);
}
