using SmtpGen;
using SmtpGen.Smtp;

namespace Consumer;

/// <summary>
/// SMTP with Postfix's XCLIENT (Postfix's XCLIENT_README), defined in the user's assembly on SMTP read from the
/// SmtpGen.Smtp package: a trusted proxy names the client it relays for, <c>XCLIENT attribute=value ...</c>; the
/// server answers with its 220 greeting and the session starts over. Not during a mail transaction.
/// </summary>
[LineProtocol("SMTP+XCLIENT", Extends = typeof(SmtpProtocol))]
public static partial class XclientProtocol
{
    /// <summary>What XCLIENT adds to SMTP's commands.</summary>
    public enum Commands
    {
        /// <summary><c>XCLIENT 1*( SP attribute-name "=" attribute-value )</c>, values in xtext.</summary>
        [Command("XCLIENT {attributes:Parameters}", In = [SmtpProtocol.State.Connected, SmtpProtocol.State.Ready], Then = SmtpProtocol.State.Connected,
            Extension = XclientExtension.Xclient)]
        Xclient,
    }

    /// <summary>XCLIENT announced in the reply to EHLO, with the attributes the server takes.</summary>
    public enum XclientExtension
    {
        [Extension("XCLIENT {names:Text}")]
        Xclient,
    }

    /// <summary>What XCLIENT adds to SMTP's replies.</summary>
    public enum Replies
    {
        [Reply(550, "5.7.0", "Insufficient authorization")]
        NotAuthorized,

        [Reply(501, "5.5.4", "Bad XCLIENT attribute")]
        BadAttribute,
    }
}
