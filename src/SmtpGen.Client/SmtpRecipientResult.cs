namespace SmtpGen.Client;

/// <summary>What the server replied to RCPT for one recipient.</summary>
public sealed class SmtpRecipientResult
{
    /// <summary>Creates the result for one recipient.</summary>
    /// <param name="address">The recipient's address as given.</param>
    /// <param name="reply">The server's reply to its RCPT.</param>
    public SmtpRecipientResult(string address, SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(reply);
        Address = address;
        Reply = reply;
    }

    /// <summary>The recipient's address as given.</summary>
    public string Address { get; }

    /// <summary>The server's reply to its RCPT.</summary>
    public SmtpReply Reply { get; }

    /// <summary>Whether the server accepted the recipient (a 2yz reply, RFC 5321 §4.1.1.3: 250 or 251).</summary>
    public bool IsAccepted => Reply.IsPositiveCompletion;

    /// <summary>
    /// LMTP (RFC 2033 §4.2): the reply to the end of the message data for this recipient, which says whether it was
    /// delivered to it; null over SMTP, where one reply answers for every recipient, for a refused recipient, and over
    /// LMTP for an accepted one whose reply never came (the conversation ended before it: not delivered).
    /// </summary>
    public SmtpReply? Delivery { get; internal set; }

    /// <summary>Over LMTP, whether the recipient's delivery is told by a reply of its own after the data.</summary>
    internal bool AwaitsDelivery { get; set; }

    /// <summary>
    /// Whether the message reached the recipient: accepted by RCPT and, over LMTP, by the reply for it after the data
    /// (a recipient whose reply never came is not delivered).
    /// </summary>
    public bool IsDelivered => IsAccepted && (Delivery is { } delivery ? delivery.IsPositiveCompletion : !AwaitsDelivery);
}
