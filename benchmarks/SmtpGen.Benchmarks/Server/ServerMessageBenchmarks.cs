using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using SmtpGen.Benchmarks.Tls;
using SmtpGen.LoadPeers;
using SmtpGen.Server;

namespace SmtpGen.Benchmarks.Server;

/// <summary>
/// What SmtpGen.Server spends on one message of a warm session: the real listener on loopback with the discarding store,
/// fed by a client that allocates nothing (preformatted commands, one reused receive buffer, blocking socket calls), so
/// that <c>[MemoryDiagnoser]</c>'s bytes per operation (it counts every thread's allocations) are the server's per
/// message. Each operation is one transaction over the one connection: MAIL, RCPT, DATA, 1 KiB of message, its 250.
/// <c>OneCommandPerRead</c> waits for each reply before the next command, as <c>smtp-source</c> does; <c>Pipelined</c>
/// sends MAIL, RCPT and DATA in one write (RFC 2920), as <c>smtpgen load</c> does. <c>Tls</c> runs the session after
/// STARTTLS (RFC 3207), as most mail between servers comes today; the client's TLS stream allocates nothing once its
/// handshake is over (<see cref="Setup"/> checks it), so the bytes are the server's there too.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet owns the instance's lifetime: [GlobalCleanup] stops the server.
public class ServerMessageBenchmarks
#pragma warning restore CA1001
{
    /// <summary>Messages per benchmark invocation: enough that the timer's resolution does not matter.</summary>
    private const int MessagesPerInvoke = 200;

    private static readonly byte[] Mail = "MAIL FROM:<load@example.com>\r\n"u8.ToArray();
    private static readonly byte[] Rcpt = "RCPT TO:<sink@example.com>\r\n"u8.ToArray();
    private static readonly byte[] Data = "DATA\r\n"u8.ToArray();
    private static readonly byte[] Batch = [.. Mail, .. Rcpt, .. Data];
    private static readonly byte[] Message = [.. SampleMessage.OneKib("load@example.com", "sink@example.com", "allocation benchmark"), .. ".\r\n"u8];

    private readonly byte[] _replies = new byte[4096];
    private SmtpListener _server = null!;
    private X509Certificate2? _certificate;

    /// <summary>The client's side of the connection: the socket's stream, or the TLS stream over it.</summary>
    private Stream _client = null!;

    /// <summary>Whether the client sends MAIL, RCPT and DATA in one batch, or each after the reply to the last.</summary>
    [Params(false, true)]
    public bool Pipelined { get; set; }

    /// <summary>Whether the session runs over TLS, after STARTTLS.</summary>
    [Params(false, true)]
    public bool Tls { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _certificate = Tls ? LoopbackCertificate.Create() : null;
        _server = LoopbackServer.StartDiscarding(_certificate);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(_server.LocalEndPoint!);
        _client = new NetworkStream(socket, ownsSocket: true);
        ExpectReply("220");
        _client.Write("EHLO client.example.com\r\n"u8);
        ExpectReply("250");
        if (_certificate is not null)
        {
            _client.Write("STARTTLS\r\n"u8);
            ExpectReply("220");
            var tls = new SslStream(_client, leaveInnerStreamOpen: false, CertificateTrust.Only(_certificate));
            tls.AuthenticateAsClient("localhost");
            _client = tls;
            _client.Write("EHLO client.example.com\r\n"u8);
            ExpectReply("250");
        }

        // The first messages take the session's one-time costs (the data buffer, the store's first call, the TLS stream's
        // buffers) out of the figure; then the client must allocate nothing, or the bytes counted would not be the server's.
        _ = OneMessage() + OneMessage();
        long before = GC.GetAllocatedBytesForCurrentThread();
        _ = OneMessage();
        long clients = GC.GetAllocatedBytesForCurrentThread() - before;
        if (clients != 0)
        {
            throw new InvalidOperationException($"The benchmark's client allocated {clients} B for a message: the figure would not be the server's.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Write("QUIT\r\n"u8);
        ExpectReply("221");
        _client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _certificate?.Dispose();
    }

    [Benchmark(OperationsPerInvoke = MessagesPerInvoke, Description = "1 KiB message, warm session: SmtpGen.Server")]
    public int Messages()
    {
        int replied = 0;
        for (int i = 0; i < MessagesPerInvoke; i++)
        {
            replied += OneMessage();
        }

        return replied;
    }

    /// <summary>One transaction; returns the octets of replies it got.</summary>
    private int OneMessage()
    {
        int replied;
        if (Pipelined)
        {
            _client.Write(Batch);
            replied = ReceiveLines(3);
        }
        else
        {
            _client.Write(Mail);
            replied = ReceiveLines(1);
            _client.Write(Rcpt);
            replied += ReceiveLines(1);
            _client.Write(Data);
            replied += ReceiveLines(1);
        }

        _client.Write(Message);
        return replied + ReceiveLines(1);
    }

    /// <summary>Reads until <paramref name="lines"/> reply lines have come (every reply here is one line).</summary>
    private int ReceiveLines(int lines)
    {
        int received = 0;
        while (lines > 0)
        {
            int count = _client.Read(_replies);
            if (count == 0)
            {
                throw new InvalidOperationException("The server closed the connection.");
            }

            if (_replies[0] is not ((byte)'2' or (byte)'3'))
            {
                throw new InvalidOperationException($"Refused: {Encoding.ASCII.GetString(_replies, 0, count)}");
            }

            lines -= _replies.AsSpan(0, count).Count("\r\n"u8);
            received += count;
        }

        return received;
    }

    /// <summary>Reads a whole reply, single- or multi-line, and checks its code.</summary>
    private void ExpectReply(string code)
    {
        string reply = "";
        while (!reply.EndsWith("\r\n", StringComparison.Ordinal) || reply.Split("\r\n")[^2][3] != ' ')
        {
            int count = _client.Read(_replies);
            if (count == 0)
            {
                throw new InvalidOperationException($"The server closed the connection; expected {code}: {reply}");
            }

            reply += Encoding.ASCII.GetString(_replies, 0, count);
        }

        if (!reply.StartsWith(code, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected {code}: {reply}");
        }
    }
}
