namespace SmtpGen.Server.Tests;

/// <summary>Where a <see cref="ThrowingStore"/> throws.</summary>
public enum StoreStage
{
    /// <summary>Opening the message, at DATA.</summary>
    Begin,

    /// <summary>Taking the message's octets.</summary>
    Write,

    /// <summary>Committing it, at the end of the data.</summary>
    Commit,
}

/// <summary>A store that throws what <paramref name="exception"/> makes at <paramref name="stage"/>, and is <paramref name="store"/> otherwise.</summary>
internal sealed class ThrowingStore(IMessageStore store, StoreStage stage, Func<Exception> exception) : IMessageStore
{
    public async ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken)
    {
        ThrowAt(StoreStage.Begin);
        return new Writer(this, await store.BeginAsync(envelope, cancellationToken));
    }

    private void ThrowAt(StoreStage now)
    {
        if (now == stage)
        {
            throw exception();
        }
    }

    private sealed class Writer(ThrowingStore store, IMessageWriter writer) : IMessageWriter
    {
        public string Id => writer.Id;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            await writer.WriteAsync(data, cancellationToken);
            store.ThrowAt(StoreStage.Write);
        }

        public ValueTask<string> CommitAsync(CancellationToken cancellationToken)
        {
            store.ThrowAt(StoreStage.Commit);
            return writer.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => writer.DisposeAsync();
    }
}
