using System.Text;
using SmtpGen.Smtp;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>
    /// The parameters of MAIL and RCPT that the command handler took, for the open transaction's envelope: made the first
    /// time the handler takes one, so that a session that never sees one does not carry it.
    /// </summary>
    private List<EnvelopeParameter>? _extensionParameters;

    /// <summary>The parameters the command handler took from the MAIL or RCPT a policy is deciding on, as sent; null when none.</summary>
    private string? _pendingExtensionParameters;

    /// <summary>Where a line's parameters are parted into SMTP's and the handler's: made the first time a line needs it.</summary>
    private byte[]? _partedParameters;

    /// <summary>
    /// Reads MAIL's parameters: SMTP's as the server offers them, and through the command handler the others. False when
    /// they cannot be taken, which is answered: 555 for an unknown one, 501 for one malformed or repeated, 451 when the
    /// handler fails.
    /// </summary>
    private bool TryReadParameters(EsmtpParameters parameters, out SmtpProtocol.MailParameters values)
    {
        _pendingExtensionParameters = null;
        ParameterStatus status = SmtpProtocol.TryReadMailParameters(parameters, Offered, out values);
        if (status == ParameterStatus.Unknown && _options.Commands is { } handler)
        {
            if (!TryPartParameters(handler, Verb.Mail, parameters, out EsmtpParameters smtps, out status))
            {
                return false;
            }

            if (status == ParameterStatus.Ok)
            {
                status = SmtpProtocol.TryReadMailParameters(smtps, Offered, out values);
            }
        }

        return Takes(status);
    }

    /// <inheritdoc cref="TryReadParameters(EsmtpParameters, out SmtpProtocol.MailParameters)"/>
    private bool TryReadParameters(EsmtpParameters parameters, out SmtpProtocol.RcptParameters values)
    {
        _pendingExtensionParameters = null;
        ParameterStatus status = SmtpProtocol.TryReadRcptParameters(parameters, Offered, out values);
        if (status == ParameterStatus.Unknown && _options.Commands is { } handler)
        {
            if (!TryPartParameters(handler, Verb.Rcpt, parameters, out EsmtpParameters smtps, out status))
            {
                return false;
            }

            if (status == ParameterStatus.Ok)
            {
                status = SmtpProtocol.TryReadRcptParameters(smtps, Offered, out values);
            }
        }

        return Takes(status);
    }

    /// <summary>
    /// Parts a line's parameters into those SMTP takes as the server offers it, <paramref name="smtps"/>, and the others,
    /// which the handler reads (<see cref="SmtpCommandHandler.ReadParameters"/>): <paramref name="status"/> is what it
    /// says of them. False when the handler failed, which is answered.
    /// </summary>
    private bool TryPartParameters(SmtpCommandHandler handler, Verb verb, EsmtpParameters parameters, out EsmtpParameters smtps, out ParameterStatus status)
    {
        // The line fitted SMTP's longest, so either part fits a half.
        _partedParameters ??= new byte[2 * SmtpProtocol.LongestCommandLine];
        Span<byte> smtpPart = _partedParameters.AsSpan(0, SmtpProtocol.LongestCommandLine);
        Span<byte> handlerPart = _partedParameters.AsSpan(SmtpProtocol.LongestCommandLine);
        int smtpLength = 0;
        int handlerLength = 0;
        foreach (EsmtpParameter parameter in parameters)
        {
            if (SmtpTakes(verb, parameter.Raw))
            {
                Append(smtpPart, ref smtpLength, parameter.Raw);
            }
            else
            {
                Append(handlerPart, ref handlerLength, parameter.Raw);
            }
        }

        EsmtpParameters.TryCreate(smtpPart[..smtpLength], out smtps);
        EsmtpParameters.TryCreate(handlerPart[..handlerLength], out EsmtpParameters handlers);
        SmtpCommandContext context = _context ??= new SmtpCommandContext(this);
        context.Restarted = false;
        context.Answered = false;
        try
        {
            status = handler.ReadExtensionParameters(verb, handlers, context);
            if (context.Restarted || context.Answered)
            {
                throw new InvalidOperationException($"{handler.GetType().Name}.ReadParameters answered the command (a restart, a hello): it reads the parameters only.");
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // As a failure in Handle: the server's local error (451), or only logged when the handler answered already.
            HandlerFailed(exception, answered: context.Restarted || context.Answered);
            status = default;
            return false;
        }

        if (status == ParameterStatus.Ok)
        {
            _pendingExtensionParameters = Encoding.UTF8.GetString(handlers.Raw);
        }

        return true;
    }

    /// <summary>Whether SMTP takes the parameter of MAIL or RCPT as the server offers it: known to it, well formed or not.</summary>
    private bool SmtpTakes(Verb verb, ReadOnlySpan<byte> parameter)
    {
        EsmtpParameters.TryCreate(parameter, out EsmtpParameters alone);
        ParameterStatus status = verb == Verb.Mail
            ? SmtpProtocol.TryReadMailParameters(alone, Offered, out _)
            : SmtpProtocol.TryReadRcptParameters(alone, Offered, out _);
        return status != ParameterStatus.Unknown;
    }

    /// <summary>Appends a parameter to the parameters in <paramref name="destination"/>, after SP when there are some.</summary>
    private static void Append(Span<byte> destination, ref int length, ReadOnlySpan<byte> parameter)
    {
        if (length > 0)
        {
            destination[length++] = (byte)' ';
        }

        parameter.CopyTo(destination[length..]);
        length += parameter.Length;
    }

    /// <summary>Answers parameters that cannot be taken (RFC 5321 §4.1.1.11: 555 for an unknown one; 501 otherwise); true when they can.</summary>
    private bool Takes(ParameterStatus status)
    {
        switch (status)
        {
            case ParameterStatus.Unknown:
                Error(SmtpProtocol.Reply.ParametersNotRecognized);
                return false;
            case ParameterStatus.Malformed or ParameterStatus.Repeated:
                Error(SmtpProtocol.Reply.SyntaxErrorInArguments);
                return false;
            default:
                return true;
        }
    }

    /// <summary>Keeps what the handler took from the accepted MAIL (<paramref name="recipient"/> null) or RCPT, for the envelope.</summary>
    private void KeepExtensionParameters(string? recipient)
    {
        if (_pendingExtensionParameters is not { } taken)
        {
            return;
        }

        _extensionParameters ??= [];
        foreach (string parameter in taken.Split(' '))
        {
            int equals = parameter.IndexOf('=');
            _extensionParameters.Add(equals < 0
                ? new EnvelopeParameter(recipient, parameter, null)
                : new EnvelopeParameter(recipient, parameter[..equals], parameter[(equals + 1)..]));
        }
    }

    /// <summary>The parameters the handler took in the open transaction, for its envelope.</summary>
    private EnvelopeParameter[] ExtensionParameters() =>
        _extensionParameters is { Count: > 0 } taken ? taken.ToArray() : [];
}
