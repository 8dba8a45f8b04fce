namespace SmtpGen.Server;

/// <summary>
/// The connection under a TLS stream: the network stream as it is, except that while <see cref="Handshaking"/> the
/// caller of each read goes on on the thread pool (<see cref="PoolCompletedRead"/>). The handshake's work after a read
/// (the key exchange, the certificate's signature: a millisecond or two of CPU) then runs there, not on the socket
/// engine's thread, which the other connections share. After the handshake, reads and writes pass straight through.
/// </summary>
internal sealed class HandshakeStream(Stream inner) : Stream
{
    private readonly PoolCompletedRead _read = new();

    /// <summary>Whether reads move to the thread pool; set false once the handshake is over.</summary>
    public bool Handshaking { get; set; } = true;

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Handshaking ? _read.Start(inner, buffer, cancellationToken) : inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
