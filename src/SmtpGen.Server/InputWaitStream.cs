namespace SmtpGen.Server;

/// <summary>
/// The stream a session's read pipe reads from. The pipe waits for input with a zero-byte read before it takes a read
/// buffer, so that a session waiting for its client holds none (<see cref="SocketTransport"/>). That wait costs a system
/// call of its own on every read, and it pays only where the wait may be long: between transactions, where a client
/// may say nothing for minutes. Inside a transaction the client's next line comes within a round trip, so there
/// <see cref="WaitsWithoutBuffer"/> is off and the zero-byte read returns at once: the pipe reads straight into a buffer.
/// </summary>
internal sealed class InputWaitStream(Stream inner) : Stream
{
    /// <summary>Whether a zero-byte read waits for input; the session sets it before each read.</summary>
    public bool WaitsWithoutBuffer { get; set; } = true;

    public override bool CanRead => true;

    public override bool CanWrite => false;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        buffer.IsEmpty && !WaitsWithoutBuffer ? ValueTask.FromResult(0) : inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
