using System.Net;
using System.Net.Security;
using System.Security.Authentication;

namespace SmtpGen.Server;

/// <summary>What a policy knows of the session that asks: who connected and what the client said so far.</summary>
public sealed class SmtpSessionInfo
{
    internal SmtpSessionInfo(string id, EndPoint? remoteEndPoint)
    {
        Id = id;
        RemoteEndPoint = remoteEndPoint;
        ConnectionEndPoint = remoteEndPoint;
    }

    /// <summary>
    /// The address and port of the connection itself, which no handler changes: what decides whether a proxy may
    /// name another client (XCLIENT's authorization).
    /// </summary>
    public EndPoint? ConnectionEndPoint { get; }

    /// <summary>The session's id, also in every log scope of the session.</summary>
    public string Id { get; }

    /// <summary>
    /// The client's address and port: the connection's, or those a trusted proxy named for the client it relays
    /// (Postfix's XCLIENT, through a <see cref="SmtpCommandHandler"/>). An IPv4 client of a server listening on <c>::</c>
    /// (dual stack) has its IPv4 address here, <c>192.0.2.1</c>, not the socket's <c>::ffff:192.0.2.1</c>.
    /// </summary>
    public EndPoint? RemoteEndPoint { get; set; }

    /// <summary>The client's host name, where a handler learned it (XCLIENT's NAME); null when not known.</summary>
    public string? ClientName { get; set; }

    /// <summary>The name the client gave in EHLO or HELO; null before it said hello.</summary>
    public string? HeloName { get; internal set; }

    /// <summary>Whether the client said EHLO (rather than HELO).</summary>
    public bool IsExtended { get; internal set; }

    /// <summary>The user the client authenticated as with AUTH (RFC 4954); null before.</summary>
    public string? AuthenticatedUser { get; internal set; }

    /// <summary>Whether the client authenticated with AUTH.</summary>
    public bool IsAuthenticated => AuthenticatedUser is not null;

    /// <summary>Whether the session runs over TLS (after STARTTLS, or from the start with implicit TLS).</summary>
    public bool IsSecure => TlsProtocol != SslProtocols.None;

    /// <summary>The TLS version agreed on; <see cref="SslProtocols.None"/> before TLS.</summary>
    public SslProtocols TlsProtocol { get; internal set; }

    /// <summary>The TLS cipher suite agreed on; null before TLS.</summary>
    public TlsCipherSuite? TlsCipherSuite { get; internal set; }

    /// <summary>
    /// The size in octets the transaction's MAIL declared with <c>SIZE=</c> (RFC 1870), for the sender's and the recipients'
    /// hooks: a recipient whose quota it would exceed may be refused at RCPT (§6.2: 452 4.2.2 for now, 552 for good) rather
    /// than after the data. Null when MAIL declared none, and outside a transaction. (A size over
    /// <see cref="SmtpServerOptions.MaxMessageSize"/> never reaches a hook: MAIL gets 552.)
    /// </summary>
    public long? DeclaredMessageSize { get; internal set; }
}
