using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SmtpGen.Server.Tests;

namespace SmtpGen.Server.Nats.Tests;

/// <summary>
/// The JetStream store against real <c>nats-server</c> processes: a message acknowledged with 250 is one JetStream message
/// with its envelope, its octets and the 250's id as its deduplication id; with three replicas it is acknowledged while
/// one node is down; with no JetStream to take it the client gets 451; a publish retried with the same id stores it once.
/// </summary>
public sealed class JetStreamMessageStoreTests
{
    internal const string StreamName = "SMTP";
    internal const string Subject = "smtp.messages";

    [Fact]
    public async Task A_message_acknowledged_with_250_is_one_JetStream_message_with_its_envelope_its_octets_and_its_id()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName, Subject = Subject });

        string reply = await SendAsync(store, "Subject: queued\r\n\r\nHello, stream.\r\n");

        string id = reply["250 2.0.0 OK: queued as ".Length..];
        NatsJSMsg<byte[]> stored = Assert.Single(await ReadAllAsync(context, 1));
        Assert.Equal(id, stored.Headers?["Nats-Msg-Id"].ToString());
        Assert.True(JetStreamMessage.TrySplit(stored.Headers, new ReadOnlySequence<byte>(stored.Data!), out ReadOnlySequence<byte> envelope, out ReadOnlySequence<byte> message));
        using JsonDocument json = JsonDocument.Parse(envelope);
        Assert.Equal("alice@example.com", json.RootElement.GetProperty("mailFrom").GetString());
        Assert.Equal("bob@example.com", json.RootElement.GetProperty("rcptTo")[0].GetString());
        Assert.Equal("Subject: queued\r\n\r\nHello, stream.\r\n"u8.ToArray(), ServerTrace.Remove(message.ToArray()));
    }

    [Fact]
    public async Task A_publish_timeout_too_long_for_a_timer_is_no_limit()
    {
        // TimeSpan.MaxValue is past what CancelAfter counts (49.7 days); the publish threw for it.
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(queue.Context, new JetStreamStoreOptions { Stream = StreamName, Subject = Subject, PublishTimeout = TimeSpan.MaxValue });

        Assert.StartsWith("250 ", await SendAsync(store, "no limit\r\n"));
    }

    [Fact]
    public async Task With_three_replicas_a_message_is_acknowledged_while_one_node_is_down_and_kept_by_the_others()
    {
        await using NatsServers nats = await NatsServers.StartClusterAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls });
        var context = new NatsJSContext(connection);
        await CreateStreamAsync(context, replicas: 3);
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName, Subject = Subject, PublishTimeout = TimeSpan.FromSeconds(30) });
        Assert.StartsWith("250 ", await SendAsync(store, "first\r\n"));

        // A quorum of three is two: the stream goes on, its leader re-elected if the killed node led it.
        await nats.Nodes[0].KillAsync();
        Assert.StartsWith("250 ", await SendAsync(store, "second\r\n"));

        INatsJSStream stream = await context.GetStreamAsync(StreamName);
        Assert.Equal(2L, stream.Info.State.Messages);
        Assert.Equal(3, stream.Info.Config.NumReplicas);
    }

    [Fact]
    public async Task With_no_JetStream_to_take_it_a_message_gets_451_and_the_session_goes_on()
    {
        NatsServers nats = await NatsServers.StartOneAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls, MaxReconnectRetry = 0 });
        var context = new NatsJSContext(connection);
        await CreateStreamAsync(context, replicas: 1);
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName, Subject = Subject, PublishTimeout = TimeSpan.FromSeconds(2) });
        await nats.DisposeAsync();

        Assert.StartsWith("451 4.3.0 ", await SendAsync(store, "nowhere to go\r\n"));
    }

    [Fact]
    public async Task A_publish_retried_with_the_same_id_is_stored_once()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName, Subject = Subject });
        var envelope = new MessageEnvelope("s-1", new IPEndPoint(IPAddress.Loopback, 40000), "client.example.com", "alice@example.com", ["bob@example.com"], DateTimeOffset.UtcNow);
        await using IMessageWriter writer = await store.BeginAsync(envelope, default);
        await writer.WriteAsync("once\r\n"u8.ToArray(), default);

        string first = await writer.CommitAsync(default);
        string again = await writer.CommitAsync(default);

        Assert.Equal(first, again);
        Assert.Equal(1L, (await context.GetStreamAsync(StreamName)).Info.State.Messages);
    }

    [Fact]
    public async Task The_largest_message_is_the_streams_largest_less_the_envelopes_allowance()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync(maxMessageSize: 300_000);
        NatsJSContext context = queue.Context;

        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName, Subject = Subject });

        Assert.Equal(300_000 - (64 * 1024), store.MaxMessageSize);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName, Subject = Subject, EnvelopeAllowance = 300_000 }));
    }

    [Fact]
    public async Task Without_a_subject_the_store_publishes_on_the_streams_one_subject_and_a_stream_of_wildcards_needs_one_named()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        await context.CreateStreamAsync(new StreamConfig("WIDE", ["wide.>"]));

        Assert.Equal(Subject, (await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName })).Subject);
        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = "WIDE" }));
        Assert.Contains("name the subject", error.Message, StringComparison.Ordinal);
        Assert.Equal("wide.in", (await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = "WIDE", Subject = "wide.in" })).Subject);
    }

    /// <summary>Creates the stream, waiting while a new cluster elects its JetStream leader.</summary>
    internal static async Task CreateStreamAsync(NatsJSContext context, int replicas, long maxMessageSize = -1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await context.CreateStreamAsync(new StreamConfig(StreamName, [Subject]) { NumReplicas = replicas, MaxMsgSize = (int)maxMessageSize });
                return;
            }
            catch (Exception exception) when (exception is NatsJSApiException or NatsJSApiNoResponseException or NatsNoRespondersException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Sends one message from alice to bob through a server on <paramref name="store"/>; the reply to its end.</summary>
    internal static async Task<string> SendAsync(IMessageStore store, string message)
    {
        var listener = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.example.com" }, store);
        await using (listener)
        {
            listener.Start();
            await using RawClient client = await RawClient.ConnectAsync(listener.LocalEndPoint!);
            await client.StartMessageAsync("alice@example.com", "bob@example.com");
            string reply = await client.CommandAsync(message + ".");
            Assert.Equal("221 2.0.0 Bye", await client.CommandAsync("QUIT"));
            return reply;
        }
    }

    /// <summary>Every message of the stream, read by an ordered consumer.</summary>
    internal static async Task<List<NatsJSMsg<byte[]>>> ReadAllAsync(NatsJSContext context, int count)
    {
        INatsJSConsumer consumer = await context.CreateOrderedConsumerAsync(StreamName);
        List<NatsJSMsg<byte[]>> messages = [];
        await foreach (NatsJSMsg<byte[]> message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = count, Expires = TimeSpan.FromSeconds(5) }))
        {
            messages.Add(message);
        }

        return messages;
    }
}
