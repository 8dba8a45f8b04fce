namespace SmtpGen;

/// <summary>
/// What a reply says of the command it answers, whatever the protocol writes it as: a numeric code's class (RFC 5321
/// §4.2.1), or a status token (POP3's <c>+OK</c> and <c>-ERR</c>). State machines move on outcomes.
/// </summary>
public enum ReplyOutcome
{
    /// <summary>The command was carried out (2yz, <c>+OK</c>).</summary>
    Positive,

    /// <summary>The command was accepted and more is to come: more from the client (3yz, SMTP's 354) or another reply (1yz).</summary>
    Intermediate,

    /// <summary>The command failed (4yz, 5yz, <c>-ERR</c>).</summary>
    Negative,
}
