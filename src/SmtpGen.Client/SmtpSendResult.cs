namespace SmtpGen.Client;

/// <summary>
/// The outcome of one message: the reply to each recipient and, when at least one was accepted, the server's
/// acceptance of the message.
/// </summary>
public sealed class SmtpSendResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="recipients">The reply to each recipient, in the order given.</param>
    /// <param name="reply">The reply to the end of the mail data, or null when no data was sent.</param>
    public SmtpSendResult(IReadOnlyList<SmtpRecipientResult> recipients, SmtpReply? reply)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        Recipients = recipients;
        Reply = reply;
    }

    /// <summary>The reply to each recipient, in the order given.</summary>
    public IReadOnlyList<SmtpRecipientResult> Recipients { get; }

    /// <summary>
    /// The server's reply to the end of the mail data (e.g. <c>250 2.0.0 Ok: queued as …</c>; over LMTP, the first
    /// recipient's that accepted it); null when every recipient was refused, so that no data was sent and the
    /// transaction was reset.
    /// </summary>
    public SmtpReply? Reply { get; }

    /// <summary>Whether the server accepted the message for at least one recipient (over LMTP, perhaps for some only: see <see cref="Refused"/>).</summary>
    public bool IsSent => Reply is not null;

    /// <summary>The recipients the server accepted (and, over LMTP, delivered to).</summary>
    public IEnumerable<SmtpRecipientResult> Accepted => Recipients.Where(r => r.IsDelivered);

    /// <summary>The recipients the server refused, at RCPT or, over LMTP, after the data, and over LMTP those whose reply after the data never came.</summary>
    public IEnumerable<SmtpRecipientResult> Refused => Recipients.Where(r => !r.IsDelivered);
}
