using System.Collections.Concurrent;

namespace SmtpGen.Server;

/// <summary>Keeps received messages in memory, for tests and for programs that handle mail themselves.</summary>
public sealed class MemoryMessageStore : IMessageStore
{
    private readonly ConcurrentQueue<StoredMessage> _messages = new();
    private long _count;

    /// <summary>The committed messages, oldest first.</summary>
    public IReadOnlyCollection<StoredMessage> Messages => _messages;

    /// <inheritdoc/>
    /// <remarks>Memory only.</remarks>
    public bool NeverBlocks => true;

    /// <inheritdoc/>
    public ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        string id = Interlocked.Increment(ref _count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.FromResult<IMessageWriter>(new Writer(this, id, envelope));
    }

    /// <summary>Buffers one message until it is committed.</summary>
    private sealed class Writer(MemoryMessageStore store, string id, MessageEnvelope envelope) : IMessageWriter
    {
        private readonly MemoryStream _data = new();

        /// <summary>The message's number in its store: messages begun are numbered from 1, whether or not they are committed.</summary>
        public string Id => id;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            _data.Write(data.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<string> CommitAsync(CancellationToken cancellationToken)
        {
            store._messages.Enqueue(new StoredMessage(id, envelope, _data.ToArray()));
            return ValueTask.FromResult(id);
        }

        public ValueTask DisposeAsync() => _data.DisposeAsync();
    }
}

/// <summary>A message kept by a <see cref="MemoryMessageStore"/>.</summary>
/// <param name="Id">The message's number in its store, its id in the server's 250 reply.</param>
/// <param name="Envelope">Its envelope.</param>
/// <param name="Data">Its octets, as received after dot-unstuffing.</param>
public sealed record StoredMessage(string Id, MessageEnvelope Envelope, byte[] Data);
