namespace SmtpGen;

/// <summary>
/// Declares a command on a member of the protocol's verb enum: its pattern, the states it may come in and
/// where it leads.
/// </summary>
/// <remarks>
/// <para>
/// A pattern reads like the RFC's syntax line. It starts with the verb, matched case-insensitively, and goes on
/// with literal text (also case-insensitive; a space is exactly one SP), captures <c>{name}</c> or
/// <c>{name:Kind}</c>, and optional groups <c>[ ... ]</c>. A capture's kind is a class of
/// <c>SmtpGen.Captures</c> (<c>Domain</c>, <c>ReversePath</c>, <c>Parameters</c>, ...) or the full name of a
/// class of the user's with the same two static methods, <c>TryScan(ReadOnlySpan&lt;byte&gt;, scoped ref int, out T)</c> and
/// <c>TryWrite(Span&lt;byte&gt;, T, out int)</c>, whose <c>TryScan</c> gives a span or parameters only as a slice of the
/// line it scans (the parsed command keeps where they lie); <c>{domain}</c> is short for
/// <c>{domain:Domain}</c>. Example: <c>"MAIL FROM:{reversePath}[ {parameters}]"</c>.
/// </para>
/// <para>
/// States: a command may come in the states of <see cref="In"/>; when <see cref="In"/> is not set, in every
/// state that is neither some command's <see cref="Intermediate"/> state nor marked
/// <see cref="FinalStateAttribute"/>. A reply of class 2 (positive completion) leads to <see cref="Then"/>; a reply of class 1 or 3
/// (positive preliminary or intermediate, e.g. 354 to DATA) leads to <see cref="Intermediate"/>; a negative
/// reply (4 or 5) leads to <see cref="Else"/>. The reply that ends the command's intermediate exchange (the reply
/// after the message data) completes the command either way: to <see cref="Else"/> when it is negative and the
/// command has one, to <see cref="Then"/> otherwise. A status-token reply counts by the outcome its token declares
/// (<see cref="StatusAttribute"/>).
/// </para>
/// </remarks>
/// <param name="pattern">The command's syntax, verb first.</param>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class CommandAttribute(string pattern) : Attribute
{
    /// <summary>The command's syntax, verb first, e.g. <c>"RCPT TO:{forwardPath}[ {parameters}]"</c>.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>
    /// The states in which the command may come (members of the protocol's state enum). Not set: every state
    /// that is neither intermediate nor final.
    /// </summary>
    public object[]? In { get; set; }

    /// <summary>The state after a positive completion reply; unchanged when not set.</summary>
    public object? Then { get; set; }

    /// <summary>The state after a positive intermediate (or preliminary) reply, e.g. DATA's 354.</summary>
    public object? Intermediate { get; set; }

    /// <summary>
    /// The state after a negative reply; unchanged when not set. POP3's PASS: a wrong password leads back to the
    /// AUTHORIZATION state's start (RFC 1939 §7), where USER comes again.
    /// </summary>
    public object? Else { get; set; }

    /// <summary>
    /// Whether a positive reply to the command is followed by a dot-terminated body (POP3's RETR); the generated
    /// <c>HasResponseBody(command)</c> says so for a parsed command.
    /// </summary>
    public ResponseBody Body { get; set; }

    /// <summary>
    /// The name of an optional capture of the pattern without which a positive completion reply leaves the state:
    /// <see cref="Then"/> (and a <see cref="TransitionAttribute.Then"/>) is then the move of the command that has it
    /// alone. Not for a command with an <see cref="Intermediate"/> state. BDAT's <c>{last}</c>: a chunk before the
    /// last is answered 250 and the transaction goes on (RFC 3030 §2). The generated <c>Next(state, command, ...)</c>
    /// reads a parsed command's; <c>Next(state, verb, ...)</c>, with no arguments to read, gives the move of the command
    /// that has it.
    /// </summary>
    public string? ThenOnlyWith { get; set; }

    /// <summary>
    /// In a definition that extends another, the base's commands that this one takes the place of (LMTP's LHLO
    /// replaces EHLO and HELO). Where <see cref="In"/> or <see cref="Then"/> is not set, the command keeps
    /// those of the first command it replaces.
    /// </summary>
    public object[] Replaces { get; set; } = [];

    /// <summary>
    /// The extension that brings the command (a member of the protocol's extension enum), e.g. STARTTLS's: where
    /// the extension is not offered, the command is not a command of the session.
    /// </summary>
    public object? Extension { get; set; }
}
