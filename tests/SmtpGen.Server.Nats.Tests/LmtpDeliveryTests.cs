using System.Net;
using NATS.Client.Core;
using NATS.Client.JetStream;
using SmtpGen.Interop.Tests.Peers;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Server.Tests;
using static SmtpGen.Server.Nats.Tests.JetStreamMessageStoreTests;

namespace SmtpGen.Server.Nats.Tests;

/// <summary>
/// The delivery side over LMTP, against a real <c>nats-server</c>: to Dovecot's LMTP server, each message for every
/// recipient byte for byte; to our own LMTP server, a recipient refused for good is dropped, one refused for now gets the
/// message later and alone, and a message no recipient could take waits on the stream until the server is back.
/// </summary>
public sealed class LmtpDeliveryTests
{
    [Fact]
    public async Task Dovecot_gets_each_message_for_every_recipient_byte_for_byte_with_one_return_path()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        await using FrontEnd frontEnd = await FrontEnd.OpenAsync(context);
        await frontEnd.SendAsync(["bob@example.com"], "Subject: one\r\n\r\nfor bob\r\n");
        await frontEnd.SendAsync(["bob@example.com", "carol@example.com"], "Subject: two\r\n\r\n.. a dot line (stuffed on the wire), and bytes \u00e9\r\n");

        await using DovecotLmtp dovecot = await DovecotLmtp.StartAsync();
        await using var target = new LmtpDeliveryTarget("127.0.0.1", dovecot.Port);
        await using Running delivery = Running.Start(context, target);
        // Acknowledged once Dovecot answered for every recipient, so each recipient's Maildir has its link by then.
        await Eventually.WaitUntilAsync(() => delivery.Delivery.Delivered == 2, "both acknowledged");
        IReadOnlyList<ReceivedMessage> received = await dovecot.WaitForMessagesAsync(2);

