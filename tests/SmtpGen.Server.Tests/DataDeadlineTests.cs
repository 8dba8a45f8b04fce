namespace SmtpGen.Server.Tests;

/// <summary>The deadline of the message data as a whole (<see cref="SmtpServerOptions.MinDataRate"/>), beside the timeout of each read.</summary>
public class DataDeadlineTests
{
    [Fact]
    public async Task Data_dripped_slower_than_the_minimum_rate_gets_421_and_is_not_stored_while_another_client_is_served()
    {
        string maildir = Path.Combine(Path.GetTempPath(), "smtpgen-deadline-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using TestServer server = TestServer.Start(
                options =>
                {
                    options.DataTimeout = TimeSpan.FromSeconds(2);
                    options.MinDataRate = 100;
                },
                new MaildirMessageStore(maildir));
            await using RawClient dripping = await server.ConnectAsync();
            await dripping.StartMessageAsync("slow@example.com", "b@example.com");
            Task<string> cut = dripping.ReadReplyAsync();
            Task<int> drip = DripAsync(dripping, cut, octets: 40, interval: TimeSpan.FromMilliseconds(250));

            await using (RawClient normal = await server.ConnectAsync())
            {
                await normal.StartMessageAsync("a@example.com", "b@example.com");
                Assert.StartsWith("250 2.0.0 OK: queued as ", await normal.CommandAsync("Hello\r\n."), StringComparison.Ordinal);
            }

            // Each octet comes well within the data timeout; at 4 octets/s against 100 the whole does not.
            int dripped = await drip;
            Assert.True(dripped < 40, "the server let the client drip its data to the end");
            Assert.Equal("421 4.4.2 Timeout, closing transmission channel", await cut);
            Assert.True(await dripping.IsClosedAsync());
            Assert.Empty(Directory.GetFiles(Path.Combine(maildir, "tmp")));
            string stored = Assert.Single(Directory.GetFiles(Path.Combine(maildir, "new")));
            Assert.Equal("Hello\r\n"u8.ToArray(), ServerTrace.Remove(await File.ReadAllBytesAsync(stored)));
        }
        finally
        {
            Directory.Delete(maildir, recursive: true);
        }
    }

    [Fact]
    public async Task Data_that_keeps_to_the_minimum_rate_may_take_longer_than_the_data_timeout()
    {
        await using TestServer server = TestServer.Start(options =>
        {
            options.DataTimeout = TimeSpan.FromSeconds(2);
            options.MinDataRate = 100;
        });
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");

        // 50 octets every 100 ms, 500 octets/s, for 2.5 s: longer than the data timeout, faster than the minimum rate.
        string line = new string('x', 48) + "\r\n";
        for (int i = 0; i < 25; i++)
        {
            await client.SendAsync(line);
            await Task.Delay(100);
        }

        Assert.Equal("250 2.0.0 OK: queued as 1", await client.CommandAsync("."));
        Assert.Equal(25 * line.Length, ServerTrace.Remove(server.Memory.Messages.Single().Data).Length);
    }

    /// <summary>Sends message data an octet at a time until the server answers or closes; returns the octets sent.</summary>
    private static async Task<int> DripAsync(RawClient client, Task answered, int octets, TimeSpan interval)
    {
        int sent = 0;
        try
        {
            while (sent < octets && !answered.IsCompleted)
            {
                await client.SendAsync("x");
                sent++;
                await Task.Delay(interval);
            }
        }
        catch (IOException)
        {
            // The server has closed the connection.
        }

        return sent;
    }
}
