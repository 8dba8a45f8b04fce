using System.IO.Pipelines;
using System.Net.Sockets;

namespace SmtpGen.Server;

/// <summary>
/// A connection as a pair of pipes, with TCP_NODELAY on (replies are small and a pipelining client waits for
/// them), closed so that the last reply reaches the client.
/// </summary>
internal sealed class SocketTransport : IDuplexPipe, IAsyncDisposable
{
    /// <summary>How long closing waits for the last reply to go out and the client to close its side.</summary>
    public static readonly TimeSpan ClosingPatience = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    public SocketTransport(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            socket.NoDelay = true;
        }
        catch (SocketException)
        {
            // The client has reset the connection already; the first read will say so.
        }
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>
    /// Closes the connection. Whatever the session left unflushed is dropped, not written: the session has
    /// flushed what it meant to send, and a client that does not read must not hold the close up. The send
    /// side is shut first and unread input drained for a moment (a "lingering close"), because closing a
    /// socket with unread input sends a reset that can destroy the last reply (221 or 421) in the client's
    /// receive buffer.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
            using var patience = new CancellationTokenSource(ClosingPatience);
            byte[] drain = new byte[4096];
            while (await _socket.ReceiveAsync(drain, SocketFlags.None, patience.Token).ConfigureAwait(false) > 0)
            {
                // Input after the session's end is not read.
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client reset or does not close its side: close anyway.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Output.CompleteAsync(new ObjectDisposedException(nameof(SocketTransport))).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // Unflushed replies had nowhere to go.
        }
    }
}
