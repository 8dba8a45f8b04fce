namespace SmtpGen.Server.Nats;

/// <summary>What a <see cref="JetStreamDelivery"/> consumes, and how patiently.</summary>
public sealed class JetStreamDeliveryOptions
{
    /// <summary>The stream the front ends publish to. Default: <c>SMTP</c>.</summary>
    public string Stream { get; set; } = "SMTP";

    /// <summary>The durable consumer's name: deliveries of one name share the stream's messages. Default: <c>delivery</c>.</summary>
    public string Consumer { get; set; } = "delivery";

    /// <summary>How long a message may go unacknowledged before the stream delivers it again. Default: 30 seconds.</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a message the target could deliver to no recipient for now (a 4yz reply, the LMTP server unreachable) waits
    /// before the stream delivers it again. Default: one minute.
    /// </summary>
    public TimeSpan DeferredWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after it was queued a message still deferred is given up: its recipients left are logged as refused and
    /// it is dropped. Default: five days (Postfix's <c>maximal_queue_lifetime</c>).
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(5);
}
