using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SmtpGen.Protocols.Tests.Memcached;
using SmtpGen.Server.Tests.Peers;
using SmtpGen.Server.Tests.Pop3;

namespace SmtpGen.Server.Tests.Memcached;

/// <summary>
/// A protocol SmtpGen knows nothing about, defined by a user: the generated memcached writers talk to Debian's
/// memcached, and the generated reply parser reads what it answers. <c>gets</c> takes a list of keys.
/// </summary>
public sealed class MemcachedPeerTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Process _memcached;
    private readonly int _port;

    public MemcachedPeerTests()
    {
        string memcached = ExternalProgram.Require("/usr/bin/memcached", "memcached");
        _port = FreePort();
        var start = new ProcessStartInfo(memcached) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in (string[])["-l", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "0", "-u", Environment.UserName])
        {
            start.ArgumentList.Add(argument);
        }

        _memcached = Process.Start(start) ?? throw new InvalidOperationException("memcached did not start");
    }

    public async ValueTask DisposeAsync()
    {
        _memcached.Kill();
        await _memcached.WaitForExitAsync();
        _memcached.Dispose();
    }

    [Fact]
    public async Task Memcached_answers_the_generated_commands_and_the_generated_parser_reads_its_replies()
    {
        using var cancellation = new CancellationTokenSource(Patience);
        using TcpClient client = await ConnectAsync(cancellation.Token);
        NetworkStream stream = client.GetStream();
        var reader = new LineReader(stream, MemcachedProtocol.MaxCommandLine);
        var output = new ArrayBufferWriter<byte>();

        MemcachedProtocol.WriteSet(output, "alpha"u8, 5, 0, 3);
        Append(output, "abc\r\n");
        MemcachedProtocol.WriteSet(output, "beta"u8, 7, 0, 2);
        Append(output, "xy\r\n");
        Assert.True(MemcachedProtocol.KeysList.TryCreate("alpha missing beta"u8, out MemcachedProtocol.KeysList keys));
        MemcachedProtocol.WriteGets(output, keys);
        await stream.WriteAsync(output.WrittenMemory, cancellation.Token);

        Assert.Equal(("STORED", ""), await ReadReplyAsync(reader, cancellation.Token));
        Assert.Equal(("STORED", ""), await ReadReplyAsync(reader, cancellation.Token));

        // One VALUE line and data block for each key found, in the order asked, then END.
        (string token, string text) = await ReadReplyAsync(reader, cancellation.Token);
        Assert.Equal("VALUE", token);
        Assert.Matches("^alpha 5 3 [0-9]+$", text);
        Assert.Equal("abc\r\n", await ReadLineAsync(reader, cancellation.Token));
        (token, text) = await ReadReplyAsync(reader, cancellation.Token);
        Assert.Equal("VALUE", token);
        Assert.Matches("^beta 7 2 [0-9]+$", text);
        Assert.Equal("xy\r\n", await ReadLineAsync(reader, cancellation.Token));
        Assert.Equal(("END", ""), await ReadReplyAsync(reader, cancellation.Token));

        // memcached's verbs are case-sensitive, which is why the writers spell them as the definition does.
        output.ResetWrittenCount();
        Append(output, "GET alpha\r\n");
        MemcachedProtocol.WriteDelete(output, "alpha"u8);
        MemcachedProtocol.WriteDelete(output, "alpha"u8);
        MemcachedProtocol.WriteTouch(output, "beta"u8, 100);
        MemcachedProtocol.WriteVersion(output);
        await stream.WriteAsync(output.WrittenMemory, cancellation.Token);

        Assert.Equal(("ERROR", ""), await ReadReplyAsync(reader, cancellation.Token, ReplyOutcome.Negative));
        Assert.Equal(("DELETED", ""), await ReadReplyAsync(reader, cancellation.Token));
        Assert.Equal(("NOT_FOUND", ""), await ReadReplyAsync(reader, cancellation.Token, ReplyOutcome.Negative));
        Assert.Equal(("TOUCHED", ""), await ReadReplyAsync(reader, cancellation.Token));
        (token, text) = await ReadReplyAsync(reader, cancellation.Token);
        Assert.Equal("VERSION", token);
        Assert.Matches(@"^1\.[0-9]+\.[0-9]+", text);
    }

    private static async Task<(string Token, string Text)> ReadReplyAsync(LineReader reader, CancellationToken cancellationToken, ReplyOutcome outcome = ReplyOutcome.Positive)
    {
        (ReadOnlyMemory<byte> line, LineReader.Ending ending) = await reader.ReadLineAsync(cancellationToken);
        Assert.Equal(LineReader.Ending.Line, ending);
        ReplyStatus status = MemcachedProtocol.TryParseReplyLine(line.Span, out StatusLine reply);
        Assert.True(status == ReplyStatus.Ok, $"{status}: {Encoding.UTF8.GetString(line.Span)}");
        Assert.Equal(outcome, reply.Outcome);
        return (Encoding.ASCII.GetString(reply.Status), Encoding.UTF8.GetString(reply.Text));
    }

    private static async Task<string> ReadLineAsync(LineReader reader, CancellationToken cancellationToken)
    {
        (ReadOnlyMemory<byte> line, LineReader.Ending ending) = await reader.ReadLineAsync(cancellationToken);
        Assert.Equal(LineReader.Ending.Line, ending);
        return Encoding.UTF8.GetString(line.Span);
    }

    private static void Append(ArrayBufferWriter<byte> output, string text) => output.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Connects once memcached listens; it takes a moment to start.</summary>
    private async Task<TcpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, _port, cancellationToken);
                return client;
            }
            catch (SocketException) when (!_memcached.HasExited)
            {
                client.Dispose();
                await Task.Delay(20, cancellationToken);
            }
            catch (SocketException)
            {
                client.Dispose();
                throw new InvalidOperationException($"memcached exited ({_memcached.ExitCode}): {await _memcached.StandardError.ReadToEndAsync(cancellationToken)}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
