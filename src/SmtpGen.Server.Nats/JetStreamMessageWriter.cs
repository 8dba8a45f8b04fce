using System.Buffers;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace SmtpGen.Server.Nats;

/// <summary>
/// One message on its way to the stream: its envelope and octets gathered in memory (a message is at most
/// <see cref="JetStreamMessageStore.MaxMessageSize"/>), published as one JetStream message when it is committed.
/// </summary>
internal sealed class JetStreamMessageWriter : IMessageWriter
{
    private readonly JetStreamMessageStore _store;
    private readonly ArrayBufferWriter<byte> _payload = new();
    private readonly int _envelopeLength;

    public JetStreamMessageWriter(JetStreamMessageStore store, MessageEnvelope envelope)
    {
        _store = store;
        EnvelopeJson.Write(_payload, envelope);
        _envelopeLength = _payload.WrittenCount;
    }

    /// <summary>A version 7 UUID without dashes: unique across front ends, ordered by time, and the JetStream message's deduplication id.</summary>
    public string Id { get; } = Guid.CreateVersion7().ToString("N");

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _payload.Write(data.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Publishes the message and waits for the stream's acknowledgement; a duplicate of one already stored is stored.</summary>
    /// <returns>Where the message is: the stream and its sequence there, <c>SMTP/42</c>.</returns>
    public async ValueTask<string> CommitAsync(CancellationToken cancellationToken)
    {
        JetStreamStoreOptions options = _store.Options;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimerSpan.Of(options.PublishTimeout));
        PubAckResponse ack;
        try
        {
            // The deduplication id makes JetStream's own retries (and a retry after a lost acknowledgement) store it once.
            ack = await _store.Context.PublishAsync(
                _store.Subject,
                _payload.WrittenMemory,
                opts: new NatsJSPubOpts { MsgId = Id, RetryAttempts = int.MaxValue, RetryWaitBetweenAttempts = RetryWait },
                headers: JetStreamMessage.Headers(_envelopeLength),
                cancellationToken: deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            _store.Metrics?.PublishFailed();
            throw new TimeoutException($"The stream {options.Stream} did not acknowledge message {Id} within {options.PublishTimeout}.", exception);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _store.Metrics?.PublishFailed();
            throw;
        }

        if (!ack.Duplicate)
        {
            // A duplicate is this message already in the stream, from a publish whose acknowledgement was lost: stored all the same.
            ack.EnsureSuccess();
        }

        _store.Metrics?.Published(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return $"{ack.Stream}/{ack.Seq}";
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>How long to wait before publishing again when no JetStream server answered (one is being elected, or restarted).</summary>
    private static readonly TimeSpan RetryWait = TimeSpan.FromMilliseconds(250);
}
