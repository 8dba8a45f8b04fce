using System.Text;
using SmtpGen.Captures;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

internal sealed partial class SmtpSession
{
    /// <summary>RFC 3461 §4.4: ENVID's xtext is at most 100 characters.</summary>
    private const int MaxEnvelopeId = 100;

    /// <summary>RFC 3461 §4.2: ORCPT's value is at most 500 characters.</summary>
    private const int MaxOriginalRecipient = 500;

    /// <summary>
    /// The requests of each accepted recipient, in the order of <see cref="_recipients"/>: null for one that asked nothing
    /// (nearly all), which costs no allocation per recipient.
    /// </summary>
    private readonly List<RecipientNotification?> _notifications = [];

    /// <summary>MAIL's RET and ENVID (RFC 3461 §4.3, §4.4) of the open transaction; null when not given.</summary>
    private string? _dsnReturn;
    private string? _envelopeId;

    /// <summary>The NOTIFY and ORCPT of the RCPT a policy is deciding on.</summary>
    private string? _pendingNotify;
    private string? _pendingOriginalRecipient;

    /// <summary>Keeps MAIL's RET and ENVID; false when ENVID is longer than RFC 3461 allows.</summary>
    private bool TryReadDeliveryStatus(scoped in SmtpProtocol.MailParameters parameters)
    {
        if (parameters.EnvelopeId.Length > MaxEnvelopeId)
        {
            return false;
        }

        _dsnReturn = parameters.Ret.IsEmpty ? null : Encoding.ASCII.GetString(parameters.Ret).ToUpperInvariant();
        _envelopeId = parameters.EnvelopeId.IsEmpty ? null : DecodeXtext(parameters.EnvelopeId);

        // §4.4: the envelope id is printable US-ASCII once decoded; a notification will quote it in a header.
        return _envelopeId is null || IsPrintableAscii(_envelopeId);
    }

    /// <summary>Keeps RCPT's NOTIFY and ORCPT for the recipient; false when ORCPT is longer than RFC 3461 allows.</summary>
    private bool TryReadNotification(scoped in SmtpProtocol.RcptParameters parameters)
    {
        if (parameters.OriginalRecipient.Length > MaxOriginalRecipient)
        {
            return false;
        }

        _pendingNotify = parameters.Notify.IsEmpty ? null : Encoding.ASCII.GetString(parameters.Notify).ToUpperInvariant();
        if (parameters.OriginalRecipient.IsEmpty)
        {
            _pendingOriginalRecipient = null;
        }
        else
        {
            // addr-type ";" xtext: the type as it is, the address decoded.
            int separator = parameters.OriginalRecipient.IndexOf((byte)';');
            _pendingOriginalRecipient = Encoding.UTF8.GetString(parameters.OriginalRecipient[..(separator + 1)]) + DecodeXtext(parameters.OriginalRecipient[(separator + 1)..]);
        }

        // §4.2: an address, which holds no control character once decoded.
        return _pendingOriginalRecipient is null || !_pendingOriginalRecipient.Any(char.IsControl);
    }

    /// <summary>What an accepted recipient asked, to keep until the transaction's envelope is made; null when nothing.</summary>
    private RecipientNotification? PendingNotification(string recipient) =>
        _pendingNotify is null && _pendingOriginalRecipient is null ? null : new RecipientNotification(recipient, _pendingNotify, _pendingOriginalRecipient);

    /// <summary>The transaction's requests, for its envelope; null when the client asked nothing.</summary>
    private DeliveryStatusRequest? DeliveryStatus() =>
        _dsnReturn is null && _envelopeId is null && _notifications.TrueForAll(static n => n is null)
            ? null
            : new DeliveryStatusRequest(_dsnReturn, _envelopeId, [.. _recipients.Select((recipient, i) => _notifications[i] ?? new RecipientNotification(recipient, null, null))]);

    private static bool IsPrintableAscii(string text) => text.All(static c => c is >= '!' and <= '~');

    private static string DecodeXtext(ReadOnlySpan<byte> xtext)
    {
        Span<byte> decoded = stackalloc byte[xtext.Length];
        return Encoding.UTF8.GetString(decoded[..Xtext.Decode(xtext, decoded)]);
    }
}
