using System.CommandLine;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using SmtpGen.Server;
using SmtpGen.Server.Nats;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen deliver</c>: the delivery side of a JetStream queue that <c>smtpgen serve --store nats://...</c> front ends
/// publish to. A durable consumer of the stream hands each message to a Maildir (under its id) or an LMTP server and
/// acknowledges it once that has answered, until SIGTERM or Ctrl+C (exit 0); a message not acknowledged is delivered
/// again, and the Maildir keeps one copy of it. Its log, as <c>serve</c>'s, goes to standard error: a recipient refused
/// for good, a message given up, a consumer whose acknowledgement wait is too long for the stream's duplicate window.
/// </summary>
internal sealed class DeliverCommand : Command
{
    private readonly Option<StoreLocation> _from = new("--from")
    {
        Description = "The stream to deliver from, nats://HOST:PORT/STREAM",
        HelpName = "nats://HOST:PORT/STREAM",
        Required = true,
        CustomParser = result => StoreLocation.TryParse(result.Tokens[0].Value, out StoreLocation location) && location.NatsServer is not null
            ? location
            : Fail(result, CheckedOption.Mistake("--from", "nats://HOST:PORT/STREAM", result.Tokens[0].Value)),
    };

    private readonly Option<DeliveryTargetLocation> _to = DeliveryTargetLocation.Option("--to", "Where the messages go: a Maildir (made when missing) or an LMTP server", "mail");
    private readonly Option<string> _consumer = new("--consumer")
    {
        Description = "The stream's durable consumer: deliveries of one name share its messages",
        HelpName = "NAME",
        DefaultValueFactory = _ => "delivery",
    };

    private readonly Option<int> _ackWait = NumberOptions.Seconds(
        "--ack-wait",
        "How long a message may go unacknowledged (this process died with it) before the stream delivers it again",
        new JetStreamDeliveryOptions().AckWait);

    private readonly LogOptions _log = new();

    public DeliverCommand()
        : base("deliver", "Deliver the messages of a NATS JetStream stream that serve --store nats://... fills to a Maildir or an LMTP server, until SIGTERM or Ctrl+C")
    {
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_consumer);
        Options.Add(_ackWait);
        _log.AddTo(this);
        this.AddRule(result =>
        {
            if (_log.Mistake(result) is { } mistake)
            {
                result.AddError(mistake);
            }
        });
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        StoreLocation from = parsed.GetRequiredValue(_from);
        DeliveryTargetLocation to = parsed.GetRequiredValue(_to);
        IDeliveryTarget target = to.Open();
        await using var closing = target as IAsyncDisposable;
        await using var nats = new NatsConnection(new NatsOpts { Url = from.NatsServer!, Name = "smtpgen-deliver" });
        using var metrics = new JetStreamMetrics();   // the meter SmtpGen.Server.Nats, for dotnet-counters and the like
        using ILoggerFactory logging = LoggerFactory.Create(builder => _log.Configure(builder, parsed));   // its disposal writes out the lines still queued
        var delivery = new JetStreamDelivery(
            new NatsJSContext(nats), new JetStreamDeliveryOptions { Stream = from.Stream!, Consumer = parsed.GetRequiredValue(_consumer), AckWait = TimeSpan.FromSeconds(parsed.GetValue(_ackWait)) },
            target,
            logging.CreateLogger<JetStreamDelivery>(),
            metrics);
        NatsConnectionLog.Attach(nats, logging.CreateLogger(typeof(NatsConnectionLog)));
        using var signals = new StopSignals(cancellationToken);
        TextWriter output = parsed.InvocationConfiguration.Output;
        await output.WriteLineAsync($"smtpgen: delivering the stream {from.Stream} at {from.NatsServer} to {target} (Ctrl+C or SIGTERM stops)");
        try
        {
            await delivery.RunAsync(signals.Token);
        }
        catch (Exception failure) when (failure is NatsException)
        {
            throw new IOException($"cannot deliver from the stream {from.Stream} at {from.NatsServer}: {failure.Message}", failure);
        }

        await output.WriteLineAsync($"smtpgen: stopped by {signals.SignalName}: {delivery.Delivered} delivered, {delivery.Repeated} there already, {delivery.Deferred} deferred, {delivery.Refused} recipients refused");
        return 0;
    }

    private static StoreLocation Fail(System.CommandLine.Parsing.ArgumentResult result, string mistake)
    {
        result.AddError(mistake);
        return null!;
    }
}
