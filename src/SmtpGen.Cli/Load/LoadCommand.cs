using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// <c>smtpgen load</c>: a load generator like Postfix's <c>smtp-source</c>. Sends many messages over several
/// sessions and reports messages/s, MB/s, latency p50/p99 and errors by reply code.
/// </summary>
internal static class LoadCommand
{
    public const string Usage =
        "smtpgen load --server HOST:PORT [--messages 1000] [--sessions 8] [--size 1024]\n"
        + "              [--from load@example.com] [--to sink@example.com] [--helo NAME] [--no-progress]";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var parsed = new ParsedArguments(arguments, ["--server", "--messages", "--sessions", "--size", "--from", "--to", "--helo"], ["--no-progress"]);
        (string host, int port) = ServerAddress.Parse(parsed.Required("--server"));
        int messages = (int)parsed.Number("--messages", 1000, maximum: 100_000_000);
        int sessions = (int)parsed.Number("--sessions", 8, maximum: 10_000);
        int size = (int)parsed.Number("--size", 1024, minimum: LoadMessage.MinimumSize, maximum: 1 << 30);
        string from = parsed.Get("--from", "load@example.com")!;
        string to = parsed.Get("--to", "sink@example.com")!;
        var options = new SmtpClientOptions { ClientDomain = parsed.Get("--helo", "load.example.com")! };

        var run = new LoadRun(host, port, messages, Math.Min(sessions, messages), from, to, LoadMessage.Create(from, to, size), options);
        await output.WriteLineAsync($"smtpgen load: {messages} messages of {size} octets to {host}:{port} over {Math.Min(sessions, messages)} sessions");
        LoadReport report;
        if (parsed.Has("--no-progress") || Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out))
        {
            report = await run.RunAsync(cancellationToken);
        }
        else
        {
            await using var progress = new ProgressBar(output, messages, () => run.Completed);
            report = await run.RunAsync(cancellationToken);
        }

        report.Write(output);
        return report.Failed == 0 ? 0 : 1;
    }
}
