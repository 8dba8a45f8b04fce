using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SmtpGen.Client;
using SmtpGen.Server;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen load</c> against the real server: every message arrives, and errors are counted by reply code.</summary>
public sealed class LoadCommandTests : IAsyncDisposable
{
    private readonly MemoryMessageStore _store = new();
    private readonly SmtpListener _server;

    public LoadCommandTests()
    {
        _server = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.test" }, _store, new RefusingSenders());
        _server.Start();
    }

    private string Server => $"127.0.0.1:{_server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>
    /// Refuses every fifth grey… sender it is asked about with 451, as a greylisting server would, and every
    /// refused… sender with 550.
    /// </summary>
    private sealed class RefusingSenders : SmtpPolicy
    {
        private int _asked;

        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(
                reversePath.StartsWith("refused", StringComparison.Ordinal) ? SmtpResponse.Refuse(550, "5.7.1", "Not from you")
                : reversePath.StartsWith("grey", StringComparison.Ordinal) && Interlocked.Increment(ref _asked) % 5 == 0 ? SmtpResponse.Refuse(451, "4.7.1", "Greylisted, try again later")
                : SmtpResponse.Accept);
    }

    [Fact]
    public async Task Every_message_arrives_with_the_size_asked_for_and_the_summary_counts_them()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "30", "--sessions", "4", "--size", "777", "--no-progress");

        Assert.True(exitCode == 0, error + output);
        Assert.Equal(30, _store.Messages.Count);
        Assert.All(_store.Messages, message => Assert.Equal(777, ServerTrace.Remove(message.Data).Length));
        Assert.True(_store.Messages.Select(m => m.Envelope.SessionId).Distinct().Count() <= 4);
        Assert.Contains("sent      30 messages of 777 octets in ", output, StringComparison.Ordinal);
        Assert.Contains(", 0 failed", output, StringComparison.Ordinal);
        Assert.Matches(@"rate      \d+\.\d messages/s, \d+\.\d\d MB/s", output);
        Assert.Matches(@"latency   p50 \d+\.\d\d ms, p90 \d+\.\d\d ms, p99 \d+\.\d\d ms, max \d+\.\d\d ms \(MAIL to the reply to the data\)", output);
    }

    [Fact]
    public async Task With_a_connection_per_message_each_message_comes_over_a_session_of_its_own()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "12", "--sessions", "3", "--size", "400", "--connection-per-message", "--no-progress");

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("sent      12 messages of 400 octets in ", output, StringComparison.Ordinal);
        Assert.Equal(12, _store.Messages.Count);
        Assert.Equal(12, _store.Messages.Select(m => m.Envelope.SessionId).Distinct().Count());
    }

    [Fact]
    public async Task With_a_connection_per_message_each_connection_ends_with_QUIT()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task<List<string>[]> sessions = ServeTwoAsync();

        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}", "--messages", "2", "--sessions", "1",
            "--connection-per-message", "--no-progress");

        Assert.True(exitCode == 0, error + output);
        Assert.All(await sessions.WaitAsync(TimeSpan.FromSeconds(30)), verbs => Assert.Equal(["EHLO", "MAIL", "RCPT", "BDAT", "QUIT"], verbs));

        async Task<List<string>[]> ServeTwoAsync() => [await ChunkingServer.ServeOneMessageAsync(listener), await ChunkingServer.ServeOneMessageAsync(listener)];
    }

    [Fact]
    public async Task With_a_connection_per_message_a_server_gone_in_the_middle_stops_the_run_with_one_line_naming_it()
    {
        var store = new MemoryMessageStore();
        var going = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "going.test" }, store);
        going.Start();
        string server = $"127.0.0.1:{going.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}";

        Task<(int ExitCode, string Output, string Error)> running = CommandRun.RunAsync(
            "load", "--server", server, "--messages", "100000", "--sessions", "2", "--size", "200", "--connection-per-message", "--no-progress");
        await Eventually.WaitUntilAsync(() => store.Messages.Count >= 5, "five messages stored");
        await going.DisposeAsync();
        (int exitCode, _, string error) = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"smtpgen: cannot connect to {server}: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_warm_up_sends_its_messages_first_and_the_report_counts_only_the_others()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "12", "--warmup", "20", "--sessions", "3", "--size", "500", "--no-progress");

        Assert.True(exitCode == 0, error + output);
        Assert.Equal(32, _store.Messages.Count);
        Assert.Contains("sent      12 messages of 500 octets in ", output, StringComparison.Ordinal);
        Assert.Contains("warm-up   20 messages sent before, 0 failed, not counted", output, StringComparison.Ordinal);

        (exitCode, output, error) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "5", "--warmup", "7", "--size", "500", "--json");
        Assert.True(exitCode == 0, error + output);
        using System.Text.Json.JsonDocument json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(5, json.RootElement.GetProperty("sent").GetInt32());
        Assert.Equal(7, json.RootElement.GetProperty("warmedUpWith").GetInt32());
        Assert.Equal(44, _store.Messages.Count);
    }

    [Fact]
    public async Task Refusals_are_counted_by_reply_code_and_the_exit_code_is_1()
    {
        (int exitCode, string output, _) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "20", "--sessions", "2", "--size", "200", "--from", "grey@example.com", "--no-progress");

        Assert.Equal(1, exitCode);
        Assert.Contains("sent      16 messages of 200 octets in ", output, StringComparison.Ordinal);
        Assert.Contains(", 4 failed", output, StringComparison.Ordinal);
        Assert.Contains("error     451: 4", output, StringComparison.Ordinal);
        Assert.Equal(16, _store.Messages.Count);
    }

    [Fact]
    public async Task When_no_message_is_sent_the_latency_is_none_and_no_figure_is_NaN()
    {
        (int exitCode, string output, _) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "3", "--sessions", "1", "--from", "refused@example.com", "--no-progress");

        Assert.Equal(1, exitCode);
        Assert.Contains("sent      0 messages of 1024 octets in ", output, StringComparison.Ordinal);
        Assert.Contains("rate      0.0 messages/s, 0.00 MB/s", output, StringComparison.Ordinal);
        Assert.Contains("latency   none: no message was sent", output, StringComparison.Ordinal);
        Assert.Contains("error     550: 3", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_standard_output_is_the_report_alone_as_one_JSON_object()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "30", "--sessions", "4", "--size", "300", "--json");

        Assert.True(exitCode == 0, error + output);
        Assert.Equal("", error);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement report = json.RootElement;
        Assert.Equal(30, report.GetProperty("sent").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.Equal(300, report.GetProperty("size").GetInt32());
        Assert.Empty(report.GetProperty("errors").EnumerateObject());
        Assert.True(report.GetProperty("messagesPerSecond").GetDouble() > 0);
        Assert.True(report.GetProperty("latencyMs").GetProperty("max").GetDouble() >= report.GetProperty("latencyMs").GetProperty("p50").GetDouble());
        Assert.Equal(30, _store.Messages.Count);
    }

    [Theory]
    [InlineData(new string[0], "BDAT")]
    [InlineData(new[] { "--data" }, "DATA")]
    public async Task A_message_goes_with_BDAT_where_CHUNKING_is_offered_and_with_DATA_when_data_is_asked_for(string[] options, string sentWith)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task<List<string>> verbs = ChunkingServer.ServeOneMessageAsync(listener);

        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            ["load", "--server", $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}", "--messages", "1", "--no-progress", .. options]);

        Assert.True(exitCode == 0, error + output);
        Assert.Equal(["EHLO", "MAIL", "RCPT", sentWith, "QUIT"], await verbs.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_rate_of_a_run_once_ended_is_the_one_its_report_shows()
    {
        var run = new LoadRun(
            new ServerEndPoint("127.0.0.1", _server.LocalEndPoint!.Port), 20, 2, "load@example.com", "sink@example.com",
            LoadMessage.Create("load@example.com", "sink@example.com", 300), new SmtpClientOptions { ClientDomain = "load.test" }, connectionPerMessage: false);

        LoadReport report = await run.RunAsync(CancellationToken.None);
        await Task.Delay(50);

        Assert.True(report.MessagesPerSecond > 0);
        Assert.Equal(report.MessagesPerSecond, run.MessagesPerSecond);
    }

    [Fact]
    public async Task A_run_stopped_early_reports_what_it_did_and_counts_the_messages_cut_off_as_neither_sent_nor_failed()
    {
        var run = new LoadRun(
            new ServerEndPoint("127.0.0.1", _server.LocalEndPoint!.Port), 1_000_000, 2, "load@example.com", "sink@example.com",
            LoadMessage.Create("load@example.com", "sink@example.com", 200), new SmtpClientOptions { ClientDomain = "load.test" }, connectionPerMessage: false);
        using var stop = new CancellationTokenSource();

        Task<LoadReport> running = run.RunAsync(stop.Token);
        await Eventually.WaitUntilAsync(() => _store.Messages.Count >= 10, "ten messages stored");
        await stop.CancelAsync();
        LoadReport report = await running;

        Assert.False(report.IsComplete);
        Assert.InRange(report.Sent, 8, _store.Messages.Count);   // each session had the reply to all its messages but the last
        Assert.Equal(0, report.Failed);
        Assert.Equal(report.Sent, report.LatencyTicks.Length);
        Assert.Equal(report.MessagesPerSecond, run.MessagesPerSecond);
    }

    [Fact]
    public async Task A_server_that_is_not_there_stops_the_run_with_one_line_naming_it()
    {
        // Free a moment ago and below the ephemeral range, so no other test's server can have taken it since.
        int port = SmtpGen.Interop.Tests.Peers.Loopback.FreePort();

        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", $"127.0.0.1:{port}", "--messages", "1000", "--sessions", "4", "--no-progress");

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"smtpgen: cannot connect to 127.0.0.1:{port}: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("error ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_a_server_that_is_not_there_leaves_standard_output_empty()
    {
        int port = SmtpGen.Interop.Tests.Peers.Loopback.FreePort();

        (int exitCode, string output, string error) = await CommandRun.RunAsync("load", "--server", $"127.0.0.1:{port}", "--messages", "10", "--json");

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith($"smtpgen: cannot connect to 127.0.0.1:{port}: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
