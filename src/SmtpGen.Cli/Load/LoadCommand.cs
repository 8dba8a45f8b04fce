using System.CommandLine;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen load</c>: a load generator like Postfix's <c>smtp-source</c>. Sends many messages over several
/// sessions and reports messages/s, MB/s, latency p50/p90/p99/max and errors by reply code, as text or, with
/// <c>--json</c>, as one JSON object for scripts.
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
    private readonly Option<int> _warmup = NumberOptions.WholeNumber(
        "--warmup", "COUNT", "How many messages to send first, over as many sessions, and leave out of the report: a sender's steady rate, without its JIT's first second", 0, 100_000_000, () => 0);
    private readonly Option<bool> _data = new("--data")
    {
        Description = "Send each message with DATA even where the server offers CHUNKING (RFC 3030), as to a server that does not: to compare servers over the same exchange",
    };

    private readonly Option<bool> _connectionPerMessage = new("--connection-per-message")
    {
        Description = "Send each message over a connection of its own and QUIT after it, as most mail arrives (smtp-source without -d), instead of one message after another over each session's connection",
    };

    private readonly ClientTlsOptions _tls = new("opportunistic (when offered)");
    private readonly Option<bool> _noProgress = new("--no-progress") { Description = "Draw no progress bar (none is drawn either when the output is not a terminal)" };
    private readonly Option<string> _replies = PathOptions.NewFile(
        "--replies", "Number each message in its subject and write a line for each to FILE as its answer comes: NUMBER REPLY (its id, or its 4xx)");

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the report as one JSON object on standard output, and nothing else there (no progress bar): for scripts",
    };

    public LoadCommand()
        : base("load", "Send many messages over several sessions, like smtp-source, and report messages/s, MB/s, latency and errors; Ctrl+C or SIGTERM stops it with the report so far")
    {
        Options.Add(_server);
        Options.Add(_messages);
        Options.Add(_sessions);
        Options.Add(_size);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_helo);
        Options.Add(_warmup);
        Options.Add(_data);
        Options.Add(_connectionPerMessage);
        _tls.AddTo(this);
        Options.Add(_noProgress);
        Options.Add(_json);
        Options.Add(_replies);
        this.AddRule(result =>
        {
            if (_tls.Mistake(result) is { } mistake)
            {
                result.AddError(mistake);
            }
        });
        SetAction(RunAsync);
    }

    /// <summary>
    /// Runs the load and writes its report: exit code 0 when every message was sent (those of the warm-up too), 1 when one failed; stopped by SIGINT
    /// (or <paramref name="cancellationToken"/>, Ctrl+C) or SIGTERM, the report of what was done so far, and 130 or 143.
    /// </summary>
    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        ServerEndPoint server = parsed.GetRequiredValue(_server);
        int messages = parsed.GetValue(_messages);
        int sessions = Math.Min(parsed.GetValue(_sessions), messages);
        int size = parsed.GetValue(_size);
        string from = parsed.GetRequiredValue(_from);
        string to = parsed.GetRequiredValue(_to);
        var options = new SmtpClientOptions
        {
            ClientDomain = parsed.GetRequiredValue(_helo),
            UseChunking = !parsed.GetValue(_data),
            StartTls = _tls.StartTls(parsed),
            ImplicitTls = _tls.ImplicitTls(parsed),
            ServerCertificateChainPolicy = _tls.ServerCertificateChainPolicy(parsed),
        };
        bool json = parsed.GetValue(_json);
        using LoadReplies? replies = parsed.GetValue(_replies) is { } path ? new LoadReplies(path) : null;
        bool connectionPerMessage = parsed.GetValue(_connectionPerMessage);
        var run = new LoadRun(server, messages, sessions, from, to, LoadMessage.Create(from, to, size, numbered: replies is not null), options, connectionPerMessage, replies);
        int warmup = parsed.GetValue(_warmup);
        if (!json)
        {
            string warmingUp = warmup > 0 ? $", after {warmup} to warm up" : "";
            await output.WriteLineAsync($"smtpgen load: {messages} messages of {size} octets to {server} over {sessions} sessions{warmingUp}");
        }

        using var stop = new StopSignals(cancellationToken);
        LoadReport? warming = warmup > 0
            ? await new LoadRun(server, warmup, Math.Min(sessions, warmup), from, to, LoadMessage.Create(from, to, size, numbered: false), options, connectionPerMessage).RunAsync(stop.Token)
            : null;

        LoadReport report;
        if (warming is { IsComplete: false })
        {
            // Stopped while warming up: no measured message was begun.
            report = new LoadReport(messages, 0, size, TimeSpan.Zero, [], new Dictionary<string, int>());
        }
        else
        {
            await using ProgressBar? progress = ShowsProgress(parsed, output) ? new ProgressBar(output, messages, () => run.Completed, () => run.MessagesPerSecond) : null;
            report = await run.RunAsync(stop.Token);
        }

        report = report with { WarmedUpWith = warming?.Sent ?? 0, WarmupFailed = warming?.Failed ?? 0 };
        if (!report.IsComplete)
        {
            report = report with { StoppedBy = stop.SignalName };
        }

        if (json)
        {
            LoadReportJson.Write(report, output);
        }
        else
        {
            LoadReportText.Write(report, output);
        }

        return !report.IsComplete ? stop.ExitCode : report.Failed == 0 && report.WarmupFailed == 0 ? 0 : 1;
    }

    /// <summary>Whether a progress bar is drawn: on a terminal, unless --no-progress or --json says not to.</summary>
    private bool ShowsProgress(ParseResult parsed, TextWriter output) =>
        !parsed.GetValue(_noProgress) && !parsed.GetValue(_json) && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
}
