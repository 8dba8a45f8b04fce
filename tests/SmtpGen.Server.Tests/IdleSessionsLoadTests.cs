namespace SmtpGen.Server.Tests;

/// <summary>Many idle sessions do not keep a busy client from being served (issue 12's load promise).</summary>
public class IdleSessionsLoadTests
{
    private const int IdleSessions = 2000;

    [Fact]
    public async Task Two_thousand_idle_sessions_leave_a_busy_client_served()
    {
        await using var server = TestServer.Start(options => options.MaxSessions = IdleSessions + 10);
        var idle = new List<RawClient>(IdleSessions);
        try
        {
            for (int i = 0; i < IdleSessions; i++)
            {
                RawClient client = await server.ConnectAsync();
                idle.Add(client);
                Assert.StartsWith("220 ", await client.ReadReplyAsync());
            }

            await using RawClient busy = await server.ConnectAsync();
            Assert.StartsWith("220 ", await busy.ReadReplyAsync());
            Assert.StartsWith("250", await busy.CommandAsync("EHLO busy.example.com"));
            for (int message = 0; message < 50; message++)
            {
                Assert.StartsWith("250 ", await busy.CommandAsync("MAIL FROM:<alice@example.com>"));
                Assert.StartsWith("250 ", await busy.CommandAsync("RCPT TO:<bob@example.com>"));
                Assert.StartsWith("354 ", await busy.CommandAsync("DATA"));
                Assert.StartsWith("250 ", await busy.CommandAsync($"Message {message}\r\n."));
            }

            Assert.Equal(50, server.Memory.Messages.Count);

            // The idle ones are still there, and still answered.
            Assert.StartsWith("250 ", await idle[0].CommandAsync("NOOP"));
            Assert.StartsWith("250 ", await idle[^1].CommandAsync("NOOP"));
        }
        finally
        {
            foreach (RawClient client in idle)
            {
                await client.DisposeAsync();
            }
        }
    }
}
