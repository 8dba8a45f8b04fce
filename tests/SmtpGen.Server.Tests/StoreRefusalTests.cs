using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>
/// A store that refuses a message with a reply of its own (<see cref="MessageRefusedException"/>): the client gets that
/// reply, the log says refused, not failed, nothing is kept, and the session goes on.
/// </summary>
public sealed class StoreRefusalTests
{
    private static readonly SmtpResponse Spam = SmtpResponse.Refuse(554, "5.7.1", "Message rejected as spam");

    [Theory]
    [InlineData(StoreStage.Write)]
    [InlineData(StoreStage.Commit)]
    public async Task The_end_of_the_data_gets_the_stores_own_reply_logged_as_a_refusal_and_nothing_is_kept(StoreStage stage)
    {
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        var memory = new MemoryMessageStore();
        // Without the trace headers, whose write at DATA would be refused first: the message's own octets are refused here.
        await using TestServer server = TestServer.Start(options => options.AddTraceHeaders = false, RefusingStore(memory, stage, Spam), loggerFactory: loggerFactory);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        await client.SendAsync("Subject: buy now\r\n\r\nbody\r\n");

        Assert.Equal("554 5.7.1 Message rejected as spam", await client.CommandAsync("."));
        Assert.Empty(memory.Messages);
        Assert.Contains(log.Entries, entry => entry is { Level: LogLevel.Information, Message: "Refused DATA with 554: Message rejected as spam" });
        Assert.DoesNotContain(log.Entries, entry => entry.Level >= LogLevel.Warning);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DATA_gets_the_stores_own_reply_when_it_refuses_to_open_the_message()
    {
        await using TestServer server = TestServer.Start(store: RefusingStore(new MemoryMessageStore(), StoreStage.Begin, SmtpResponse.Refuse(452, "4.2.2", "Mailbox full")));
        await using RawClient client = await EnvelopeAsync(server);

        Assert.Equal("452 4.2.2 Mailbox full", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("RSET"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_chunk_gets_the_stores_own_reply()
    {
        var memory = new MemoryMessageStore();
        await using TestServer server = TestServer.Start(store: RefusingStore(memory, StoreStage.Commit, Spam));
        await using RawClient client = await EnvelopeAsync(server);
        await client.SendAsync("BDAT 3 LAST\r\nabc");

        Assert.Equal("554 5.7.1 Message rejected as spam", await client.ReadReplyAsync());
        Assert.Empty(memory.Messages);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_the_store_refuses_fails_the_transaction_and_the_next_chunk_is_out_of_sequence()
    {
        // Without the trace headers, so that the first chunk's octets are the store's first write.
        var memory = new MemoryMessageStore();
        await using TestServer server = TestServer.Start(options => options.AddTraceHeaders = false, RefusingStore(memory, StoreStage.Write, Spam));
        await using RawClient client = await EnvelopeAsync(server);
        await client.SendAsync("BDAT 3\r\nabc");
        Assert.Equal("554 5.7.1 Message rejected as spam", await client.ReadReplyAsync());
        await client.SendAsync("BDAT 3 LAST\r\ndef");

        Assert.StartsWith("503 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Empty(memory.Messages);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_LMTP_every_recipient_gets_the_stores_own_reply()
    {
        await using TestServer server = TestServer.Start(options => options.Commands = LmtpCommandHandler.Instance, RefusingStore(new MemoryMessageStore(), StoreStage.Commit, Spam));
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("LHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<carol@example.com>"), StringComparison.Ordinal);
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"), StringComparison.Ordinal);

        Assert.Equal("554 5.7.1 Message rejected as spam", await client.CommandAsync("body\r\n."));
        Assert.Equal("554 5.7.1 Message rejected as spam", await client.ReadReplyAsync());
    }

    [Fact]
    public async Task A_421_from_the_store_ends_the_session()
    {
        await using TestServer server = TestServer.Start(store: RefusingStore(new MemoryMessageStore(), StoreStage.Commit, SmtpResponse.Refuse(421, "4.3.2", "System shutting down")));
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");

        Assert.Equal("421 4.3.2 System shutting down", await client.CommandAsync("body\r\n."));
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public void Only_a_refusal_can_refuse_a_message()
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => new MessageRefusedException(SmtpResponse.Reply(250, "2.0.0", "OK")));

        Assert.Equal("response", refused.ParamName);
        Assert.Throws<ArgumentException>(() => new MessageRefusedException(SmtpResponse.Accept));
    }

    /// <summary>A client greeted, with a transaction from alice to bob open, before its DATA or BDAT.</summary>
    private static async Task<RawClient> EnvelopeAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);
        return client;
    }

    /// <summary>A store that refuses every message at <paramref name="stage"/> with <paramref name="refusal"/>.</summary>
    private static ThrowingStore RefusingStore(IMessageStore store, StoreStage stage, SmtpResponse refusal) => new(store, stage, () => new MessageRefusedException(refusal));
}
