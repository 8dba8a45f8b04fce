using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmtpGen.Server;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (kill, systemd, docker) stop the real <c>smtpgen load</c>, run as a process: it sends no
/// more, prints the report of what it did so far, as text or JSON, and exits 130 or 143 as a shell reports the signal.
/// </summary>
public sealed partial class LoadSignalTests : IAsyncDisposable
{
    /// <summary>Far more messages than a run sends before the signal comes.</summary>
    private const int Messages = 1_000_000;

    private readonly MemoryMessageStore _store = new();
    private readonly SmtpListener _server;

    public LoadSignalTests()
    {
        _server = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.test" }, _store);
        _server.Start();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task SIGINT_stops_the_run_with_the_summary_of_what_it_did_and_exit_code_130()
    {
        await using RunningTool load = await StartLoadAsync();

        await load.SignalAsync("INT");

        Assert.Equal(130, await load.WaitForExitAsync());
        string output = string.Join('\n', load.Output);
        Match sent = SentLine().Match(output);
        Assert.True(sent.Success, output);
        int count = int.Parse(sent.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(count, 1, _store.Messages.Count);
        Assert.Contains($"stopped   by SIGINT after {count} of {Messages} messages", load.Output);
        Assert.Contains(load.Output, line => line.StartsWith("rate      ", StringComparison.Ordinal));
        Assert.Contains(load.Output, line => line.StartsWith("latency   p50 ", StringComparison.Ordinal));
        Assert.Empty(load.Error);
    }

    [Fact]
    public async Task SIGTERM_stops_the_run_with_the_JSON_report_of_what_it_did_and_exit_code_143()
    {
        await using RunningTool load = await StartLoadAsync("--json");

        await load.SignalAsync("TERM");

        Assert.Equal(143, await load.WaitForExitAsync());
        using JsonDocument json = JsonDocument.Parse(Assert.Single(load.Output));
        JsonElement report = json.RootElement;
        Assert.Equal("SIGTERM", report.GetProperty("stoppedBy").GetString());
        Assert.Equal(Messages, report.GetProperty("messages").GetInt32());
        Assert.InRange(report.GetProperty("sent").GetInt32(), 1, _store.Messages.Count);
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.True(report.GetProperty("messagesPerSecond").GetDouble() > 0);
        Assert.Empty(load.Error);
    }

    [Fact]
    public async Task SIGTERM_during_the_warm_up_gives_the_JSON_report_with_no_measured_message_and_exit_code_143()
    {
        await using RunningTool load = await StartLoadAsync("--json", "--warmup", Messages.ToString(CultureInfo.InvariantCulture));

        await load.SignalAsync("TERM");

        Assert.Equal(143, await load.WaitForExitAsync());
        using JsonDocument json = JsonDocument.Parse(Assert.Single(load.Output));
        JsonElement report = json.RootElement;
        Assert.Equal("SIGTERM", report.GetProperty("stoppedBy").GetString());
        Assert.Equal(0, report.GetProperty("sent").GetInt32());
        Assert.InRange(report.GetProperty("warmedUpWith").GetInt32(), 1, _store.Messages.Count);
        Assert.Equal(0, report.GetProperty("warmupFailed").GetInt32());
        Assert.Empty(load.Error);
    }

    /// <summary>
    /// Starts <c>smtpgen load</c> against the server and waits until the server has stored ten messages: by then each of
    /// the two sessions has had the reply to all but its last, and the tool is catching the signals.
    /// </summary>
    private async Task<RunningTool> StartLoadAsync(params string[] options)
    {
        string server = $"127.0.0.1:{_server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}";
        RunningTool load = RunningTool.Start(
            AppContext.BaseDirectory,
            new Dictionary<string, string>(),
            ["load", "--server", server, "--messages", Messages.ToString(CultureInfo.InvariantCulture), "--sessions", "2", "--size", "128", .. options]);
        await Eventually.WaitUntilAsync(() => _store.Messages.Count >= 10, "ten messages stored");
        return load;
    }

    [GeneratedRegex(@"^sent      (\d+) messages of 128 octets in \d+\.\d{3} s, 0 failed$", RegexOptions.Multiline)]
    private static partial Regex SentLine();
}
