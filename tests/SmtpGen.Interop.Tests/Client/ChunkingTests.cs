using System.Text;
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
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
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
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
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
            await s.ExpectAsync("MAIL FROM:<alice@example.com> BODY=BINARYMIME");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
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
    public async Task A_refused_chunk_ends_the_transaction_with_rset_and_no_more_chunks_go()
    {
        byte[] message = Large(100 * 1024);
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("CHUNKING");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
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
}
