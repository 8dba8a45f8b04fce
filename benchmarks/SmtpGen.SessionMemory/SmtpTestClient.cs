using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmtpGen.SessionMemory;

/// <summary>One SMTP client on a bare socket: sends lines and waits for the reply's last line, or floods without reading.</summary>
internal sealed class SmtpTestClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _replies;

    private SmtpTestClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _replies = new StreamReader(_stream, Encoding.ASCII);
    }

    /// <summary>Connects and waits for the greeting.</summary>
    public static async Task<SmtpTestClient> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint);
        var client = new SmtpTestClient(socket);
        await client.ExpectReplyAsync("220 ");
        return client;
    }

    public Task HelloAsync() => ExpectAsync("EHLO client.example.com\r\n", "250 ");

    public async Task StartTransactionAsync()
    {
        await ExpectAsync("MAIL FROM:<alice@example.com>\r\n", "250 ");
        await ExpectAsync("RCPT TO:<bob@example.com>\r\n", "250 ");
    }

    /// <summary>DATA, then some message text, without its end.</summary>
    public async Task StartDataAsync(byte[] text)
    {
        await ExpectAsync("DATA\r\n", "354 ");
        await _stream.WriteAsync(text);
    }

    /// <summary>DATA, then the message with the line that ends it, and waits for the 250 that accepts it.</summary>
    public async Task SendMessageAsync(byte[] messageAndEnd)
    {
        await StartDataAsync(messageAndEnd);
        await ExpectReplyAsync("250 ");
    }

    public async Task ExpectAsync(string command, string reply)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(command));
        await ExpectReplyAsync(reply);
    }

    /// <summary>Sends the octets without waiting for the send to finish, and never reads the replies.</summary>
    public void SendWithoutReading(byte[] octets) => _ = _socket.SendAsync(octets, SocketFlags.None);

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ExpectReplyAsync(string reply)
    {
        string line;
        do
        {
            line = await _replies.ReadLineAsync() ?? throw new IOException("The server closed the connection.");
        }
        while (line.Length > 3 && line[3] == '-');

        if (!line.StartsWith(reply, StringComparison.Ordinal))
        {
            throw new IOException($"Expected {reply.Trim()}, got: {line}");
        }
    }
}
