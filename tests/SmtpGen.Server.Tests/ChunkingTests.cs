using System.Globalization;
using System.Text;

namespace SmtpGen.Server.Tests;

/// <summary>CHUNKING (RFC 3030) on the server: BDAT's octets taken as they are, across chunks, and refusals that still read them.</summary>
public sealed class ChunkingTests : IDisposable
{
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-bdat-").FullName;

    public void Dispose() => Directory.Delete(_maildir, recursive: true);

    [Fact]
    public async Task Chunks_make_one_message_stored_octet_for_octet()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client, expectChunking: true);

        // No dot-unstuffing, no end at CRLF.CRLF, a bare LF kept: BDAT's octets are the message.
        Assert.Equal("250 2.0.0 11 octets received", await ChunkAsync(client, ".\r\n..x\r\n.\r\n"));
        Assert.StartsWith("250 2.0.0 OK", await ChunkAsync(client, "bare\nLF\r\n", last: true));
        Assert.Equal(".\r\n..x\r\n.\r\nbare\nLF\r\n", Encoding.ASCII.GetString(ServerTrace.Remove(server.Memory.Messages.Single().Data)));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
    }

    [Fact]
    public async Task Pipelined_chunks_and_an_empty_last_chunk_are_answered_in_order()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        await client.SendAsync("BDAT 3\r\nabcBDAT 2\r\ndeBDAT 0 LAST\r\n");
        Assert.Equal("250 2.0.0 3 octets received", await client.ReadReplyAsync());
        Assert.Equal("250 2.0.0 2 octets received", await client.ReadReplyAsync());
        Assert.StartsWith("250 2.0.0 OK", await client.ReadReplyAsync());
        Assert.Equal("abcde", Encoding.ASCII.GetString(ServerTrace.Remove(server.Memory.Messages.Single().Data)));
    }

    [Fact]
    public async Task A_chunk_out_of_a_transaction_is_read_and_dropped_never_run_as_commands()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("EHLO client.example.com");

        Assert.StartsWith("503 ", await ChunkAsync(client, "QUIT\r\n", last: true));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
        Assert.Empty(server.Memory.Messages);
    }

    [Fact]
    public async Task After_a_chunk_neither_data_nor_another_recipient_may_come()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);
        await ChunkAsync(client, "part");

        Assert.StartsWith("503 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("503 ", await client.CommandAsync("RCPT TO:<carol@example.com>"));
        Assert.StartsWith("250 2.0.0 OK", await ChunkAsync(client, "end", last: true));
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_at_its_chunk_and_later_chunks_are_dropped()
    {
        await using var server = TestServer.Start(options => options.MaxMessageSize = 10);
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        await client.SendAsync("BDAT 6\r\n123456BDAT 6\r\n789012BDAT 3 LAST\r\nabc");
        Assert.StartsWith("250 2.0.0 6 octets received", await client.ReadReplyAsync());
        Assert.StartsWith("552 5.3.4 ", await client.ReadReplyAsync());
        Assert.StartsWith("503 ", await client.ReadReplyAsync());
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
        Assert.Empty(server.Memory.Messages);
    }

    [Fact]
    public async Task Rset_between_chunks_leaves_nothing_of_the_message()
    {
        await using var server = TestServer.Start(store: new MaildirMessageStore(_maildir));
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);
        await ChunkAsync(client, "first half");

        Assert.StartsWith("250 ", await client.CommandAsync("RSET"));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "tmp")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "new")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "envelope")));
    }

    [Fact]
    public async Task Without_chunking_offered_bdat_is_not_a_command()
    {
        await using var server = TestServer.Start(options => options.Extensions = options.Extensions.Without(Smtp.SmtpProtocol.Extension.Chunking));
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client, expectChunking: false);
        Assert.StartsWith("502 ", await client.CommandAsync("BDAT 0 LAST"));
    }

    [Fact]
    public async Task A_bdat_line_that_does_not_parse_has_its_octets_dropped_or_ends_the_session()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        Assert.StartsWith("501 ", await ChunkAsync(client, "QUIT\r\n", marker: " LATER"));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
        Assert.StartsWith("501 ", await client.CommandAsync("BDAT many"));
        Assert.Equal("421 4.3.0 Service not available, closing transmission channel", await client.ReadReplyAsync());   // §3.8: a close is said with 421
        Assert.True(await client.IsClosedAsync());
    }

    /// <summary>
    /// A BDAT line too long for BDAT (within the longest line read), or with a bare CR, whose chunk is a whole transaction
    /// in commands: the chunk is dropped with the line's refusal, and none of its commands runs (they did, a message
    /// stored from a sender and recipient never sent as commands).
    /// </summary>
    [Theory]
    [InlineData(" LAST{0}", "500 5.5.2 Syntax error, line too long")]
    [InlineData(" LAST\rX", "500 5.5.2 Syntax error, lines end with CRLF")]
    public async Task A_bdat_line_too_long_or_badly_ended_has_its_chunk_dropped_never_run_as_commands(string marker, string refusal)
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        const string Smuggled = "RSET\r\nMAIL FROM:<evil@example.com>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nSubject: smuggled\r\n\r\nhi\r\n.\r\n";
        Assert.Equal(refusal, await ChunkAsync(client, Smuggled, marker: string.Format(CultureInfo.InvariantCulture, marker, new string(' ', 600))));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
        Assert.Empty(server.Memory.Messages);
    }

    /// <summary>
    /// A BDAT line that does not parse, between chunks of a transaction: its chunk is dropped, so the transaction fails
    /// (RFC 3030 §2) and the chunks the client pipelined behind it get 503 (the message was stored without the chunk,
    /// and acknowledged, when the chunks behind it were taken).
    /// </summary>
    [Theory]
    [InlineData(" FOO", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData(" LAST\rX", "500 5.5.2 Syntax error, lines end with CRLF")]
    [InlineData(" LAST{0}", "500 5.5.2 Syntax error, line too long")]
    public async Task A_bdat_line_that_does_not_parse_inside_a_transaction_fails_it_and_stores_nothing(string marker, string refusal)
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        await client.SendAsync($"BDAT 3\r\nabcBDAT 3{string.Format(CultureInfo.InvariantCulture, marker, new string(' ', 600))}\r\ndefBDAT 3 LAST\r\nghi");
        Assert.Equal("250 2.0.0 3 octets received", await client.ReadReplyAsync());
        Assert.Equal(refusal, await client.ReadReplyAsync());
        Assert.StartsWith("503 ", await client.ReadReplyAsync());
        Assert.Empty(server.Memory.Messages);

        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("250 ", await ChunkAsync(client, "whole", last: true));
        Assert.Equal("whole"u8.ToArray(), ServerTrace.Remove(Assert.Single(server.Memory.Messages).Data));
    }

    [Fact]
    public async Task A_bdat_line_longer_than_any_line_read_ends_the_session_before_its_chunk()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        await client.SendAsync($"BDAT 80 LAST{new string(' ', 2000)}\r\nRSET\r\nMAIL FROM:<evil@example.com>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nhi\r\n.\r\n");
        Assert.Equal("500 5.5.2 Syntax error, line too long", await client.ReadReplyAsync());
        Assert.Equal("421 4.3.0 Service not available, closing transmission channel", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
        Assert.Empty(server.Memory.Messages);
    }

    [Fact]
    public async Task A_chunk_from_a_client_that_said_helo_is_refused_and_its_octets_dropped()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        await client.CommandAsync("HELO client.example.com");
        await client.CommandAsync("MAIL FROM:<alice@example.com>");
        await client.CommandAsync("RCPT TO:<bob@example.com>");

        Assert.StartsWith("503 ", await ChunkAsync(client, "QUIT\r\n", marker: " LAST"));
        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Chunks_behind_a_refused_one_are_no_errors_of_the_client()
    {
        await using var server = TestServer.Start(options => (options.MaxMessageSize, options.MaxErrors) = (4, 2));
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        await client.SendAsync("BDAT 6\r\n123456BDAT 1\r\naBDAT 1\r\nbBDAT 1\r\ncBDAT 1 LAST\r\nd");
        Assert.StartsWith("552 ", await client.ReadReplyAsync());
        for (int i = 0; i < 4; i++)
        {
            Assert.StartsWith("503 ", await client.ReadReplyAsync());
        }

        Assert.StartsWith("250 ", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_transaction_ended_between_chunks_and_a_new_one_in_the_same_input_leave_one_message_and_no_open_file()
    {
        await using var server = TestServer.Start(store: new MaildirMessageStore(_maildir));
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        await client.SendAsync("BDAT 3\r\nabcRSET\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nBDAT 3 LAST\r\nxyz");
        for (int i = 0; i < 4; i++)
        {
            Assert.StartsWith("250 ", await client.ReadReplyAsync());
        }

        Assert.StartsWith("250 2.0.0 OK", await client.ReadReplyAsync());
        Assert.Equal("xyz"u8.ToArray(), ServerTrace.Remove(await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Path.Combine(_maildir, "new"))))));
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "tmp")));
    }

    /// <summary>
    /// RSET between chunks, then a command that leaves the session waiting for something other than a command line: the
    /// message's file goes at once (it stayed in <c>tmp/</c> until the next transaction or the session's end).
    /// </summary>
    [Theory]
    [InlineData("STARTTLS", "220 ")]
    [InlineData("AUTH LOGIN", "334 ")]
    public async Task A_transaction_ended_between_chunks_leaves_no_open_file_while_the_session_waits_for_tls_or_auth(string command, string answer)
    {
        await using var server = TestServer.Start(
            options =>
            {
                options.Certificate = TestCertificate.Server;
                options.Authentication = new SmtpAuthenticationOptions { Users = new MemoryUserStore(), AllowInsecureAuth = true };
            },
            store: new MaildirMessageStore(_maildir));
        await using RawClient client = await server.ConnectAsync();
        await StartAsync(client);

        await client.SendAsync($"BDAT 3\r\nabcRSET\r\n{command}\r\n");
        Assert.StartsWith("250 ", await client.ReadReplyAsync());
        Assert.StartsWith("250 ", await client.ReadReplyAsync());
        Assert.StartsWith(answer, await client.ReadReplyAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "tmp")));
        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "new")));
    }

    private static async Task StartAsync(RawClient client, bool expectChunking = true)
    {
        Assert.StartsWith("220 ", await client.ReadReplyAsync());
        string ehlo = await client.CommandAsync("EHLO client.example.com");
        Assert.Equal(expectChunking, ehlo.Contains("250-CHUNKING", StringComparison.Ordinal) || ehlo.Contains("250 CHUNKING", StringComparison.Ordinal));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
    }

    private static async Task<string> ChunkAsync(RawClient client, string octets, bool last = false, string? marker = null)
    {
        await client.SendAsync($"BDAT {Encoding.ASCII.GetByteCount(octets)}{marker ?? (last ? " LAST" : "")}\r\n{octets}");
        return await client.ReadReplyAsync();
    }
}
