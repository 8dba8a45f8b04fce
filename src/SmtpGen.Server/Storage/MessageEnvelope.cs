using System.Net;

namespace SmtpGen.Server;

/// <summary>Who sent a message to whom, as the SMTP session said it (RFC 5321 §2.3.1): kept with the message.</summary>
/// <param name="SessionId">The session that received the message.</param>
/// <param name="ClientEndPoint">The client's address and port.</param>
/// <param name="HeloName">The name the client gave in EHLO or HELO.</param>
/// <param name="ReversePath">MAIL FROM's mailbox; empty for the null reverse path.</param>
/// <param name="Recipients">Every recipient accepted by RCPT TO, in order.</param>
/// <param name="ReceivedAt">When the server answered DATA with 354.</param>
public sealed record MessageEnvelope(
    string SessionId,
    EndPoint? ClientEndPoint,
    string HeloName,
    string ReversePath,
    IReadOnlyList<string> Recipients,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The user the client authenticated as with AUTH (RFC 4954); null when it did not.</summary>
    public string? AuthenticatedUser { get; init; }

    /// <summary>
    /// MAIL's <c>AUTH=</c> (RFC 4954 §5), decoded: the mailbox of whoever submitted the message, or <c>&lt;&gt;</c> when
    /// not known (always so from a client that did not authenticate); null when MAIL did not have it.
    /// </summary>
    public string? Submitter { get; init; }

    /// <summary>What the client asked of delivery status notifications (RFC 3461); null when MAIL and RCPT asked nothing.</summary>
    public DeliveryStatusRequest? DeliveryStatus { get; init; }

    /// <summary>
    /// MAIL's <c>BODY=</c>: <c>7BIT</c>, <c>8BITMIME</c> (RFC 6152) or <c>BINARYMIME</c> (RFC 3030: any octets, which a
    /// delivery must keep as they are); null when MAIL did not say.
    /// </summary>
    public string? Body { get; init; }

    /// <summary>
    /// Whether MAIL asked for UTF-8 (RFC 6531): the addresses or the headers may be UTF-8, and a relay must send the
    /// message on with the same parameter, to a server that offers it (§3.2).
    /// </summary>
    public bool SmtpUtf8 { get; init; }

    /// <summary>
    /// The parameters of MAIL and of each accepted RCPT that the server's command handler took
    /// (<see cref="SmtpCommandHandler.ReadParameters"/>: an extending definition's own), MAIL's first, then in the order
    /// of <see cref="Recipients"/>; empty when there are none. SMTP's own parameters are read into the properties above.
    /// </summary>
    public IReadOnlyList<EnvelopeParameter> ExtensionParameters { get; init; } = [];
}
