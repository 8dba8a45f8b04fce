using System.Buffers;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;

namespace SmtpGen.Server;

/// <summary>
/// A connection as a pair of pipes, with TCP_NODELAY on (replies are small and a pipelining client waits for
/// them) and a small send buffer, which TLS can secure mid-stream (STARTTLS), closed so that the last reply reaches
/// the client.
/// </summary>
internal sealed class SocketTransport : IDuplexPipe, IAsyncDisposable
{
    /// <summary>How long closing waits for the last reply to go out and the client to close its side.</summary>
    public static readonly TimeSpan ClosingPatience = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The system's send buffer of a connection (SO_SNDBUF; Linux doubles it for its bookkeeping). The server sends replies,
    /// a few hundred octets at a time, and the TLS handshake; left to itself, Linux grows the buffer up to <c>tcp_wmem</c>'s
    /// maximum (4 MiB) for a client that does not read, which then holds megabytes of replies in the kernel.
    /// </summary>
    private const int SendBufferSize = 8 * 1024;

    /// <summary>
    /// What the output pipe is completed with at the close: an error, so that it drops what the session left unflushed
    /// rather than write it. It is never thrown, so one instance serves every connection.
    /// </summary>
    private static readonly ObjectDisposedException Closed = new(nameof(SocketTransport));

    /// <summary>The reader's options, the same for every connection (they hold no state of one).</summary>
    private static readonly StreamPipeReaderOptions ReaderOptions =
        new(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true, useZeroByteReads: true);

    /// <summary>The writer's options, the same for every connection.</summary>
    private static readonly StreamPipeWriterOptions WriterOptions = new(leaveOpen: true);

    private readonly Socket _socket;
    private readonly NetworkStream _network;

    /// <summary>Whether the client sends nothing more: see <see cref="ClientHasFinished"/>.</summary>
    private bool _clientHasFinished;

    public SocketTransport(Socket socket)
    {
        _socket = socket;
        _network = new NetworkStream(socket, ownsSocket: true);
        (Input, Output) = CreatePipes(_network);
        try
        {
            socket.NoDelay = true;
            socket.SendBufferSize = SendBufferSize;
        }
        catch (SocketException)
        {
            // The client has reset the connection already; the first read will say so.
        }
    }

    public PipeReader Input { get; private set; }

    public PipeWriter Output { get; private set; }

    /// <summary>The TLS stream the pipes read and write once the connection is secure; null before.</summary>
    public SslStream? Tls { get; private set; }

    /// <summary>
    /// Secures the connection with TLS: the server's side of the handshake, then pipes that read and write through it.
    /// Input buffered before the handshake is dropped unread with the plaintext pipe: octets a client sent in plaintext
    /// after STARTTLS must never be taken as commands of the secure session (RFC 3207 §5, CVE-2011-0411). Whatever the
    /// session meant to send in plaintext (the 220) must be flushed before.
    /// </summary>
    /// <param name="options">The server's certificate and the TLS settings.</param>
    /// <param name="cancellationToken">Bounds the handshake.</param>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed.</exception>
    /// <exception cref="IOException">The connection broke during the handshake.</exception>
    public async ValueTask StartTlsAsync(SslServerAuthenticationOptions options, CancellationToken cancellationToken)
    {
        await Input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        var handshaking = new HandshakeStream(_network);
        var tls = new SslStream(handshaking, leaveInnerStreamOpen: true);
        Tls = tls;
        (Input, Output) = CreatePipes(tls);
        try
        {
            await tls.AuthenticateAsServerAsync(options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            handshaking.Handshaking = false;
        }
    }

    /// <summary>
    /// The pipes over the connection. The reader waits for input with a zero-byte read before it takes a buffer, as Kestrel
    /// does: a session waiting for its client (most of them, most of the time) holds no 64 KiB read buffer.
    /// </summary>
    private static (PipeReader Input, PipeWriter Output) CreatePipes(Stream stream) =>
        (PipeReader.Create(stream, ReaderOptions), PipeWriter.Create(stream, WriterOptions));

    /// <summary>
    /// Tells the close that the client sends nothing more: it has closed its side, or its last command was QUIT with
    /// nothing after it. A plaintext connection then closes at once, without waiting for the client's end.
    /// </summary>
    public void ClientHasFinished() => _clientHasFinished = true;

    /// <summary>
    /// Closes the connection. Whatever the session left unflushed is dropped, not written: the session has
    /// flushed what it meant to send, and a client that does not read must not hold the close up. Closing a socket
    /// with unread input sends a reset that can destroy the last reply (221 or 421) in the client's receive buffer, so
    /// the send side is shut first and the client's input drained for a moment (a "lingering close", as nginx does for
    /// a client that may still be sending), unless the client has finished, none of its input is unread and there is
    /// no TLS. That wait cost about a tenth of a connection's CPU where each message comes over a connection of its
    /// own (benchmarks/e2e/README.md, "The close after QUIT").
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!CanCloseAtOnce())
        {
            await LingerAsync().ConfigureAwait(false);
        }

        if (Tls is not null)
        {
            await Tls.DisposeAsync().ConfigureAwait(false);
        }

        await _network.DisposeAsync().ConfigureAwait(false);
        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Output.CompleteAsync(Closed).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // Unflushed replies had nowhere to go.
        }
    }

    /// <summary>
    /// Whether closing sends no reset and cuts no one short: the client has finished, none of its input waits unread in
    /// the socket, and there is no TLS, whose client may still answer the server's close_notify with its own. A client
    /// that sends after its QUIT, against RFC 2920's rule that QUIT ends a group, and whose octets arrive just after
    /// this look, gets a reset with its 221.
    /// </summary>
    private bool CanCloseAtOnce()
    {
        if (!_clientHasFinished || Tls is not null)
        {
            return false;
        }

        try
        {
            return _socket.Available == 0;
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The connection is broken or closed already: there is no one to wait for.
            return true;
        }
    }

    /// <summary>
    /// Ends TLS, shuts the send side and reads the client's input until it closes its side, for at most
    /// <see cref="ClosingPatience"/>.
    /// </summary>
    private async ValueTask LingerAsync()
    {
        using var patience = new CancellationTokenSource(ClosingPatience);
        try
        {
            if (Tls is { IsAuthenticated: true })
            {
                // TLS's own end (close_notify), so that the client knows the session was not cut by a third party.
                await Tls.ShutdownAsync().WaitAsync(patience.Token).ConfigureAwait(false);
            }

            _socket.Shutdown(SocketShutdown.Send);
            byte[] drain = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                while (await _socket.ReceiveAsync(drain, SocketFlags.None, patience.Token).ConfigureAwait(false) > 0)
                {
                    // Input after the session's end is not read.
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(drain);
            }
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client reset or does not close its side: close anyway.
        }
    }
}
