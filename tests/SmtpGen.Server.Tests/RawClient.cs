using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace SmtpGen.Server.Tests;

/// <summary>A bare TCP client that sends exactly the octets a test gives and reads reply lines as they come.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private Stream _stream;
    private readonly byte[] _received = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>The underlying socket, for tests that misbehave on purpose (reset, never read).</summary>
    public Socket Socket => _tcp.Client;

    /// <summary>Connects to <paramref name="endPoint"/>, from the address <paramref name="from"/> (e.g. 127.0.0.2) when one is given.</summary>
    public static async Task<RawClient> ConnectAsync(IPEndPoint endPoint, IPAddress? from = null)
    {
        var tcp = from is null ? new TcpClient() : new TcpClient(new IPEndPoint(from, 0));
        await tcp.ConnectAsync(endPoint);
        return new RawClient(tcp);
    }

    /// <summary>
    /// Connects to <paramref name="endPoint"/> with a blocking connect, which needs no thread of the socket engine: for a
    /// test whose server holds that thread (with inline completions the server and the test share it).
    /// </summary>
    public static RawClient Connect(IPEndPoint endPoint)
    {
        var tcp = new TcpClient();
        tcp.Connect(endPoint);
        return new RawClient(tcp);
    }

    public Task SendAsync(string octets) => SendAsync(Encoding.UTF8.GetBytes(octets));

    public async Task SendAsync(byte[] octets)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await _stream.WriteAsync(octets, timeout.Token);
    }

    /// <summary>Reads one reply, all its lines, CRLF removed.</summary>
    public async Task<string> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            string line = await ReadLineAsync() ?? throw new IOException($"The server closed the connection after: {string.Join(" | ", lines)}");
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join("\n", lines);
            }
        }
    }

    /// <summary>
    /// Reads a line ended by CRLF, or null when the server closed the connection. A bare CR or LF from the
    /// server fails the test: replies, like commands, end with CRLF only.
    /// </summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            ReadOnlySpan<byte> unread = _received.AsSpan(_start, _end - _start);
            int lineEnd = unread.IndexOf("\r\n"u8);
            int bare = unread.IndexOfAny((byte)'\r', (byte)'\n');
            if (lineEnd >= 0)
            {
                Assert.True(bare == lineEnd, "the server sent a bare CR or LF: " + Encoding.UTF8.GetString(unread[..(lineEnd + 2)]));
                string line = Encoding.UTF8.GetString(unread[..lineEnd]);
                _start += lineEnd + 2;
                return line;
            }

            Assert.True(bare < 0 || (bare == unread.Length - 1 && unread[bare] == (byte)'\r'), "the server sent a bare CR or LF");
            unread.CopyTo(_received);
            _end -= _start;
            _start = 0;
            int read = await _stream.ReadAsync(_received.AsMemory(_end), timeout.Token);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    /// <summary>Sends a command and returns the reply.</summary>
    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    /// <summary>Says EHLO (or HELO), MAIL and RCPT, asserting each is accepted.</summary>
    public async Task StartMessageAsync(string from, params string[] recipients)
    {
        Assert.StartsWith("220 ", await ReadReplyAsync());
        Assert.StartsWith("250", await CommandAsync("EHLO client.example.com"));
        Assert.StartsWith("250 ", await CommandAsync($"MAIL FROM:<{from}>"));
        foreach (string recipient in recipients)
        {
            Assert.StartsWith("250 ", await CommandAsync($"RCPT TO:<{recipient}>"));
        }

        Assert.StartsWith("354 ", await CommandAsync("DATA"));
    }

    /// <summary>
    /// The client's side of the TLS handshake (after STARTTLS's 220, or at once for implicit TLS), trusting the test
    /// certificate, or what <paramref name="validate"/> accepts; the server must have sent nothing more in plaintext.
    /// </summary>
    public async Task StartTlsAsync(RemoteCertificateValidationCallback? validate = null)
    {
        Assert.True(_start == _end, "the server sent more in plaintext before the handshake: " + Encoding.UTF8.GetString(_received.AsSpan(_start, _end - _start)));
        using var timeout = new CancellationTokenSource(Patience);
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "mail.example.com", RemoteCertificateValidationCallback = validate ?? TestCertificate.Validate }, timeout.Token);
        _stream = tls;
    }

    /// <summary>The TLS stream after <see cref="StartTlsAsync"/>; null before.</summary>
    public SslStream? Tls => _stream as SslStream;

    /// <summary>Whether the server has closed the connection (reads nothing more).</summary>
    public async Task<bool> IsClosedAsync() => await ReadLineAsync() is null;

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
