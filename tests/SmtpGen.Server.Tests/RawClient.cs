using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmtpGen.Server.Tests;

/// <summary>A bare TCP client that sends exactly the octets a test gives and reads reply lines as they come.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<RawClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint);
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

    /// <summary>Reads a line, or null when the server closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _reader.ReadLineAsync(timeout.Token);
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

    /// <summary>Whether the server has closed the connection (reads nothing more).</summary>
    public async Task<bool> IsClosedAsync() => await ReadLineAsync() is null;

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
