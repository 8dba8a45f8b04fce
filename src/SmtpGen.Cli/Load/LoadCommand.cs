using System.CommandLine;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen load</c>: a load generator like Postfix's <c>smtp-source</c>. Sends many messages over several
/// sessions and reports messages/s, MB/s, latency p50/p90/p99/max and errors by reply code.
/// </summary>
internal sealed class LoadCommand : Command
{
    private readonly Option<ServerEndPoint> _server = ServerOption.Create("The server to load", defaultPort: null);
    private readonly Option<int> _messages = NumberOptions.WholeNumber("--messages", "COUNT", "How many messages to send", 1, 100_000_000, () => 1000);
    private readonly Option<int> _sessions = NumberOptions.WholeNumber(
        "--sessions", "COUNT", "How many sessions send at once, each one message after another over its connection", 1, 10_000, () => 8);
    private readonly Option<int> _size = NumberOptions.WholeNumber(
        "--size", "OCTETS", "The size of each message, headers included", LoadMessage.MinimumSize, 1 << 30, () => 1024);
    private readonly Option<string> _from = SmtpSyntaxOptions.Sender("--from", "The sender (MAIL FROM)", () => "load@example.com");
    private readonly Option<string> _to = SmtpSyntaxOptions.Recipient("--to", "The recipient (RCPT TO)", () => "sink@example.com");
    private readonly Option<string> _helo = SmtpSyntaxOptions.HostName("--helo", "The client's name in EHLO", () => "load.example.com");
    private readonly Option<bool> _noProgress = new("--no-progress") { Description = "Draw no progress bar (none is drawn either when the output is not a terminal)" };

    public LoadCommand()
        : base("load", "Send many messages over several sessions, like smtp-source, and report messages/s, MB/s, latency and errors")
    {
        Options.Add(_server);
        Options.Add(_messages);
        Options.Add(_sessions);
        Options.Add(_size);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_helo);
        Options.Add(_noProgress);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        ServerEndPoint server = parsed.GetRequiredValue(_server);
        int messages = parsed.GetValue(_messages);
        int sessions = Math.Min(parsed.GetValue(_sessions), messages);
        int size = parsed.GetValue(_size);
        string from = parsed.GetRequiredValue(_from);
        string to = parsed.GetRequiredValue(_to);
        var options = new SmtpClientOptions { ClientDomain = parsed.GetRequiredValue(_helo) };

        var run = new LoadRun(server, messages, sessions, from, to, LoadMessage.Create(from, to, size), options);
        await output.WriteLineAsync($"smtpgen load: {messages} messages of {size} octets to {server} over {sessions} sessions");
        LoadReport report;
        if (parsed.GetValue(_noProgress) || Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out))
        {
            report = await run.RunAsync(cancellationToken);
        }
        else
        {
            await using var progress = new ProgressBar(output, messages, () => run.Completed, () => run.MessagesPerSecond);
            report = await run.RunAsync(cancellationToken);
        }

        LoadReportText.Write(report, output);
        return report.Failed == 0 ? 0 : 1;
    }
}
