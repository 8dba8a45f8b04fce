namespace SmtpGen.Server.Tests;

/// <summary>The load-test sink: every message is acknowledged and none is kept.</summary>
public class DiscardingMessageStoreTests
{
    [Fact]
    public async Task A_message_is_acknowledged_and_reported_as_discarded()
    {
        await using TestServer server = TestServer.Start(store: new DiscardingMessageStore());
        string? location = null;
        server.Listener.MessageStored += (_, stored) => location = stored.Location;
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        Assert.Equal("250 2.0.0 OK: queued as discarded", await client.CommandAsync("gone\r\n."));
        Assert.Equal("discarded", location);
    }
}
