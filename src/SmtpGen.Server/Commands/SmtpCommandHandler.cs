namespace SmtpGen.Server;

/// <summary>
/// The commands of a definition that extends SMTP which SMTP itself does not have (Postfix's XCLIENT, LMTP's LHLO),
/// served by a server set up with <see cref="SmtpServerOptions.Commands"/>. The server parses every line with SMTP's
/// parser first, so plain SMTP runs at its own speed; a line that SMTP does not know, or that is an SMTP command the
/// extending definition removes or replaces, goes to the handler (which answers one it removed as unknown). Derive from <see cref="SmtpCommandHandler{TGrammar, TCommand}"/>.
/// </summary>
public abstract class SmtpCommandHandler
{
    private protected SmtpCommandHandler()
    {
    }

    /// <summary>
    /// Whether the reply to the end of the message data is given once for each accepted recipient, as LMTP's is
    /// (RFC 2033 §4.2), rather than once for the message.
    /// </summary>
    public virtual bool RepliesPerRecipient => false;

    /// <summary>
    /// The lines of the reply to EHLO after its first, when the extending definition announces extensions of its
    /// own: format them with its generated <c>FormatExtensionLines(250, ...)</c>, with SMTP's in
    /// <paramref name="offered"/> among them. Null (the default) announces SMTP's alone.
    /// </summary>
    /// <param name="offered">SMTP's extensions the server offers: those of <see cref="SmtpServerOptions.Extensions"/> it can
    /// offer, which differ before and after TLS (STARTTLS is offered only before).</param>
    /// <param name="options">The server's settings: its largest message for SIZE, <see cref="SmtpAuthenticationOptions.Mechanisms"/> for AUTH.</param>
    /// <returns>The lines, formatted once for each set of extensions when the server starts; null for SMTP's own.</returns>
    public virtual byte[]? FormatExtensionLines(Smtp.SmtpProtocol.Extensions offered, SmtpServerOptions options) => null;

    /// <summary>
    /// The lines that the extending definition adds to the reply to EHLO, after those of SMTP's extensions that the server
    /// offers (which the server formats as it does without a handler, so STARTTLS, SIZE, AUTH and the rest stay announced):
    /// format them with its generated <c>FormatExtensionLines(250, ...)</c> and its own extensions. Null (the default)
    /// adds none. Not asked when <see cref="FormatExtensionLines"/> gives the lines itself.
    /// </summary>
    /// <param name="offered">SMTP's extensions the server offers, before or after TLS.</param>
    /// <param name="options">The server's settings.</param>
    /// <returns>The lines, formatted once for each set of extensions when the server starts; null for none.</returns>
    public virtual byte[]? FormatAddedExtensionLines(Smtp.SmtpProtocol.Extensions offered, SmtpServerOptions options) => null;

    /// <summary>
    /// Reads the parameters of MAIL or RCPT that SMTP's definition does not declare: those of the extending definition's
    /// own extensions (RFC 6710's <c>MT-PRIORITY</c>, say), which <see cref="FormatExtensionLines"/> announces. Read them
    /// with the definition's generated <c>TryReadMailParameters</c> or <c>TryReadRcptParameters</c> and the extensions it
    /// offers, and check what the extension asks beyond the syntax. The server reads SMTP's own parameters of the line
    /// itself (one of an SMTP extension it does not offer is 555), and asks this only when there are others. The default
    /// knows none.
    /// </summary>
    /// <remarks>
    /// The policy sees the parameters it takes while it decides on the command (the overloads of
    /// <see cref="SmtpPolicy.AcceptSenderAsync(SmtpSessionInfo, string, IReadOnlyList{EnvelopeParameter}, CancellationToken)"/>
    /// and <c>AcceptRecipientAsync</c> that take them); when it accepts, the server keeps them with the transaction's
    /// envelope: <see cref="MessageEnvelope.ExtensionParameters"/>. Like <c>Handle</c>, it runs on the
    /// session's thread: keep it short, and never block in it. An exception is answered 451 and the session goes on.
    /// </remarks>
    /// <param name="verb"><see cref="Smtp.SmtpProtocol.Verb.Mail"/> or <see cref="Smtp.SmtpProtocol.Verb.Rcpt"/>.</param>
    /// <param name="parameters">The parameters SMTP does not take, in the order sent; valid during the call only.</param>
    /// <param name="context">The session: who the client is, and where it stands.</param>
    /// <returns>
    /// <see cref="ParameterStatus.Ok"/> to take them; <see cref="ParameterStatus.Unknown"/> (the default), answered
    /// 555 5.5.4 as without a handler; <see cref="ParameterStatus.Malformed"/> or <see cref="ParameterStatus.Repeated"/>,
    /// answered 501 5.5.4.
    /// </returns>
    protected virtual ParameterStatus ReadParameters(Smtp.SmtpProtocol.Verb verb, EsmtpParameters parameters, SmtpCommandContext context) =>
        ParameterStatus.Unknown;

    /// <summary>The server's way to <see cref="ReadParameters"/>, which only a handler itself may call.</summary>
    internal ParameterStatus ReadExtensionParameters(Smtp.SmtpProtocol.Verb verb, EsmtpParameters parameters, SmtpCommandContext context) =>
        ReadParameters(verb, parameters, context);

    /// <summary>Whether the extending definition removes (LMTP: HELO and EHLO) or replaces the SMTP command: the line is then the handler's.</summary>
    internal abstract bool TakesOver(Smtp.SmtpProtocol.Verb verb);

    /// <summary>Whether SMTP's command may come now, by the extending definition's state machine, which may have more states.</summary>
    internal abstract bool IsAllowed(Smtp.SmtpProtocol.State state, Smtp.SmtpProtocol.Verb verb);

    /// <summary>Where SMTP's command leads, by the extending definition's state machine.</summary>
    internal abstract Smtp.SmtpProtocol.State Next(Smtp.SmtpProtocol.State state, Smtp.SmtpProtocol.Verb verb, int replyCode);

    /// <summary>Handles a line that SMTP does not know; false when the extending definition does not know it either.</summary>
    internal abstract bool TryHandle(ReadOnlySpan<byte> line, SmtpCommandContext context);
}
