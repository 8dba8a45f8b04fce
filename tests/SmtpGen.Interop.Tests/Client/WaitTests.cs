using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Smtp;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>
/// The timeout of each wait and the caller's token, over one connection's many waits: the client arms one source for each
/// wait and resets it after, so nothing of one wait may carry over to the next.
/// </summary>
public class WaitTests
{
    [Fact]
    public async Task Waits_that_together_outlast_the_timeout_each_have_the_whole_of_it()
    {
        TimeSpan timeout = TimeSpan.FromSeconds(3);
        TimeSpan delay = timeout / 2;
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await Task.Delay(delay);
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await Task.Delay(delay);
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("DATA");
            await Task.Delay(delay);
            await s.ReplyAsync("354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("250 OK");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(timeout: timeout));

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], EmptyBody);

        Assert.True(result.IsSent);
        await server.Completion;
    }

    [Fact]
    public async Task A_wait_after_waits_in_time_still_times_out()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ReplyAsync("250 OK");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.WaitForCloseAsync();
        });
        // Only the wait for the reply to RCPT is short, so that no other step of a slow machine can time out first.
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, new SmtpClientOptions { ClientDomain = ScriptedSession.ClientDomain, RcptTimeout = TimeSpan.FromMilliseconds(500) });

        TimeoutException timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.SendAsync(Alice, [Bob], EmptyBody).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("reply to RCPT", timeout.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], EmptyBody));
    }

    [Fact]
    public async Task A_token_cancelled_after_its_message_went_does_not_touch_the_next_message()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.AcceptMessageAsync(Alice, Bob);
            await s.AcceptMessageAsync(Alice, Bob);
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        using var first = new CancellationTokenSource();

        SmtpSendResult sent = await client.SendAsync(Alice, [Bob], EmptyBody, first.Token);
        await first.CancelAsync();
        SmtpSendResult next = await client.SendAsync(Alice, [Bob], EmptyBody);

        Assert.True(sent.IsSent);
        Assert.True(next.IsSent);
        await server.Completion;
    }

    [Fact]
    public async Task A_token_cancelled_before_the_send_cancels_it_sends_nothing_and_leaves_the_client_usable()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.AcceptMessageAsync(Alice, Bob);
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Alice, [Bob], EmptyBody, new CancellationToken(canceled: true)));
        SmtpSendResult result = await client.SendAsync(Alice, [Bob], EmptyBody);
        await client.QuitAsync();

        Assert.Equal(250, result.Reply!.Code.Value);
        await server.Completion;
    }

    [Fact]
    public async Task A_connect_the_callers_token_cancels_throws_with_that_token()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        OperationCanceledException cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SmtpClient.ConnectAsync("127.0.0.1", Peers.Loopback.FreePort(), cancellationToken: cancellation.Token));

        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
    }

    [Fact]
    public async Task A_token_cancelled_before_a_command_a_hello_or_quit_sends_nothing()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 Bye");
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        var cancelled = new CancellationToken(canceled: true);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendCommandAsync("NOOP", output => SmtpProtocol.WriteNoop(output), cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.HelloAsync(cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.QuitAsync(cancelled));
        await client.QuitAsync();

        await server.Completion;
    }

    [Fact]
    public async Task A_timeout_that_passes_as_its_wait_ends_in_time_leaves_the_next_waits_alone()
    {
        // The transcript holds the reply to DATA past its timeout after the reply has been read: the wait ends in time,
        // its timer fires after all, and the waits after it (the data's, the reply to it) must each have their own.
        var dataTimeout = TimeSpan.FromSeconds(1);
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.AcceptMessageAsync(Alice, Bob);
        });
        var options = new SmtpClientOptions
        {
            ClientDomain = ScriptedSession.ClientDomain,
            DataInitiationTimeout = dataTimeout,
            Transcript = new HoldingTranscript("354 go ahead", dataTimeout * 2.5),
        };
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, options);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], EmptyBody);

        Assert.True(result.IsSent);
        await server.Completion;
    }

    /// <summary>Blocks the client for <paramref name="hold"/> when it reads the reply line <paramref name="heldReply"/>.</summary>
    private sealed class HoldingTranscript(string heldReply, TimeSpan hold) : ISmtpTranscript
    {
        public void OnCommand(ReadOnlySpan<byte> line)
        {
        }

        public void OnReply(ReadOnlySpan<byte> reply)
        {
            if (System.Text.Encoding.ASCII.GetString(reply).TrimEnd() == heldReply)
            {
                Thread.Sleep(hold);
            }
        }

        public void OnData(ReadOnlySpan<byte> data)
        {
        }
    }
}
