namespace SmtpGen.Server.Tests;

/// <summary>The server's limits: recipients, sessions, timeouts, and what stopping the server says.</summary>
public class LimitTests
{
    [Fact]
    public async Task Recipients_beyond_the_limit_get_452_and_the_accepted_ones_receive_the_message()
    {
        await using TestServer server = TestServer.Start(options => options.MaxRecipients = 2);
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        await client.CommandAsync("MAIL FROM:<a@example.com>");
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<b1@example.com>"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<b2@example.com>"));
        Assert.Equal("452 4.5.3 Too many recipients", await client.CommandAsync("RCPT TO:<b3@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("x\r\n."));
        Assert.Equal(["b1@example.com", "b2@example.com"], server.Memory.Messages.Single().Envelope.Recipients);
    }

    [Fact]
    public async Task A_connection_beyond_the_session_limit_gets_421_and_is_closed()
    {
        await using TestServer server = TestServer.Start(options => options.MaxSessions = 1);
        await using RawClient first = await server.ConnectAsync();
        Assert.StartsWith("220 ", await first.ReadReplyAsync());

        await using RawClient second = await server.ConnectAsync();
        Assert.Equal("421 Too many connections, try again later", await second.ReadReplyAsync());
        Assert.True(await second.IsClosedAsync());

        Assert.StartsWith("221 ", await first.CommandAsync("QUIT"));
        Assert.True(await first.IsClosedAsync());
        await first.DisposeAsync();
        await using RawClient third = await server.ConnectWhenASlotIsFreeAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_silent_client_gets_421_when_the_command_timeout_passes()
    {
        await using TestServer server = TestServer.Start(options => options.CommandTimeout = TimeSpan.FromMilliseconds(300));
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        Assert.Equal("421 Timeout, closing transmission channel", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task A_command_dripped_an_octet_at_a_time_gets_421_when_the_whole_command_takes_longer_than_the_timeout()
    {
        await using TestServer server = TestServer.Start(options => options.CommandTimeout = TimeSpan.FromSeconds(1));
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        try
        {
            // Each octet comes well within the timeout; the line as a whole does not.
            foreach (char octet in "NOOP dripping slowly")
            {
                await client.SendAsync(octet.ToString());
                await Task.Delay(150);
            }

            await client.SendAsync("\r\n");
        }
        catch (IOException)
        {
            // The server has closed the connection already.
        }

        Assert.Equal("421 Timeout, closing transmission channel", await client.ReadReplyAsync());
    }

    [Fact]
    public async Task A_client_silent_in_the_middle_of_the_data_gets_421_and_its_message_is_dropped()
    {
        string maildir = Path.Combine(Path.GetTempPath(), "smtpgen-timeout-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using TestServer server = TestServer.Start(options => options.DataTimeout = TimeSpan.FromMilliseconds(300), new MaildirMessageStore(maildir));
            await using RawClient client = await server.ConnectAsync();
            await client.StartMessageAsync("a@example.com", "b@example.com");
            await client.SendAsync("half a message\r\n");
            Assert.Equal("421 4.4.2 Timeout, closing transmission channel", await client.ReadReplyAsync());
            Assert.True(await client.IsClosedAsync());
            Assert.Empty(Directory.GetFiles(Path.Combine(maildir, "tmp")));
            Assert.Empty(Directory.GetFiles(Path.Combine(maildir, "new")));
        }
        finally
        {
            Directory.Delete(maildir, recursive: true);
        }
    }

    [Fact]
    public async Task Stopping_the_server_tells_connected_clients_421()
    {
        TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        await server.DisposeAsync();
        Assert.Equal("421 4.3.2 Service shutting down, closing transmission channel", await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public void Options_out_of_range_are_refused_when_the_server_is_made()
    {
        var store = new MemoryMessageStore();
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpListener(new SmtpServerOptions { MaxRecipients = 0 }, store));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpListener(new SmtpServerOptions { MaxCommandLineLength = SmtpGen.Smtp.SmtpProtocol.LongestCommandLine + 1 }, store));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpListener(new SmtpServerOptions { CommandTimeout = TimeSpan.Zero }, store));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpListener(new SmtpServerOptions { MinDataRate = 0 }, store));
        Assert.Throws<ArgumentException>(() => new SmtpListener(new SmtpServerOptions { ServerName = " " }, store));
    }
}
