using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace SmtpGen.Server.Tests.Pop3;

/// <summary>
/// A small POP3 server for the tests, on a loopback port the system chose: it serves one account's Maildir, the
/// one our SMTP server stores into, one <see cref="Pop3Session"/> per connection.
/// </summary>
internal sealed class Pop3TestServer : IAsyncDisposable
{
    /// <summary>A command line is at most 255 octets (RFC 2449 §4); a longer one is refused and the connection closed.</summary>
    private const int MaxLine = 255;

    private static readonly byte[] LineTooLong = "-ERR line too long\r\n"u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Pop3Account _account;
    private readonly string _maildir;
    private readonly Task _accepting;
    private readonly List<Task> _sessions = [];
    private int _connections;

    public Pop3TestServer(Pop3Account account, string maildir)
    {
        _account = account;
        _maildir = maildir;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        // A session's fault fails the test that disposes the server, rather than going unseen.
        Task[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket = await _listener.AcceptSocketAsync(_stopping.Token);
            lock (_sessions)
            {
                _sessions.Add(ServeAsync(socket));
            }
        }
    }

    /// <summary>One connection; a client that leaves or a server that stops ends it quietly, anything else fails it.</summary>
    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await ConverseAsync(socket);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException)
        {
        }
    }

    private async Task ConverseAsync(Socket socket)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket))
        {
            // RFC 1939 §7: the timestamp is unique to the greeting; APOP digests it with the secret.
            string timestamp = $"<{Environment.ProcessId}.{Interlocked.Increment(ref _connections)}@pop3.test>";
            var session = new Pop3Session(_account, _maildir, timestamp);
            var output = new ArrayBufferWriter<byte>();
            session.Greet(output);
            await stream.WriteAsync(output.WrittenMemory, _stopping.Token);
            var reader = new LineReader(stream, MaxLine);
            while (!session.IsOver)
            {
                (ReadOnlyMemory<byte> line, LineReader.Ending ending) = await reader.ReadLineAsync(_stopping.Token);
                if (ending == LineReader.Ending.TooLong)
                {
                    await stream.WriteAsync(LineTooLong, _stopping.Token);
                }

                if (ending != LineReader.Ending.Line)
                {
                    break;
                }

                output.ResetWrittenCount();
                session.Answer(line.Span, output);
                await stream.WriteAsync(output.WrittenMemory, _stopping.Token);
            }
        }
    }
}
