namespace SmtpGen.Smtp;

/// <summary>
/// Which MAIL and RCPT parameters are SMTP's own: those an extension of the SMTP definition declares (SIZE, BODY, AUTH,
/// NOTIFY and the rest), whether or not a server offers it. A client writes these itself; a server reads them, and
/// leaves only the others to what extends SMTP.
/// </summary>
public static class SmtpParameterKeywords
{
    /// <summary>Whether an extension of the SMTP definition declares the keyword for the command, compared ASCII case-insensitively.</summary>
    /// <param name="verb"><see cref="SmtpProtocol.Verb.Mail"/> or <see cref="SmtpProtocol.Verb.Rcpt"/>; any other command has no parameters.</param>
    /// <param name="keyword">The parameter's keyword, e.g. <c>SIZE</c>.</param>
    /// <returns>Whether the generated reader of the command's parameters knows the keyword with every extension offered; false for what is no keyword.</returns>
    public static bool IsDeclared(SmtpProtocol.Verb verb, ReadOnlySpan<byte> keyword)
    {
        // The keyword alone is a parameter; the reader answers Unknown only for a keyword no extension declares.
        if (keyword.IndexOfAny((byte)'=', (byte)' ') >= 0 || !EsmtpParameters.TryCreate(keyword, out EsmtpParameters alone) || alone.IsEmpty)
        {
            return false;
        }

        ParameterStatus status = verb switch
        {
            SmtpProtocol.Verb.Mail => SmtpProtocol.TryReadMailParameters(alone, SmtpProtocol.Extensions.All, out _),
            SmtpProtocol.Verb.Rcpt => SmtpProtocol.TryReadRcptParameters(alone, SmtpProtocol.Extensions.All, out _),
            _ => ParameterStatus.Unknown,
        };
        return status != ParameterStatus.Unknown;
    }
}
