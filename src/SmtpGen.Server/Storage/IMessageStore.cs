namespace SmtpGen.Server;

/// <summary>
/// Where a server puts the messages it receives: the message handler. The server acknowledges the end of
/// the data with 250 only after <see cref="IMessageWriter.CommitAsync"/> has returned, so a committed
/// message must survive a crash; a writer disposed without a commit must leave nothing behind. A store that fails
/// throws: an <see cref="IOException"/> with the system's disk-full or quota error as its
/// <see cref="Exception.HResult"/> (as .NET's file APIs throw it) gets 452 4.3.1, any other exception 451 4.3.0. A
/// store that refuses a message (a virus, a recipient's quota) throws <see cref="MessageRefusedException"/> with the
/// reply the client gets.
/// </summary>
public interface IMessageStore
{
    /// <summary>Starts storing a message, when the server is about to answer DATA with 354.</summary>
    /// <param name="envelope">The message's envelope.</param>
    /// <param name="cancellationToken">Cancelled when the server stops and its grace period (<see cref="SmtpServerOptions.StopGracePeriod"/>) has passed; a message not committed by then is given up.</param>
    /// <returns>The writer that receives the message's octets.</returns>
    ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the store and its writers never block a thread (no synchronous file or network I/O, no lock held for long):
    /// such a store is called on whatever thread the session runs on, the socket engine's own included (with
    /// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>); any other is called on the thread pool. Default: false.
    /// </summary>
    bool NeverBlocks => false;
}

/// <summary>Receives one message's octets, dot-unstuffed, exactly as they will be stored.</summary>
public interface IMessageWriter : IAsyncDisposable
{
    /// <summary>
    /// The id the store gives the message, known from <see cref="IMessageStore.BeginAsync"/> on: the server's 250 to the end
    /// of the data carries it (<c>250 2.0.0 OK: queued as ID</c>) and so does its log line, as Postfix's queue id ties the two.
    /// One to 200 octets of printable characters without spaces (<c>1*VCHAR</c>, or UTF-8), unique in the store; the
    /// Maildir store's is the message's file name. An id that a reply cannot carry makes DATA fail with 451, nothing stored.
    /// </summary>
    string Id { get; }

    /// <summary>Appends octets to the message.</summary>
    /// <param name="data">The next octets of the message.</param>
    /// <param name="cancellationToken">Cancelled when the server stops and its grace period (<see cref="SmtpServerOptions.StopGracePeriod"/>) has passed; a message not committed by then is given up.</param>
    /// <returns>A task that completes when the octets are taken.</returns>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Makes the message durable and visible; the server then says 250.</summary>
    /// <param name="cancellationToken">Cancelled when the server stops and its grace period (<see cref="SmtpServerOptions.StopGracePeriod"/>) has passed; a message not committed by then is given up.</param>
    /// <returns>Where the message is, e.g. its file name, for the 250 reply's log and for callers.</returns>
    ValueTask<string> CommitAsync(CancellationToken cancellationToken);
}
