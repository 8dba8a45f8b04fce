using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;

namespace SmtpGen.Benchmarks.Client;

/// <summary>
/// An SMTP server on loopback that accepts one connection and answers every transaction with canned replies, from one
/// thread of its own with blocking socket calls and buffers made once, so that it allocates nothing per message: what
/// <c>[MemoryDiagnoser]</c> counts (every thread's allocations) is then the client's. It offers PIPELINING and, when
/// asked to, CHUNKING; it takes MAIL, RCPT, DATA and its mail data, BDAT and its chunk, RSET and QUIT, sends its
/// replies once no whole line is left in what it has read (as a server answers a pipelined batch), and checks nothing
/// else.
/// </summary>
internal sealed class CannedSmtpServer : IDisposable
{
    private static readonly byte[] Greeting = "220 canned.example.com ESMTP\r\n"u8.ToArray();
    private static readonly byte[] Ok = "250 2.0.0 OK\r\n"u8.ToArray();
    private static readonly byte[] StartMailInput = "354 Start mail input; end with <CRLF>.<CRLF>\r\n"u8.ToArray();
    private static readonly byte[] Closing = "221 2.0.0 Bye\r\n"u8.ToArray();

    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly byte[] _ehloReply;
    private readonly byte[] _input = new byte[256 * 1024];
    private readonly byte[] _output = new byte[4096];
    private readonly Thread _thread;
    private volatile Socket? _connection;
    private Exception? _failure;

    public CannedSmtpServer(bool chunking)
    {
        _ehloReply = chunking
            ? "250-canned.example.com\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-CHUNKING\r\n250 SIZE 10485760\r\n"u8.ToArray()
            : "250-canned.example.com\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n"u8.ToArray();
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        _thread = new Thread(Serve) { IsBackground = true, Name = "Canned SMTP server" };
        _thread.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>Closes the connection and waits for the thread; throws what stopped it, if anything did.</summary>
    public void Dispose()
    {
        _listener.Dispose();
        _connection?.Dispose();
        _thread.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("The canned SMTP server failed.", _failure);
        }
    }

    private void Serve()
    {
        try
        {
            using Socket connection = _listener.Accept();
            _connection = connection;
            connection.NoDelay = true;
            connection.Send(Greeting);
            Converse(connection);
        }
        catch (Exception failure) when (failure is SocketException or ObjectDisposedException)
        {
            // The benchmark's end closed the connection.
        }
        catch (Exception failure)
        {
            _failure = failure;
        }
    }

    private void Converse(Socket connection)
    {
        int start = 0;    // the first octet not yet taken
        int end = 0;      // the end of what has been read
        long skip = 0;    // octets of a BDAT chunk still to come
        bool inData = false;
        while (true)
        {
            if (end == _input.Length)
            {
                throw new InvalidOperationException("A line longer than the input buffer.");
            }

            int read = connection.Receive(_input.AsSpan(end));
            if (read == 0)
            {
                return;
            }

            end += read;
            int replies = 0;
            while (true)
            {
                if (skip > 0)
                {
                    int taken = (int)Math.Min(skip, end - start);
                    start += taken;
                    skip -= taken;
                    if (skip > 0)
                    {
                        break;
                    }

                    replies += Reply(Ok, replies);
                    continue;
                }

                int lineLength = _input.AsSpan(start, end - start).IndexOf("\r\n"u8);
                if (lineLength < 0)
                {
                    break;
                }

                ReadOnlySpan<byte> line = _input.AsSpan(start, lineLength);
                start += lineLength + 2;
                if (inData)
                {
                    if (line.SequenceEqual("."u8))
                    {
                        inData = false;
                        replies += Reply(Ok, replies);
                    }
                }
                else if (line.StartsWith("EHLO "u8))
                {
                    replies += Reply(_ehloReply, replies);
                }
                else if (line.SequenceEqual("DATA"u8))
                {
                    inData = true;
                    replies += Reply(StartMailInput, replies);
                }
                else if (line.StartsWith("BDAT "u8))
                {
                    if (!Utf8Parser.TryParse(line[5..], out skip, out _))
                    {
                        throw new InvalidOperationException("BDAT without a size.");
                    }

                    if (skip == 0)
                    {
                        replies += Reply(Ok, replies);
                    }
                }
                else if (line.SequenceEqual("QUIT"u8))
                {
                    replies += Reply(Closing, replies);
                    connection.Send(_output.AsSpan(0, replies));
                    return;
                }
                else
                {
                    replies += Reply(Ok, replies);
                }
            }

            if (replies > 0)
            {
                connection.Send(_output.AsSpan(0, replies));
            }

            // What is left, a part of a line, goes to the front.
            _input.AsSpan(start, end - start).CopyTo(_input);
            end -= start;
            start = 0;
        }
    }

    /// <summary>Appends <paramref name="reply"/> to the replies waiting at <paramref name="at"/>; returns its length.</summary>
    private int Reply(byte[] reply, int at)
    {
        reply.CopyTo(_output, at);
        return reply.Length;
    }
}
