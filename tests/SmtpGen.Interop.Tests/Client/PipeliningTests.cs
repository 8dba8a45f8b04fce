using System.Text;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Tests;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>RFC 2920 command pipelining, the MAIL parameters EHLO calls for, and dot-stuffing on the wire.</summary>
public class PipeliningTests
{
    [Fact]
    public async Task Mail_every_Rcpt_and_Data_go_out_before_the_first_reply()
    {
        byte[] message = Encoding.UTF8.GetBytes("Subject: Grüße\r\n\r\n.dot\r\n.\r\nend\r\n");
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING", "SIZE 1000000", "8BITMIME");

            // The script reads the whole batch before it replies at all: a client that waited for the reply to
            // MAIL would time out here instead.
            await s.ExpectAsync($"MAIL FROM:<alice@example.com> SIZE={message.Length} BODY=8BITMIME");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ExpectAsync("RCPT TO:<carol@example.org>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "250 OK", "250 OK", "354 go ahead");
            Assert.Equal("Subject: Grüße\r\n\r\n..dot\r\n..\r\nend\r\n", Encoding.UTF8.GetString(await s.ReadDataAsync()));
            await s.ReplyAsync("250 OK");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob, Carol], message);

        Assert.True(result.IsSent);
        Assert.Equal(2, result.Accepted.Count());
        await server.Completion;
    }

    [Theory]
    [InlineData("Subject: bare\r\n\nlf\ncr\rlast")]
    [InlineData("Subject: bare\r", "\n\nlf\ncr\r", "last")]   // a CRLF split between two segments, and a bare CR ending one
    public async Task Size_is_the_octets_sent_with_bare_line_endings_as_CRLF_and_the_last_line_ended(params string[] pieces)
    {
        byte[] sent = "Subject: bare\r\n\r\nlf\r\ncr\r\nlast\r\n"u8.ToArray();
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING", "SIZE 1000000");
            await s.ExpectAsync($"MAIL FROM:<alice@example.com> SIZE={sent.Length}");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "250 OK", "354 go ahead");
            Assert.Equal(sent, await s.ReadDataAsync());
            await s.ReplyAsync("250 OK");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], Segments.Sequence(pieces));

        Assert.True(result.IsSent);
        await server.Completion;
    }

    [Fact]
    public async Task Smtputf8_is_asked_for_when_an_address_is_not_ascii()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING", "SMTPUTF8");
            await s.ExpectAsync("MAIL FROM:<jörg@bücher.example> SMTPUTF8");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "250 OK", "354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("250 OK");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync("jörg@bücher.example", [Bob], EmptyBody);

        Assert.True(result.IsSent);
        await server.Completion;
    }

    [Fact]
    public async Task A_UTF8_address_is_not_sent_to_a_server_without_SMTPUTF8()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        await Assert.ThrowsAsync<NotSupportedException>(() => client.SendAsync("jörg@bücher.example", [Bob], EmptyBody));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task An_8bit_message_is_not_sent_to_a_server_without_8BITMIME()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        await Assert.ThrowsAsync<NotSupportedException>(() => client.SendAsync(Alice, [Bob], "Subject: Grüße\r\n\r\nÄ\r\n"u8.ToArray()));
        await client.QuitAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Without_pipelining_each_command_waits_for_its_reply()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync("MAIL FROM:<>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("250 OK");
        });
        SmtpClientOptions options = ScriptedClient.Options();
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, new SmtpClientOptions
        {
            ClientDomain = options.ClientDomain,
            UsePipelining = false,
            MailTimeout = options.MailTimeout,
            RcptTimeout = options.RcptTimeout,
        });

        SmtpSendResult result = await client.SendAsync("", [Bob], EmptyBody);

        Assert.True(result.IsSent);
        await server.Completion;
    }
}
