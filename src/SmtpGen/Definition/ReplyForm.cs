namespace SmtpGen;

/// <summary>How a protocol's replies start: what tells their outcome.</summary>
public enum ReplyForm
{
    /// <summary>A three-digit code, whose first digit is its class (RFC 5321 §4.2, RFC 959 §4.2): SMTP, FTP.</summary>
    Numeric,

    /// <summary>A status token of the protocol's, declared with <see cref="StatusAttribute"/>: POP3's <c>+OK</c> and <c>-ERR</c>.</summary>
    Status,

    /// <summary>No replies: the definition describes only commands, and no reply side is generated.</summary>
    None,
}
