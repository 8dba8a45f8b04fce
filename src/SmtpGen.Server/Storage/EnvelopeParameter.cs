namespace SmtpGen.Server;

/// <summary>
/// A parameter of MAIL or RCPT (RFC 5321 §4.1.2) that the server's command handler took: one of an extending
/// definition's own extensions, kept as the client sent it.
/// </summary>
/// <param name="Recipient">The recipient whose RCPT carried it; null for MAIL's.</param>
/// <param name="Keyword">The keyword in upper case, e.g. <c>MT-PRIORITY</c> (keywords compare case-insensitively, RFC 5321 §2.4).</param>
/// <param name="Value">The value after <c>=</c> as sent, in the extension's own syntax (xtext is not decoded); null when there is none.</param>
public sealed record EnvelopeParameter(string? Recipient, string Keyword, string? Value);
