namespace SmtpGen.Client;

/// <summary>
/// The server broke the protocol: a malformed reply, a reply line too long, or a connection closed in the
/// middle of an exchange. The connection cannot be used any more.
/// </summary>
public sealed class SmtpProtocolException : Exception
{
    /// <summary>Creates an exception with a message that says what the server did.</summary>
    /// <param name="message">What went wrong.</param>
    public SmtpProtocolException(string message)
        : base(message)
    {
    }
}
