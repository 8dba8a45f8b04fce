namespace SmtpGen.Protocols.Tests.Pop3;

/// <summary>
/// POP3 (RFC 1939) with CAPA (RFC 2449): replies start with a status token, <c>+OK</c> or <c>-ERR</c>, instead of a
/// code; a failed PASS sends the session back to the authorization state.
/// </summary>
[LineProtocol("POP3", Replies = ReplyForm.Status, MaxCommandLine = 255)]
[Status("+OK", ReplyOutcome.Positive)]
[Status("-ERR", ReplyOutcome.Negative)]
public static partial class Pop3Protocol
{
    /// <summary>
    /// RFC 1939 §3: AUTHORIZATION, TRANSACTION and UPDATE; a password is due after USER, and a QUIT before the
    /// mailbox is open closes the session without an UPDATE.
    /// </summary>
    public enum State
    {
        Authorization,
        Password,
        Transaction,
        [FinalState]
        Update,
        [FinalState]
        Closed,
    }

    /// <summary>RFC 1939 §3: a positive reply to RETR, TOP, CAPA, and to LIST and UIDL without a message number, is multi-line.</summary>
    public enum Verb
    {
        /// <summary>RFC 1939 §7: the mailbox name, printable characters such as <c>bob@example.com</c>; PASS follows.</summary>
        [Command("USER {name:Printable}", In = [State.Authorization], Then = State.Password)]
        User,

        /// <summary>RFC 1939 §7: the password is the rest of the line, spaces included.</summary>
        [Command("PASS {password:Text}", In = [State.Password], Then = State.Transaction, Else = State.Authorization)]
        Pass,

        /// <summary>RFC 1939 §7: the mailbox name and the MD5 digest of the greeting's timestamp and the secret.</summary>
        [Command("APOP {name:Printable} {digest:Atom}", In = [State.Authorization], Then = State.Transaction)]
        Apop,

        /// <summary>RFC 2449 §5: the capabilities, in the AUTHORIZATION state (a password due included) and the TRANSACTION state.</summary>
        [Command("CAPA", In = [State.Authorization, State.Password, State.Transaction], Body = ResponseBody.DotTerminated)]
        Capa,

        [Command("STAT", In = [State.Transaction])]
        Stat,

        [Command("LIST[ {message:Number}]", In = [State.Transaction], Body = ResponseBody.DotTerminatedWithoutArguments)]
        List,

        [Command("RETR {message:Number}", In = [State.Transaction], Body = ResponseBody.DotTerminated)]
        Retr,

        [Command("DELE {message:Number}", In = [State.Transaction])]
        Dele,

        [Command("NOOP", In = [State.Transaction])]
        Noop,

        [Command("RSET", In = [State.Transaction])]
        Rset,

        /// <summary>RFC 1939 §7: the headers and the first <c>lines</c> lines of the body.</summary>
        [Command("TOP {message:Number} {lines:Number}", In = [State.Transaction], Body = ResponseBody.DotTerminated)]
        Top,

        [Command("UIDL[ {message:Number}]", In = [State.Transaction], Body = ResponseBody.DotTerminatedWithoutArguments)]
        Uidl,

        /// <summary>
        /// RFC 1939 §6: from TRANSACTION, QUIT enters UPDATE, where the deletions take effect; the session ends there
        /// even when they fail (<c>-ERR some deleted messages not removed</c>).
        /// </summary>
        [Command("QUIT", In = [State.Transaction], Then = State.Update, Else = State.Update)]
        [Transition(In = [State.Authorization, State.Password], Then = State.Closed)]
        Quit,
    }

    public enum Reply
    {
        /// <summary>RFC 1939 §4: the greeting, with APOP's timestamp, e.g. <c>&lt;1896.697170952@dbc.mtview.ca.us&gt;</c>.</summary>
        [Reply("+OK", "POP3 server ready {timestamp:Text}")]
        Ready,

        [Reply("+OK", "")]
        Ok,

        [Reply("+OK", "maildrop locked and ready")]
        Locked,

        /// <summary>RFC 1939 §5: STAT's drop listing, the number of messages and their size in octets.</summary>
        [Reply("+OK", "{count:Number} {size:Octets}")]
        DropListing,

        /// <summary>RFC 1939 §5: LIST's scan listing of one message; without a message number, a body of them follows.</summary>
        [Reply("+OK", "{message:Number} {size:Octets}")]
        ScanListing,

        [Reply("+OK", "{count:Number} messages")]
        ScanListings,

        /// <summary>RFC 1939 §7: UIDL's unique-id listing of one message.</summary>
        [Reply("+OK", "{message:Number} {uniqueId:Printable}")]
        UniqueIdListing,

        [Reply("+OK", "unique-id listing follows")]
        UniqueIdListings,

        /// <summary>RETR's answer; the message follows.</summary>
        [Reply("+OK", "{size:Octets} octets")]
        MessageFollows,

        [Reply("+OK", "capability list follows")]
        CapabilityList,

        [Reply("+OK", "message {message:Number} deleted")]
        Deleted,

        [Reply("+OK", "POP3 server signing off")]
        SigningOff,

        [Reply("-ERR", "no such message")]
        NoSuchMessage,

        [Reply("-ERR", "invalid password")]
        InvalidPassword,

        [Reply("-ERR", "unknown command")]
        UnknownCommand,

        [Reply("-ERR", "invalid arguments")]
        InvalidArguments,

        [Reply("-ERR", "command not valid in this state")]
        BadSequence,
    }
}
