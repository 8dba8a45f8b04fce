using SmtpGen.Smtp;

namespace SmtpGen.Server.Tests.Extended;

/// <summary>
/// Announces MT-PRIORITY and RRVS beside SMTP's, and reads them with the definition's generated readers; XTHROW,
/// XODD and XRESTART stand for a handler that fails, answers no status, or answers the command itself.
/// </summary>
internal sealed class PriorityCommands : SmtpCommandHandler<PriorityProtocol.Grammar, PriorityProtocol.Command>
{
    private static readonly PriorityProtocol.Extensions Own =
        PriorityProtocol.Extensions.None.With(PriorityProtocol.Extension.MtPriority).With(PriorityProtocol.Extension.Rrvs);

    /// <summary>What the handler was asked to read, as the server gave it.</summary>
    public List<string> Asked { get; } = [];

    public override byte[]? FormatAddedExtensionLines(SmtpProtocol.Extensions offered, SmtpServerOptions options) =>
        PriorityProtocol.FormatExtensionLines(250, Own, default);

    protected override ParameterStatus ReadParameters(SmtpProtocol.Verb verb, EsmtpParameters parameters, SmtpCommandContext context)
    {
        Asked.Add($"{verb} {System.Text.Encoding.UTF8.GetString(parameters.Raw)}");
        if (parameters.Contains("XTHROW"u8))
        {
            throw new InvalidOperationException("the priority service is down");
        }

        if (parameters.Contains("XODD"u8))
        {
            return (ParameterStatus)7;
        }

        if (parameters.Contains("XRESTART"u8))
        {
            // Not its to do: it reads parameters, and the server answers the command.
            context.Restart();
        }

        if (verb == SmtpProtocol.Verb.Rcpt)
        {
            return PriorityProtocol.TryReadRcptParameters(parameters, Own, out _);
        }

        ParameterStatus status = PriorityProtocol.TryReadMailParameters(parameters, Own, out PriorityProtocol.MailParameters values);
        // RFC 6710 §3: a priority is an integer from -9 to 9.
        return status == ParameterStatus.Ok && !IsPriority(values.Priority) ? ParameterStatus.Malformed : status;
    }

    private static bool IsPriority(ReadOnlySpan<byte> value) =>
        int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int priority) && priority is >= -9 and <= 9;

    protected override SmtpResponse Handle(scoped in PriorityProtocol.Command command, SmtpCommandContext context) =>
        throw new InvalidOperationException("The definition has no command of its own.");
}
