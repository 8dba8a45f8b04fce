using System.Globalization;
using System.Net;

namespace SmtpGen.Cli;

/// <summary>The server <c>send</c> and <c>load</c> talk to: a host's name or address, and a port.</summary>
internal readonly record struct ServerEndPoint(string Host, int Port)
{
    /// <summary><c>HOST:PORT</c>, or <c>[IPv6]:PORT</c>.</summary>
    public override string ToString() =>
        $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Reads <c>HOST:PORT</c> or <c>[IPv6]:PORT</c> (an IPv6 address without brackets is a host alone). A host given
    /// alone has <paramref name="defaultPort"/>, and is refused when that is null.
    /// </summary>
    public static bool TryParse(string text, int? defaultPort, out ServerEndPoint server)
    {
        server = default;
        string host;
        string? portText;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            string after = close < 0 ? "" : text[(close + 1)..];
            if (close < 0 || (after.Length > 0 && after[0] != ':'))
            {
                return false;
            }

            host = text[1..close];
            portText = after.Length > 0 ? after[1..] : null;
            if (Uri.CheckHostName(host) != UriHostNameType.IPv6)
            {
                return false;
            }
        }
        else
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            bool hasPort = colon >= 0 && colon == text.LastIndexOf(':');
            host = hasPort ? text[..colon] : text;
            portText = hasPort ? text[(colon + 1)..] : null;
            if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                return false;
            }
        }

        int? port = portText is null ? defaultPort : ReadPort(portText);
        if (port is null)
        {
            return false;
        }

        server = new ServerEndPoint(host, port.Value);
        return true;
    }

    private static int? ReadPort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= IPEndPoint.MaxPort ? port : null;
}
