namespace SmtpGen;

/// <summary>The outcome of parsing one command line. Parsers report it as a return value, never by throwing.</summary>
public enum CommandStatus
{
    /// <summary>The line is a well-formed command.</summary>
    Ok,

    /// <summary>The verb is not one the protocol defines (SMTP: 500 5.5.1).</summary>
    UnknownVerb,

    /// <summary>The verb is known but its arguments do not match its pattern (SMTP: 501 5.5.4).</summary>
    SyntaxError,

    /// <summary>The line, CRLF included, is longer than the protocol allows (SMTP: 500 5.5.2).</summary>
    LineTooLong,

    /// <summary>The line does not end with CRLF, or holds a CR or LF elsewhere (SMTP: 500 5.5.2).</summary>
    BadLineEnding,
}
