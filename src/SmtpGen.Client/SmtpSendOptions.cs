using System.Text;
using SmtpGen.Captures;
using SmtpGen.Smtp;

namespace SmtpGen.Client;

/// <summary>
/// What one message asks of the server beyond its addresses and content: delivery status notifications, and the MAIL
/// and RCPT parameters of extensions that SMTP's definition does not have (RFC 6710's <c>MT-PRIORITY</c>, say, from a
/// definition of your own that extends SMTP).
/// </summary>
public sealed class SmtpSendOptions
{
    /// <summary>Strict UTF-8: text that cannot be encoded (a lone surrogate) is refused, not replaced.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>What notifications to ask for (RFC 3461), sent when the server offers DSN; null asks none.</summary>
    public DeliveryStatusOptions? DeliveryStatus { get; init; }

    /// <summary>
    /// Parameters for MAIL as they go on the line, separated by SP (<c>MT-PRIORITY=3</c>), after those the client writes
    /// itself. SMTP's own parameters (SIZE, BODY, SMTPUTF8, AUTH, RET, ENVID, NOTIFY, ORCPT) are not allowed here, nor is
    /// a keyword twice; a value beyond ASCII goes only to a server that offers SMTPUTF8 (RFC 6531), and then with it.
    /// Sent whatever the server announced: send them where <see cref="SmtpCapabilities.Supports"/> says the server takes
    /// their extension. Null or empty sends none.
    /// </summary>
    public string? MailParameters { get; init; }

    /// <summary>
    /// The parameters for each recipient's RCPT, given its address, as they go on the line after those the client writes
    /// itself (NOTIFY and ORCPT with <see cref="DeliveryStatus"/>): the same for all (<c>_ =&gt; "XTRACE=1"</c>) or each its
    /// own (RFC 7293's <c>RRVS=</c> date of a recipient). Held to the rules of <see cref="MailParameters"/>; null or empty
    /// sends none. Called once for each recipient, before anything is sent.
    /// </summary>
    public Func<string, string?>? RecipientParameters { get; init; }

    /// <summary>
    /// Whether the message needs UTF-8 beyond its addresses (headers in UTF-8, RFC 6532): MAIL asks for it (RFC 6531) even
    /// when every address is ASCII, as a relay does for a message received so (the server's <c>MessageEnvelope.SmtpUtf8</c>);
    /// a server that does not offer it gets nothing (<see cref="NotSupportedException"/>). An address or a parameter
    /// beyond ASCII asks for it anyway.
    /// </summary>
    public bool SmtpUtf8 { get; init; }

    /// <summary>
    /// Who submitted the message, for MAIL's <c>AUTH=</c> (RFC 4954 §5): a mailbox, or <c>&lt;&gt;</c> (or empty) when that
    /// is not known or not trusted. A relay passes on what it received (the server's <c>MessageEnvelope.Submitter</c>), or
    /// <c>&lt;&gt;</c> (§5: it must, to a server it authenticated to, where it cannot vouch for the submitter). Sent, as
    /// xtext, when the server offers AUTH, whether or not this client authenticated (a server takes it only from a client
    /// it trusts); a mailbox beyond ASCII goes as <c>&lt;&gt;</c>, since AUTH= carries RFC 5321's ASCII ones. Null sends
    /// none.
    /// </summary>
    public string? Submitter { get; init; }

    /// <summary>
    /// Checks <see cref="DeliveryStatus"/>, <see cref="MailParameters"/>, each recipient's <see cref="RecipientParameters"/>
    /// and <see cref="Submitter"/>, and returns the last three as they go on the line.
    /// </summary>
    /// <param name="recipients">The message's recipients, for <see cref="RecipientParameters"/>.</param>
    /// <param name="parameterName">The parameter these options came in, which every refusal names.</param>
    /// <exception cref="ArgumentException">
    /// The notifications asked are not RFC 3461's; one is not parameters (RFC 5321 §4.1.2), holds a parameter of SMTP's
    /// own, or a keyword twice; the submitter is no mailbox.
    /// </exception>
    internal ExtraParameters Check(string[] recipients, string parameterName)
    {
        DeliveryStatus?.Check(parameterName);
        byte[][] ofRecipients = [];
        if (RecipientParameters is { } parametersOf)
        {
            ofRecipients = new byte[recipients.Length][];
            for (int i = 0; i < recipients.Length; i++)
            {
                ofRecipients[i] = Checked(parametersOf(recipients[i]), $"{nameof(RecipientParameters)} of {ShownLine.Of(recipients[i])}", parameterName);
            }
        }

        return new(Checked(MailParameters, nameof(MailParameters), parameterName), ofRecipients, SubmitterXtext(parameterName));
    }

