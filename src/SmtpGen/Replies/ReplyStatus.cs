namespace SmtpGen;

/// <summary>The outcome of parsing one reply line. Parsers report it as a return value, never by throwing.</summary>
public enum ReplyStatus
{
    /// <summary>The line is a well-formed reply line.</summary>
    Ok,

    /// <summary>The line is not a reply line (bad code, control characters) or does not fit the reply it continues.</summary>
    SyntaxError,

    /// <summary>The line, CRLF included, is longer than allowed.</summary>
    LineTooLong,

    /// <summary>The line does not end with CRLF, or holds a CR or LF elsewhere.</summary>
    BadLineEnding,
}
