using System.Buffers;
using System.Text;
using SmtpGen.Tests;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>The client's BDAT (RFC 3030): chunks of 64 KiB, the last marked LAST, and DATA where BDAT would change the message.</summary>
public class ChunkingTests
{
    [Fact]
    public async Task A_large_message_goes_in_chunks_of_64_kib_octet_for_octet()
    {
        byte[] message = Large(150 * 1024);
        var received = new MemoryStream();
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("CHUNKING");
            await AcceptEnvelopeAsync(s, "MAIL FROM:<alice@example.com>");
            foreach ((int size, string line) in new[] { (65536, "BDAT 65536"), (65536, "BDAT 65536"), (message.Length - 131072, $"BDAT {message.Length - 131072} LAST") })
            {
                await s.ExpectAsync(line);
                received.Write(await s.ReadOctetsAsync(size));
                await s.ReplyAsync(line.EndsWith("LAST", StringComparison.Ordinal) ? "250 2.0.0 queued" : $"250 2.0.0 {size} octets received");
            }

            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        SmtpSendResult result = await client.SendAsync(Alice, [Bob], message);
        await client.QuitAsync();

        Assert.Equal("250 2.0.0 queued", result.Reply!.ToString());
        Assert.Equal(message, received.ToArray());
        await server.Completion;
    }

