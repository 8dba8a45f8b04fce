namespace SmtpGen.Server;

/// <summary>What a log line without a stack trace says of an exception.</summary>
internal static class ExceptionText
{
    /// <summary>
    /// The exception's message followed by its causes', innermost last: a failed TLS handshake's own says only "see inner
    /// exception", and OpenSSL's reason (<c>unsupported protocol</c>, <c>no shared cipher</c>) is two levels down.
    /// </summary>
    public static string WithCauses(Exception exception)
    {
        string text = exception.Message;
        for (Exception? cause = exception.InnerException; cause is not null; cause = cause.InnerException)
        {
            text += " " + cause.Message;
        }

        return text;
    }
}
