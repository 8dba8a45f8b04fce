using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>
/// Serves LMTP (RFC 2033) as the LMTP definition declares it: LHLO, answered as EHLO, in place of HELO and EHLO
/// (which get 500), and after the message data one reply for each recipient that RCPT accepted (§4.2).
/// </summary>
public sealed class LmtpCommandHandler : SmtpCommandHandler<LmtpProtocol.Grammar, LmtpProtocol.Command>
{
    /// <summary>The handler; it keeps no state of its own.</summary>
    public static LmtpCommandHandler Instance { get; } = new();

    /// <inheritdoc/>
    public override bool RepliesPerRecipient => true;

    /// <inheritdoc/>
    protected override SmtpResponse Handle(scoped in LmtpProtocol.Command command, SmtpCommandContext context) =>
        command.Verb == LmtpProtocol.Verb.Lhlo
            ? context.Hello(command.Domain)
            : throw new InvalidOperationException($"LMTP adds no command {command.Verb} to SMTP's.");
}
