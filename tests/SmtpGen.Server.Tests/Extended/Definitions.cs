using SmtpGen.Smtp;

namespace SmtpGen.Server.Tests.Extended;

/// <summary>SMTP with a state of its own: AUTHX leads to Authenticated, where SMTP's commands without In come too.</summary>
[LineProtocol("SMTP+AUTHX", Extends = typeof(SmtpProtocol))]
public static partial class AuthxProtocol
{
    public enum AddedStates
    {
        Authenticated,
    }

    public enum Commands
    {
        [Command("AUTHX {mechanism:SaslMechanism}", In = [SmtpProtocol.State.Ready], Then = AddedStates.Authenticated)]
        Authx,
    }
}

/// <summary>SMTP with a command that starts the session over and says nothing of where that leads.</summary>
[LineProtocol("SMTP+XRESTART", Extends = typeof(SmtpProtocol))]
public static partial class RestartProtocol
{
    public enum Commands
    {
        [Command("XRESTART")]
        Xrestart,
    }
}

/// <summary>SMTP with a MAIL of its own, which the server cannot serve: its transaction is made of MAIL, RCPT and DATA.</summary>
[LineProtocol("SMTP+MAILX", Extends = typeof(SmtpProtocol))]
public static partial class MailxProtocol
{
    public enum Commands
    {
        [Command("MAIL FROM:{reversePath}", Replaces = [SmtpProtocol.Verb.Mail])]
        Mail,
    }
}

/// <summary>
/// SMTP with parameters of its own and no command: RFC 6710's MT-PRIORITY on MAIL, RFC 7293's RRVS on RCPT.
/// </summary>
[LineProtocol("SMTP+PRIORITY", Extends = typeof(SmtpProtocol))]
public static partial class PriorityProtocol
{
    public enum AddedExtensions
    {
        [Extension("MT-PRIORITY")]
        [Parameter("MT-PRIORITY={priority:Atom}", Of = [SmtpProtocol.Verb.Mail], ExtendsLineBy = 15)]
        MtPriority,

        [Extension("RRVS")]
        [Parameter("RRVS={rrvs:Xtext}", Of = [SmtpProtocol.Verb.Rcpt], ExtendsLineBy = 31)]
        Rrvs,
    }
}
