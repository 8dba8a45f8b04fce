using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Cli;

/// <summary>
/// The log's options, the same for <c>serve</c> and <c>deliver</c>: <c>--quiet</c>, <c>--log-level</c> and
/// <c>--log-format</c>, and the rule that the first two do not go together.
/// </summary>
internal sealed class LogOptions
{
    private readonly Option<bool> _quiet = new("--quiet") { Description = "Log warnings and errors only (--log-level warning)" };
    private readonly Option<LogLevel> _level = CheckedOption.Choice(
        "--log-level",
        "The least important events logged (to standard error, one line each)",
        [("trace", LogLevel.Trace), ("debug", LogLevel.Debug), ("information", LogLevel.Information), ("warning", LogLevel.Warning), ("error", LogLevel.Error)],
        () => LogLevel.Information);
    private readonly Option<LogFormat> _format = CheckedOption.Choice(
        "--log-format", "The log's lines: text, one JSON object each, or systemd (each with its syslog priority, for the journal)", [("text", LogFormat.Text), ("json", LogFormat.Json), ("systemd", LogFormat.Systemd)], () => LogFormat.Text);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_quiet);
        command.Options.Add(_level);
        command.Options.Add(_format);
    }

    /// <summary>What is wrong with the options given together, or null.</summary>
    public string? Mistake(CommandResult result) =>
        result.Gives(_quiet) && result.Gives(_level) ? "--quiet is --log-level warning: give one of them, not both" : null;

    /// <summary>Logs to standard error as the options say.</summary>
    public void Configure(ILoggingBuilder logging, ParseResult parsed) =>
        ToolLogging.Configure(logging, parsed.CommandResult.Gives(_quiet) ? LogLevel.Warning : parsed.GetValue(_level), parsed.GetValue(_format));
}
