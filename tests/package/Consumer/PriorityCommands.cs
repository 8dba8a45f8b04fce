using System.Globalization;
using SmtpGen;
using SmtpGen.Server;
using SmtpGen.Smtp;

namespace Consumer;

/// <summary>
/// Serves MT-PRIORITY with the server's own machinery: announced beside SMTP's extensions, read by the extension's
/// generated reader when a MAIL carries it; the server keeps it with the message's envelope.
/// </summary>
public sealed class PriorityCommands : SmtpCommandHandler<PriorityProtocol.Grammar, PriorityProtocol.Command>
{
    private static readonly PriorityProtocol.Extensions Own = PriorityProtocol.Extensions.None.With(PriorityProtocol.Extension.MtPriority);

    /// <summary>MT-PRIORITY, after the lines of SMTP's extensions that the server offers.</summary>
    public override byte[]? FormatAddedExtensionLines(SmtpProtocol.Extensions offered, SmtpServerOptions options) =>
        PriorityProtocol.FormatExtensionLines(250, Own, default);

    protected override ParameterStatus ReadParameters(SmtpProtocol.Verb verb, EsmtpParameters parameters, SmtpCommandContext context)
    {
        if (verb != SmtpProtocol.Verb.Mail)
        {
            return ParameterStatus.Unknown;   // MT-PRIORITY is MAIL's alone
        }

        ParameterStatus status = PriorityProtocol.TryReadMailParameters(parameters, Own, out PriorityProtocol.MailParameters values);
        // RFC 6710 §3: a priority is an integer from -9 to 9.
        return status == ParameterStatus.Ok && !(int.TryParse(values.Priority, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int priority) && priority is >= -9 and <= 9)
            ? ParameterStatus.Malformed
            : status;
    }

    protected override SmtpResponse Handle(scoped in PriorityProtocol.Command command, SmtpCommandContext context) =>
        throw new InvalidOperationException("The extension has no command of its own.");
}
