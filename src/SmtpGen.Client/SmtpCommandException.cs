namespace SmtpGen.Client;

/// <summary>
/// The server refused a command with a negative reply (4yz or 5yz), or greeted with one. The exception carries
/// the reply: its code, its enhanced status code and the server's text.
/// </summary>
public sealed class SmtpCommandException : Exception
{
    /// <summary>Creates an exception for a refused command.</summary>
    /// <param name="command">The command refused, e.g. <c>MAIL</c>, or <c>the connection</c> for a refusing greeting.</param>
    /// <param name="reply">The server's reply.</param>
    public SmtpCommandException(string command, SmtpReply reply)
        : base($"The server refused {command}: {reply}")
    {
        ArgumentNullException.ThrowIfNull(reply);
        Command = command;
        Reply = reply;
    }

    /// <summary>The command refused, e.g. <c>MAIL</c> or <c>DATA</c>; <c>the connection</c> for a refusing greeting.</summary>
    public string Command { get; }

    /// <summary>The server's reply.</summary>
    public SmtpReply Reply { get; }

    /// <summary>The reply code.</summary>
    public ReplyCode Code => Reply.Code;

    /// <summary>The enhanced status code (RFC 3463), or the default value when the server sent none.</summary>
    public EnhancedStatusCode EnhancedStatusCode => Reply.EnhancedStatusCode;

    /// <summary>The server's text, its lines joined by line feeds.</summary>
    public string ServerText => Reply.Text;

    /// <summary>
    /// Over LMTP, when no recipient took the message after its data: each recipient's reply to RCPT and, for those it
    /// accepted, to the data (<see cref="SmtpRecipientResult.Delivery"/>), which may differ (one mailbox full for good,
    /// another busy for now); <see cref="Reply"/> is the first refusal. Null for any other refusal.
    /// </summary>
    public IReadOnlyList<SmtpRecipientResult>? Recipients { get; init; }
}
