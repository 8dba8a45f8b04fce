namespace SmtpGen;

/// <summary>What <see cref="LineFramer"/> found at the start of a buffer.</summary>
public enum LineFrame
{
    /// <summary>A line ending with CRLF, no longer than the limit.</summary>
    Complete,

    /// <summary>No LF yet, and fewer octets than the limit: more input is needed.</summary>
    Incomplete,

    /// <summary>No LF within the limit: the line is longer than allowed.</summary>
    TooLong,

    /// <summary>An LF not preceded by CR (RFC 5321 §2.3.8 forbids it); the length covers it so it can be skipped.</summary>
    BareLineFeed,
}
