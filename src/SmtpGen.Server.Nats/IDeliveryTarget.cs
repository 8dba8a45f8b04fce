namespace SmtpGen.Server.Nats;

/// <summary>
/// Where a <see cref="JetStreamDelivery"/> puts the stream's messages: a Maildir (<see cref="MaildirDeliveryTarget"/>), an
/// LMTP server (<see cref="LmtpDeliveryTarget"/>) or a target of the user's. The delivery acknowledges a message to the
/// stream only once the target has answered for every recipient, so a target answers only for what it has committed.
/// </summary>
public interface IDeliveryTarget
{
    /// <summary>Delivers one message of the stream, and says what became of each recipient.</summary>
    /// <param name="message">The message: its id, its envelope and its octets.</param>
    /// <param name="cancellationToken">Stops the delivery; the message stays the stream's, and is delivered again.</param>
    /// <returns>
    /// What became of it: delivered (or found delivered already) to every recipient but those it names, each refused for
    /// good or to be tried again later.
    /// </returns>
    /// <remarks>
    /// An exception (but the cancellation of a stop) is logged and counts as a deferral of every recipient: the message
    /// waits <see cref="JetStreamDeliveryOptions.DeferredWait"/> on the stream and comes again to every recipient. A target
    /// that may have delivered to some recipients says so with an outcome instead. Cancellation means the delivery stopped
    /// and its grace ran out: the message is left unacknowledged.
    /// </remarks>
    ValueTask<DeliveryOutcome> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken);
}