        Assert.All(received, message => Assert.Equal("alice@example.com", message.From));
        ReceivedMessage one = Assert.Single(received, message => Text(message.Content).EndsWith("for bob\r\n", StringComparison.Ordinal));
        ReceivedMessage two = Assert.Single(received, message => message != one);
        // Dovecot's Return-Path (which its peer takes off) is the message's one: the front end's was taken off before
        // the LMTP delivery (RFC 5321 §4.4), and its Received: header begins what is left.
        Assert.Equal("Subject: one\r\n\r\nfor bob\r\n", Text(ServerTrace.RemoveReceived(one.Content)));
        Assert.Equal("Subject: two\r\n\r\n. a dot line (stuffed on the wire), and bytes \u00e9\r\n", Text(ServerTrace.RemoveReceived(two.Content)));
        Assert.Equal(["bob@example.com"], one.To);
        Assert.Equal(["bob@example.com", "carol@example.com"], two.To.Order());
        Assert.Equal(0, delivery.Delivery.Deferred);
    }

    [Fact]
    public async Task A_recipient_refused_for_good_is_dropped_and_one_refused_for_now_gets_the_message_later_and_alone()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        await using FrontEnd frontEnd = await FrontEnd.OpenAsync(context);
        string id = await frontEnd.SendAsync(["bob@example.com", "gone@example.com", "later@example.com"], "Subject: three\r\n\r\nhello\r\n");

        var mailboxes = new MemoryMessageStore();
        await using LmtpServer lmtp = LmtpServer.Start(mailboxes, new MailboxPolicy());
        await using var target = new LmtpDeliveryTarget("127.0.0.1", lmtp.Port);
        await using Running delivery = Running.Start(context, target);
        await Eventually.WaitUntilAsync(() => mailboxes.Messages.Count == 2, "the message for bob, then for later alone");
        await Eventually.WaitUntilAsync(() => delivery.Delivery.Delivered == 2, "both acknowledged");

        // bob's delivery, then later's: the first attempt refused later@ with 451 and gone@ with 550.
        Assert.Equal(
            [["bob@example.com"], ["later@example.com"]],
            mailboxes.Messages.OrderBy(m => m.Envelope.ReceivedAt).Select(m => m.Envelope.Recipients.ToArray()));
        Assert.All(mailboxes.Messages, m => Assert.Equal("Subject: three\r\n\r\nhello\r\n", Text(ServerTrace.RemoveReceived(ServerTrace.Remove(m.Data)))));
        Assert.Equal(0, delivery.Delivery.Deferred);

        // What went back on the stream is a message of its own, for later@ alone, under the id ID-SEQUENCE.
        List<NatsJSMsg<byte[]>> onStream = await ReadAllAsync(context, 2);
        Assert.Equal([id, $"{id}-1"], onStream.Select(m => m.Headers!["Nats-Msg-Id"].ToString()));
        Assert.True(JetStreamMessage.TrySplit(onStream[1].Headers, new System.Buffers.ReadOnlySequence<byte>(onStream[1].Data!), out System.Buffers.ReadOnlySequence<byte> envelope, out _));
        Assert.Equal(["later@example.com"], new QueuedMessage($"{id}-1", System.Buffers.BuffersExtensions.ToArray(envelope), default).Recipients);
    }

    [Fact]
    public async Task A_message_no_recipient_could_take_waits_on_the_stream_until_the_server_is_back()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        await using FrontEnd frontEnd = await FrontEnd.OpenAsync(context);
        await frontEnd.SendAsync(["bob@example.com"], "Subject: four\r\n\r\nwaited\r\n");

        // Nothing listens on the port yet: the message is deferred, and comes again after DeferredWait.
        int port = Loopback.FreePort();
        await using var target = new LmtpDeliveryTarget("127.0.0.1", port);
        await using Running delivery = Running.Start(context, target, deferredWait: TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => delivery.Delivery.Deferred >= 1, "a deferral");
        Assert.Equal(0, delivery.Delivery.Delivered);

        var mailboxes = new MemoryMessageStore();
        await using LmtpServer lmtp = LmtpServer.Start(mailboxes, SmtpPolicy.AcceptAll, port);
        await Eventually.WaitUntilAsync(() => delivery.Delivery.Delivered == 1, "the delivery once the server is back");

        StoredMessage stored = Assert.Single(mailboxes.Messages);
        Assert.Equal(["bob@example.com"], stored.Envelope.Recipients);
        Assert.Equal("Subject: four\r\n\r\nwaited\r\n", Text(ServerTrace.RemoveReceived(ServerTrace.Remove(stored.Data))));
    }

    [Fact]
    public async Task When_no_recipient_takes_the_data_each_refusal_counts_for_its_own_recipient()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        await using FrontEnd frontEnd = await FrontEnd.OpenAsync(context);
        await frontEnd.SendAsync(["full@example.com", "busy@example.com"], "Subject: five\r\n\r\nquota\r\n");

        // After the data, full@ is refused for good (552) and busy@ for now (452): busy@ gets the message the next time, alone.
        await using var lmtp = ScriptedServer.Start(async s =>
        {
            await s.ReplyAsync("220 lmtp.test LMTP");
            await s.ExpectAsync("LHLO localhost");
            await s.ReplyAsync("250-lmtp.test", "250-PIPELINING", "250 ENHANCEDSTATUSCODES");
            await AcceptAsync(s, "full@example.com", "busy@example.com");
            await s.ReplyAsync("552 5.2.2 Mailbox full", "452 4.2.2 Mailbox busy");
            await AcceptAsync(s, "busy@example.com");
            await s.ReplyAsync("250 2.0.0 <busy@example.com> delivered");
            await s.ExpectAsync("QUIT");
            await s.ReplyAsync("221 2.0.0 Bye");
        });
        var target = new LmtpDeliveryTarget("127.0.0.1", lmtp.Port);
        await using (Running delivery = Running.Start(context, target))
        {
            await Eventually.WaitUntilAsync(() => delivery.Delivery.Delivered == 1, "the delivery to busy@");
            Assert.Equal((1L, 0L, 0L), (delivery.Delivery.Refused, delivery.Delivery.Deferred, delivery.Delivery.Repeated));
        }

        await target.DisposeAsync();
        await lmtp.Completion;
    }

    /// <summary>
    /// The LMTP server delivers to bob, then says 421 before carol's reply (RFC 2033 §4.2: each reply final for its
    /// recipient): bob is done and carol is tried again, where the whole message was tried again and bob got it twice.
    /// </summary>
    [Fact]
    public async Task A_conversation_that_ends_after_one_recipients_delivery_tries_again_only_the_others()
    {
        await using var lmtp = ScriptedServer.Start(async s =>
        {
            await s.ReplyAsync("220 lmtp.test LMTP");
            await s.ExpectAsync("LHLO localhost");
            await s.ReplyAsync("250-lmtp.test", "250-PIPELINING", "250 ENHANCEDSTATUSCODES");
            await AcceptAsync(s, "bob@example.com", "carol@example.com");
            await s.ReplyAsync("250 2.0.0 <bob@example.com> delivered", "421 4.3.2 Shutting down");
        });
        await using var target = new LmtpDeliveryTarget("127.0.0.1", lmtp.Port);
        const string Envelope = """{"mailFrom":"alice@example.com","rcptTo":["bob@example.com","carol@example.com"]}""";
        var message = new QueuedMessage("m-1", System.Text.Encoding.UTF8.GetBytes(Envelope), new System.Buffers.ReadOnlySequence<byte>("Subject: five\r\n\r\nquota\r\n"u8.ToArray()));

        DeliveryOutcome outcome = await target.DeliverAsync(message, CancellationToken.None);

        Assert.True(outcome.Written);
        RecipientFailure carol = Assert.Single(outcome.Failures);
        Assert.Equal(("carol@example.com", false), (carol.Recipient, carol.Permanent));
        Assert.Contains("421 4.3.2 Shutting down", carol.Reason, StringComparison.Ordinal);
        await lmtp.Completion;
    }

    [Fact]
    public async Task A_message_that_cannot_go_over_lmtp_as_it_is_is_refused_not_tried_forever()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName });
        var envelope = new MessageEnvelope("s-1", null, "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UtcNow) { Body = "BINARYMIME" };
        await using (IMessageWriter writer = await store.BeginAsync(envelope, default))
        {
            await writer.WriteAsync("Subject: binary\r\n\r\na NUL \0 octet\r\n"u8.ToArray(), default);
            await writer.CommitAsync(default);
        }

        var mailboxes = new MemoryMessageStore();
        await using LmtpServer lmtp = LmtpServer.Start(mailboxes, SmtpPolicy.AcceptAll);
        await using var target = new LmtpDeliveryTarget("127.0.0.1", lmtp.Port);
        await using Running delivery = Running.Start(context, target, deferredWait: TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => delivery.Delivery.Refused == 1, "bob@ refused");
        await Eventually.WaitUntilAsync(async () => (await context.GetConsumerAsync(StreamName, "delivery")).Info.AckFloor.StreamSeq == 1, "the message acknowledged");

        Assert.Equal((1L, 0L, 0L), (delivery.Delivery.Refused, delivery.Delivery.Deferred, delivery.Delivery.Delivered));
        Assert.Empty(mailboxes.Messages);
    }

    [Fact]
    public async Task A_message_received_with_SMTPUTF8_is_delivered_with_it_though_its_addresses_are_ASCII()
    {
        // RFC 6531 §3.2: its headers may be UTF-8, which only a server that offers SMTPUTF8, asked for it, may get.
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName });
        var envelope = new MessageEnvelope("s-1", null, "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UtcNow) { SmtpUtf8 = true };
        await using (IMessageWriter writer = await store.BeginAsync(envelope, default))
        {
            await writer.WriteAsync("Subject: café\r\n\r\nbonjour\r\n"u8.ToArray(), default);
            await writer.CommitAsync(default);
        }

        var mailboxes = new MemoryMessageStore();
        await using LmtpServer lmtp = LmtpServer.Start(mailboxes, SmtpPolicy.AcceptAll);
        await using var target = new LmtpDeliveryTarget("127.0.0.1", lmtp.Port);
        await using Running delivery = Running.Start(context, target);
        await Eventually.WaitUntilAsync(() => mailboxes.Messages.Count == 1, "the message for bob");

        Assert.True(mailboxes.Messages.Single().Envelope.SmtpUtf8);
    }

    /// <summary>Reads a transaction from alice to <paramref name="recipients"/>, accepts each step and reads the data (the message "quota").</summary>
    private static async Task AcceptAsync(ScriptedSession s, params string[] recipients)
    {
        await s.ExpectAsync("MAIL FROM:<alice@example.com>");
        await s.ReplyAsync("250 2.1.0 OK");
        foreach (string recipient in recipients)
        {
            await s.ExpectAsync($"RCPT TO:<{recipient}>");
            await s.ReplyAsync("250 2.1.5 OK");
        }

        await s.ExpectAsync("DATA");
        await s.ReplyAsync("354 go ahead");
        Assert.EndsWith("\r\nquota\r\n", System.Text.Encoding.ASCII.GetString(await s.ReadDataAsync()), StringComparison.Ordinal);
    }

    private static string Text(byte[] octets) => System.Text.Encoding.UTF8.GetString(octets);

    /// <summary>gone@ has no mailbox (550); later@'s is busy the first time it is asked for (451), free after.</summary>
    private sealed class MailboxPolicy : SmtpPolicy
    {
        private int _laterAsked;

        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath switch
            {
                "gone@example.com" => SmtpResponse.Refuse(550, "5.1.1", "No such user here"),
                "later@example.com" when Interlocked.Increment(ref _laterAsked) == 1 => SmtpResponse.Refuse(451, "4.2.0", "Mailbox busy, try again later"),
                _ => SmtpResponse.Accept,
            });
    }

    /// <summary>A front end on the JetStream store, one SMTP session a message; each message is from alice.</summary>
    private sealed class FrontEnd(JetStreamMessageStore store) : IAsyncDisposable
    {
        private readonly SmtpListener _listener = Started(new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.example.com" }, store));

        /// <summary>Opens the store on the test's stream, and starts the front end on it.</summary>
        public static async Task<FrontEnd> OpenAsync(NatsJSContext context) =>
            new(await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName }));

        /// <summary>Sends the message; the id its 250 named.</summary>
        public async Task<string> SendAsync(string[] recipients, string message)
        {
            await using RawClient client = await RawClient.ConnectAsync(_listener.LocalEndPoint!);
            await client.StartMessageAsync("alice@example.com", recipients);
            string reply = await client.CommandAsync(message + ".");
            Assert.StartsWith("250 2.0.0 OK: queued as ", reply, StringComparison.Ordinal);
            return reply["250 2.0.0 OK: queued as ".Length..];
        }

        public ValueTask DisposeAsync() => _listener.DisposeAsync();

        private static SmtpListener Started(SmtpListener listener)
        {
            listener.Start();
            return listener;
        }
    }

    /// <summary>Our own LMTP server on loopback.</summary>
    private sealed class LmtpServer(SmtpListener listener) : IAsyncDisposable
    {
        public int Port => listener.LocalEndPoint!.Port;

        public static LmtpServer Start(IMessageStore store, SmtpPolicy policy, int port = 0)
        {
            var options = new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port), ServerName = "lmtp.example.com", Commands = LmtpCommandHandler.Instance };
            var listener = new SmtpListener(options, store, policy);
            listener.Start();
            return new LmtpServer(listener);
        }

        public ValueTask DisposeAsync() => listener.DisposeAsync();
    }

    /// <summary>A delivery running until the test ends.</summary>
    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;

        private Running(JetStreamDelivery delivery)
        {
            Delivery = delivery;
            _running = delivery.RunAsync(_stop.Token);
        }

        public JetStreamDelivery Delivery { get; }

        public static Running Start(NatsJSContext context, IDeliveryTarget target, TimeSpan? deferredWait = null) =>
            new(new JetStreamDelivery(context, new JetStreamDeliveryOptions { Stream = StreamName, DeferredWait = deferredWait ?? TimeSpan.FromMinutes(1) }, target));

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
        }
    }
}
