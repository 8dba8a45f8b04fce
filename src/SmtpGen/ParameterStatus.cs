namespace SmtpGen;

/// <summary>The outcome of reading a command's parameters against the extensions a server offers.</summary>
public enum ParameterStatus
{
    /// <summary>Every parameter is one of an offered extension's, well formed, and given once.</summary>
    Ok,

    /// <summary>A parameter is none of the offered extensions' (SMTP: 555 5.5.4, RFC 5321 §4.1.1.11).</summary>
    Unknown,

    /// <summary>A known parameter's value is missing, not allowed, or not of its syntax (SMTP: 501 5.5.4).</summary>
    Malformed,

    /// <summary>A parameter is given twice (SMTP: 501 5.5.4).</summary>
    Repeated,
}