    /// <summary>
    /// <see cref="Submitter"/> as xtext (RFC 3461 §4); empty when there is none. A mailbox beyond ASCII, which a server
    /// that takes SMTPUTF8 may have kept, goes as <c>&lt;&gt;</c>: AUTH= carries RFC 5321's mailboxes, and RFC 4954 §5 has
    /// a relay that cannot give a valid one say <c>&lt;&gt;</c>.
    /// </summary>
    private byte[] SubmitterXtext(string parameterName)
    {
        if (Submitter is null)
        {
            return [];
        }

        byte[] mailbox = Submitter is "" or "<>" ? [] : Encoding.UTF8.GetBytes(Submitter);
        int position = 0;
        if (mailbox.Length > 0 && !(Mailbox.TryScan(mailbox, ref position, out _) && position == mailbox.Length))
        {
            throw new ArgumentException($"{nameof(Submitter)} \"{ShownLine.Of(Submitter)}\" is neither a mailbox (RFC 5321 §4.1.2) nor <> (RFC 4954 §5).", parameterName);
        }

        return mailbox.Length > 0 && Ascii.IsValid(mailbox) ? SmtpClient.EncodeXtext(Submitter) : "<>"u8.ToArray();
    }

    private static byte[] Checked(string? parameters, string property, string parameterName)
    {
        if (string.IsNullOrEmpty(parameters))
        {
            return [];
        }

        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(parameters);
        }
        catch (EncoderFallbackException notText)
        {
            throw new ArgumentException($"{property} is not text that UTF-8 can carry (a lone surrogate).", parameterName, notText);
        }

        if (!EsmtpParameters.TryCreate(utf8, out EsmtpParameters read))
        {
            throw new ArgumentException($"{property} \"{ShownLine.Of(parameters)}\" is not parameters as RFC 5321 §4.1.2 writes them: keyword[=value] separated by SP.", parameterName);
        }

        foreach (EsmtpParameter parameter in read)
        {
            if (SmtpParameterKeywords.IsDeclared(SmtpProtocol.Verb.Mail, parameter.Keyword) || SmtpParameterKeywords.IsDeclared(SmtpProtocol.Verb.Rcpt, parameter.Keyword))
            {
                throw new ArgumentException(
                    $"{property} holds {Encoding.UTF8.GetString(parameter.Keyword)}, a parameter of SMTP's own, which the client writes itself where it sends it (DeliveryStatus for DSN's).",
                    parameterName);
            }
        }

        if (read.TryFindRepeated(out EsmtpParameter repeated))
        {
            throw new ArgumentException($"{property} holds {Encoding.UTF8.GetString(repeated.Keyword)} twice (RFC 5321 §4.1.2: a keyword once).", parameterName);
        }

        return utf8;
    }
}

/// <summary>
/// A caller's parameters for MAIL and for each recipient's RCPT (none at all when it gave none), checked, in UTF-8; and the
/// submitter for MAIL's AUTH=, as xtext (empty for none).
/// </summary>
internal readonly record struct ExtraParameters(byte[] Mail, byte[][] OfRecipients, byte[] Submitter)
{
    public static ExtraParameters None { get; } = new([], [], []);

    /// <summary>The parameters for the RCPT of the recipient at <paramref name="index"/>.</summary>
    public byte[] Recipient(int index) => OfRecipients.Length == 0 ? [] : OfRecipients[index];

    /// <summary>Whether a value goes beyond ASCII, which needs SMTPUTF8 (RFC 6531 §3.3).</summary>
    public bool NeedsUtf8 => !Ascii.IsValid(Mail) || !Array.TrueForAll(OfRecipients, static parameters => Ascii.IsValid(parameters));
}
