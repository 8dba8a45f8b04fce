using System.Text;

namespace SmtpGen.Server.Tests;

/// <summary>The conversation of the seed (shared/seeds), step by step, against the real server over TCP.</summary>
public class SeedConversationTests
{
    private const string Message =
        "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: Hello from SMTP!\r\nDate: Tue, 16 Apr 2025 15:30:00 +0530\r\n"
        + "\r\nHi Bob,\r\n\r\nThis is a test message sent using SMTP.\r\n\r\nRegards,\r\nAlice\r\n";

    [Fact]
    public async Task The_server_answers_each_step_as_the_seed_shows_and_stores_the_message()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();

        Assert.Equal("220 mail.example.com Service ready", await client.ReadReplyAsync());
        Assert.Equal("250 mail.example.com Hello client.example.com", await client.CommandAsync("HELO client.example.com"));
        Assert.Equal("250 OK", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.Equal("250 OK", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.Equal("354 Start mail input; end with <CRLF>.<CRLF>", await client.CommandAsync("DATA"));
        await client.SendAsync(Message);
        Assert.Equal("250 OK: queued as 1", await client.CommandAsync("."));
        Assert.Equal("221 Bye", await client.CommandAsync("QUIT"));
        Assert.True(await client.IsClosedAsync());

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal(Message, Encoding.Latin1.GetString(ServerTrace.Remove(stored.Data)));
        Assert.Equal("alice@example.com", stored.Envelope.ReversePath);
        Assert.Equal(["bob@example.com"], stored.Envelope.Recipients);
        Assert.Equal("client.example.com", stored.Envelope.HeloName);
    }

    [Fact]
    public async Task After_EHLO_the_server_lists_its_extensions_and_adds_enhanced_status_codes()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 1000);
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();

        Assert.Equal(
            "250-mail.example.com Hello client.example.com\n250-PIPELINING\n250-SIZE 1000\n250-8BITMIME\n250-SMTPUTF8\n250-ENHANCEDSTATUSCODES\n250-CHUNKING\n250-DSN\n250 BINARYMIME",
            await client.CommandAsync("EHLO client.example.com"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<>"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<Postmaster>"));
        Assert.Equal("221 2.0.0 Bye", await client.CommandAsync("QUIT"));
    }

    [Fact]
    public async Task Several_messages_travel_over_one_session()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        Assert.StartsWith("250 ", await client.CommandAsync("one\r\n."));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<c@example.com>"));
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<d@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("two\r\n."));

        Assert.Equal(["one\r\n", "two\r\n"], server.Memory.Messages.Select(m => Encoding.Latin1.GetString(ServerTrace.Remove(m.Data))));
        Assert.Equal(["b@example.com", "d@example.com"], server.Memory.Messages.Select(m => m.Envelope.Recipients.Single()));
    }
}
