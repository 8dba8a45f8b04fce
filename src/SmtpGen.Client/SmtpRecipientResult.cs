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
}
