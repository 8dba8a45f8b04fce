namespace SmtpGen.Server;

/// <summary>
/// Accepts every message and keeps none: a sink for load tests and benchmarks, where storage would measure
/// the disk instead of the server. Never use it where mail matters: 250 here does not mean stored.
/// </summary>
public sealed class DiscardingMessageStore : IMessageStore
{
    private static readonly IMessageWriter Writer = new DiscardingWriter();

    /// <inheritdoc/>
    /// <remarks>Keeps nothing: nothing to wait for.</remarks>
    public bool NeverBlocks => true;

    /// <inheritdoc/>
    public ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Writer);

    /// <summary>Takes the octets and forgets them.</summary>
    private sealed class DiscardingWriter : IMessageWriter
    {
        /// <summary>Every message's id, which tells the client what became of it: <c>250 2.0.0 OK: queued as discarded</c>.</summary>
        public string Id => "discarded";

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<string> CommitAsync(CancellationToken cancellationToken) => ValueTask.FromResult("discarded");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
