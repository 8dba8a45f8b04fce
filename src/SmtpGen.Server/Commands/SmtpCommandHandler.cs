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

    /// <summary>Whether the extending definition removes (LMTP: HELO and EHLO) or replaces the SMTP command: the line is then the handler's.</summary>
    internal abstract bool TakesOver(Smtp.SmtpProtocol.Verb verb);

    /// <summary>Whether SMTP's command may come now, by the extending definition's state machine, which may have more states.</summary>
    internal abstract bool IsAllowed(Smtp.SmtpProtocol.State state, Smtp.SmtpProtocol.Verb verb);

    /// <summary>Where SMTP's command leads, by the extending definition's state machine.</summary>
    internal abstract Smtp.SmtpProtocol.State Next(Smtp.SmtpProtocol.State state, Smtp.SmtpProtocol.Verb verb, int replyCode);

    /// <summary>Handles a line that SMTP does not know; false when the extending definition does not know it either.</summary>
    internal abstract bool TryHandle(ReadOnlySpan<byte> line, SmtpCommandContext context);
}
