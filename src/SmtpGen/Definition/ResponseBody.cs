namespace SmtpGen;

/// <summary>
/// Whether a positive reply to a command is followed by a body: lines ended by a line of a single dot, each line
/// that starts with a dot sent with one more (RFC 1939 §3's multi-line responses, as RFC 5321 §4.5.2's mail data).
/// <see cref="MailDataDecoder"/> reads such a body and <see cref="MailDataEncoder"/> writes one.
/// </summary>
public enum ResponseBody
{
    /// <summary>The reply is all there is.</summary>
    None,

    /// <summary>A positive reply is followed by a body (POP3's RETR, TOP, CAPA).</summary>
    DotTerminated,

    /// <summary>
    /// A positive reply is followed by a body when the command comes without its optional arguments (POP3's LIST
    /// and UIDL: a listing of every message; with a message number, one line).
    /// </summary>
    DotTerminatedWithoutArguments,
}
