namespace SmtpGen.Server;

/// <summary>
/// What a server does with message data sent with DATA that holds a bare CR or LF (RFC 5321 §2.3.8). In both modes only
/// <c>CRLF . CRLF</c> ends the data, so neither can end a message early (SMTP smuggling). BDAT's chunks, whose length
/// is given and whose octets are not scanned for an end, are kept as sent.
/// </summary>
public enum BareLineEndingHandling
{
    /// <summary>Read the data to its end, then refuse the message with 554 5.6.0; nothing is stored.</summary>
    Reject,

    /// <summary>Store the message with every bare CR or LF written as CRLF.</summary>
    Normalize,
}
