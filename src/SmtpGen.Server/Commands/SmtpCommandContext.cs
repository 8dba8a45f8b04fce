using System.Text;
using SmtpGen.Captures;
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
    /// <exception cref="InvalidOperationException">Called from <c>ReadParameters</c>, which answers nothing itself.</exception>
    public SmtpResponse Restart()
    {
        ThrowIfReadingParameters();
        Restarted = true;
        return _session.Restart();
    }

    /// <summary>
    /// Starts the session over as <see cref="Restart()"/> does, then takes what a trusted proxy said of the client it
    /// relays for as the client's own, which the restart keeps (Postfix's XCLIENT: HELO, PROTO and LOGIN). With a hello
    /// name the session stands where that hello leaves it: <see cref="SmtpSessionInfo.HeloName"/> and
    /// <see cref="SmtpSessionInfo.IsExtended"/> are set, and MAIL may follow at once (a hello the client says after it
    /// names the client anew). With a user, the session counts as authenticated as that user
    /// (<see cref="SmtpSessionInfo.AuthenticatedUser"/>): a server that requires authentication takes its mail, AUTH gets
    /// 503, and the trace header says ESMTPA.
    /// </summary>
    /// <param name="heloName">The name the client gave in its hello (XCLIENT's HELO); null when the client is to say hello itself.</param>
    /// <param name="extended">Whether that hello was EHLO (XCLIENT's <c>PROTO=ESMTP</c>) rather than HELO (<c>PROTO=SMTP</c>); without a hello name it says nothing.</param>
    /// <param name="authenticatedUser">The user the client authenticated as (XCLIENT's LOGIN); null when it did not.</param>
    /// <returns>The greeting, already written; return it from <c>Handle</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="heloName"/> is neither a domain nor an address literal, as a
    /// hello's name is (RFC 5321 §4.1.1.1), or <paramref name="authenticatedUser"/> is empty or holds a control
    /// character; the session is left as it was.</exception>
    /// <exception cref="InvalidOperationException">Called from <c>ReadParameters</c>, which answers nothing itself.</exception>
    public SmtpResponse Restart(string? heloName, bool extended, string? authenticatedUser)
    {
        ThrowIfReadingParameters();
        // What a hello from the client itself would hold, since it goes where that would (the trace header's "from").
        if (heloName is not null && !IsDomainOrAddressLiteral(heloName))
        {
            throw new ArgumentException($"'{heloName}' is neither a domain nor an address literal (RFC 5321 §4.1.1.1), which a hello names.", nameof(heloName));
        }

        if (authenticatedUser is not null && (authenticatedUser.Length == 0 || authenticatedUser.Any(char.IsControl)))
        {
            throw new ArgumentException("A user's name is not empty and holds no control character.", nameof(authenticatedUser));
        }

        Restarted = true;
        return _session.Restart(heloName, extended, authenticatedUser);
    }

    private static bool IsDomainOrAddressLiteral(string name)
    {
        byte[] octets = Encoding.UTF8.GetBytes(name);
        int position = 0;
        return DomainOrAddressLiteral.TryScan(octets, ref position, out _) && position == octets.Length;
    }

    /// <summary>
    /// Answers a hello as EHLO is answered (LMTP's LHLO): the client is named, any transaction is cleared, and the
    /// reply names the server and lists the offered extensions.
    /// </summary>
    /// <param name="clientDomain">The domain or address literal the client gave.</param>
    /// <returns>The reply, already written; return it from <c>Handle</c>.</returns>
    /// <exception cref="InvalidOperationException">Called from <c>ReadParameters</c>, which answers nothing itself.</exception>
    public SmtpResponse Hello(ReadOnlySpan<byte> clientDomain)
    {
        ThrowIfReadingParameters();
        Answered = true;
        return _session.Hello(clientDomain, extended: true);
    }

    /// <summary>Whether the handler is reading a command's parameters, which leaves the command's reply to the server.</summary>
    internal bool ReadingParameters { get; set; }

    private void ThrowIfReadingParameters()
    {
        if (ReadingParameters)
        {
            throw new InvalidOperationException("ReadParameters reads a command's parameters and answers nothing: the server answers MAIL or RCPT.");
        }
    }

    /// <summary>Whether the handler restarted the session during the command being handled.</summary>
    internal bool Restarted { get; set; }

    /// <summary>Whether the server wrote the reply to the command being handled for the handler (a hello).</summary>
    internal bool Answered { get; set; }

    internal void Write(SmtpResponse response) => _session.Answer(response);

    internal void Error(SmtpProtocol.Reply reply) => _session.Error(reply);

    internal void Failed(Exception exception, bool answered) => _session.HandlerFailed(exception, answered);
}
