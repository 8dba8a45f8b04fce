using System.Diagnostics.Metrics;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SmtpGen.Server.Tests;
using static SmtpGen.Server.Nats.Tests.JetStreamMessageStoreTests;

namespace SmtpGen.Server.Nats.Tests;

/// <summary>The meter <c>SmtpGen.Server.Nats</c>: each publish's wait and failure, each delivery, each delivery again, and what is pending.</summary>
public sealed class JetStreamMetricsTests : IDisposable
{
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-nats-metrics-").FullName;
    private readonly List<(string Instrument, double Value, string? Outcome)> _measured = [];
    private readonly MeterListener _listener = new();

    public JetStreamMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == JetStreamMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measured(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        Directory.Delete(_maildir, recursive: true);
    }

    [Fact]
    public async Task A_publish_and_a_delivery_again_of_a_message_a_dead_consumer_held_are_measured()
    {
        using var metrics = new JetStreamMetrics();
        await using StreamOnOneNode queue = await StreamOnOneNode.StartAsync();
        NatsJSContext context = queue.Context;
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = StreamName }, metrics);
        Assert.StartsWith("250 ", await SendAsync(store, "measured\r\n"));
        var options = new JetStreamDeliveryOptions { Stream = StreamName, AckWait = TimeSpan.FromSeconds(1) };
        INatsJSConsumer consumer = await context.CreateOrUpdateConsumerAsync(StreamName, new ConsumerConfig(options.Consumer) { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = options.AckWait });
        Assert.NotNull(await consumer.NextAsync<byte[]>());   // taken, never acknowledged

        var delivery = new JetStreamDelivery(context, options, new MaildirDeliveryTarget(new MaildirMessageStore(_maildir)), metrics: metrics);
        using var stop = new CancellationTokenSource();
        Task running = delivery.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => delivery.Delivered == 1, "the delivery");
        await stop.CancelAsync();
        await running;
        _listener.RecordObservableInstruments();

        lock (_measured)
        {
            Assert.Single(_measured, m => m.Instrument == "smtpgen.nats.publish.duration" && m.Value > 0);
            Assert.Single(_measured, m => m.Instrument == "smtpgen.nats.deliveries" && m.Outcome == "written");
            Assert.Single(_measured, m => m.Instrument == "smtpgen.nats.redeliveries");
            Assert.Contains(_measured, m => m.Instrument == "smtpgen.nats.pending" && m.Value == 0);
            Assert.DoesNotContain(_measured, m => m.Instrument == "smtpgen.nats.publish.failures");
        }
    }

    [Fact]
    public async Task A_publish_that_gets_no_acknowledgement_is_counted_as_failed()
    {
        using var metrics = new JetStreamMetrics();
        NatsServers nats = await NatsServers.StartOneAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls, MaxReconnectRetry = 0 });
        var context = new NatsJSContext(connection);
        await CreateStreamAsync(context, replicas: 1);
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(
            context, new JetStreamStoreOptions { Stream = StreamName, PublishTimeout = TimeSpan.FromSeconds(2) }, metrics);
        await nats.DisposeAsync();

        Assert.StartsWith("451 ", await SendAsync(store, "lost\r\n"));

        lock (_measured)
        {
            Assert.Single(_measured, m => m.Instrument == "smtpgen.nats.publish.failures");
            Assert.DoesNotContain(_measured, m => m.Instrument == "smtpgen.nats.publish.duration");
        }
    }

    private void Measured(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? outcome = null;
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            outcome = tag.Key == "smtpgen.delivery.outcome" ? tag.Value as string : outcome;
        }

        lock (_measured)
        {
            _measured.Add((instrument.Name, value, outcome));
        }
    }
}
