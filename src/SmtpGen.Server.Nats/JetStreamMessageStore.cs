using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace SmtpGen.Server.Nats;

/// <summary>
/// Keeps received messages on a NATS JetStream stream, for a tier of SMTP front ends that share one replicated queue: each
/// message and its envelope go as one JetStream message (<see cref="JetStreamMessage"/>) with the message's id as its
/// deduplication id, and the server's 250 waits for the stream's acknowledgement, which a stream with replicas gives once
/// a quorum of them has the message. A publish that fails or times out makes the server answer 451; nothing of the
/// message was acknowledged, and were it stored after all, its id keeps a retried publish of it from storing it twice.
/// </summary>
/// <example>
/// <code>
/// await using var nats = new NatsConnection(new NatsOpts { Url = "nats://127.0.0.1:4222" });
/// var store = await JetStreamMessageStore.OpenAsync(new NatsJSContext(nats), new JetStreamStoreOptions { Stream = "SMTP" });
/// var options = new SmtpServerOptions { MaxMessageSize = store.MaxMessageSize };
/// await using var listener = new SmtpListener(options, store);
/// listener.Start();
/// </code>
/// </example>
public sealed class JetStreamMessageStore : IMessageStore
{
    private JetStreamMessageStore(INatsJSContext context, JetStreamStoreOptions options, string subject, long maxMessageSize, JetStreamMetrics? metrics)
    {
        Metrics = metrics;
        Context = context;
        Options = options;
        Subject = subject;
        MaxMessageSize = maxMessageSize;
    }

    /// <summary>
    /// The largest message the stream can take with its envelope: the stream's largest message, or the NATS server's
    /// largest payload when smaller, less <see cref="JetStreamStoreOptions.EnvelopeAllowance"/>. Give it to
    /// <see cref="SmtpServerOptions.MaxMessageSize"/> (or less), so that a larger message is refused at MAIL's SIZE or with
    /// 552 during its data, never at the publish.
    /// </summary>
    public long MaxMessageSize { get; }

    internal INatsJSContext Context { get; }

    internal JetStreamStoreOptions Options { get; }

    /// <summary>Where each publish's wait and failure is counted; none when null.</summary>
    internal JetStreamMetrics? Metrics { get; }

    /// <summary>The subject the messages are published on.</summary>
    public string Subject { get; }

    /// <summary>Opens the store on an existing stream, which tells the largest message it takes.</summary>
    /// <param name="context">The JetStream context of a NATS connection.</param>
    /// <param name="options">The stream, the subject and the publish's timeout.</param>
    /// <param name="metrics">Counts each publish's wait for its acknowledgement, and each failure; none by default.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidOperationException">
    /// The stream's messages are too small for an envelope and a message, or no subject is given and the stream has not
    /// exactly one without wildcards.
    /// </exception>
    /// <exception cref="NatsJSApiException">The stream does not exist, or JetStream refused the look-up.</exception>
    public static async Task<JetStreamMessageStore> OpenAsync(INatsJSContext context, JetStreamStoreOptions options, JetStreamMetrics? metrics = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        INatsJSStream stream = await context.GetStreamAsync(options.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        StreamConfig config = stream.Info.Config;
        long payload = context.Connection.ServerInfo?.MaxPayload ?? DefaultMaxPayload;
        long largest = config.MaxMsgSize > 0 ? Math.Min(config.MaxMsgSize, payload) : payload;
        long maxMessageSize = largest - options.EnvelopeAllowance;
        if (maxMessageSize <= 0)
        {
            throw new InvalidOperationException(
                $"The stream {options.Stream} takes messages of at most {largest} octets, less than the {options.EnvelopeAllowance} octets allowed for an envelope.");
        }

        string subject = options.Subject
            ?? (config.Subjects is { Count: 1 } subjects && subjects.Single() is string only && !only.Contains('*', StringComparison.Ordinal) && !only.Contains('>', StringComparison.Ordinal)
                ? only
                : throw new InvalidOperationException($"The stream {options.Stream} has not one subject without wildcards: name the subject to publish on."));
        return new JetStreamMessageStore(context, options, subject, maxMessageSize, metrics);
    }

    /// <inheritdoc/>
    /// <remarks>Gathers a message in memory and publishes it asynchronously.</remarks>
    public bool NeverBlocks => true;

    /// <inheritdoc/>
    public ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ValueTask.FromResult<IMessageWriter>(new JetStreamMessageWriter(this, envelope));
    }

    /// <summary>NATS's default largest payload (1 MiB), for a connection that has not said its own.</summary>
    private const long DefaultMaxPayload = 1024 * 1024;
}
