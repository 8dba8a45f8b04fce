using System.Net;

namespace SmtpGen.Server.Tests;

/// <summary>The limits of one client address (Postfix's anvil): sessions at once and connections in an interval.</summary>
public class ClientAddressLimitTests
{
    private const string Refusal = "421 Too many connections from your address, try again later";
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task A_connection_beyond_the_sessions_of_its_address_gets_421_while_other_addresses_are_served_and_is_accepted_after_one_ends()
    {
        await using TestServer server = TestServer.Start(options =>
        {
            options.MaxSessionsPerAddress = 2;
            options.ConnectionLimitExemptions = [];
        });
        await using RawClient first = await server.ConnectAsync();
        Assert.StartsWith("220 ", await first.ReadReplyAsync());
        await using RawClient second = await server.ConnectAsync();
        Assert.StartsWith("220 ", await second.ReadReplyAsync());

        await using (RawClient third = await server.ConnectAsync())
        {
            Assert.Equal(Refusal, await third.ReadReplyAsync());
            Assert.True(await third.IsClosedAsync());
        }

        await using RawClient fromElsewhere = await server.ConnectAsync(Other);
        Assert.StartsWith("220 ", await fromElsewhere.ReadReplyAsync());

        Assert.StartsWith("221 ", await first.CommandAsync("QUIT"));
        Assert.True(await first.IsClosedAsync());
        await using RawClient again = await ConnectUntilGreetedAsync(server, TimeSpan.FromSeconds(5));
        Assert.Equal("250 OK", await again.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Connections_beyond_the_rate_of_their_address_get_421_until_the_interval_has_passed()
    {
        // Long enough that three connections fit in it on a loaded machine (with 1 s the third came after it, now and then).
        TimeSpan interval = TimeSpan.FromSeconds(4);
        await using TestServer server = TestServer.Start(options =>
        {
            options.MaxConnectionRatePerAddress = 2;
            options.ConnectionRateInterval = interval;
            options.ConnectionLimitExemptions = [];
        });
        for (int i = 0; i < 2; i++)
        {
            await using RawClient client = await server.ConnectAsync();
            Assert.StartsWith("220 ", await client.ReadReplyAsync());
            Assert.StartsWith("221 ", await client.CommandAsync("QUIT"));
        }

        // Ended sessions count too: the rate is of connections, not of sessions at once.
        await using (RawClient third = await server.ConnectAsync())
        {
            Assert.Equal(Refusal, await third.ReadReplyAsync());
        }

        await using (RawClient fromElsewhere = await server.ConnectAsync(Other))
        {
            Assert.StartsWith("220 ", await fromElsewhere.ReadReplyAsync());
        }

        await Task.Delay(interval);
        await using RawClient later = await server.ConnectAsync();
        Assert.StartsWith("220 ", await later.ReadReplyAsync());
    }

    [Fact]
    public async Task Loopback_clients_are_exempt_from_the_limits_of_an_address_by_default()
    {
        await using TestServer server = TestServer.Start(options =>
        {
            options.MaxSessionsPerAddress = 1;
            options.MaxConnectionRatePerAddress = 1;
        });
        await using RawClient first = await server.ConnectAsync();
        Assert.StartsWith("220 ", await first.ReadReplyAsync());
        await using RawClient second = await server.ConnectAsync();
        Assert.StartsWith("220 ", await second.ReadReplyAsync());
    }

    [Fact]
    public void Addresses_with_no_session_are_forgotten_once_their_interval_has_passed()
    {
        var limits = new ClientAddressLimits(new SmtpServerOptions
        {
            MaxConnectionRatePerAddress = 10,
            ConnectionRateInterval = TimeSpan.FromMilliseconds(200),
            ConnectionLimitExemptions = [],
        });
        var sessions = new List<ClientAddressLimits.Counter>();
        for (int i = 1; i <= 100; i++)
        {
            Assert.Equal(ClientAddressAdmission.Admitted, limits.Admit(new IPEndPoint(IPAddress.Parse($"192.0.2.{i}"), 1000), out ClientAddressLimits.Counter? counter));
            sessions.Add(counter!);
        }

        Assert.Equal(100, limits.TrackedAddresses);
        foreach (ClientAddressLimits.Counter ended in sessions.Skip(1))
        {
            ended.SessionEnded();
        }

        Thread.Sleep(TimeSpan.FromMilliseconds(450));
        limits.Admit(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 1000), out _);

        // 192.0.2.1 still has its session; 198.51.100.1 has just connected.
        Assert.Equal(2, limits.TrackedAddresses);
    }

    [Fact]
    public void An_IPv4_client_on_an_IPv6_socket_is_counted_as_its_IPv4_address()
    {
        var limits = new ClientAddressLimits(new SmtpServerOptions { MaxSessionsPerAddress = 1, ConnectionLimitExemptions = [] });
        Assert.Equal(ClientAddressAdmission.Admitted, limits.Admit(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 1000), out _));
        Assert.Equal(ClientAddressAdmission.TooManySessions, limits.Admit(new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.1"), 1001), out _));
    }

    /// <summary>Connects until the server greets: a session's end is counted just after its socket closes.</summary>
    private static async Task<RawClient> ConnectUntilGreetedAsync(TestServer server, TimeSpan patience)
    {
        DateTime giveUp = DateTime.UtcNow + patience;
        while (true)
        {
            RawClient client = await server.ConnectAsync();
            string reply = await client.ReadReplyAsync();
            if (reply.StartsWith("220 ", StringComparison.Ordinal) || DateTime.UtcNow > giveUp)
            {
                Assert.StartsWith("220 ", reply);
                return client;
            }

            await client.DisposeAsync();
            await Task.Delay(20);
        }
    }
}