    [Fact]
    public async Task A_message_with_bare_line_endings_goes_with_data_although_chunking_is_offered()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("CHUNKING");
            await AcceptEnvelopeAsync(s, "MAIL FROM:<alice@example.com>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead");
            Assert.Equal("bare\r\nLF\r\n", Encoding.ASCII.GetString(await s.ReadDataAsync()));
            await s.ReplyAsync("250 OK");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        await client.SendAsync(Alice, [Bob], "bare\nLF\r\n"u8.ToArray());
        await client.DisposeAsync();
        await server.Completion;
    }

    [Fact]
    public async Task A_binary_message_goes_as_it_is_in_chunks_with_BODY_BINARYMIME()
    {
        byte[] message = [.. "Subject: binary\r\n\r\n"u8, 0, 13, 0xFE, 10, .. Enumerable.Repeat((byte)'b', 1200)];
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("8BITMIME", "CHUNKING", "BINARYMIME");
            await AcceptEnvelopeAsync(s, "MAIL FROM:<alice@example.com> BODY=BINARYMIME");
            await s.ExpectAsync($"BDAT {message.Length} LAST");
            Assert.Equal(message, await s.ReadOctetsAsync(message.Length));
            await s.ReplyAsync("250 2.0.0 queued");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        SmtpSendResult result = await client.SendAsync(Alice, [Bob], message);
        await client.DisposeAsync();

        Assert.True(result.IsSent);
        await server.Completion;
    }

    [Theory]
    [InlineData("8BITMIME CHUNKING")]
    [InlineData("8BITMIME BINARYMIME")]
    public async Task A_binary_message_for_a_server_without_BINARYMIME_and_CHUNKING_is_refused_before_anything_is_sent(string offered)
    {
        string[] extensions = offered.Split(' ');
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync(extensions);
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        NotSupportedException error = await Assert.ThrowsAsync<NotSupportedException>(() => client.SendAsync(Alice, [Bob], (byte[])[.. "x"u8, 0, .. "\r\n"u8]));
        await client.QuitAsync();

        Assert.Contains("BINARYMIME", error.Message, StringComparison.Ordinal);
        await server.Completion;
    }

    [Fact]
    public async Task A_binary_message_declares_its_own_size_not_the_size_data_would_send()
    {
        // A bare CR, a bare LF and no CRLF at the end: DATA would send 32 octets, BDAT sends the 28 there are.
        byte[] message = [.. "Subject: b\r\n\r\n"u8, 0, 13, (byte)'x', 10, .. "tail-no-crlf"u8];
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("SIZE", "8BITMIME", "CHUNKING", "BINARYMIME");
            await AcceptEnvelopeAsync(s, $"MAIL FROM:<alice@example.com> SIZE={message.Length} BODY=BINARYMIME");
            await s.ExpectAsync($"BDAT {message.Length} LAST");
            Assert.Equal(message, await s.ReadOctetsAsync(message.Length));
            await s.ReplyAsync("250 2.0.0 queued");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        Assert.True((await client.SendAsync(Alice, [Bob], message)).IsSent);
        await client.DisposeAsync();
        await server.Completion;
    }

    [Theory]
    [InlineData(998, false)]
    [InlineData(999, true)]
    public async Task A_line_over_998_octets_makes_a_message_binary_where_BINARYMIME_is_offered_even_split_across_segments(int length, bool binary)
    {
        string line = new('l', length);
        ReadOnlySequence<byte> message = Segments.Sequence("Subject: long\r\n\r\n" + line[..500], line[500..] + "\r\n");
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("8BITMIME", "CHUNKING", "BINARYMIME");
            await AcceptEnvelopeAsync(s, "MAIL FROM:<alice@example.com>" + (binary ? " BODY=BINARYMIME" : ""));
            await s.ExpectAsync($"BDAT {message.Length} LAST");
            Assert.Equal(message.ToArray(), await s.ReadOctetsAsync((int)message.Length));
            await s.ReplyAsync("250 2.0.0 queued");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        Assert.True((await client.SendAsync(Alice, [Bob], message)).IsSent);
        await client.DisposeAsync();
        await server.Completion;
    }

    [Fact]
    public async Task A_line_over_998_octets_goes_with_DATA_where_BINARYMIME_is_not_offered_for_the_server_to_decide()
    {
        string line = new('l', 1500);
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("8BITMIME");
            await AcceptEnvelopeAsync(s, "MAIL FROM:<alice@example.com>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead");
            Assert.Equal(line + "\r\n", Encoding.ASCII.GetString(await s.ReadDataAsync()));
            await s.ReplyAsync("554 5.6.0 text line too long");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], Encoding.ASCII.GetBytes(line + "\r\n")));
        await client.DisposeAsync();

        Assert.Equal(554, error.Code.Value);
        await server.Completion;
    }

    [Fact]
    public async Task A_message_with_a_NUL_is_refused_before_anything_is_sent_when_the_client_does_not_use_chunking()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("8BITMIME", "CHUNKING", "BINARYMIME");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(useChunking: false));

        await Assert.ThrowsAsync<NotSupportedException>(() => client.SendAsync(Alice, [Bob], (byte[])[.. "x"u8, 0, .. "\r\n"u8]));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task A_refused_chunk_ends_the_transaction_with_rset_and_no_more_chunks_go()
    {
        byte[] message = Large(100 * 1024);
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("CHUNKING");
            await AcceptEnvelopeAsync(s, "MAIL FROM:<alice@example.com>");
            await s.ExpectAsync("BDAT 65536");
            await s.ReadOctetsAsync(65536);
            await s.ReplyAsync("552 5.3.4 Message size exceeds fixed maximum message size");

            // RFC 3030 §2: after a failed BDAT the state is indeterminate, and RSET makes it known.
            await s.ExpectAsync("RSET");
            await s.ReplyAsync("250 2.0.0 OK");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Alice, [Bob], message));
        await client.QuitAsync();

        Assert.Equal(("BDAT", 552), (error.Command, error.Code.Value));
        await server.Completion;
    }

    [Fact]
    public async Task A_BDAT_line_and_its_chunk_go_out_in_one_write()
    {
        // Two writes would make a server that has read the line wait for the chunk: a wake-up a message.
        byte[] message = "Subject: one write\r\n\r\nthe chunk\r\n"u8.ToArray();
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("CHUNKING");
            await AcceptEnvelopeAsync(s, "MAIL FROM:<alice@example.com>");
            await s.ExpectAsync($"BDAT {message.Length} LAST");
            Assert.Equal(message, await s.ReadOctetsAsync(message.Length));
            await s.ReplyAsync("250 2.0.0 queued");
            await s.WaitForCloseAsync();
        });
        using var connection = new System.Net.Sockets.TcpClient();
        await connection.ConnectAsync(System.Net.IPAddress.Loopback, server.Port);
        var writes = new WriteRecordingStream(connection.GetStream());
        await using SmtpClient client = await SmtpClient.ConnectAsync(writes, ScriptedClient.Options());
        SmtpSendResult result = await client.SendAsync(Alice, [Bob], message);
        await client.DisposeAsync();

        Assert.True(result.IsSent);
        Assert.Contains([.. Encoding.ASCII.GetBytes($"BDAT {message.Length} LAST\r\n"), .. message], writes.Writes, new OctetsComparer());
        await server.Completion;
    }

    /// <summary>A stream that keeps a copy of each write it passes on.</summary>
    private sealed class WriteRecordingStream(Stream inner) : Stream
    {
        public List<byte[]> Writes { get; } = [];

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToArray());
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class OctetsComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length;
    }

    /// <summary>The script's side of <paramref name="mail"/> and of RCPT to bob, both answered 250.</summary>
    private static async Task AcceptEnvelopeAsync(ScriptedSession s, string mail)
    {
        await s.ExpectAsync(mail);
        await s.ReplyAsync("250 OK");
        await s.ExpectAsync("RCPT TO:<bob@example.com>");
        await s.ReplyAsync("250 OK");
    }
}
