using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>
/// What a <see cref="SmtpCommandHandler"/> sees of the session it answers: who the client is, where the session
/// stands, and what the server can do for it. One per session, valid during a call to the handler.
/// </summary>
public sealed class SmtpCommandContext
{
    private readonly SmtpSession _session;

    internal SmtpCommandContext(SmtpSession session) => _session = session;

    /// <summary>The session: its id, the client's address, what the client said in its hello.</summary>
    public SmtpSessionInfo Session => _session.Info;

    /// <summary>
    /// Where the session stands in SMTP's state machine. An extending definition's states are SMTP's, with SMTP's
    /// values (its generated <c>State</c> reads the same).
    /// </summary>
    public SmtpProtocol.State State
    {
        get => _session.State;
        internal set => _session.State = value;
    }

    /// <summary>
    /// Starts the session over, as XCLIENT does (and STARTTLS after its handshake): the client's hello and any mail
    /// transaction are forgotten, and the answer is the server's 220 greeting, after which the client says hello
    /// again.
    /// </summary>
    /// <returns>The greeting, already written; return it from <c>Handle</c>.</returns>
    public SmtpResponse Restart()
    {
        Restarted = true;
        return _session.Restart();
    }

    /// <summary>
    /// Answers a hello as EHLO is answered (LMTP's LHLO): the client is named, any transaction is cleared, and the
    /// reply names the server and lists the offered extensions.
    /// </summary>
    /// <param name="clientDomain">The domain or address literal the client gave.</param>
    /// <returns>The reply, already written; return it from <c>Handle</c>.</returns>
    public SmtpResponse Hello(ReadOnlySpan<byte> clientDomain)
    {
        Answered = true;
        return _session.Hello(clientDomain, extended: true);
    }

    /// <summary>Whether the handler restarted the session during the command being handled.</summary>
    internal bool Restarted { get; set; }

    /// <summary>Whether the server wrote the reply to the command being handled for the handler (a hello).</summary>
    internal bool Answered { get; set; }

    internal void Write(SmtpResponse response) => _session.Answer(response);

    internal void Error(SmtpProtocol.Reply reply) => _session.Error(reply);

    internal void Failed(Exception exception, bool answered) => _session.HandlerFailed(exception, answered);
}
