using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
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
        TimeSpan timeout = TimeSpan.FromSeconds(1.5);
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
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server, ScriptedClient.Options(timeout: TimeSpan.FromMilliseconds(500)));

        TimeoutException timeout = await Assert.ThrowsAsync<TimeoutException>(() => client.SendAsync(Alice, [Bob], EmptyBody));

        Assert.Contains("reply to RCPT", timeout.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], EmptyBody));
    }

    [Fact]
    public async Task A_token_cancelled_after_its_message_went_does_not_touch_the_next_message()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            for (int message = 0; message < 2; message++)
            {
                await s.ExpectAsync("MAIL FROM:<alice@example.com>");
                await s.ReplyAsync("250 OK");
                await s.ExpectAsync("RCPT TO:<bob@example.com>");
                await s.ReplyAsync("250 OK");
                await s.ExpectAsync("DATA");
                await s.ReplyAsync("354 go ahead");
                await s.ReadDataAsync();
                await s.ReplyAsync("250 OK");
            }
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
    public async Task A_token_cancelled_before_the_send_cancels_it_and_is_no_timeout()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync();
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Alice, [Bob], EmptyBody, new CancellationToken(canceled: true)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(Alice, [Bob], EmptyBody));
    }
}
