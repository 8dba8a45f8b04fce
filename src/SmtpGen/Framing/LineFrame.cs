namespace SmtpGen;

/// <summary>What <see cref="LineFramer"/> found at the start of a buffer.</summary>
public enum LineFrame
{
    /// <summary>A line ending with CRLF, no longer than the limit.</summary>
    Complete,

    /// <summary>No CRLF yet, and fewer octets than the limit: more input is needed.</summary>
    Incomplete,

    /// <summary>No CRLF within the limit: the line is longer than allowed.</summary>
    TooLong,
}
