using System.Text;

namespace SmtpGen.Server.Tests;

/// <summary>How the server answers commands: syntax, sequence, line limits, pipelining and the error limit.</summary>
public class CommandTests
{
    private static async Task<RawClient> HelloAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.example.com");
        return client;
    }

    [Theory]
    [InlineData("XYZZY", "500 5.5.1 Syntax error, command unrecognized")]
    [InlineData("MAIL FROM:alice@example.com", "501 5.1.7 Bad sender address syntax")]
    [InlineData("MAIL FROM:<alice@>", "501 5.1.7 Bad sender address syntax")]
    [InlineData("MAIL FROM:<alice@example.com> SIZE", "501 5.5.4 SIZE parameter malformed")]
    [InlineData("MAIL FROM:<alice@example.com>junk", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData("MAIL TO:<alice@example.com>", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData("RCPT TO:<bob@example.com>", "503 5.5.1 Bad sequence of commands")]
    [InlineData("DATA", "503 5.5.1 Bad sequence of commands")]
    [InlineData("MAIL FROM:<a@example.com> FOO=BAR", "555 5.5.4 FOO parameter not recognized or not implemented")]
    [InlineData("MAIL FROM:<ä@example.com>", "550 5.6.7 Non-ASCII addresses not permitted for that sender")]
    [InlineData("VRFY bob", "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery")]
    [InlineData("VRFY bob@example.com", "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery")]
    [InlineData("EXPN staff", "502 5.5.1 Command not implemented")]
    [InlineData("NOOP", "250 2.0.0 OK")]
    [InlineData("RSET", "250 2.0.0 OK")]
    public async Task Each_command_gets_the_reply_RFC_5321_gives_it(string command, string reply)
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);
        Assert.Equal(reply, await client.CommandAsync(command));
    }

    [Theory]
    [InlineData("RCPT TO:bob@example.com", "501 5.1.3 Bad recipient address syntax")]
    [InlineData("RCPT TO:<bob>", "501 5.1.3 Bad recipient address syntax")]
    [InlineData("rcpt to:<bob@exa mple.com>", "501 5.1.3 Bad recipient address syntax")]
    [InlineData("RCPT TO:<bob@example.com> NOTIFY", "501 5.5.4 NOTIFY parameter malformed")]
    [InlineData("RCPT TO:<bob@example.com>;", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData("RCPT TO:<Postmaster>", "250 2.1.5 OK")]
    public async Task A_recipient_that_is_no_address_is_told_so_and_any_other_syntax_error_is_501_5_5_4(string command, string reply)
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.Equal(reply, await client.CommandAsync(command));
    }

    [Fact]
    public async Task A_mailbox_beyond_ascii_without_smtputf8_gets_rfc_6531s_refusal_or_553_where_smtputf8_is_not_offered()
    {
        await using (TestServer server = TestServer.Start())
        {
            await using RawClient client = await HelloAsync(server);
            Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
            Assert.Equal("553 5.6.7 Non-ASCII addresses not permitted for that recipient", await client.CommandAsync("RCPT TO:<josé@example.com>"));
            Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        }

        await using (TestServer server = TestServer.Start(options => options.Extensions = options.Extensions.Without(Smtp.SmtpProtocol.Extension.SmtpUtf8)))
        {
            await using RawClient client = await HelloAsync(server);
            Assert.Equal("553 5.1.3 Requested action not taken: mailbox name not allowed", await client.CommandAsync("MAIL FROM:<josé@example.com>"));
            Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
            Assert.Equal("553 5.1.3 Requested action not taken: mailbox name not allowed", await client.CommandAsync("RCPT TO:<josé@example.com>"));
        }
    }

    [Fact]
    public async Task A_sender_named_again_in_a_session_is_the_same_string_and_another_is_its_own()
    {
        await using TestServer server = TestServer.Start(options => options.Extensions = options.Extensions.With(Smtp.SmtpProtocol.Extension.SmtpUtf8));
        await using RawClient client = await HelloAsync(server);
        foreach (string sender in (string[])["alice@example.com", "alice@example.com", "carol@example.com", "josé@example.com", "josé@example.com", ""])
        {
            Assert.StartsWith("250 ", await client.CommandAsync($"MAIL FROM:<{sender}>{(sender.Contains('é') ? " SMTPUTF8" : "")}"));
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
            Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));
        }

        string[] senders = [.. server.Memory.Messages.Select(m => m.Envelope.ReversePath)];
        Assert.Equal(["alice@example.com", "alice@example.com", "carol@example.com", "josé@example.com", "josé@example.com", ""], senders);
        Assert.Same(senders[0], senders[1]);
        Assert.NotSame(senders[1], senders[2]);
    }

    [Fact]
    public async Task Mail_before_hello_is_a_bad_sequence_and_no_enhanced_code_is_sent_yet()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        Assert.Equal("503 Bad sequence of commands", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    [Fact]
    public async Task A_UTF8_mailbox_is_accepted_with_SMTPUTF8()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<ä@example.com> SMTPUTF8"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<用户@例子.广告>"));
    }

    [Fact]
    public async Task A_line_of_513_octets_gets_500_and_the_server_resumes_after_its_CRLF()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);
        string longLine = "NOOP " + new string('x', 506) + "\r\n";     // 513 octets with CRLF
        Assert.Equal(513, longLine.Length);
        Assert.Equal("500 5.5.2 Syntax error, line too long", await client.CommandAsync(longLine.TrimEnd()));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP " + new string('x', 505)));
    }

    [Fact]
    public async Task A_line_that_lies_across_two_segments_of_the_read_buffer_is_read_whole()
    {
        // 2,000 lines of 500 octets, sent in pieces of 7,777 octets that end inside a line, each piece's replies read
        // before the next is sent: the server has taken every whole line when the rest of a line arrives. The reader
        // reads into a new segment of its buffer once the one it fills has less room left than it reads at least, and
        // the line it was in the middle of then lies across the two: a megabyte of lines does that many times over.
        await using TestServer server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);
        string line = "NOOP " + new string('x', 493) + "\r\n";
        byte[] lines = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(line, 2000)));
        int sent = 0;
        int answered = 0;
        while (sent < lines.Length)
        {
            int piece = Math.Min(7777, lines.Length - sent);
            await client.SendAsync(lines[sent..(sent + piece)]);
            sent += piece;
            for (int whole = sent / line.Length; answered < whole; answered++)
            {
                Assert.Equal("250 2.0.0 OK", await client.ReadReplyAsync());
            }
        }

        Assert.Equal(2000, answered);
    }

    [Fact]
    public async Task A_bare_LF_does_not_end_a_command_so_what_follows_it_is_not_run()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);
        Assert.Equal("500 5.5.2 Syntax error, lines end with CRLF", await client.CommandAsync("NOOP\nMAIL FROM:<a@example.com>"));
        Assert.Equal("503 5.5.1 Bad sequence of commands", await client.CommandAsync("RCPT TO:<b@example.com>"));
    }

    [Fact]
    public async Task Pipelined_commands_sent_in_one_write_get_their_replies_in_order()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.SendAsync("EHLO c.example.com\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nRCPT TO:<nobody>\r\nRCPT TO:<c@example.com>\r\nDATA\r\n");
        Assert.StartsWith("250-mail.example.com", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.0 OK", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.5 OK", await client.ReadReplyAsync());
        Assert.Equal("501 5.1.3 Bad recipient address syntax", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.5 OK", await client.ReadReplyAsync());
        Assert.Equal("354 Start mail input; end with <CRLF>.<CRLF>", await client.ReadReplyAsync());
        await client.SendAsync("hi\r\n.\r\nQUIT\r\n");
        Assert.Equal("250 2.0.0 OK: queued as 1", await client.ReadReplyAsync());
        Assert.Equal("221 2.0.0 Bye", await client.ReadReplyAsync());
        Assert.Equal(["b@example.com", "c@example.com"], server.Memory.Messages.Single().Envelope.Recipients);
    }

    [Fact]
    public async Task After_the_allowed_number_of_errors_the_server_says_421_and_closes()
    {
        await using TestServer server = TestServer.Start(options => options.MaxErrors = 3);
        await using RawClient client = await HelloAsync(server);
        Assert.StartsWith("500 ", await client.CommandAsync("BAD1"));
        Assert.StartsWith("500 ", await client.CommandAsync("BAD2"));
        await client.SendAsync("BAD3\r\n");
        Assert.Equal("500 5.5.1 Syntax error, command unrecognized", await client.ReadReplyAsync());
        Assert.Equal("421 4.7.0 Too many errors, closing transmission channel", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task A_connection_that_closes_mid_line_ends_its_session()
    {
        // With room for one session only, the next client is greeted only once the first session has ended.
        await using TestServer server = TestServer.Start(options => options.MaxSessions = 1);
        await using (RawClient client = await HelloAsync(server))
        {
            await client.SendAsync("MAIL FROM:<a@exa");
        }

        for (int attempt = 0; ; attempt++)
        {
            await using RawClient next = await server.ConnectAsync();
            string greeting = await next.ReadReplyAsync();
            if (greeting.StartsWith("220 ", StringComparison.Ordinal))
            {
                break;
            }

            Assert.True(attempt < 100, "the first session did not end: " + greeting);
            await Task.Delay(50);
        }
    }
}
