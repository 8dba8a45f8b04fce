namespace SmtpGen.Server.Nats;

/// <summary>Where and how a <see cref="JetStreamMessageStore"/> publishes.</summary>
public sealed class JetStreamStoreOptions
{
    /// <summary>The stream that keeps the messages; it must exist and take <see cref="Subject"/>. Default: <c>SMTP</c>.</summary>
    public string Stream { get; set; } = "SMTP";

    /// <summary>
    /// The subject each message is published on, which the stream must take; null (the default) for the stream's own
    /// subject, when it has exactly one and without wildcards.
    /// </summary>
    public string? Subject { get; set; }

    /// <summary>
    /// How long a publish may wait for the stream's acknowledgement, retries included, before the message is refused with
    /// 451 (its deduplication id makes the client's retry safe). Default: 10 seconds. A time beyond 49.7 days
    /// (<see cref="TimeSpan.MaxValue"/> among them) is no limit.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What a message's envelope may take of the largest JetStream message, so that a message of
    /// <see cref="JetStreamMessageStore.MaxMessageSize"/> octets and its envelope fit in one. Default: 64 KiB.
    /// </summary>
    public int EnvelopeAllowance { get; set; } = 64 * 1024;
}
