using System.Diagnostics;
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

    /// <summary>
    /// The parameters the command handler took from the MAIL or RCPT being read: the policy sees them while it decides on
    /// the command, and the envelope keeps them after. None, with no allocation, when it took none.
    /// </summary>
    private EnvelopeParameter[] _pendingParameters = [];

    /// <summary>Where a line's parameters are sorted into the handler's, then SMTP's: made the first time a line needs it.</summary>
    private byte[]? _sortedParameters;

    /// <summary>SMTP's generated reader of MAIL's or RCPT's parameters (<c>TryReadMailParameters</c>, <c>TryReadRcptParameters</c>).</summary>
    private delegate ParameterStatus ParameterReader<TValues>(EsmtpParameters parameters, SmtpProtocol.Extensions offered, out TValues values)
        where TValues : allows ref struct;

    /// <summary>
    /// Reads the parameters of MAIL or RCPT: SMTP's with its generated <paramref name="read"/> as the server offers them,
    /// and through the command handler the others (their <see cref="EnvelopeParameter.Recipient"/> RCPT's recipient,
    /// null for MAIL). False when they cannot be taken, which is answered: 555 for an unknown one, 501 for one malformed
    /// or repeated, naming it when SMTP's reader refused it; 451 when the handler fails.
    /// </summary>
    private bool TryReadParameters<TValues>(Verb verb, ParameterReader<TValues> read, EsmtpParameters parameters, string? recipient, out TValues values)
        where TValues : allows ref struct
    {
        _pendingParameters = [];
        ParameterStatus status = read(parameters, Offered, out values);
        if (status == ParameterStatus.Unknown && _options.Commands is { } handler)
        {
            if (!TryAskHandler(handler, verb, parameters, recipient, out ParameterStatus handlers))
            {
                return false;
            }

            // SMTP's parameters last: the values read point into the buffer both sorts use. SMTP's refusal, which names
            // its parameter, comes before the handler's of its own, which cannot (only the handler knows which).
            parameters = Sort(verb, parameters, takenBySmtp: true);
            status = read(parameters, Offered, out values);
            if (status == ParameterStatus.Ok && handlers != ParameterStatus.Ok)
            {
                return AnswerUnlessOk(handlers, keyword: default);
            }
        }

        return status == ParameterStatus.Ok || AnswerUnlessOk(status, Refused(read, parameters, status));
    }

    /// <summary>
    /// The keyword of the parameter SMTP's <paramref name="read"/>er refused as <paramref name="status"/> says: one given
    /// again, or the first that read alone gets that status. Empty when none does.
    /// </summary>
    private ReadOnlySpan<byte> Refused<TValues>(ParameterReader<TValues> read, EsmtpParameters parameters, ParameterStatus status)
        where TValues : allows ref struct
    {
        if (status == ParameterStatus.Repeated)
        {
            return parameters.TryFindRepeated(out EsmtpParameter repeated) ? repeated.Keyword : default;
        }

        foreach (EsmtpParameter parameter in parameters)
        {
            if (EsmtpParameters.TryCreate(parameter.Raw, out EsmtpParameters alone) && read(alone, Offered, out _) == status)
            {
                return parameter.Keyword;
            }
        }

        return default;
    }

    /// <summary>Answers the parameters of a client that said HELO, which may use no extension (§4.1.1.2, RFC 1869): 555, naming the first.</summary>
    private void RefuseParametersAfterHelo(EsmtpParameters parameters)
    {
        EsmtpParameters.Enumerator each = parameters.GetEnumerator();
        AnswerUnlessOk(ParameterStatus.Unknown, each.MoveNext() ? each.Current.Keyword : default);
    }

    /// <summary>
    /// The longest keyword a reply names. RFC 5321 bounds no keyword but by its line, which may be longer than a reply's
    /// 512 octets (§4.5.3.1.5); one longer than any an extension defines gets RFC 5321's text, which names none.
    /// </summary>
    private const int MaxNamedKeyword = 64;

    /// <summary>
    /// Gives the handler the parameters SMTP's definition does not declare
    /// (<see cref="SmtpCommandHandler.ReadParameters"/>): <paramref name="status"/> is what it says of them, and what it
    /// takes is pending until the command is accepted. False when the handler failed, which is answered (451).
    /// </summary>
    private bool TryAskHandler(SmtpCommandHandler handler, Verb verb, EsmtpParameters parameters, string? recipient, out ParameterStatus status)
    {
        EsmtpParameters handlerParameters = Sort(verb, parameters, takenBySmtp: false);
        if (handlerParameters.IsEmpty)
        {
            // Every parameter is SMTP's (one of an extension not offered among them): nothing for the handler to read.
            status = ParameterStatus.Ok;
            return true;
        }

        SmtpCommandContext context = _context ??= new SmtpCommandContext(this);
        context.ReadingParameters = true;
        try
        {
            status = handler.ReadExtensionParameters(verb, handlerParameters, context);
            if (!Enum.IsDefined(status))
            {
                throw new InvalidOperationException($"{handler.GetType().Name}.ReadParameters answered {(int)status}, which is no ParameterStatus.");
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // As a failure in Handle: the server's local error (451), and the session goes on.
            HandlerFailed(exception, answered: false);
            status = default;
            return false;
        }
        finally
        {
            context.ReadingParameters = false;
        }

        if (status == ParameterStatus.Ok)
        {
            _pendingParameters = Taken(handlerParameters, recipient);
        }

        return true;
    }

    /// <summary>The parameters the handler took, as the policy and the envelope see them.</summary>
    private static EnvelopeParameter[] Taken(EsmtpParameters parameters, string? recipient)
    {
        var taken = new List<EnvelopeParameter>();
        foreach (EsmtpParameter parameter in parameters)
        {
            // Keywords compare case-insensitively (RFC 5321 §2.4): kept in upper case, so that a policy compares with ==.
            taken.Add(new EnvelopeParameter(
                recipient,
                Encoding.ASCII.GetString(parameter.Keyword).ToUpperInvariant(),
                parameter.HasValue ? Encoding.UTF8.GetString(parameter.Value) : null));
        }

        return [.. taken];
    }

    /// <summary>
    /// The parameters of a line that are SMTP's, declared by its definition whether offered or not (one of an extension the
    /// server does not offer is SMTP's to refuse, 555, not the handler's to take), or the others
    /// (<paramref name="takenBySmtp"/> false); in the order sent, copied where the next sort will overwrite them: the line
    /// fitted SMTP's longest, so either part fits.
    /// </summary>
    private EsmtpParameters Sort(Verb verb, EsmtpParameters parameters, bool takenBySmtp)
    {
        Span<byte> sorted = _sortedParameters ??= new byte[SmtpProtocol.LongestCommandLine];
        int length = 0;
        foreach (EsmtpParameter parameter in parameters)
        {
            if (SmtpParameterKeywords.IsDeclared(verb, parameter.Keyword) == takenBySmtp)
            {
                if (length > 0)
                {
                    sorted[length++] = (byte)' ';
                }

                parameter.Raw.CopyTo(sorted[length..]);
                length += parameter.Raw.Length;
            }
        }

        // Some of a line's parameters, each as it came, are parameters still.
        bool valid = EsmtpParameters.TryCreate(sorted[..length], out EsmtpParameters some);
        Debug.Assert(valid, "Parameters taken from parameters are parameters.");
        return some;
    }

    /// <summary>
    /// Answers parameters that cannot be taken (RFC 5321 §4.1.1.11: 555 for an unknown one; 501 otherwise), naming the
    /// parameter by <paramref name="keyword"/> when it is known and a reply may carry it (<see cref="MaxNamedKeyword"/>);
    /// true when they can be taken.
    /// </summary>
    private bool AnswerUnlessOk(ParameterStatus status, ReadOnlySpan<byte> keyword)
    {
        if (status == ParameterStatus.Ok)
        {
            return true;
        }

        if (keyword.Length is > 0 and <= MaxNamedKeyword)
        {
            ParameterError(status, keyword);
        }
        else
        {
            Error(status == ParameterStatus.Unknown ? SmtpProtocol.Reply.ParametersNotRecognized : SmtpProtocol.Reply.SyntaxErrorInArguments);
        }

        return false;
    }

    /// <summary>Keeps the parameters of the MAIL or RCPT the policy accepted, for the envelope.</summary>
    private void KeepPendingParameters()
    {
        if (_pendingParameters.Length > 0)
        {
            (_extensionParameters ??= []).AddRange(_pendingParameters);
        }
    }

    /// <summary>The parameters the handler took in the open transaction, for its envelope.</summary>
    private EnvelopeParameter[] ExtensionParameters() =>
        _extensionParameters is { Count: > 0 } taken ? taken.ToArray() : [];
}
