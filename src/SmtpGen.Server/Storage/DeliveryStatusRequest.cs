namespace SmtpGen.Server;

/// <summary>
/// What a client asked of delivery status notifications (RFC 3461), for whoever delivers the message onwards: MAIL's
/// RET and ENVID, and each recipient's NOTIFY and ORCPT.
/// </summary>
/// <param name="Return">MAIL's <c>RET=</c>: <c>FULL</c> (the whole message in a notification) or <c>HDRS</c> (its headers); null when not given.</param>
/// <param name="EnvelopeId">MAIL's <c>ENVID=</c>, decoded from xtext; null when not given.</param>
/// <param name="Recipients">Each accepted recipient's requests, in the order of <see cref="MessageEnvelope.Recipients"/>.</param>
public sealed record DeliveryStatusRequest(string? Return, string? EnvelopeId, IReadOnlyList<RecipientNotification> Recipients);

/// <summary>A recipient's requests (RFC 3461 §4).</summary>
/// <param name="Recipient">The recipient, as RCPT named it.</param>
/// <param name="Notify">RCPT's <c>NOTIFY=</c>, upper case: <c>NEVER</c>, or some of <c>SUCCESS,FAILURE,DELAY</c>; null when not given.</param>
/// <param name="OriginalRecipient">RCPT's <c>ORCPT=</c>, its address decoded from xtext: <c>rfc822;bob@example.com</c>; null when not given.</param>
public sealed record RecipientNotification(string Recipient, string? Notify, string? OriginalRecipient);
