using System.Runtime.CompilerServices;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>
/// Handles the commands that a definition extending SMTP adds, typed by that definition's generated command. The
/// server does what it does for SMTP's own: it parses the line with the definition's parser (a syntax error gets 501),
/// checks the definition's state machine (a command out of sequence gets 503), asks <see cref="Handle"/> for the
/// reply, writes it, and moves the session along the definition's state machine.
/// </summary>
/// <example>
/// <code>
/// sealed class XclientCommands : SmtpCommandHandler&lt;XclientProtocol.Grammar, XclientProtocol.Command&gt;
/// {
///     protected override SmtpResponse Handle(scoped in XclientProtocol.Command command, SmtpCommandContext context) =&gt;
///         context.Restart();
/// }
/// </code>
/// </example>
/// <typeparam name="TGrammar">The extending definition's <c>Grammar</c>, e.g. <c>XclientProtocol.Grammar</c>.</typeparam>
/// <typeparam name="TCommand">The extending definition's <c>Command</c>.</typeparam>
public abstract class SmtpCommandHandler<TGrammar, TCommand> : SmtpCommandHandler
    where TGrammar : ILineGrammar<TCommand>
    where TCommand : allows ref struct
{
    /// <summary>The SMTP commands the extending definition removes or replaces, one bit a verb value: they are the handler's.</summary>
    private readonly ulong _takenOver;

    /// <summary>Reads from the extending definition which of SMTP's commands it does not keep as they are.</summary>
    /// <exception cref="NotSupportedException">The extending definition removes or replaces MAIL, RCPT or DATA, which the server's mail transaction is.</exception>
    protected SmtpCommandHandler()
    {
        foreach (SmtpProtocol.Verb verb in Enum.GetValues<SmtpProtocol.Verb>())
        {
            if (!TGrammar.KeepsBaseCommand((int)verb))
            {
                _takenOver |= 1UL << (int)verb;
            }
        }

        if (TakesOver(SmtpProtocol.Verb.Mail) || TakesOver(SmtpProtocol.Verb.Rcpt) || TakesOver(SmtpProtocol.Verb.Data))
        {
            throw new NotSupportedException(
                $"{typeof(TGrammar).DeclaringType?.Name ?? typeof(TGrammar).Name} removes or replaces MAIL, RCPT or DATA: the server's mail transaction is made of them, so it cannot serve such a definition.");
        }
    }

    /// <summary>
    /// Answers one of the extending definition's own commands, in a state the definition allows it in. The reply's
    /// code moves the session along the definition's state machine.
    /// </summary>
    /// <remarks>
    /// It runs on the session's thread, which with inline socket completions (<c>smtpgen serve</c>) is the socket engine's,
    /// shared with other connections: keep it short, and never block in it (no file or network I/O, no waiting).
    /// </remarks>
    /// <param name="command">The parsed command; its spans are valid during the call only.</param>
    /// <param name="context">The session: who the client is, where it stands, and what the server can do for it.</param>
    /// <returns>The reply, e.g. <see cref="SmtpResponse.Reply"/> or what <see cref="SmtpCommandContext.Restart()"/> gives.</returns>
    protected abstract SmtpResponse Handle(scoped in TCommand command, SmtpCommandContext context);

    internal sealed override bool TakesOver(SmtpProtocol.Verb verb) => (_takenOver & (1UL << (int)verb)) != 0;

    internal sealed override bool IsAllowed(SmtpProtocol.State state, SmtpProtocol.Verb verb) => TGrammar.IsAllowed((int)state, (int)verb);

    internal sealed override SmtpProtocol.State Next(SmtpProtocol.State state, SmtpProtocol.Verb verb, int replyCode) =>
        (SmtpProtocol.State)TGrammar.NextState((int)state, (int)verb, new ReplyCode(replyCode).Outcome);

    internal sealed override bool TryHandle(ReadOnlySpan<byte> line, SmtpCommandContext context)
    {
        CommandStatus status = TGrammar.TryParseCommand(line, out TCommand command);
        if (status == CommandStatus.UnknownVerb)
        {
            return false;
        }

        if (status != CommandStatus.Ok)
        {
            // The line fitted SMTP's longest; the extension's limit for this command may be shorter (§4.5.3.1.4: 500).
            context.Error(status == CommandStatus.LineTooLong ? SmtpProtocol.Reply.LineTooLong
                : PathRefusal.Of(line) ?? SmtpProtocol.Reply.SyntaxErrorInArguments);
            return true;
        }

        context.Answered = false;

        int state = (int)context.State;
        if (!TGrammar.IsAllowed(state, command))
        {
            context.Error(SmtpProtocol.Reply.BadSequence);
            return true;
        }

        SmtpResponse response;
        context.Restarted = false;
        try
        {
            response = Handle(command, context);
            if (response.IsAccepted)
            {
                throw new InvalidOperationException($"{GetType().Name}.Handle answered Accept, which is no reply: answer with SmtpResponse.Reply(...).");
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The handler's failure is the server's local error (451), as a failing policy hook's is; the session goes on.
            // A reply the server wrote for it (a restart's greeting) already answered the command: one reply a command.
            context.Failed(exception, answered: context.Restarted || context.Answered);
            return true;
        }

        context.Write(response);
        if (!context.Restarted)
        {
            // A restart put the session back where it starts, whatever the extension's machine says of the reply.
            context.State = (SmtpProtocol.State)TGrammar.NextState(state, command, response.Code.Outcome);
        }

        return true;
    }
}
