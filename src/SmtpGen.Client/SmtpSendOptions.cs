using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

/// <summary>
/// What one message asks of the server beyond its addresses and content: delivery status notifications, and the MAIL
/// and RCPT parameters of extensions that SMTP's definition does not have (RFC 6710's <c>MT-PRIORITY</c>, say, from a
/// definition of your own that extends SMTP).
/// </summary>
public sealed class SmtpSendOptions
{
    /// <summary>What notifications to ask for (RFC 3461), sent when the server offers DSN; null asks none.</summary>
    public DeliveryStatusOptions? DeliveryStatus { get; init; }

    /// <summary>
    /// Parameters for MAIL as they go on the line, separated by SP (<c>MT-PRIORITY=3</c>), after those the client writes
    /// itself (SIZE, BODY, SMTPUTF8, AUTH, RET, ENVID, which are not allowed here). Sent as they are, whatever the server
    /// announced: send them where <see cref="SmtpCapabilities.Supports"/> says the server takes their extension. Null sends none.
    /// </summary>
    public string? MailParameters { get; init; }

    /// <summary>
    /// Parameters for every RCPT as they go on the line, after those the client writes itself (NOTIFY and ORCPT, which
    /// are not allowed here); sent as <see cref="MailParameters"/> are. Null sends none.
    /// </summary>
    public string? RecipientParameters { get; init; }

    /// <summary>Checks <see cref="MailParameters"/> and <see cref="RecipientParameters"/>, and returns them as UTF-8.</summary>
    /// <exception cref="ArgumentException">One is not parameters (RFC 5321 §4.1.2), or holds a parameter of SMTP's own.</exception>
    internal ExtraParameters Check() =>
        new(Checked(MailParameters, nameof(MailParameters), SmtpProtocol.Verb.Mail), Checked(RecipientParameters, nameof(RecipientParameters), SmtpProtocol.Verb.Rcpt));

    private static byte[] Checked(string? parameters, string property, SmtpProtocol.Verb verb)
    {
        byte[] utf8 = parameters is null ? [] : Encoding.UTF8.GetBytes(parameters);
        if (!EsmtpParameters.TryCreate(utf8, out EsmtpParameters read) || (parameters is not null && read.IsEmpty))
        {
            throw new ArgumentException($"{property} \"{ShownLine.Of(parameters!)}\" is not parameters as RFC 5321 §4.1.2 writes them: keyword[=value] separated by SP.", property);
        }

        foreach (EsmtpParameter parameter in read)
        {
            EsmtpParameters.TryCreate(parameter.Raw, out EsmtpParameters alone);
            ParameterStatus status = verb == SmtpProtocol.Verb.Mail
                ? SmtpProtocol.TryReadMailParameters(alone, SmtpProtocol.Extensions.All, out _)
                : SmtpProtocol.TryReadRcptParameters(alone, SmtpProtocol.Extensions.All, out _);
            if (status != ParameterStatus.Unknown)
            {
                throw new ArgumentException(
                    $"{property} holds {Encoding.UTF8.GetString(parameter.Keyword)}, a parameter of SMTP's own, which the client writes itself (DeliveryStatus for DSN's).", property);
            }
        }

        return utf8;
    }
}

/// <summary>A caller's parameters for MAIL and for every RCPT, checked, in UTF-8.</summary>
internal readonly record struct ExtraParameters(byte[] Mail, byte[] Recipient)
{
    public static ExtraParameters None { get; } = new([], []);
}

