using System.Buffers;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace SmtpGen.Server.Nats;

/// <summary>
/// The delivery side of the queue: a durable pull consumer of the stream (explicit acknowledgement) hands each message to
/// a Maildir and acknowledges it only once the Maildir has it on disk. A message not acknowledged (the delivery failed,
/// or this process died) is delivered again after <see cref="JetStreamDeliveryOptions.AckWait"/>; the Maildir keeps one
/// copy per message id (<see cref="MaildirMessageStore.DeliverAsync"/>), so delivering again is safe.
/// </summary>
public sealed partial class JetStreamDelivery
{
    private readonly INatsJSContext _context;
    private readonly JetStreamDeliveryOptions _options;
    private readonly MaildirMessageStore _maildir;
    private readonly ILogger _logger;
    private readonly JetStreamMetrics? _metrics;
    private long _delivered;
    private long _repeated;

    /// <summary>Makes the delivery; <see cref="RunAsync"/> runs it.</summary>
    /// <param name="context">The JetStream context of a NATS connection.</param>
    /// <param name="options">The stream, the consumer's name and its acknowledgement wait.</param>
    /// <param name="maildir">Where the messages go.</param>
    /// <param name="logger">Logs each message delivered, and each failure; none by default.</param>
    /// <param name="metrics">Counts the deliveries, the messages delivered again and those pending; none by default.</param>
    public JetStreamDelivery(INatsJSContext context, JetStreamDeliveryOptions options, MaildirMessageStore maildir, ILogger? logger = null, JetStreamMetrics? metrics = null)
    {
        _metrics = metrics;
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(maildir);
        (_context, _options, _maildir, _logger) = (context, options, maildir, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    /// <summary>The messages written to the Maildir so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>The messages delivered again that the Maildir had already (a delivery whose acknowledgement was lost).</summary>
    public long Repeated => Interlocked.Read(ref _repeated);

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
                await foreach (INatsJSMsg<byte[]> message in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellationToken).ConfigureAwait(false))
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

    /// <summary>How long to wait before trying again while JetStream does not answer.</summary>
    private static readonly TimeSpan RetryWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether JetStream is only not answering for now: no reply to an API request, no responder, JetStream's 503
    /// (unavailable), or the connection between reconnections; not a stream that does not exist or a refused consumer.
    /// </summary>
    private static bool IsPassing(Exception failure) => failure switch
    {
        NatsJSApiException api => api.Error.Code == 503,
        NatsException => true,
        _ => false,
    };

    private async Task DeliverAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        string? id = message.Headers?.TryGetValue("Nats-Msg-Id", out var values) == true ? values.ToString() : null;
        if (id is null || !JetStreamMessage.TrySplit(message.Headers, new ReadOnlySequence<byte>(message.Data ?? []), out ReadOnlySequence<byte> envelope, out ReadOnlySequence<byte> octets))
        {
            // Not a message a front end published: delivering it again would fail again.
            LogNotAMessage(_logger, message.Metadata?.Sequence.Stream ?? 0);
            await message.AckTerminateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            bool written = await _maildir.DeliverAsync(id, envelope.ToArray(), octets, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref written ? ref _delivered : ref _repeated);
            await message.AckAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _metrics?.Delivered(written, message.Metadata?.NumDelivered ?? 1, message.Metadata?.NumPending ?? 0);
            LogDelivered(_logger, id, written ? "delivered" : "was delivered already", octets.Length);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Not acknowledged: the stream delivers it again after AckWait.
            LogFailed(_logger, failure, id);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Message {Id} {Outcome} ({Size} octets)")]
    private static partial void LogDelivered(ILogger logger, string id, string outcome, long size);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Message {Id} could not be delivered; the stream will deliver it again")]
    private static partial void LogFailed(ILogger logger, Exception failure, string id);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "JetStream does not answer; trying again in {Wait}")]
    private static partial void LogUnavailable(ILogger logger, Exception failure, TimeSpan wait);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Stream message {Sequence} is not a message a front end published (no id or envelope); dropped")]
    private static partial void LogNotAMessage(ILogger logger, ulong sequence);
}
