using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests.Xclient;

/// <summary>
/// SMTP with Postfix's XCLIENT extension (Postfix's XCLIENT_README): a trusted proxy tells the server about the
/// client it relays for, <c>XCLIENT attribute=value ...</c> with NAME, ADDR, PORT, PROTO, HELO, LOGIN and the
/// rest, values in xtext. The server answers with its 220 greeting and the session starts over, so the client
/// says EHLO again. Not allowed during a mail transaction. The base, <see cref="SmtpProtocol"/>, is read from the
/// SmtpGen.Smtp assembly's metadata.
/// </summary>
[LineProtocol("SMTP+XCLIENT", Extends = typeof(SmtpProtocol))]
public static partial class XclientProtocol
{
    /// <summary>What XCLIENT adds to SMTP's commands.</summary>
    public enum Commands
    {
        /// <summary><c>"XCLIENT" 1*( SP attribute-name "=" attribute-value )</c>.</summary>
        [Command("XCLIENT {attributes:Parameters}", In = [SmtpProtocol.State.Connected, SmtpProtocol.State.Ready], Then = SmtpProtocol.State.Connected)]
        Xclient,
    }

    /// <summary>What XCLIENT adds to SMTP's replies.</summary>
    public enum Replies
    {
        /// <summary>550 to a client that may not use XCLIENT.</summary>
        [Reply(550, "5.7.0", "Insufficient authorization")]
        XclientNotAuthorized,
    }
}
