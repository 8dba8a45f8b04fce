using System.Net.Sockets;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>Greeting, EHLO and its capabilities, and the fall back to HELO (RFC 5321 §3.1, §3.2, §4.1.1.1).</summary>
public class HandshakeTests
{
    [Theory]
    [InlineData("500 5.5.1 Command unrecognized")]
    [InlineData("502 5.5.1 Command not implemented")]
    public async Task Helo_follows_when_the_server_does_not_know_Ehlo(string refusal)
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.ReplyAsync("220 old.test SMTP");
            await s.ExpectAsync("EHLO client.test");
            await s.ReplyAsync(refusal);
            await s.ExpectAsync("HELO client.test");
            await s.ReplyAsync("250 old.test");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead");
            Assert.Equal(EmptyBody, await s.ReadDataAsync());
            await s.ReplyAsync("250 OK");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], EmptyBody);

        Assert.False(client.Capabilities.IsExtended);
        Assert.Empty(client.Capabilities.Keywords);
        Assert.True(result.IsSent);
        await server.Completion;
    }

    [Fact]
    public async Task Without_Ehlo_the_client_says_Helo_first_and_pipelines_nothing()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.ReplyAsync("220 mail.test Service ready");
            await s.ExpectAsync("HELO client.test");
            await s.ReplyAsync("250 mail.test Hello client.test");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 Start mail input; end with <CRLF>.<CRLF>");
            Assert.Equal(EmptyBody, await s.ReadDataAsync());
            await s.ReplyAsync("250 OK: Message accepted");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(useEhlo: false));

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], EmptyBody);

        Assert.False(client.Capabilities.IsExtended);
        Assert.True(result.IsSent);
        await server.Completion;
    }

    [Fact]
    public async Task Ehlo_capabilities_are_read_from_the_reply()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("SIZE 35882577", "PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8", "AUTH PLAIN LOGIN", "CHUNKING");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpCapabilities capabilities = client.Capabilities;

        Assert.Equal(220, client.Greeting.Code.Value);
        Assert.True(capabilities.IsExtended);
        Assert.Equal(35882577, capabilities.MaxMessageSize);
        Assert.True(capabilities.Pipelining && capabilities.EightBitMime && capabilities.EnhancedStatusCodes && capabilities.SmtpUtf8 && capabilities.Chunking);
        Assert.False(capabilities.StartTls);
        Assert.True(capabilities.TryGetParameters("auth", out string mechanisms));
        Assert.Equal("PLAIN LOGIN", mechanisms);
    }

    [Fact]
    public async Task A_refusing_greeting_throws_with_its_reply_after_the_client_says_quit()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            // RFC 5321 §3.1: the server waits for QUIT.
            await s.ReplyAsync("554 5.7.1 No SMTP service here");
            await s.ExpectAsync("QUIT");
            Assert.Null(await s.ReadLineAsync());
        });

        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => ScriptedClient.ConnectAsync(server));

        Assert.Equal(554, error.Code.Value);
        Assert.Equal(new EnhancedStatusCode(5, 7, 1), error.EnhancedStatusCode);
        Assert.Equal("No SMTP service here", error.ServerText);
        await server.Completion;
    }

    [Fact]
    public async Task A_refused_hello_throws_with_its_reply_after_the_client_says_quit()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.ReplyAsync("220 mx.test ESMTP");
            await s.ExpectAsync($"EHLO {ScriptedSession.ClientDomain}");
            await s.ReplyAsync("550 5.7.1 Not from your network");
            await s.ExpectAsync("QUIT");
            Assert.Null(await s.ReadLineAsync());
        });

        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => ScriptedClient.ConnectAsync(server));

        Assert.Equal(550, error.Code.Value);
        await server.Completion;
    }

    [Fact]
    public async Task A_refusing_greeting_from_a_server_that_closes_at_once_throws_with_its_reply()
    {
        await using var server = ScriptedServer.Start(s => s.ReplyAsync("554 5.7.1 Go away"));

        SmtpCommandException error = await Assert.ThrowsAsync<SmtpCommandException>(() => ScriptedClient.ConnectAsync(server));

        Assert.Equal("Go away", error.ServerText);
    }

    [Fact]
    public async Task A_connection_opened_by_the_caller_can_be_used()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 2.0.0 Bye");
        });
        using var connection = new TcpClient();
        await connection.ConnectAsync("127.0.0.1", server.Port);

        SmtpClient client = await SmtpClient.ConnectAsync(connection.GetStream(), ScriptedClient.Options());
        SmtpReply bye = await client.QuitAsync();

        Assert.Equal(221, bye.Code.Value);
        Assert.True(client.Capabilities.Pipelining);
        await server.Completion;
    }
}
