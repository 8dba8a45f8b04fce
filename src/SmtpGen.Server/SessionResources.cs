using System.Buffers;
using System.Net.Security;
using System.Text;
using SmtpGen.Smtp;

namespace SmtpGen.Server;

/// <summary>What every session of one listener shares: settings, store, policy, metrics and the replies preformatted from the settings.</summary>
internal sealed class SessionResources
{
    /// <summary>The octets of a reply code: the "-" or SP after it says whether more lines follow (§4.2.1).</summary>
    public const int ReplyCodeLength = 3;

    /// <summary>The size of the buffer a session decodes message data into.</summary>
    private const int DataBufferSize = 64 * 1024;

    private readonly Action<MessageEnvelope, string, string>? _messageStored;
    private SslStreamCertificateContext? _certificate;

    public SessionResources(SmtpServerOptions options, IMessageStore store, SmtpPolicy policy, SmtpServerMetrics metrics, Action<MessageEnvelope, string, string>? messageStored)
    {
        Options = options;
        Store = store;
        Policy = policy;
        Metrics = metrics;
        _messageStored = messageStored;
        ServerName = Encoding.ASCII.GetBytes(options.ServerName);
        var greeting = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteServiceReadyReply(greeting, ServerName);
        Greeting = greeting.WrittenSpan.ToArray();
        _certificate = options.Certificate is { } certificate ? SslStreamCertificateContext.Create(certificate, options.CertificateChain) : null;
        // STARTTLS needs a certificate and is offered before TLS only; AUTH needs settings and, unless they allow
        // otherwise, TLS (RFC 4954 §4).
        SmtpProtocol.Extensions offered = options.Authentication is null ? options.Extensions.Without(SmtpProtocol.Extension.Auth) : options.Extensions;
        if (!offered.Has(SmtpProtocol.Extension.Chunking) || !offered.Has(SmtpProtocol.Extension.EightBitMime))
        {
            // RFC 3030 §3: BINARYMIME goes with CHUNKING, and is said with 8BITMIME's BODY parameter.
            offered = offered.Without(SmtpProtocol.Extension.BinaryMime);
        }

        SecureOffered = offered.Without(SmtpProtocol.Extension.StartTls);
        Offered = Certificate is null || options.ImplicitTls ? offered.Without(SmtpProtocol.Extension.StartTls) : offered;
        if (options.Authentication is not { AllowInsecureAuth: true })
        {
            Offered = Offered.Without(SmtpProtocol.Extension.Auth);
        }

        byte[] mechanisms = Encoding.ASCII.GetBytes(string.Join(' ', options.Authentication?.Mechanisms ?? []));
        ExtensionLines = FormatExtensionLines(options, Offered, mechanisms);
        SecureExtensionLines = FormatExtensionLines(options, SecureOffered, mechanisms);
    }

    public SmtpServerOptions Options { get; }

    /// <summary>Whether the store may block a thread: then the session calls it on the thread pool (<see cref="OffSocketThread"/>).</summary>
    public bool StoreMayBlock => !Store.NeverBlocks;

    /// <summary>Whether the policy is one of the user's, which may block: then the session asks it on the thread pool.</summary>
    public bool PolicyMayBlock => Policy.GetType() != typeof(SmtpPolicy);

    public IMessageStore Store { get; }

    public SmtpPolicy Policy { get; }

    public SmtpServerMetrics Metrics { get; }

    /// <summary>The server's name, in the greeting and the reply to EHLO and HELO.</summary>
    public byte[] ServerName { get; }

    /// <summary><c>220 {server} Service ready CRLF</c>.</summary>
    public byte[] Greeting { get; }

    /// <summary>The server's certificate, ready for every handshake; null without TLS. <see cref="ReplaceCertificate"/> renews it.</summary>
    public SslStreamCertificateContext? Certificate => Volatile.Read(ref _certificate);

    /// <summary>The extensions the server offers before TLS: those of the settings it can offer (STARTTLS needs a certificate).</summary>
    public SmtpProtocol.Extensions Offered { get; }

    /// <summary>The extensions the server offers over TLS: no STARTTLS (RFC 3207 §4.2).</summary>
    public SmtpProtocol.Extensions SecureOffered { get; }

    /// <summary>The lines of the reply to EHLO after its first before TLS: the extensions offered, e.g. <c>250-PIPELINING</c>.</summary>
    public byte[] ExtensionLines { get; }

    /// <summary>The lines of the reply to EHLO after its first over TLS.</summary>
    public byte[] SecureExtensionLines { get; }

    /// <summary>The settings of one server handshake: the certificate, shared, in options of its own (a handshake keeps them).</summary>
    public SslServerAuthenticationOptions TlsOptions() => new() { ServerCertificateContext = Certificate };

    /// <summary>Makes the next handshakes present <paramref name="certificate"/>; those begun keep the one they took.</summary>
    public void ReplaceCertificate(SslStreamCertificateContext certificate) => Volatile.Write(ref _certificate, certificate);

    public static byte[] RentDataBuffer() => ArrayPool<byte>.Shared.Rent(DataBufferSize);

    public static void ReturnDataBuffer(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    public void OnMessageStored(MessageEnvelope envelope, string id, string location) => _messageStored?.Invoke(envelope, id, location);

    /// <summary>
    /// The lines that announce <paramref name="offered"/>: the extending definition's, or SMTP's with AUTH's mechanisms
    /// and then the lines the extending definition adds.
    /// </summary>
    private static byte[] FormatExtensionLines(SmtpServerOptions options, SmtpProtocol.Extensions offered, byte[] mechanisms)
    {
        if (options.Commands?.FormatExtensionLines(offered, options) is { } handlers)
        {
            return handlers;
        }

        SmtpProtocol.MechanismsList.TryCreate(mechanisms, out SmtpProtocol.MechanismsList list);
        byte[] smtps = SmtpProtocol.FormatExtensionLines(250, offered, list, options.MaxMessageSize);
        return options.Commands?.FormatAddedExtensionLines(offered, options) is { Length: > 0 } added ? Joined(smtps, added) : smtps;
    }

    /// <summary>SMTP's lines, then the added ones: SMTP's last line (<c>250 KEYWORD</c>) goes on (<c>250-KEYWORD</c>).</summary>
    private static byte[] Joined(byte[] smtps, byte[] added)
    {
        if (smtps.Length == 0)
        {
            return added;
        }

        byte[] joined = [.. smtps, .. added];
        int lastLineEnd = smtps.AsSpan(0, smtps.Length - 2).LastIndexOf("\r\n"u8);
        joined[(lastLineEnd < 0 ? 0 : lastLineEnd + 2) + 3] = (byte)'-';
        return joined;
    }
}
