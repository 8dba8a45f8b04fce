namespace SmtpGen.Benchmarks.Peers;

/// <summary>
/// An in-memory stand-in for a connection to an SMTP server: it greets, and answers each complete command line a
/// client writes with the reply its script holds for the command's verb (its first four octets, upper case). Reads and writes are
/// synchronous copies, so a client measured over it spends its time in its own reading, writing and parsing.
/// It can be reused for the next session with <see cref="Reset"/>; disposing it does nothing.
/// </summary>
public sealed class ScriptedServerStream : Stream
{
    private readonly byte[] _greeting;
    private readonly Dictionary<uint, byte[]> _replies;
    private readonly byte[] _command = new byte[512];
    private int _commandLength;
    private readonly byte[] _pending = new byte[4096];
    private int _pendingStart;
    private int _pendingEnd;
    private bool _lastWasCr;

    public ScriptedServerStream(byte[] greeting, IReadOnlyDictionary<string, byte[]> replies)
    {
        _greeting = greeting;
        _replies = replies.ToDictionary(r => Verb(System.Text.Encoding.ASCII.GetBytes(r.Key)), r => r.Value);
        Reset();
    }

    /// <summary>Starts a new session: the greeting is the next thing to read.</summary>
    public void Reset()
    {
        _pendingStart = 0;
        _pendingEnd = 0;
        _commandLength = 0;
        _lastWasCr = false;
        Queue(_greeting);
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int length = Math.Min(buffer.Length, _pendingEnd - _pendingStart);
        if (length == 0)
        {
            throw new InvalidOperationException("The client reads a reply to a command it has not sent.");
        }

        _pending.AsSpan(_pendingStart, length).CopyTo(buffer);
        _pendingStart += length;
        return length;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Each CRLF the client writes ends a command, which the next reply of the script answers.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (byte octet in buffer)
        {
            if (_commandLength < _command.Length)
            {
                _command[_commandLength++] = octet;
            }

            if (_lastWasCr && octet == (byte)'\n')
            {
                uint verb = Verb(_command.AsSpan(0, _commandLength));
                _commandLength = 0;
                Queue(_replies.TryGetValue(verb, out byte[]? reply) ? reply : "500 5.5.1 Syntax error, command unrecognized\r\n"u8.ToArray());
            }

            _lastWasCr = octet == (byte)'\r';
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // Reused across sessions: a client that disposes its stream on disconnect does not end the benchmark's.
        // (Stream keeps no state of its own that disposing would end.)
        base.Dispose(disposing);
    }

    private static uint Verb(ReadOnlySpan<byte> line) =>
        line.Length < 4 ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(line) & 0xDFDFDFDF;

    private void Queue(byte[] reply)
    {
        if (_pendingStart == _pendingEnd)
        {
            _pendingStart = 0;
            _pendingEnd = 0;
        }

        reply.CopyTo(_pending.AsSpan(_pendingEnd));
        _pendingEnd += reply.Length;
    }
}
