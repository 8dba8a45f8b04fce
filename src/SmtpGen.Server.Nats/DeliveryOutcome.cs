namespace SmtpGen.Server.Nats;

/// <summary>What a <see cref="IDeliveryTarget"/> made of one message.</summary>
/// <param name="Written">
/// Whether the target wrote the message now; false when it found it delivered already (a delivery again, after an
/// acknowledgement that did not reach the stream) or delivered it to no recipient.
/// </param>
/// <param name="Failures">The recipients it was not delivered to, each with why and whether to try again; none when delivered to all.</param>
public sealed record DeliveryOutcome(bool Written, IReadOnlyList<RecipientFailure> Failures)
{
    /// <summary>Written now, to every recipient.</summary>
    public static DeliveryOutcome Delivered { get; } = new(Written: true, []);

    /// <summary>Found delivered already, to every recipient.</summary>
    public static DeliveryOutcome AlreadyDelivered { get; } = new(Written: false, []);

    /// <summary>Delivered to no recipient, for one reason that holds for all of them.</summary>
    /// <param name="message">The message.</param>
    /// <param name="reason">Why, as a log line gives it: the peer's reply, or the failure.</param>
    /// <param name="permanent">Whether trying again is of no use.</param>
    /// <returns>The outcome, with a failure for each recipient.</returns>
    public static DeliveryOutcome ToNone(QueuedMessage message, string reason, bool permanent)
    {
        ArgumentNullException.ThrowIfNull(message);
        var failures = new RecipientFailure[message.Recipients.Count];
        for (int i = 0; i < failures.Length; i++)
        {
            failures[i] = new RecipientFailure(message.Recipients[i], reason, permanent);
        }

        return new DeliveryOutcome(Written: false, failures);
    }
}

/// <summary>A recipient a message was not delivered to.</summary>
/// <param name="Recipient">The recipient, as the envelope has it.</param>
/// <param name="Reason">Why, as a log line gives it: the peer's reply (<c>452 4.2.2 Mailbox full</c>), or the failure.</param>
/// <param name="Permanent">
/// Whether trying again is of no use (a 5yz reply): the recipient is dropped and logged. Otherwise the delivery puts the
/// message back on the stream for the recipients to try again.
/// </param>
public sealed record RecipientFailure(string Recipient, string Reason, bool Permanent);
