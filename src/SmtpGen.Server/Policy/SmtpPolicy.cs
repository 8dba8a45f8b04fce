namespace SmtpGen.Server;

/// <summary>
/// Decides whom and what a server accepts. Each hook answers <see cref="SmtpResponse.Accept"/> or a refusal
/// of its choosing (4yz or 5yz), which the server sends as the reply; a 421 then ends the session, as it says
/// (RFC 5321 §3.8). The sender's and the recipient's hooks may also accept in their own words with a 2yz
/// (<c>SmtpResponse.Reply(251, "2.1.5", "User not local; will forward")</c>). Any other answer (a 3yz, or a 2yz to
/// the client's hook) is taken as the hook failing, as one that throws is: the command gets 451 and it is logged.
/// The default accepts everything; derive and override the hooks you need.
/// </summary>
public class SmtpPolicy
{
    /// <summary>A policy that accepts every client, sender and recipient.</summary>
    public static SmtpPolicy AcceptAll { get; } = new();

    /// <summary>
    /// Called when a client connects, before the greeting. A refusal is sent instead of the 220 greeting, in its words:
    /// as 554 ("no SMTP service here", §3.1; any 5yz) and the connection closed after QUIT, or as 421 (any 4yz) and the
    /// connection closed at once, since a greeting is 220, 554 or 421 (§4.3.2). A hook that throws or answers a 2yz or 3yz
    /// gets the client 421 and the close, and is logged.
    /// </summary>
    /// <param name="session">The new session.</param>
    /// <param name="cancellationToken">Cancelled when the hook has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only (the session waits with it afterwards): work the hook leaves running takes a token of its own.</param>
    /// <returns>Accept, or the reply to refuse with.</returns>
    public virtual ValueTask<SmtpResponse> AcceptClientAsync(SmtpSessionInfo session, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SmtpResponse.Accept);

    /// <summary>
    /// Decides on MAIL FROM once the command is valid: called by the default of the overload that also takes the
    /// command's extension parameters, which the server calls. Override this one unless the decision needs them.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="reversePath">The sender's mailbox; empty for the null reverse path <c>&lt;&gt;</c>.</param>
    /// <param name="cancellationToken">Cancelled when the hook has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only (the session waits with it afterwards): work the hook leaves running takes a token of its own.</param>
    /// <returns>Accept, or the reply to refuse with (e.g. 550 5.7.1).</returns>
    public virtual ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SmtpResponse.Accept);

    /// <summary>
    /// Called for MAIL FROM once the command is valid, with the parameters the server's command handler took from it
    /// (an extending definition's own, such as RFC 6710's <c>MT-PRIORITY</c>; <see cref="SmtpCommandHandler"/>). The
    /// default asks <see cref="AcceptSenderAsync(SmtpSessionInfo, string, CancellationToken)"/>, which a policy that
    /// does not look at them overrides instead.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="reversePath">The sender's mailbox; empty for the null reverse path <c>&lt;&gt;</c>.</param>
    /// <param name="extensionParameters">The parameters the handler took; empty when it took none (always so without a handler). A policy
    /// that overrides this and does not decide by them calls the base, so that the overload without them still decides.</param>
    /// <param name="cancellationToken">Cancelled when the hook has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only (the session waits with it afterwards): work the hook leaves running takes a token of its own.</param>
    /// <returns>Accept, or the reply to refuse with (e.g. 550 5.7.1).</returns>
    public virtual ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, IReadOnlyList<EnvelopeParameter> extensionParameters, CancellationToken cancellationToken) =>
        AcceptSenderAsync(session, reversePath, cancellationToken);

    /// <summary>
    /// Decides on each RCPT TO once the command is valid and within the recipient limit: called by the default of the
    /// overload that also takes the command's extension parameters, which the server calls. Override this one unless
    /// the decision needs them.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="reversePath">The sender of the transaction.</param>
    /// <param name="forwardPath">The recipient's mailbox (<c>Postmaster</c> for <c>&lt;Postmaster&gt;</c>).</param>
    /// <param name="cancellationToken">Cancelled when the hook has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only (the session waits with it afterwards): work the hook leaves running takes a token of its own.</param>
    /// <returns>Accept, or the reply to refuse with (e.g. 550 5.1.1 for an unknown mailbox).</returns>
    public virtual ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SmtpResponse.Accept);

    /// <summary>
    /// Called for each RCPT TO once the command is valid and within the recipient limit, with the parameters the
    /// server's command handler took from it (an extending definition's own, such as RFC 7293's <c>RRVS</c>, which asks
    /// for 550 5.7.17 when the mailbox changed owner since the date it gives). The default asks
    /// <see cref="AcceptRecipientAsync(SmtpSessionInfo, string, string, CancellationToken)"/>, which a policy that does
    /// not look at them overrides instead.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="reversePath">The sender of the transaction.</param>
    /// <param name="forwardPath">The recipient's mailbox (<c>Postmaster</c> for <c>&lt;Postmaster&gt;</c>).</param>
    /// <param name="extensionParameters">The parameters the handler took; empty when it took none (always so without a handler). A policy
    /// that overrides this and does not decide by them calls the base, so that the overload without them still decides.</param>
    /// <param name="cancellationToken">Cancelled when the hook has taken <see cref="SmtpServerOptions.PolicyTimeout"/>, or the server stops; for this call only (the session waits with it afterwards): work the hook leaves running takes a token of its own.</param>
    /// <returns>Accept, or the reply to refuse with.</returns>
    public virtual ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, IReadOnlyList<EnvelopeParameter> extensionParameters, CancellationToken cancellationToken) =>
        AcceptRecipientAsync(session, reversePath, forwardPath, cancellationToken);
}
