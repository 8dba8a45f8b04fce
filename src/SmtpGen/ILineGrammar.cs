namespace SmtpGen;

/// <summary>
/// A protocol's command parser and state machine as a type argument, for code that is generic over protocols:
/// a server that runs a definition extending SMTP hands the lines SMTP does not know to a handler typed by the
/// extended definition's <c>Grammar</c>. Every definition generates one (<c>SmtpProtocol.Grammar</c>); the calls are
/// static, so generic code calls them directly, with no interface dispatch and no allocation.
/// </summary>
/// <remarks>States and verbs cross this boundary as the integer values of their enums: a definition that extends
/// another gives the base's members the base's values, so code that knows the base reads them as is.</remarks>
/// <typeparam name="TCommand">The definition's parsed command.</typeparam>
public interface ILineGrammar<TCommand>
    where TCommand : allows ref struct
{
    /// <summary>Parses one command line, CRLF included, as the definition's <c>TryParseCommand</c>.</summary>
    /// <param name="line">The line as received.</param>
    /// <param name="command">The parsed command when the result is <see cref="CommandStatus.Ok"/>.</param>
    /// <returns>Whether the line is a command, or why not.</returns>
    static abstract CommandStatus TryParseCommand(ReadOnlySpan<byte> line, out TCommand command);

    /// <summary>Whether the command may come in the state of value <paramref name="state"/>.</summary>
    /// <param name="state">The value of a member of the definition's state enum.</param>
    /// <param name="command">The parsed command.</param>
    /// <returns>Whether it may come now.</returns>
    static abstract bool IsAllowed(int state, scoped in TCommand command);

    /// <summary>The state the command leads to when answered with a reply of <paramref name="outcome"/>.</summary>
    /// <param name="state">The value of the state it came in.</param>
    /// <param name="command">The parsed command.</param>
    /// <param name="outcome">What the reply says (a code's class, a status token's outcome).</param>
    /// <returns>The value of the state after the reply.</returns>
    static abstract int NextState(int state, scoped in TCommand command, ReplyOutcome outcome);

    /// <summary>Whether the command whose verb has the value <paramref name="verb"/> may come in the state of value <paramref name="state"/>.</summary>
    /// <param name="state">The value of a member of the definition's state enum.</param>
    /// <param name="verb">The value of a member of its verb enum (a base's command has the base's value).</param>
    /// <returns>Whether it may come now.</returns>
    static abstract bool IsAllowed(int state, int verb);

    /// <summary>The state the command whose verb has the value <paramref name="verb"/> leads to when answered with a reply of <paramref name="outcome"/>.</summary>
    /// <param name="state">The value of the state it came in.</param>
    /// <param name="verb">The value of a member of the verb enum.</param>
    /// <param name="outcome">What the reply says.</param>
    /// <returns>The value of the state after the reply.</returns>
    static abstract int NextState(int state, int verb, ReplyOutcome outcome);

    /// <summary>
    /// Whether the definition has its base's command whose verb has the value <paramref name="verb"/>, unchanged:
    /// false for one it removes or replaces, and for every command of a definition that extends none.
    /// </summary>
    /// <param name="verb">The value of a member of the base's verb enum.</param>
    /// <returns>Whether the base's command is the definition's as it is.</returns>
    static abstract bool KeepsBaseCommand(int verb);
}
