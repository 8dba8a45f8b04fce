using System.Globalization;
using System.Net;
using SmtpGen.Server;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen load</c> against the real server: every message arrives, and errors are counted by reply code.</summary>
public sealed class LoadCommandTests : IAsyncDisposable
{
    private readonly MemoryMessageStore _store = new();
    private readonly SmtpListener _server;

    public LoadCommandTests()
    {
        _server = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.test" }, _store, new EveryFifthRefused());
        _server.Start();
    }

    private string Server => $"127.0.0.1:{_server.LocalEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}";

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Refuses every fifth sender it is asked about with 451, as a greylisting server would.</summary>
    private sealed class EveryFifthRefused : SmtpPolicy
    {
        private int _asked;

        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(reversePath.StartsWith("grey", StringComparison.Ordinal) && Interlocked.Increment(ref _asked) % 5 == 0
                ? SmtpResponse.Refuse(451, "4.7.1", "Greylisted, try again later")
                : SmtpResponse.Accept);
    }

    [Fact]
    public async Task Every_message_arrives_with_the_size_asked_for_and_the_summary_counts_them()
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(
            "load", "--server", Server, "--messages", "30", "--sessions", "4", "--size", "777", "--no-progress");

        Assert.True(exitCode == 0, error + output);
        Assert.Equal(30, _store.Messages.Count);
        Assert.All(_store.Messages, message => Assert.Equal(777, message.Data.Length));
        Assert.True(_store.Messages.Select(m => m.Envelope.SessionId).Distinct().Count() <= 4);
        Assert.Contains("sent      30 messages of 777 octets in ", output, StringComparison.Ordinal);
        Assert.Contains(", 0 failed", output, StringComparison.Ordinal);
        Assert.Matches(@"rate      \d+\.\d messages/s, \d+\.\d\d MB/s", output);
        Assert.Matches(@"latency   p50 \d+\.\d\d ms, p99 \d+\.\d\d ms", output);
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
    public async Task A_server_that_is_not_there_counts_every_message_as_a_connection_error()
    {
        // Free a moment ago and below the ephemeral range, so no other test's server can have taken it since.
        int port = SmtpGen.Interop.Tests.Peers.Loopback.FreePort();

        (int exitCode, string output, _) = await CommandRun.RunAsync("load", "--server", $"127.0.0.1:{port}", "--messages", "3", "--sessions", "1", "--no-progress");

        Assert.Equal(1, exitCode);
        Assert.Contains("error     SocketException: 3", output, StringComparison.Ordinal);
    }
}
