namespace SmtpGen.Protocols.Tests.BareTokens;

/// <summary>
/// Status tokens that are bare words, as IMAP's status responses are (RFC 9051 §7.1: <c>OK</c>, <c>NO</c> and
/// <c>BAD</c>). IMAP puts a tag before the verb and before the token, which a definition cannot declare (SMTPGEN034),
/// so this is IMAP's shape without tags: <c>LOGIN user password</c> answered with <c>OK done</c> or <c>NO denied</c>.
/// A refused SELECT leaves no mailbox selected (RFC 9051 §6.3.2).
/// </summary>
[LineProtocol("BARE", Replies = ReplyForm.Status)]
[Status("OK", ReplyOutcome.Positive)]
[Status("NO", ReplyOutcome.Negative)]
[Status("BAD", ReplyOutcome.Negative)]
public static partial class BareTokenProtocol
{
    public enum State
    {
        NotAuthenticated,
        Authenticated,
        Selected,
        [FinalState]
        Logout,
    }

    public enum Verb
    {
        [Command("LOGIN {user:Atom} {password:Atom}", In = [State.NotAuthenticated], Then = State.Authenticated)]
        Login,

        [Command("SELECT {mailbox:Atom}", In = [State.Authenticated, State.Selected], Then = State.Selected, Else = State.Authenticated)]
        Select,

        [Command("LOGOUT", In = [State.NotAuthenticated, State.Authenticated, State.Selected], Then = State.Logout)]
        Logout,
    }

    public enum Reply
    {
        [Reply("OK", "done")]
        Done,

        [Reply("NO", "denied")]
        Denied,

        [Reply("BAD", "syntax")]
        Syntax,

        [Reply("OK", "{mailbox:Atom} selected")]
        Selected,
    }
}
