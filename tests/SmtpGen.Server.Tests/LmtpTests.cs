namespace SmtpGen.Server.Tests;

/// <summary>The server in LMTP mode (RFC 2033): LHLO in place of HELO and EHLO, one reply per recipient after the data.</summary>
public class LmtpTests
{
    private sealed class RefusingNobody : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath.StartsWith("nobody@", StringComparison.Ordinal)
                ? SmtpResponse.Refuse(550, "5.1.1", "No such user here")
                : SmtpResponse.Accept);
    }

    private static TestServer Start(Action<SmtpServerOptions>? configure = null) =>
        TestServer.Start(
            options =>
            {
                options.Commands = LmtpCommandHandler.Instance;
                configure?.Invoke(options);
            },
            policy: new RefusingNobody());

    private static async Task<RawClient> HelloAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        Assert.Equal("220 mail.example.com Service ready", await client.ReadReplyAsync());
        return client;
    }

    [Fact]
    public async Task Lhlo_is_answered_as_ehlo_and_helo_and_ehlo_are_unknown()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("500 Syntax error, command unrecognized", await client.CommandAsync("EHLO client.example.com"));
        Assert.Equal("500 Syntax error, command unrecognized", await client.CommandAsync("HELO client.example.com"));
        Assert.Equal("500 Syntax error, command unrecognized", await client.CommandAsync("HELO"));
        Assert.Equal("503 Bad sequence of commands", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal(
            "250-mail.example.com Hello client.example.com\n250-PIPELINING\n250-SIZE 10485760\n250-8BITMIME\n250-SMTPUTF8\n250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-DSN\n250 BINARYMIME",
            await client.CommandAsync("LHLO client.example.com"));
        Assert.Equal("501 5.1.7 Bad sender address syntax", await client.CommandAsync("MAIL FROM:a@example.com"));
        Assert.Equal("501 5.5.4 Syntax error in parameters or arguments", await client.CommandAsync("MAIL FROM:<a@example.com>junk"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("501 5.5.4 Syntax error in parameters or arguments", await client.CommandAsync("LHLO"));
    }

    [Fact]
    public async Task After_the_data_each_accepted_recipient_gets_its_reply()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);
        await client.CommandAsync("LHLO client.example.com");

        await client.SendAsync("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nRCPT TO:<nobody@example.com>\r\nRCPT TO:<c@example.com>\r\nDATA\r\n");
        Assert.Equal("250 2.1.0 OK", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.5 OK", await client.ReadReplyAsync());
        Assert.Equal("550 5.1.1 No such user here", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.5 OK", await client.ReadReplyAsync());
        Assert.StartsWith("354 ", await client.ReadReplyAsync());
        await client.SendAsync("Subject: hi\r\n\r\nHello\r\n.\r\n");

        Assert.Equal("250 2.0.0 OK: queued as 1", await client.ReadReplyAsync());
        Assert.Equal("250 2.0.0 OK: queued as 1", await client.ReadReplyAsync());
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal(["b@example.com", "c@example.com"], stored.Envelope.Recipients);
    }

    [Fact]
    public async Task A_refused_message_gets_its_refusal_once_per_recipient_and_nothing_is_stored()
    {
        await using TestServer server = Start(options => options.MaxMessageSize = 10);
        await using RawClient client = await HelloAsync(server);
        await client.CommandAsync("LHLO client.example.com");
        await client.SendAsync("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nRCPT TO:<c@example.com>\r\nDATA\r\n");
        for (int i = 0; i < 4; i++)
        {
            await client.ReadReplyAsync();
        }

        await client.SendAsync("This message is longer than ten octets.\r\n.\r\n");

        Assert.Equal("552 5.3.4 Message size exceeds fixed maximum message size", await client.ReadReplyAsync());
        Assert.Equal("552 5.3.4 Message size exceeds fixed maximum message size", await client.ReadReplyAsync());
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
        Assert.Empty(server.Memory.Messages);
    }
}
