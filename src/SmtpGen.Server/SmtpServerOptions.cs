using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpGen.Captures;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>Settings of an <see cref="SmtpListener"/>. Every limit defaults to what RFC 5321 asks for.</summary>
public sealed class SmtpServerOptions
{
    /// <summary>
    /// The IP address to listen on, as text (IPv4 or IPv6; <c>0.0.0.0</c> for every IPv4 interface, <c>::</c> for every
    /// interface of both, dual stack, unless another socket has the port on IPv4, and then IPv6 alone), so that it binds
    /// from configuration (<c>Smtp:Address</c>); checked by <see cref="Validate"/>. Default: <c>127.0.0.1</c>, loopback.
    /// </summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port to listen on, 0 for one the system chooses (<see cref="SmtpListener.LocalEndPoint"/> tells which). Default: 25.</summary>
    public int Port { get; set; } = 25;

    /// <summary>
    /// Where to listen: <see cref="Address"/> and <see cref="Port"/> as one end point. Each read makes a new one from them,
    /// and setting it sets both: change the end point by setting it, not by changing the one read.
    /// </summary>
    /// <exception cref="FormatException">On reading, <see cref="Address"/> is not an IP address.</exception>
    public IPEndPoint EndPoint
    {
        get => new(IPAddress.Parse(Address), Port);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Address = value.Address.ToString();
            Port = value.Port;
        }
    }

    /// <summary>
    /// The server's own name, first in the greeting and the EHLO reply (§4.1.1.1, §4.2): a domain or an address
    /// literal. By default the host's name, or <c>localhost</c> when that is not a domain.
    /// </summary>
    public string ServerName { get; set; } = DefaultServerName();

    /// <summary>
    /// The service extensions the server offers and announces in its reply to EHLO: by default all of SMTP's
    /// (<see cref="SmtpProtocol.Extensions.All"/>: PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, CHUNKING,
    /// BINARYMIME, DSN; STARTTLS when there is a <see cref="Certificate"/>, AUTH when there is
    /// <see cref="Authentication"/>). A parameter of an extension not offered gets 555, like one no extension defines.
    /// </summary>
    public SmtpProtocol.Extensions Extensions { get; set; } = SmtpProtocol.Extensions.All;

    /// <summary>
    /// The commands of a definition that extends SMTP, served beside SMTP's own: <see cref="LmtpCommandHandler"/> makes
    /// the server an LMTP server (RFC 2033), a handler of the user's serves a command such as XCLIENT. None by default.
    /// </summary>
    public SmtpCommandHandler? Commands { get; set; }

    /// <summary>
    /// The server's certificate, with its private key, for TLS. With one, the server offers STARTTLS (RFC 3207) when
    /// <see cref="Extensions"/> includes it, or with <see cref="ImplicitTls"/> starts every connection with TLS.
    /// None by default: no TLS.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// The certificates of the authorities between <see cref="Certificate"/> and a root its clients trust (the
    /// intermediates, as a full-chain PEM file holds them after the server's own), sent with it in every handshake: a
    /// client has only its roots, so without them it cannot build the chain (RFC 8446 §4.4.2). Needs a
    /// <see cref="Certificate"/>. None by default: the intermediates sent are then those .NET finds in the system's
    /// certificate stores or downloads from the addresses the certificates name.
    /// </summary>
    public X509Certificate2Collection? CertificateChain { get; set; }

    /// <summary>
    /// Whether every connection starts with the TLS handshake, before the greeting (RFC 8314 §3.3, the port-465
    /// style of submission); STARTTLS is then not offered. Needs a <see cref="Certificate"/>. Default: false.
    /// </summary>
    public bool ImplicitTls { get; set; }

    /// <summary>AUTH (RFC 4954): the users and how they may authenticate; null (the default) offers no AUTH.</summary>
    public SmtpAuthenticationOptions? Authentication { get; set; }

    /// <summary>
    /// How long a TLS handshake may take; a client that does not finish it in time is disconnected. Default: 1 minute.
    /// A time beyond 49.7 days (<see cref="TimeSpan.MaxValue"/> among them) is no limit.
    /// </summary>
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest command line the server reads, in octets, CRLF included: by default
    /// <see cref="SmtpProtocol.LongestCommandLine"/>, a MAIL line with every parameter the extensions add (RFC 3461 §5.4
    /// asks for at least 1036). It may be lowered, down to 64. Within it each command keeps the definition's own limit:
    /// 512 for a command without parameters (§4.5.3.1.4), <see cref="SmtpProtocol.MaxMailLine"/> and
    /// <see cref="SmtpProtocol.MaxRcptLine"/> for MAIL and RCPT. A longer line gets 500.
    /// </summary>
    public int MaxCommandLineLength { get; set; } = SmtpProtocol.LongestCommandLine;

    /// <summary>
    /// The longest line of message text in octets, CRLF included and the dot added for transparency not counted
    /// (§4.5.3.1.6: 1000); longer lines get 554.
    /// </summary>
    public int MaxTextLineLength { get; set; } = MailDataDecoder.DefaultMaxLineLength;

    /// <summary>The largest message in octets (RFC 1870 SIZE, announced in EHLO); larger ones get 552.</summary>
    public long MaxMessageSize { get; set; } = 10 * 1024 * 1024;

    /// <summary>The most recipients of one message (§4.5.3.1.8: at least 100); more get 452.</summary>
    public int MaxRecipients { get; set; } = 100;

    /// <summary>How long to wait for the next command (§4.5.3.2.7: at least 5 minutes); then 421 and close.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for the next piece of message data (§4.5.3.2.7); then 421 and close.</summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a policy hook (<see cref="SmtpPolicy"/>), or what checks an AUTH exchange (the user store, the bearer token's
    /// validator), may take to answer:
    /// then the token it was given is cancelled, and a hook that gives up gets the command 451 (the client 421 before the
    /// greeting, AUTH 454) while the session goes on. Default: 100 seconds, Postfix's <c>smtpd_policy_service_timeout</c>,
    /// well within the 5 minutes a client waits for the reply to MAIL or RCPT (RFC 5321 §4.5.3.2.2, §4.5.3.2.3). A hook
    /// that ignores its token is waited for. <see cref="TimeSpan.MaxValue"/> is no limit.
    /// </summary>
    public TimeSpan PolicyTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The slowest the message data may come on average, in octets per second: beside <see cref="DataTimeout"/> for each
    /// read, the data as a whole has a deadline, as Postfix's <c>smtpd_min_data_rate</c> gives it (whose default, 500, this
    /// is). Counting only the time the server waits for the client, from the 354 on, the data may take
    /// <c>DataTimeout + received / MinDataRate</c>: <see cref="DataTimeout"/>, plus a second for every <c>MinDataRate</c>
    /// octets received so far (as sent, dots included), octets beyond <see cref="MaxMessageSize"/> earning no more time.
    /// So no message data lasts longer than <c>DataTimeout + MaxMessageSize / MinDataRate</c> (by default 5 minutes +
    /// 10 MiB / 500 octets/s, about 5 h 55 min), and a client that drips its data an octet at a time, each within
    /// <see cref="DataTimeout"/>, gets 421 soon after <see cref="DataTimeout"/> has passed.
    /// </summary>
    public int MinDataRate { get; set; } = 500;

    /// <summary>The most sessions served at once; a connection beyond it gets 421 and is closed.</summary>
    public int MaxSessions { get; set; } = 100;

    /// <summary>
    /// The most sessions served at once for one client address; a connection beyond it gets 421 (4.7.0) and is closed, before
    /// any session starts. Postfix's <c>smtpd_client_connection_count_limit</c>, whose default (50, half of Postfix's process
    /// limit) this is: a mail server opens a few sessions at a time to another, never half of them, and one address can no
    /// longer take every session of <see cref="MaxSessions"/>. 0: no limit. Addresses in
    /// <see cref="ConnectionLimitExemptions"/> are not counted.
    /// </summary>
    public int MaxSessionsPerAddress { get; set; } = 50;

    /// <summary>
    /// The most connections one client address may open in a <see cref="ConnectionRateInterval"/>, refused ones included;
    /// one beyond it gets 421 (4.7.0) and is closed, until the interval that began with the address's first connection has
    /// passed. Postfix's <c>smtpd_client_connection_rate_limit</c>, whose default this is: 0, no limit, since a busy
    /// legitimate sender may open connections fast; set it where a flood of connections from one address is a risk.
    /// Addresses in <see cref="ConnectionLimitExemptions"/> are not counted.
    /// </summary>
    public int MaxConnectionRatePerAddress { get; set; }

    /// <summary>
    /// The interval <see cref="MaxConnectionRatePerAddress"/> counts connections in; an address with no session left is
    /// forgotten once its interval has passed. Postfix's <c>anvil_rate_time_unit</c>: 1 minute.
    /// </summary>
    public TimeSpan ConnectionRateInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The client networks that <see cref="MaxSessionsPerAddress"/> and <see cref="MaxConnectionRatePerAddress"/> do not
    /// apply to. By default the loopback networks, 127.0.0.0/8 and ::1/128, as Postfix exempts its own host
    /// (<c>smtpd_client_event_limit_exceptions = $mynetworks</c>): the processes of the server's own host (a content filter,
    /// a proxy in front of it, a load test) are not one remote client. <see cref="MaxSessions"/> applies to them.
    /// </summary>
    public IReadOnlyList<IPNetwork> ConnectionLimitExemptions { get; set; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>The most erroneous commands in one session; after the last one the server says 421 and closes.</summary>
    public int MaxErrors { get; set; } = 10;

    /// <summary>
    /// How long a stop (<see cref="SmtpListener.StopAsync"/>: SIGTERM, Ctrl+C, the host's stop) waits for the store to
    /// commit the messages whose data has ended, each then answered 250 before the 421 that ends its session; a message
    /// not committed by then is abandoned (nothing of it kept, 421). Sessions waiting for their clients get 421 at once.
    /// Default: 5 seconds, within the 10 that docker gives a container between SIGTERM and SIGKILL. A time beyond
    /// 49.7 days (<see cref="TimeSpan.MaxValue"/> among them) waits for every such message.
    /// </summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the server must be without a session before it gives the memory its sessions used back to the system: one
    /// blocking, compacting collection in the collector's aggressive mode (<see cref="GCCollectionMode.Aggressive"/>), which
    /// decommits what the heap no longer uses, between one and two of these periods after the last session ended, once a
    /// lull. The collector runs only when it needs memory, and a server without clients allocates none: without this, the
    /// memory the last load grew stays with the process (2,000 sessions come and gone left <c>smtpgen serve</c> at 3.4
    /// times its idle resident memory; with it, 1.3 times). It never runs while a session is served, and costs the
    /// sessions nothing: a timer reads two counters every period. The collection is the whole process's, so a host that
    /// serves other work beside the server chooses; <see cref="TimeSpan.Zero"/> (the default) never collects, nor does a
    /// time beyond 49.7 days. <c>smtpgen serve</c> sets 5 seconds.
    /// </summary>
    public TimeSpan ReleaseMemoryWhenIdleFor { get; set; } = TimeSpan.Zero;

    /// <summary>What to do with a message sent with DATA that holds a bare CR or LF (§2.3.8); by default it is refused. BDAT's chunks, whose length is given, are kept as sent.</summary>
    public BareLineEndingHandling BareLineEndings { get; set; } = BareLineEndingHandling.Reject;

    /// <summary>
    /// Whether the store gets, before each message's octets, the trace headers a server adds at delivery (RFC 5321 §4.4):
    /// <c>Return-Path:</c> with the reverse path, and a <c>Received:</c> line saying from whom (the HELO name and the client's
    /// address), by whom (<see cref="ServerName"/>), with which protocol (SMTP, or RFC 3848's ESMTP, ESMTPS, ESMTPA, ESMTPSA
    /// and their LMTP forms), under which id (the session's), for whom (when there is one recipient) and when. The octets
    /// after them are exactly what the client sent. Default: true, as §4.4 says a receiving server MUST; turn it off for a
    /// store that wants the client's octets alone.
    /// </summary>
    public bool AddTraceHeaders { get; set; } = true;

    /// <summary>Checks the settings, naming the first one that cannot work.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit, a time or the port is out of range.</exception>
    /// <exception cref="ArgumentException">The address, the server name, TLS or AUTH cannot work.</exception>
    public void Validate()
    {
        if (FindMistake() is { } mistake)
        {
            throw mistake.ToException();
        }
    }

    /// <summary>
    /// A copy of these settings for a listener to keep, so that what its sessions read is what was checked: a change to
    /// these options afterwards, or their AUTH settings, changes nothing of it. The objects they hold (the certificate,
    /// the user store, a command handler, the list of exempt networks, which the listener copies on its own) are shared.
    /// </summary>
    internal SmtpServerOptions Copy()
    {
        var copy = (SmtpServerOptions)MemberwiseClone();
        copy.Authentication = Authentication?.Copy();
        return copy;
    }

    /// <summary>The first setting that cannot work, told in one line that names it; null when every one can.</summary>
    internal SettingMistake? FindMistake() =>
        (IPAddress.TryParse(Address, out _) ? null : SettingMistake.Invalid(nameof(Address), $"'{Address}' is not an IP address"))
        ?? SettingMistake.Within(nameof(Port), Port, IPEndPoint.MinPort, IPEndPoint.MaxPort)
        ?? ServerNameMistake()
        ?? SettingMistake.Within(nameof(MaxCommandLineLength), MaxCommandLineLength, 64, SmtpProtocol.LongestCommandLine)
        ?? SettingMistake.AtLeast(nameof(MaxTextLineLength), MaxTextLineLength, 3)
        ?? SettingMistake.AtLeast(nameof(MaxMessageSize), MaxMessageSize, 1)
        ?? SettingMistake.AtLeast(nameof(MaxRecipients), MaxRecipients, 1)
        ?? SettingMistake.AtLeast(nameof(MaxSessions), MaxSessions, 1)
        ?? SettingMistake.AtLeast(nameof(MaxSessionsPerAddress), MaxSessionsPerAddress, 0)
        ?? SettingMistake.AtLeast(nameof(MaxConnectionRatePerAddress), MaxConnectionRatePerAddress, 0)
        ?? SettingMistake.Longer(nameof(ConnectionRateInterval), ConnectionRateInterval, TimeSpan.Zero)
        ?? (ConnectionLimitExemptions is null ? SettingMistake.Invalid(nameof(ConnectionLimitExemptions), "is missing (an empty list exempts no one)") : null)
        ?? SettingMistake.AtLeast(nameof(MaxErrors), MaxErrors, 1)
        ?? SettingMistake.Longer(nameof(CommandTimeout), CommandTimeout, TimeSpan.Zero)
        ?? SettingMistake.Longer(nameof(DataTimeout), DataTimeout, TimeSpan.Zero)
        ?? SettingMistake.AtLeast(nameof(MinDataRate), MinDataRate, 1)
        ?? SettingMistake.Longer(nameof(PolicyTimeout), PolicyTimeout, TimeSpan.Zero)
        ?? SettingMistake.Longer(nameof(TlsHandshakeTimeout), TlsHandshakeTimeout, TimeSpan.Zero)
        ?? SettingMistake.NotNegative(nameof(StopGracePeriod), StopGracePeriod)
        ?? SettingMistake.NotNegative(nameof(ReleaseMemoryWhenIdleFor), ReleaseMemoryWhenIdleFor)
        ?? (Certificate is { HasPrivateKey: false }
            ? SettingMistake.Invalid(nameof(Certificate), $"'{Certificate.Subject}' has no private key, which a TLS server needs")
            : null)
        ?? (ImplicitTls && Certificate is null ? SettingMistake.Invalid(nameof(ImplicitTls), "needs a certificate (Certificate)") : null)
        ?? (CertificateChain is not null && Certificate is null ? SettingMistake.Invalid(nameof(CertificateChain), "needs the certificate it leads to (Certificate)") : null)
        ?? Authentication?.FindMistake(tls: Certificate is not null)
        ?? (Enum.IsDefined(BareLineEndings)
            ? null
            : new SettingMistake(nameof(BareLineEndings), $"is {BareLineEndings}, not a way of handling bare line endings (Reject or Normalize)", OutOfRange: true));

    private SettingMistake? ServerNameMistake() =>
        string.IsNullOrWhiteSpace(ServerName) ? SettingMistake.Invalid(nameof(ServerName), "is missing")
        : IsDomainOrAddressLiteral(ServerName) ? null
        : SettingMistake.Invalid(nameof(ServerName), $"'{ServerName}' is neither a domain nor an address literal (RFC 5321 §4.1.2)");

    private static string DefaultServerName()
    {
        string host = Dns.GetHostName();
        return IsDomainOrAddressLiteral(host) ? host : "localhost";
    }

    private static bool IsDomainOrAddressLiteral(string name)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        int position = 0;
        return DomainOrAddressLiteral.TryScan(utf8, ref position, out _) && position == utf8.Length;
    }
}
