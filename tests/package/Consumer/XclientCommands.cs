using System.Globalization;
using System.Net;
using System.Text;
using SmtpGen;
using SmtpGen.Server;
using SmtpGen.Smtp;

namespace Consumer;

/// <summary>
/// Serves XCLIENT with the server's own machinery: the server parses the line with <see cref="XclientProtocol"/>'s
/// parser, checks its state machine, and hands over the typed command. NAME, ADDR and PORT are taken; a proxy not
/// in <paramref name="trusted"/> gets 550; the session then starts over with 220.
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

        // No AUTH mechanisms: the server does not offer AUTH.
        return XclientProtocol.FormatExtensionLines(250, lines, mechanisms: default, "NAME ADDR PORT"u8, maxSize: options.MaxMessageSize);
    }

    protected override SmtpResponse Handle(scoped in XclientProtocol.Command command, SmtpCommandContext context)
    {
        if (context.Session.ConnectionEndPoint is not IPEndPoint proxy || !trusted.Contains(proxy.Address))
        {
            return Reply(XclientProtocol.Reply.NotAuthorized);
        }

        EndPoint? client = context.Session.RemoteEndPoint;
        string? name = context.Session.ClientName;
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
                default:
                    return Reply(XclientProtocol.Reply.BadAttribute);
            }
        }

        context.Session.RemoteEndPoint = client;
        context.Session.ClientName = name;
        return context.Restart();
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
