namespace SmtpGen.Smtp;

/// <summary>
/// LMTP as RFC 2033 defines it: SMTP with LHLO in place of HELO and EHLO (§4.1). Everything else is SMTP's,
/// taken from <see cref="SmtpProtocol"/> by the generator: the commands, their syntax and order, the states and
/// the replies. What LMTP changes after the message data, one reply for each recipient that RCPT accepted
/// (§4.2), is a matter of how many replies a server writes, not of the grammar.
/// </summary>
[LineProtocol("LMTP", Extends = typeof(SmtpProtocol))]
public static partial class LmtpProtocol
{
    /// <summary>The commands LMTP adds to SMTP's; the whole protocol's are in the generated <c>Verb</c>.</summary>
    public enum Commands
    {
        /// <summary>§4.1: <c>"LHLO" SP ( Domain / address-literal )</c>, answered as EHLO is; a server answers HELO and EHLO with 500.</summary>
        [Command("LHLO {domain:DomainOrAddressLiteral}", Replaces = [SmtpProtocol.Verb.Ehlo, SmtpProtocol.Verb.Helo])]
        Lhlo,
    }
}
