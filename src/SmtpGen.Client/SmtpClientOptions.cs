using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SmtpGen.Client;

/// <summary>
/// Settings of an <see cref="SmtpClient"/>. The timeouts default to the minimums of RFC 5321 §4.5.3.2; each
/// bounds one wait for the server (one reply, or one block of mail data accepted by the connection).
/// <see cref="Timeout.InfiniteTimeSpan"/>, or a time beyond 49.7 days (<see cref="TimeSpan.MaxValue"/> among them), is no limit.
/// </summary>
public sealed class SmtpClientOptions
{
    /// <summary>The name the client gives in EHLO or HELO (RFC 5321 §4.1.1.1): a domain or an address literal.</summary>
    public string ClientDomain { get; init; } = "localhost";

    /// <summary>
    /// Whether to begin with EHLO and use the extensions the server offers (RFC 5321 §3.2). False says HELO
    /// only, as a client of RFC 821 does (and as the conversation of <c>smtpgen demo</c> shows); no extension
    /// is used then. Default: true.
    /// </summary>
    public bool UseEhlo { get; init; } = true;

    /// <summary>
    /// Whether to speak LMTP (RFC 2033) instead of SMTP: LHLO in place of EHLO (with no fallback to HELO), and after
    /// the message data one reply for each accepted recipient, told in <see cref="SmtpRecipientResult.Delivery"/>.
    /// Default: false.
    /// </summary>
    public bool Lmtp { get; init; }

    /// <summary>
    /// Whether to send MAIL, every RCPT and DATA in one batch when the server offers PIPELINING (RFC 2920).
    /// Default: true.
    /// </summary>
    public bool UsePipelining { get; init; } = true;

    /// <summary>
    /// Whether to secure the conversation with STARTTLS (RFC 3207) after EHLO, then say EHLO again. By default
    /// <see cref="StartTlsMode.Required"/> when there are <see cref="Credentials"/> or a <see cref="BearerToken"/> to
    /// send, <see cref="StartTlsMode.Opportunistic"/> otherwise. Ignored with <see cref="ImplicitTls"/>.
    /// </summary>
    public StartTlsMode? StartTls { get; init; }

    /// <summary>
    /// A user name and password to authenticate with after EHLO (AUTH, RFC 4954): SCRAM-SHA-256 when the server offers
    /// it, else PLAIN or LOGIN, which send the password in the clear and so only over TLS unless
    /// <see cref="AllowInsecureAuth"/>. None by default: no AUTH.
    /// </summary>
    public NetworkCredential? Credentials { get; init; }

    /// <summary>An OAuth 2.0 token to authenticate with XOAUTH2, which the client prefers when the server offers it. None by default.</summary>
    public SmtpBearerToken? BearerToken { get; init; }

    /// <summary>Whether PLAIN, LOGIN and XOAUTH2 may send their secret without TLS. Default: false.</summary>
    public bool AllowInsecureAuth { get; init; }

    /// <summary>Whether the connection starts with the TLS handshake, before the greeting (RFC 8314, port 465). Default: false.</summary>
    public bool ImplicitTls { get; init; }

    /// <summary>
    /// The name the server's certificate must carry, and the name sent in the handshake (SNI). Default: the host given
    /// to <see cref="SmtpClient.ConnectAsync(string, int, SmtpClientOptions?, CancellationToken)"/>.
    /// </summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// Decides whether the server's certificate is trusted; null (the default) trusts what the system trusts (or
    /// <see cref="ServerCertificateChainPolicy"/>), for the name the certificate must carry, and nothing else. Where there
    /// is a chain policy, this is given the chain and the errors the policy found, and its answer stands: a validation
    /// that returns true accepts what the policy refused.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>
    /// How the chain of the server's certificate is built and checked: for example
    /// <see cref="X509ChainTrustMode.CustomRootTrust"/> with a private authority, or a server's self-signed certificate,
    /// in <see cref="X509ChainPolicy.CustomTrustStore"/>, to trust those in place of the system's authorities
    /// (with <see cref="X509RevocationMode.NoCheck"/> where the authority publishes no revocation list). The
    /// certificate must still carry the name the client asked for (unless the policy's
    /// <see cref="X509ChainPolicy.VerificationFlags"/> include <see cref="X509VerificationFlags.IgnoreInvalidName"/>), and
    /// where it names its uses, name server authentication (or those of the policy's
    /// <see cref="X509ChainPolicy.ApplicationPolicy"/>). Null (the default): the system's authorities. To trust
    /// other certificates than the system does, this costs less than a <see cref="ServerCertificateValidation"/> that
    /// builds a chain of its own: the handshake builds one chain, not two.
    /// </summary>
    public X509ChainPolicy? ServerCertificateChainPolicy { get; init; }

    /// <summary>How long the TLS handshake may take. Default: 1 minute.</summary>
    public TimeSpan TlsHandshakeTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether to send a message with BDAT (RFC 3030) instead of DATA when the server offers CHUNKING: its octets as
    /// they are, in chunks of 64 KiB, with no dot-stuffing. A message in memory made of CRLF lines goes so (one with bare
    /// line endings, or from a stream, goes with DATA, which writes them as CRLF), and so does a binary one (a NUL octet,
    /// or a line over 998 octets) with <c>BODY=BINARYMIME</c> where BINARYMIME is offered; not over LMTP. Without it a
    /// message with a NUL octet cannot be sent. Default: true.
    /// </summary>
    public bool UseChunking { get; init; } = true;

    /// <summary>Receives every line the client sends and the server replies, and the mail data as sent; none by default.</summary>
    public ISmtpTranscript? Transcript { get; init; }

    /// <summary>How long to wait for the TCP connection to open (not in RFC 5321). Default: 1 minute.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait for the 220 greeting (RFC 5321 §4.5.3.2.1). Default: 5 minutes.</summary>
    public TimeSpan GreetingTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for the reply to MAIL (RFC 5321 §4.5.3.2.2). Default: 5 minutes.</summary>
    public TimeSpan MailTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for the reply to each RCPT (RFC 5321 §4.5.3.2.3). Default: 5 minutes.</summary>
    public TimeSpan RcptTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for the 354 reply to DATA (RFC 5321 §4.5.3.2.4). Default: 2 minutes.</summary>
    public TimeSpan DataInitiationTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one block of mail data may take to be sent (RFC 5321 §4.5.3.2.5). Default: 3 minutes.</summary>
    public TimeSpan DataBlockTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long to wait for the reply to the end of the mail data (RFC 5321 §4.5.3.2.6). Default: 10 minutes.</summary>
    public TimeSpan DataTerminationTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long to wait for the reply to EHLO, HELO, RSET or QUIT, which RFC 5321 gives no timeout of its own.
    /// Default: 5 minutes, as for MAIL.
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What <see cref="StartTls"/> says, or its default.</summary>
    internal StartTlsMode StartTlsOrDefault => StartTls ?? (Credentials is not null || BearerToken is not null ? StartTlsMode.Required : StartTlsMode.Opportunistic);

    /// <summary>The options used when none are given.</summary>
    internal static SmtpClientOptions Default { get; } = new();
}
