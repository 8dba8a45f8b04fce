namespace SmtpGen.Client;

/// <summary>What a notification returns of the message (RFC 3461 §4.3, MAIL's RET).</summary>
public enum DsnReturn
{
    /// <summary><c>RET=FULL</c>: the whole message.</summary>
    Full,

    /// <summary><c>RET=HDRS</c>: its headers only.</summary>
    Headers,
}

/// <summary>When to notify the sender about a recipient (RFC 3461 §4.1, RCPT's NOTIFY).</summary>
[Flags]
public enum DsnNotify
{
    /// <summary>No NOTIFY: the server's default (failures).</summary>
    None = 0,

    /// <summary><c>NEVER</c>: no notification at all; goes with no other value.</summary>
    Never = 1,

    /// <summary><c>SUCCESS</c>: when delivered.</summary>
    Success = 2,

    /// <summary><c>FAILURE</c>: when delivery failed.</summary>
    Failure = 4,

    /// <summary><c>DELAY</c>: when delivery is delayed.</summary>
    Delay = 8,
}

/// <summary>
/// What a message asks of delivery status notifications (RFC 3461), sent as MAIL's RET and ENVID and each RCPT's NOTIFY and
/// ORCPT when the server offers DSN (left out when it does not: notifications are the server's to give).
/// </summary>
public sealed class DeliveryStatusOptions
{
    /// <summary>What a notification returns of the message; null sends no RET.</summary>
    public DsnReturn? Return { get; init; }

    /// <summary>
    /// An id of the sender's for the envelope, which notifications quote: printable US-ASCII, sent as xtext of at most 100
    /// characters (RFC 3461 §4.4); null sends none.
    /// </summary>
    public string? EnvelopeId { get; init; }

    /// <summary>When to notify, for every recipient.</summary>
    public DsnNotify Notify { get; init; }

    /// <summary>
    /// Whether to send each recipient as its original recipient too, so that notifications name it as given:
    /// <c>ORCPT=rfc822;...</c>, or for an address beyond ASCII <c>ORCPT=utf-8;...</c> with each other character as
    /// <c>\x{HEX}</c> (RFC 6533 §3).
    /// </summary>
    public bool OriginalRecipients { get; init; }

    /// <summary>Checks the request against RFC 3461 before anything is sent, whether or not the server offers DSN.</summary>
    /// <param name="parameterName">The parameter these options came in, which a refusal names.</param>
    /// <exception cref="ArgumentException">
    /// <see cref="EnvelopeId"/> is not printable US-ASCII, or longer than 100 characters as xtext (§4.4); NEVER goes with
    /// another value of <see cref="Notify"/> (§4.1).
    /// </exception>
    internal void Check(string parameterName)
    {
        if (EnvelopeId is { } id && (!id.All(static c => c is >= '!' and <= '~') || SmtpClient.EncodeXtext(id).Length > 100))
        {
            throw new ArgumentException($"{nameof(SmtpSendOptions.DeliveryStatus)}.{nameof(EnvelopeId)} (ENVID) is printable US-ASCII of at most 100 characters as xtext (RFC 3461 §4.4).", parameterName);
        }

        if (Notify.HasFlag(DsnNotify.Never) && Notify != DsnNotify.Never)
        {
            throw new ArgumentException($"{nameof(SmtpSendOptions.DeliveryStatus)}.{nameof(Notify)}: NEVER goes with no other value (RFC 3461 §4.1).", parameterName);
        }
    }

    /// <summary><see cref="Notify"/> as NOTIFY's value, once <see cref="Check"/> has passed it; null for <see cref="DsnNotify.None"/>.</summary>
    internal string? NotifyValue() => Notify switch
    {
        DsnNotify.None => null,
        DsnNotify.Never => "NEVER",
        _ => string.Join(',', new[] { (DsnNotify.Success, "SUCCESS"), (DsnNotify.Failure, "FAILURE"), (DsnNotify.Delay, "DELAY") }
            .Where(value => Notify.HasFlag(value.Item1)).Select(value => value.Item2)),
    };
}
