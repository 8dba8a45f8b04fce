using System.CommandLine;
using System.Globalization;

namespace SmtpGen.Cli;

/// <summary>The <c>--server</c> option of <c>send</c> and <c>load</c>: where the server listens.</summary>
internal static class ServerOption
{
    /// <summary>A required <c>--server</c>.</summary>
    /// <param name="description">The help's description.</param>
    /// <param name="defaultPort">The port of a host given alone; null when the port must be given.</param>
    public static Option<ServerEndPoint> Create(string description, int? defaultPort)
    {
        string expected = defaultPort is { } port
            ? string.Create(CultureInfo.InvariantCulture, $"HOST or HOST:PORT ([IPv6]:PORT), with a port from 1 to 65535 ({port} when none is given)")
            : "HOST:PORT or [IPv6]:PORT, with a port from 1 to 65535";
        Option<ServerEndPoint> option = CheckedOption.Create(
            "--server",
            defaultPort is null ? "HOST:PORT" : "HOST[:PORT]",
            description,
            expected,
            (string text, out ServerEndPoint server) => ServerEndPoint.TryParse(text, defaultPort, out server));
        option.Required = true;
        return option;
    }
}
