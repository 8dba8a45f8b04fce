using System.Globalization;
using System.Net;

namespace SmtpGen.Cli;

/// <summary>The <c>--server</c> argument of <c>send</c> and <c>load</c>.</summary>
internal static class ServerAddress
{
    private const int DefaultPort = 25;

    /// <summary><c>HOST</c>, <c>HOST:PORT</c>, <c>[IPv6]</c> or <c>[IPv6]:PORT</c>; port 25 when none is given.</summary>
    public static (string Host, int Port) Parse(string server)
    {
        int portStart = server.StartsWith('[')
            ? server.IndexOf("]:", StringComparison.Ordinal) + 1
            : server.IndexOf(':', StringComparison.Ordinal) == server.LastIndexOf(':') ? server.IndexOf(':', StringComparison.Ordinal) : -1;
        if (portStart <= 0)
        {
            return (server.Trim('[', ']'), DefaultPort);
        }

        string portText = server[(portStart + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is 0 or > IPEndPoint.MaxPort)
        {
            throw new UsageException($"--server's port must be 1 to {IPEndPoint.MaxPort}, not '{portText}'");
        }

        return (server[..portStart].Trim('[', ']'), port);
    }
}
