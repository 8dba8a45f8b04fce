using System.Net;
using Microsoft.Extensions.Logging;
using SmtpGen.Server;

namespace SmtpGen.Cli;

/// <summary><c>smtpgen serve</c>: runs the SMTP (or LMTP) server, storing messages in a Maildir, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public const string Usage =
        "smtpgen serve [--port 2525] [--address 127.0.0.1] [--store mail | --discard] [--quiet] [--name HOST] [--lmtp]\n"
        + "              [--max-message-size OCTETS] [--max-recipients 100] [--max-sessions 100] [--max-errors 10]\n"
        + "              [--bare-line-endings reject|normalize]";

    private static readonly string[] Options =
        ["--port", "--address", "--store", "--name", "--max-message-size", "--max-recipients", "--max-sessions", "--max-errors", "--bare-line-endings"];

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = new ParsedArguments(arguments, Options, ["--discard", "--quiet", "--lmtp"]);
        SmtpServerOptions options = ReadOptions(parsed);
        if (parsed.Has("--discard") && parsed.Has("--store"))
        {
            throw new UsageException("--discard keeps no message: give it or --store, not both");
        }

        LogLevel level = parsed.Has("--quiet") ? LogLevel.Warning : LogLevel.Information;
        using ILoggerFactory logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(level).AddSimpleConsole(console => console.IncludeScopes = true));
        IMessageStore store = parsed.Has("--discard") ? new DiscardingMessageStore() : new MaildirMessageStore(parsed.Get("--store", "mail")!, logging);
        string destination = store is MaildirMessageStore maildir ? $"messages go to {Path.Combine(maildir.Directory, "new")}" : "messages are discarded (--discard)";

        await using var server = new SmtpListener(options, store, loggerFactory: logging);
        server.Start();
        string protocol = options.Commands is null ? "SMTP" : "LMTP";
        await output.WriteLineAsync($"smtpgen: serving {protocol} on {server.LocalEndPoint} as {options.ServerName}; {destination} (Ctrl+C stops)");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("smtpgen: stopping");
        }

        return 0;
    }

    private static SmtpServerOptions ReadOptions(ParsedArguments parsed)
    {
        string addressText = parsed.Get("--address", "127.0.0.1")!;
        if (!IPAddress.TryParse(addressText, out IPAddress? address))
        {
            throw new UsageException($"--address must be an IP address, not '{addressText}'");
        }

        return new SmtpServerOptions
        {
            EndPoint = new IPEndPoint(address, (int)parsed.Number("--port", 2525, minimum: 0, maximum: IPEndPoint.MaxPort)),
            ServerName = parsed.Get("--name", new SmtpServerOptions().ServerName)!,
            MaxMessageSize = parsed.Number("--max-message-size", new SmtpServerOptions().MaxMessageSize),
            MaxRecipients = (int)parsed.Number("--max-recipients", 100, maximum: int.MaxValue),
            MaxSessions = (int)parsed.Number("--max-sessions", 100, maximum: int.MaxValue),
            MaxErrors = (int)parsed.Number("--max-errors", 10, maximum: int.MaxValue),
            Commands = parsed.Has("--lmtp") ? LmtpCommandHandler.Instance : null,
            BareLineEndings = parsed.Get("--bare-line-endings", "reject")! switch
            {
                "reject" => BareLineEndingHandling.Reject,
                "normalize" => BareLineEndingHandling.Normalize,
                string other => throw new UsageException($"--bare-line-endings is 'reject' or 'normalize', not '{other}'"),
            },
        };
    }
}
