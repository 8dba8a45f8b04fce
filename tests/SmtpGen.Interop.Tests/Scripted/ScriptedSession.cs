using System.Text;

namespace SmtpGen.Interop.Tests.Scripted;

/// <summary>The server's side of one scripted connection: lines in, replies out.</summary>
internal sealed class ScriptedSession(Stream stream)
{
    /// <summary>The domain the tests' clients give in EHLO and HELO.</summary>
    public const string ClientDomain = "client.test";

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Sends reply lines, each followed by CRLF, in one write.</summary>
    public Task ReplyAsync(params string[] lines) =>
        SendRawAsync(string.Concat(lines.Select(line => line + "\r\n")));

    /// <summary>Sends text exactly as given (for malformed replies).</summary>
    public async Task SendRawAsync(string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }

    /// <summary>Sends the greeting and answers EHLO with the given extensions.</summary>
    public async Task GreetAsync(params string[] extensions)
    {
        await ReplyAsync("220 fake.test ESMTP scripted");
        await ExpectAsync($"EHLO {ClientDomain}");
        string[] lines = ["fake.test", .. extensions];
        await ReplyAsync([.. lines.Select((line, i) => (i == lines.Length - 1 ? "250 " : "250-") + line)]);
    }

    /// <summary>Reads the next line and asserts what it is.</summary>
    public async Task ExpectAsync(string line) => Assert.Equal(line, await ReadLineAsync());

    /// <summary>
    /// Takes one message from a client that does not pipeline: MAIL from <paramref name="from"/> (with
    /// <paramref name="mailParameters"/> when there are any), RCPT to <paramref name="to"/> and DATA, each answered at
    /// once, then the data and its 250.
    /// </summary>
    /// <returns>The mail data as sent (<see cref="ReadDataAsync"/>).</returns>
    public async Task<byte[]> AcceptMessageAsync(string from, string to, string mailParameters = "")
    {
        await AcceptEnvelopeAsync(from, to, mailParameters);
        await ExpectAsync("DATA");
        await ReplyAsync("354 go ahead");
        byte[] data = await ReadDataAsync();
        await ReplyAsync("250 OK");
        return data;
    }

    /// <summary>
    /// Takes MAIL from <paramref name="from"/> (with <paramref name="mailParameters"/> when there are any) and RCPT to
    /// <paramref name="to"/> from a client that does not pipeline, each answered 250.
    /// </summary>
    public async Task AcceptEnvelopeAsync(string from, string to, string mailParameters = "")
    {
        await ExpectAsync(mailParameters.Length == 0 ? $"MAIL FROM:<{from}>" : $"MAIL FROM:<{from}> {mailParameters}");
        await ReplyAsync("250 OK");
        await ExpectAsync($"RCPT TO:<{to}>");
        await ReplyAsync("250 OK");
    }

    /// <summary>Reads a line without its CRLF; null when the client closed the connection.</summary>
    public async Task<string?> ReadLineAsync()
    {
        byte[]? line = await ReadLineBytesAsync();
        return line is null ? null : Encoding.UTF8.GetString(line.AsSpan(0, line.Length - 2));
    }

    /// <summary>Reads mail data up to and including the line ".", and returns it as sent: still dot-stuffed, without that line.</summary>
    public async Task<byte[]> ReadDataAsync()
    {
        var data = new MemoryStream();
        while (await ReadLineBytesAsync() is { } line)
        {
            if (line is [(byte)'.', (byte)'\r', (byte)'\n'])
            {
                return data.ToArray();
            }

            data.Write(line);
        }

        throw new InvalidOperationException("The client closed the connection in the middle of the mail data.");
    }

    /// <summary>Reads exactly <paramref name="count"/> octets (a BDAT chunk); fails when the client closes first.</summary>
    public async Task<byte[]> ReadOctetsAsync(int count)
    {
        var octets = new MemoryStream();
        while (octets.Length < count)
        {
            if (_start == _end)
            {
                (_start, _end) = (0, await stream.ReadAsync(_buffer));
                Assert.True(_end > 0, "the client closed the connection in the middle of a chunk");
            }

            int take = Math.Min(count - (int)octets.Length, _end - _start);
            octets.Write(_buffer, _start, take);
            _start += take;
        }

        return octets.ToArray();
    }

    /// <summary>Waits until the client closes the connection.</summary>
    public async Task WaitForCloseAsync()
    {
        while (await ReadLineBytesAsync() is not null)
        {
        }
    }

    private async Task<byte[]?> ReadLineBytesAsync()
    {
        while (true)
        {
            int lineFeed = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (lineFeed >= 0)
            {
                byte[] line = _buffer.AsSpan(_start, lineFeed + 2).ToArray();
                _start += lineFeed + 2;
                return line;
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            int read;
            try
            {
                read = await stream.ReadAsync(_buffer.AsMemory(_end));
            }
            catch (IOException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }
}
