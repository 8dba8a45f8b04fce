using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>
/// Per-recipient results: a refused recipient does not fail the others; with none accepted no data is sent; over LMTP, a
/// message no recipient took carries each recipient's replies in its refusal.
/// </summary>
public class RecipientTests
{
    [Fact]
    public async Task A_refused_recipient_does_not_fail_the_others()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("ENHANCEDSTATUSCODES");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 2.1.0 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("250 2.1.5 OK");
            await s.ExpectAsync("RCPT TO:<carol@example.org>");
            await s.ReplyAsync("550 5.1.1 No such user here");
            await s.ExpectAsync("RCPT TO:<dave@example.net>");
            await s.ReplyAsync("251 2.1.5 User not local; will forward");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("250 2.0.0 Ok: queued as 4F2A");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob, Carol, Dave], WithDotLines);

        Assert.True(result.IsSent);
        Assert.Equal("Ok: queued as 4F2A", result.Reply!.Text);
        Assert.Equal([true, false, true], result.Recipients.Select(r => r.IsAccepted));
        SmtpRecipientResult refused = Assert.Single(result.Refused);
        Assert.Equal(Carol, refused.Address);
        Assert.Equal(550, refused.Reply.Code.Value);
        Assert.Equal(new EnhancedStatusCode(5, 1, 1), refused.Reply.EnhancedStatusCode);
        Assert.Equal("No such user here", refused.Reply.Text);
        await server.Completion;
    }

    [Fact]
    public async Task With_every_recipient_refused_no_data_is_sent_and_the_transaction_is_reset()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("ENHANCEDSTATUSCODES");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 2.1.0 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ReplyAsync("550 5.1.1 No such user");
            await s.ExpectAsync("RCPT TO:<carol@example.org>");
            await s.ReplyAsync("450 4.2.1 Mailbox busy, try later");
            await s.ExpectAsync("RSET");
            await s.ReplyAsync("250 2.0.0 OK");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 2.0.0 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob, Carol], WithDotLines);
        await client.QuitAsync();

        Assert.False(result.IsSent);
        Assert.Null(result.Reply);
        Assert.Empty(result.Accepted);
        Assert.Equal([550, 450], result.Recipients.Select(r => r.Reply.Code.Value));
        await server.Completion;
    }

    [Fact]
    public async Task With_every_recipient_refused_a_pipelined_Data_is_refused_and_the_transaction_reset()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "550 5.1.1 No such user", "554 5.5.1 No valid recipients");
            await s.ExpectAsync("RSET");
            await s.ReplyAsync("250 OK");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], WithDotLines);

        Assert.False(result.IsSent);
        Assert.False(Assert.Single(result.Recipients).IsAccepted);
        await server.Completion;
    }

    [Fact]
    public async Task Over_lmtp_with_no_recipient_taking_the_data_the_refusal_carries_each_recipients_reply()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await TakeLmtpDataAsync(s, ("bob@example.com", "250 OK"), ("nobody@example.com", "550 5.1.1 No such user"), ("carol@example.com", "250 OK"));
            await s.ReplyAsync("552 5.2.2 Mailbox full", "452 4.2.2 Mailbox busy");
            await s.WaitForCloseAsync();
        });
        var options = new SmtpClientOptions { ClientDomain = ScriptedSession.ClientDomain, Lmtp = true };
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", server.Port, options);

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync("alice@example.com", ["bob@example.com", "nobody@example.com", "carol@example.com"], "Hi\r\n"u8.ToArray()));

        Assert.Equal("552 5.2.2 Mailbox full", refused.Reply.ToString());
        Assert.NotNull(refused.Recipients);
        Assert.Equal(
            ["bob@example.com: 250 OK / 552 5.2.2 Mailbox full", "nobody@example.com: 550 5.1.1 No such user / -", "carol@example.com: 250 OK / 452 4.2.2 Mailbox busy"],
            refused.Recipients.Select(r => $"{r.Address}: {r.Reply} / {r.Delivery?.ToString() ?? "-"}"));
        await client.DisposeAsync();
        await server.Completion;
    }

    /// <summary>
    /// RFC 2033 §4.2: each reply after the data is final for its recipient. A conversation that ends after bob's 250
    /// (a 421 for carol, the connection closed, or no reply within the timeout) leaves bob delivered and carol not: the
    /// result says so, where the failure alone was thrown and bob's 250 lost (a relay then sent bob the message again).
    /// </summary>
    [Theory]
    [InlineData("421")]
    [InlineData("close")]
    [InlineData("silence")]
    public async Task Over_lmtp_a_conversation_that_ends_after_one_recipients_reply_keeps_that_delivery(string ending)
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await TakeLmtpDataAsync(s, ("bob@example.com", "250 OK"), ("carol@example.com", "250 OK"));
            await s.ReplyAsync("250 2.0.0 <bob@example.com> delivered");
            if (ending == "421")
            {
                await s.ReplyAsync("421 4.3.2 Shutting down");
            }
            else if (ending == "silence")
            {
                await s.WaitForCloseAsync();
            }
        });
        var options = new SmtpClientOptions { ClientDomain = ScriptedSession.ClientDomain, Lmtp = true, DataTerminationTimeout = TimeSpan.FromSeconds(1) };
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", server.Port, options);

        SmtpSendResult result = await client.SendAsync("alice@example.com", ["bob@example.com", "carol@example.com"], "Hi\r\n"u8.ToArray());

        Assert.True(result.IsSent);
        Assert.Equal(["bob@example.com"], result.Accepted.Select(r => r.Address));
        SmtpRecipientResult carol = Assert.Single(result.Refused);
        Assert.Equal("carol@example.com", carol.Address);
        Assert.Equal(ending == "421" ? "421 4.3.2 Shutting down" : null, carol.Delivery?.ToString());
        Assert.False(client.CanSend);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync("alice@example.com", ["bob@example.com"], "Hi\r\n"u8.ToArray()));
        await client.DisposeAsync();
        await server.Completion;
    }

    /// <summary>A refusal after the data, then the conversation's end before the next recipient's reply: the refusal is thrown with every recipient's result.</summary>
    [Fact]
    public async Task Over_lmtp_a_conversation_that_ends_after_a_refusal_throws_it_with_each_recipients_result()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await TakeLmtpDataAsync(s, ("bob@example.com", "250 OK"), ("carol@example.com", "250 OK"));
            await s.ReplyAsync("552 5.2.2 Mailbox full");
        });
        var options = new SmtpClientOptions { ClientDomain = ScriptedSession.ClientDomain, Lmtp = true };
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", server.Port, options);

        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync("alice@example.com", ["bob@example.com", "carol@example.com"], "Hi\r\n"u8.ToArray()));

        Assert.Equal("552 5.2.2 Mailbox full", refused.Reply.ToString());
        Assert.Equal(
            ["bob@example.com: 552 5.2.2 Mailbox full", "carol@example.com: -"],
            refused.Recipients!.Select(r => $"{r.Address}: {r.Delivery?.ToString() ?? "-"}"));
        Assert.False(client.CanSend);
        await server.Completion;
    }

    /// <summary>
    /// Greets as an LMTP server, takes a pipelined transaction from alice to the recipients (each answered as given) and
    /// its data, and leaves the replies after the data to the caller.
    /// </summary>
    private static async Task TakeLmtpDataAsync(ScriptedSession s, params (string Address, string Reply)[] recipients)
    {
        await s.ReplyAsync("220 fake.test LMTP");
        await s.ExpectAsync($"LHLO {ScriptedSession.ClientDomain}");
        await s.ReplyAsync("250-fake.test", "250 PIPELINING");
        await s.ExpectAsync("MAIL FROM:<alice@example.com>");
        foreach ((string address, _) in recipients)
        {
            await s.ExpectAsync($"RCPT TO:<{address}>");
        }

        await s.ExpectAsync("DATA");
        await s.ReplyAsync(["250 OK", .. recipients.Select(r => r.Reply), "354 go ahead"]);
        await s.ReadDataAsync();
    }
}
