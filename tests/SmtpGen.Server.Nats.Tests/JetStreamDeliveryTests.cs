using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SmtpGen.Server.Tests;
using static SmtpGen.Server.Nats.Tests.JetStreamMessageStoreTests;

namespace SmtpGen.Server.Nats.Tests;

/// <summary>
/// The delivery side against a real <c>nats-server</c>: each message the front end acknowledged reaches the Maildir once,
/// under its id, with its envelope; one delivered before a crash lost its acknowledgement is not written twice; one a
/// dead consumer took without acknowledging is delivered again.
/// </summary>
public sealed class JetStreamDeliveryTests : IDisposable
{
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-delivery-").FullName;

    public void Dispose() => Directory.Delete(_maildir, recursive: true);

    [Fact]
    public async Task Every_acknowledged_message_reaches_the_Maildir_once_under_its_id_with_its_envelope()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName });
        string[] ids = [.. await Task.WhenAll(Enumerable.Range(1, 3).Select(async i => Id(await SendAsync(store, $"Subject: {i}\r\n\r\nmessage {i}\r\n"))))];

        var delivery = new JetStreamDelivery(context, new JetStreamDeliveryOptions { Stream = StreamName }, new MaildirDeliveryTarget(new MaildirMessageStore(_maildir)));
        using var stop = new CancellationTokenSource();
        Task running = delivery.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => delivery.Delivered == 3, "three deliveries");
        await stop.CancelAsync();
        await running;

        Assert.Equal(ids.Order(), Directory.GetFiles(Path.Combine(_maildir, "new")).Select(Path.GetFileName).Order());
        foreach (string id in ids)
        {
            string text = System.Text.Encoding.ASCII.GetString(ServerTrace.Remove(await File.ReadAllBytesAsync(Path.Combine(_maildir, "new", id))));
            Assert.Matches(@"^Subject: (\d)\r\n\r\nmessage \1\r\n$", text);
            Assert.Contains("\"mailFrom\": \"alice@example.com\"", await File.ReadAllTextAsync(Path.Combine(_maildir, "envelope", id + ".json")), StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_maildir, "tmp")));
    }

    [Fact]
    public async Task A_stream_that_JetStream_does_not_know_yet_is_asked_for_again()
    {
        // As a cluster that has just lost a node may answer for a stream that exists: "stream not found", then the stream.
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        Assert.True(await context.DeleteStreamAsync(StreamName));
        using var log = new RecordingLoggerProvider();
        var delivery = new JetStreamDelivery(context, new JetStreamDeliveryOptions { Stream = StreamName }, new MaildirDeliveryTarget(new MaildirMessageStore(_maildir)), log.CreateLogger("delivery"));
        using var stop = new CancellationTokenSource();
        Task running = delivery.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => running.IsCompleted || NotFoundWarnings(log) >= 2, "two answers that the stream does not exist");
        Assert.False(running.IsCompleted, $"the delivery stopped: {running.Exception}");

        await CreateStreamAsync(context, replicas: 1);
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName });
        string id = Id(await SendAsync(store, "Subject: late\r\n\r\nmade after the delivery started\r\n"));
        await Eventually.WaitUntilAsync(() => running.IsCompleted || delivery.Delivered == 1, "one delivery");
        Assert.False(running.IsCompleted, $"the delivery stopped: {running.Exception}");
        await stop.CancelAsync();
        await running;
        Assert.True(File.Exists(Path.Combine(_maildir, "new", id)));
    }

    [Fact]
    public async Task A_stream_that_still_does_not_exist_after_the_grace_ends_the_delivery()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        var delivery = new JetStreamDelivery(queue.Context, new JetStreamDeliveryOptions { Stream = "NO-SUCH-STREAM" }, new MaildirDeliveryTarget(new MaildirMessageStore(_maildir)))
        {
            StreamNotFoundGrace = TimeSpan.FromSeconds(2),
        };
        var asked = System.Diagnostics.Stopwatch.StartNew();
        NatsJSApiException error = await Assert.ThrowsAsync<NatsJSApiException>(() => delivery.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(10059, error.Error.ErrCode);
        Assert.True(asked.Elapsed >= TimeSpan.FromSeconds(2), $"ended after {asked.Elapsed}, within the grace");
    }

    private static int NotFoundWarnings(RecordingLoggerProvider log) =>
        log.Entries.Count(entry => entry.Message.Contains("does not exist", StringComparison.Ordinal));

    [Fact]
    public async Task A_message_delivered_before_its_acknowledgement_was_lost_is_not_written_twice()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName });
        string first = Id(await SendAsync(store, "first\r\n"));
        string second = Id(await SendAsync(store, "second\r\n"));

        // The first reached the Maildir (and was read into cur/) when the delivery died before acknowledging it.
        var maildir = new MaildirMessageStore(_maildir);
        Assert.True(await maildir.DeliverAsync(first, "{}"u8.ToArray(), new System.Buffers.ReadOnlySequence<byte>("first\r\n"u8.ToArray()), default));
        File.Move(Path.Combine(_maildir, "new", first), Path.Combine(_maildir, "cur", first + ":2,S"));

        var delivery = new JetStreamDelivery(context, new JetStreamDeliveryOptions { Stream = StreamName }, new MaildirDeliveryTarget(maildir));
        using var stop = new CancellationTokenSource();
        Task running = delivery.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => delivery.Delivered + delivery.Repeated == 2, "two deliveries");
        await stop.CancelAsync();
        await running;

        Assert.Equal((1L, 1L), (delivery.Delivered, delivery.Repeated));
        Assert.Equal([second], Directory.GetFiles(Path.Combine(_maildir, "new")).Select(Path.GetFileName));
        Assert.Single(Directory.GetFiles(Path.Combine(_maildir, "cur")));
    }

    [Fact]
    public async Task A_message_a_dead_consumer_took_without_acknowledging_is_delivered_again()
    {
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName });
        string id = Id(await SendAsync(store, "taken\r\n"));
        var options = new JetStreamDeliveryOptions { Stream = StreamName, AckWait = TimeSpan.FromSeconds(1) };

        // A delivery that took the message and died: the durable consumer has it outstanding, unacknowledged.
        INatsJSConsumer consumer = await context.CreateOrUpdateConsumerAsync(StreamName, new ConsumerConfig(options.Consumer) { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = options.AckWait });
        Assert.NotNull(await consumer.NextAsync<byte[]>());

        var delivery = new JetStreamDelivery(context, options, new MaildirDeliveryTarget(new MaildirMessageStore(_maildir)));
        using var stop = new CancellationTokenSource();
        Task running = delivery.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => delivery.Delivered == 1, "the delivery again");
        await stop.CancelAsync();
        await running;

        Assert.True(File.Exists(Path.Combine(_maildir, "new", id)));
    }

    /// <summary>The id a 250 names: <c>250 2.0.0 OK: queued as ID</c>.</summary>
    private static string Id(string reply)
    {
        Assert.StartsWith("250 2.0.0 OK: queued as ", reply, StringComparison.Ordinal);
        return reply["250 2.0.0 OK: queued as ".Length..];
    }
}
