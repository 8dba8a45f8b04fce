namespace SmtpGen.Server.Nats;

/// <summary>
/// Delivers the stream's messages into a Maildir, one file per message named by its id, with its envelope beside it
/// (<see cref="MaildirMessageStore.DeliverAsync"/>): a message delivered again finds its file there, in <c>new/</c> or
/// <c>cur/</c>, and is not written twice, so the Maildir has each message exactly once.
/// </summary>
/// <param name="maildir">The Maildir.</param>
public sealed class MaildirDeliveryTarget(MaildirMessageStore maildir) : IDeliveryTarget
{
    private readonly MaildirMessageStore _maildir = maildir ?? throw new ArgumentNullException(nameof(maildir));

    /// <inheritdoc/>
    /// <exception cref="IOException">The Maildir could not be written: the message is delivered again later.</exception>
    public async ValueTask<DeliveryOutcome> DeliverAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool written = await _maildir.DeliverAsync(message.Id, message.EnvelopeJson, message.Octets, cancellationToken).ConfigureAwait(false);
        return written ? DeliveryOutcome.Delivered : DeliveryOutcome.AlreadyDelivered;
    }

    /// <summary>The Maildir's <c>new/</c>, for a log line.</summary>
    public override string ToString() => Path.Combine(_maildir.Directory, "new");
}
