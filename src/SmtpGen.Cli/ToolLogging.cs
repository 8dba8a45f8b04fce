using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SmtpGen.Cli;

/// <summary>How <c>serve</c> and <c>deliver</c> write their log: lines of text, one JSON object a line, or lines for systemd's journal.</summary>
internal enum LogFormat
{
    /// <summary><c>2025-04-16T10:00:00.000Z info: SmtpGen.Server.SmtpListener[2] => session 5c1e-1 Session from 127.0.0.1:40312 started</c>.</summary>
    Text,

    /// <summary>Microsoft.Extensions.Logging's JSON console format, one object a line: Timestamp, EventId, LogLevel, Category, Message, State, Scopes.</summary>
    Json,

    /// <summary>
    /// For systemd's journal: each line begins with its syslog priority (<c>&lt;6&gt;</c> for information, <c>&lt;4&gt;</c> for a
    /// warning), which journald keeps as the entry's priority, and has no time of its own (the journal stamps it):
    /// <c>&lt;6&gt;SmtpGen.Server.SmtpListener[2] =&gt; session 5c1e-1 Session from 127.0.0.1:40312 started</c>.
    /// </summary>
    Systemd,
}

/// <summary>
/// The log of <c>serve</c> and <c>deliver</c>: one line an event on standard error, with its time (UTC, to the
/// millisecond) and its scope (a session's id).
/// </summary>
internal static class ToolLogging
{
    private const string Timestamp = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>Logs at <paramref name="level"/> and above to standard error, in <paramref name="format"/>.</summary>
    public static void Configure(ILoggingBuilder logging, LogLevel level, LogFormat format)
    {
        // The host's own failure to start comes with its exception's stack; the tool tells it in one line of its own.
        logging.ClearProviders().SetMinimumLevel(level).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // A slow standard error (a terminal, a stalled pipe) drops log lines, counted in a line of their own, rather than
        // stall the sessions that log: with inline socket completions they run on the socket engine's threads.
        logging.Services.Configure<ConsoleLoggerOptions>(console =>
        {
            console.LogToStandardErrorThreshold = LogLevel.Trace;
            console.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
        });
        if (format == LogFormat.Systemd)
        {
            logging.AddSystemdConsole(journal => journal.IncludeScopes = true);
        }
        else if (format == LogFormat.Json)
        {
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = Timestamp;
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(text =>
            {
                text.SingleLine = true;
                text.IncludeScopes = true;
                text.UseUtcTimestamp = true;
                text.TimestampFormat = Timestamp + " ";
            });
        }
    }
}
