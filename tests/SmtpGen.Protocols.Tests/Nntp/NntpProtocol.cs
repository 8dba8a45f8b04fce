namespace SmtpGen.Protocols.Tests.Nntp;

/// <summary>
/// A subset of NNTP (RFC 3977) with AUTHINFO (RFC 4643): a protocol whose reply codes use every second digit, x8x for
/// authentication and privacy and x9x for private use (RFC 3977 §3.2), where SMTP's stop at 5, and whose 1yz replies
/// are final (§3.2.1: informative, as 101 before the capability list), where FTP's announce another.
/// </summary>
[LineProtocol("NNTP", AnySecondDigit = true, InformativeReplies = true)]
public static partial class NntpProtocol
{
    /// <summary>Where an NNTP session stands.</summary>
    public enum State
    {
        /// <summary>No newsgroup is selected: the greeting's state.</summary>
        NoGroup,

        /// <summary>GROUP was answered 211.</summary>
        GroupSelected,

        /// <summary>QUIT was answered 205.</summary>
        [FinalState]
        Closed,
    }

    /// <summary>The commands (RFC 3977 §5–6, RFC 4643 §2.3).</summary>
    public enum Verb
    {
        /// <summary><c>CAPABILITIES</c> (§5.2): 101, then the list, dot-terminated.</summary>
        [Command("CAPABILITIES", Body = ResponseBody.DotTerminated)]
        Capabilities,

        /// <summary><c>GROUP group</c> (§6.1.1): selects a newsgroup.</summary>
        [Command("GROUP {group:Printable}", Then = State.GroupSelected)]
        Group,

        /// <summary><c>NEXT</c> (§6.1.4): the next article of the selected group.</summary>
        [Command("NEXT", In = [State.GroupSelected])]
        Next,

        /// <summary><c>AUTHINFO USER name</c> or <c>AUTHINFO PASS password</c> (RFC 4643 §2.3).</summary>
        [Command("AUTHINFO {part:User=USER|Pass=PASS} {value:Printable}")]
        Authinfo,

        /// <summary><c>QUIT</c> (§5.4).</summary>
        [Command("QUIT", Then = State.Closed)]
        Quit,
    }

    /// <summary>Replies of RFC 3977 §3.2 and RFC 4643 §2.3.</summary>
    public enum Reply
    {
        [Reply(101, "Capability list follows")]
        CapabilityList,

        [Reply(200, "Service available, posting allowed")]
        Ready,

        [Reply(205, "Connection closing")]
        Closing,

        /// <summary>RFC 3977 §6.1.1: <c>211 number low high group</c>.</summary>
        [Reply(211, "{count:Number} {low:Number} {high:Number} {group:Printable}")]
        GroupSelected,

        [Reply(281, "Authentication accepted")]
        AuthenticationAccepted,

        [Reply(381, "Password required")]
        PasswordRequired,

        [Reply(411, "No such newsgroup")]
        NoSuchGroup,

        [Reply(480, "Authentication required")]
        AuthenticationRequired,

        [Reply(481, "Authentication failed")]
        AuthenticationFailed,

        [Reply(483, "Encryption or stronger authentication required")]
        StrongerAuthenticationRequired,

        /// <summary>A server's own reply (x9x: private use), in a text beyond ASCII.</summary>
        [Reply(290, "Grüße an {name:Atom}")]
        Greeting,
    }
}
