using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace SmtpGen.Cli;

/// <summary>
/// Says in the tool's log when its connection to NATS is lost and when it is back. While it is lost the client reconnects
/// on its own, serve answers the end of each message's data with 451 (the publish fails) and deliver waits: the log
/// says why, once, rather than only in each message's failure.
/// </summary>
internal static partial class NatsConnectionLog
{
    /// <summary>Logs the connection's losses and its connects from now on.</summary>
    /// <param name="nats">The connection (serve's is open already, and its first connect is the start line; deliver's opens on first use).</param>
    /// <param name="logger">Where to say it.</param>
    public static void Attach(NatsConnection nats, ILogger logger)
    {
        nats.ConnectionDisconnected += (_, lost) =>
        {
            // The event's message is the server's URL: the node lost, of a cluster's.
            Disconnected(logger, lost.Message);
            return ValueTask.CompletedTask;
        };
        nats.ConnectionOpened += (_, opened) =>
        {
            Connected(logger, opened.Message);
            return ValueTask.CompletedTask;
        };
    }

    [LoggerMessage(1, LogLevel.Warning, "Lost the connection to NATS at {Server}; reconnecting")]
    private static partial void Disconnected(ILogger logger, string server);

    [LoggerMessage(2, LogLevel.Information, "Connected to NATS at {Server}")]
    private static partial void Connected(ILogger logger, string server);
}
