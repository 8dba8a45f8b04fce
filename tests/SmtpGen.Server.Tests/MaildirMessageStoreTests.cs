using System.Net;
using System.Text;
using System.Text.Json;

namespace SmtpGen.Server.Tests;

/// <summary>The default store: a message is in new/ whole, with its envelope, or nowhere.</summary>
public sealed class MaildirMessageStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "smtpgen-maildir-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string[] Files(string folder) => Directory.GetFiles(Path.Combine(_directory, folder));

    [Fact]
    public async Task An_acknowledged_message_is_in_new_octet_for_octet_with_its_envelope_beside_it()
    {
        await using TestServer server = TestServer.Start(store: new MaildirMessageStore(_directory));
        string? location = null;
        server.Listener.MessageStored += (_, stored) => location = stored.Location;
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com", "carol@example.com");
        await client.SendAsync("Subject: hi\r\n\r\n..dot\r\n");
        Assert.StartsWith("250 ", await client.CommandAsync("."));

        string file = Assert.Single(Files("new"));
        Assert.Equal(file, location);
        Assert.Equal("Subject: hi\r\n\r\n.dot\r\n", Encoding.Latin1.GetString(ServerTrace.Remove(await File.ReadAllBytesAsync(file))));
        Assert.Empty(Files("tmp"));

        using JsonDocument envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_directory, "envelope", Path.GetFileName(file) + ".json")));
        Assert.Equal("alice@example.com", envelope.RootElement.GetProperty("mailFrom").GetString());
        Assert.Equal(["bob@example.com", "carol@example.com"], envelope.RootElement.GetProperty("rcptTo").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("client.example.com", envelope.RootElement.GetProperty("helo").GetString());
        Assert.StartsWith("127.0.0.1:", envelope.RootElement.GetProperty("client").GetString(), StringComparison.Ordinal);
        Assert.True(envelope.RootElement.GetProperty("receivedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task The_250_to_the_data_is_queued_as_the_message_file_name_which_MessageStored_tells_too()
    {
        await using TestServer server = TestServer.Start(store: new MaildirMessageStore(_directory));
        string? id = null;
        server.Listener.MessageStored += (_, stored) => id = stored.Id;
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");

        string reply = await client.CommandAsync("hi\r\n.");

        string name = Path.GetFileName(Assert.Single(Files("new")));
        Assert.Equal($"250 2.0.0 OK: queued as {name}", reply);
        Assert.Equal(name, id);
    }

    [Fact]
    public async Task A_session_that_breaks_mid_data_leaves_nothing_in_new_or_tmp()
    {
        await using TestServer server = TestServer.Start(store: new MaildirMessageStore(_directory));
        await using (RawClient client = await server.ConnectAsync())
        {
            await client.StartMessageAsync("alice@example.com", "bob@example.com");
            await client.SendAsync("Subject: cut short\r\n\r\n" + new string('x', 70_000) + "\r\n");
            // Wait until the data has reached the file in tmp/ (it exists from 354 on, empty).
            await Eventually.WaitUntilAsync(() => Files("tmp") is [string file] && new FileInfo(file).Length > 0, "the message's file in tmp/");
        }

        await Eventually.WaitUntilAsync(() => Files("tmp").Length == 0, "the removal of the message's file from tmp/");
        Assert.Empty(Files("new"));
        Assert.Empty(Files("envelope"));
    }

    [Fact]
    public async Task A_server_stopped_mid_data_leaves_nothing_in_new_or_tmp()
    {
        TestServer server = TestServer.Start(store: new MaildirMessageStore(_directory));
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        await client.SendAsync("Subject: cut short\r\n\r\n" + new string('x', 70_000) + "\r\n");
        await Eventually.WaitUntilAsync(() => Files("tmp") is [string file] && new FileInfo(file).Length > 0, "the message's file in tmp/");

        await server.DisposeAsync();
        Assert.StartsWith("421 ", await client.ReadReplyAsync());
        Assert.Empty(Files("tmp"));
        Assert.Empty(Files("new"));
        Assert.Empty(Files("envelope"));
    }

    [Fact]
    public async Task A_commit_whose_token_is_cancelled_before_it_begins_is_given_up_and_leaves_nothing()
    {
        var store = new MaildirMessageStore(_directory);
        var envelope = new MessageEnvelope("s-1", new IPEndPoint(IPAddress.Loopback, 1025), "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UtcNow);
        await using (IMessageWriter writer = await store.BeginAsync(envelope, CancellationToken.None))
        {
            await writer.WriteAsync("Subject: late\r\n\r\nbody\r\n"u8.ToArray(), CancellationToken.None);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.CommitAsync(new CancellationToken(canceled: true)).AsTask());
        }

        Assert.Empty(Files("new"));
        Assert.Empty(Files("tmp"));
        Assert.Empty(Files("envelope"));
    }

    [Fact]
    public async Task A_refused_message_leaves_nothing_behind()
    {
        await using TestServer server = TestServer.Start(options => options.MaxMessageSize = 10, new MaildirMessageStore(_directory));
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        Assert.StartsWith("552 ", await client.CommandAsync("more than ten octets\r\n."));
        Assert.Empty(Files("new"));
        Assert.Empty(Files("tmp"));
    }
}
