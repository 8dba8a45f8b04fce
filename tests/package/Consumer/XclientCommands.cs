using System.Globalization;
using System.Net;
using System.Text;
using SmtpGen;
using SmtpGen.Captures;
using SmtpGen.Server;
using SmtpGen.Smtp;

namespace Consumer;

/// <summary>
/// Serves XCLIENT with the server's own machinery: the server parses the line with <see cref="XclientProtocol"/>'s
/// parser, checks its state machine, and hands over the typed command. NAME, ADDR, PORT, HELO, PROTO and LOGIN are
/// taken; a proxy not in <paramref name="trusted"/> gets 550; the session then starts over with 220, keeping what
/// the attributes said (Postfix's XCLIENT_README: the restart does not reset them). With HELO the client counts as
/// having said that hello, EHLO when PROTO=ESMTP, so MAIL may follow at once; with LOGIN it counts as authenticated.
/// </summary>
public sealed class XclientCommands(IReadOnlyCollection<IPAddress> trusted) : SmtpCommandHandler<XclientProtocol.Grammar, XclientProtocol.Command>
{
    /// <summary>XCLIENT with the attributes taken, beside SMTP's extensions that the server offers.</summary>
    public override byte[]? FormatExtensionLines(SmtpProtocol.Extensions offered, SmtpServerOptions options)
    {
        // An extending definition keeps the base's values, so SMTP's extensions map by value.
        XclientProtocol.Extensions lines = XclientProtocol.Extensions.None.With(XclientProtocol.Extension.Xclient);
        foreach (SmtpProtocol.Extension extension in Enum.GetValues<SmtpProtocol.Extension>())
        {
            if (offered.Has(extension))
            {
                lines = lines.With((XclientProtocol.Extension)(int)extension);
            }
        }

        // AUTH's mechanisms, when the server offers AUTH, named as its settings name them.
        SmtpProtocol.MechanismsList.TryCreate(Encoding.ASCII.GetBytes(string.Join(' ', options.Authentication?.Mechanisms ?? [])), out SmtpProtocol.MechanismsList mechanisms);
        return XclientProtocol.FormatExtensionLines(250, lines, mechanisms, "NAME ADDR PORT HELO PROTO LOGIN"u8, maxSize: options.MaxMessageSize);
    }

    protected override SmtpResponse Handle(scoped in XclientProtocol.Command command, SmtpCommandContext context)
    {
        if (context.Session.ConnectionEndPoint is not IPEndPoint proxy || !trusted.Contains(proxy.Address))
        {
            return Reply(XclientProtocol.Reply.NotAuthorized);
        }

        EndPoint? client = context.Session.RemoteEndPoint;
        string? name = context.Session.ClientName;
        string? helo = null;
        bool extended = false;
        string? login = null;
        foreach (EsmtpParameter attribute in command.Attributes)
        {
            string? value = Xtext(attribute.Value);
            switch (Encoding.ASCII.GetString(attribute.Keyword).ToUpperInvariant())
            {
                case "NAME":
                    name = value;
                    break;
                case "ADDR" when value is null || IPAddress.TryParse(value.StartsWith("IPV6:", StringComparison.OrdinalIgnoreCase) ? value[5..] : value, out _):
                    client = value is null ? null : new IPEndPoint(IPAddress.Parse(value.StartsWith("IPV6:", StringComparison.OrdinalIgnoreCase) ? value[5..] : value), (client as IPEndPoint)?.Port ?? 0);
                    break;
                case "PORT" when client is IPEndPoint address && ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port):
                    client = new IPEndPoint(address.Address, port);
                    break;
                case "HELO" when value is null || IsHelloName(value):
                    // The name the client gave in its hello; unavailable, the client is to say hello itself.
                    helo = value;
                    break;
                case "PROTO" when value is not null && (value.Equals("SMTP", StringComparison.OrdinalIgnoreCase) || value.Equals("ESMTP", StringComparison.OrdinalIgnoreCase)):
                    // Which hello HELO stands for: ESMTP is EHLO's, SMTP is HELO's.
                    extended = value.Equals("ESMTP", StringComparison.OrdinalIgnoreCase);
                    break;
                case "LOGIN" when value is null || (value.Length > 0 && !value.Any(char.IsControl)):
                    // The SASL login name the client authenticated with at the proxy; unavailable, it did not.
                    login = value;
                    break;
                default:
                    return Reply(XclientProtocol.Reply.BadAttribute);
            }
        }

        context.Session.RemoteEndPoint = client;
        context.Session.ClientName = name;
        return context.Restart(helo, extended, login);
    }

    /// <summary>Whether a HELO attribute names a client as a hello does: a domain or an address literal (RFC 5321 §4.1.1.1).</summary>
    private static bool IsHelloName(string value)
    {
        byte[] octets = Encoding.UTF8.GetBytes(value);
        int position = 0;
        return DomainOrAddressLiteral.TryScan(octets, ref position, out _) && position == octets.Length;
    }

    private static SmtpResponse Reply(XclientProtocol.Reply reply) =>
        SmtpResponse.FromReplyLine(XclientProtocol.GetReplyBytes(reply, enhancedStatusCode: true));

    /// <summary>RFC 3461's xtext, "+XX" for an octet; Postfix's "[UNAVAILABLE]" and "[TEMPUNAVAIL]" are null.</summary>
    private static string? Xtext(ReadOnlySpan<byte> value)
    {
        if (value.SequenceEqual("[UNAVAILABLE]"u8) || value.SequenceEqual("[TEMPUNAVAIL]"u8))
        {
            return null;
        }

        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == (byte)'+' && i + 2 < value.Length
                && byte.TryParse(Encoding.ASCII.GetString(value.Slice(i + 1, 2)), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte octet))
            {
                text.Append((char)octet);
                i += 2;
            }
            else
            {
                text.Append((char)value[i]);
            }
        }

        return text.ToString();
    }
}
