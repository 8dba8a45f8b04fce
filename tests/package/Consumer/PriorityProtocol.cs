using SmtpGen;
using SmtpGen.Smtp;

namespace Consumer;

/// <summary>
/// SMTP with RFC 6710's MT-PRIORITY, a MAIL parameter of an extension defined in the user's assembly on SMTP read
/// from the SmtpGen.Smtp package, and no command of its own.
/// </summary>
[LineProtocol("SMTP+PRIORITY", Extends = typeof(SmtpProtocol))]
public static partial class PriorityProtocol
{
    /// <summary>What MT-PRIORITY adds to SMTP's extensions.</summary>
    public enum AddedExtensions
    {
        /// <summary><c>MT-PRIORITY=priority-value</c> on MAIL, -9 to 9 (RFC 6710 §3).</summary>
        [Extension("MT-PRIORITY")]
        [Parameter("MT-PRIORITY={priority:Atom}", Of = [SmtpProtocol.Verb.Mail], ExtendsLineBy = 15)]
        MtPriority,
    }
}
