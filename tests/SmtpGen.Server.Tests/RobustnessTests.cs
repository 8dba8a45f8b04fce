using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>Clients that misbehave at the TCP level, and hooks that fail: the server stays up and keeps its limits.</summary>
public class RobustnessTests
{
    [Fact]
    public async Task A_client_that_resets_with_replies_pending_gives_its_session_slot_back()
    {
        await using TestServer server = TestServer.Start(options => options.MaxSessions = 1);
        for (int round = 0; round < 3; round++)
        {
            RawClient client = await server.ConnectWhenASlotIsFreeAsync(TimeSpan.FromSeconds(15));
            await client.SendAsync(string.Concat(Enumerable.Repeat("NOOP\r\n", 200_000)));
            client.Socket.LingerState = new LingerOption(enable: true, seconds: 0);   // close with a reset
            await client.DisposeAsync();
        }

        await using RawClient last = await server.ConnectWhenASlotIsFreeAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("250 OK", await last.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_client_that_never_reads_loses_its_session_at_the_timeout_and_does_not_hold_up_the_stop()
    {
        TestServer server = TestServer.Start(options =>
        {
            options.MaxSessions = 1;
            options.CommandTimeout = TimeSpan.FromSeconds(1);
        });
        RawClient stuck = await server.ConnectAsync();
        stuck.Socket.ReceiveBufferSize = 4096;
        using var sending = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        byte[] noops = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("NOOP\r\n", 1000)));
        try
        {
            // The server's replies fill the client's window; the server must give up rather than wait forever.
            while (!sending.IsCancellationRequested)
            {
                await stuck.Socket.SendAsync(noops, SocketFlags.None, sending.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            // The server closed the connection (or our send blocked until the deadline).
        }

        await using (RawClient next = await server.ConnectWhenASlotIsFreeAsync(TimeSpan.FromSeconds(15)))
        {
            Assert.Equal("250 OK", await next.CommandAsync("NOOP"));
        }

        await server.Listener.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await stuck.DisposeAsync();
        await server.DisposeAsync();
    }

    private sealed class CancellingPolicy : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken) =>
            throw new TaskCanceledException("an HTTP call of the policy timed out");
    }

    [Fact]
    public async Task A_policy_whose_own_call_was_cancelled_gives_451_and_the_session_goes_on()
    {
        await using TestServer server = TestServer.Start(policy: new CancellingPolicy());
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    /// <summary>A logger that fails on the server's lines that start so, as a broken logging sink would: code the session calls with no reply of its own.</summary>
    private sealed class FailingLog(string linesStartingWith) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith(linesStartingWith, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the log sink is gone");
            }
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_session_that_fails_in_the_servers_own_code_ends_with_421_and_the_failure_is_logged()
    {
        var recorded = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FailingLog("Refused RCPT with ")).AddProvider(recorded));
        await using TestServer server = TestServer.Start(loggerFactory: loggerFactory);
        await using (RawClient client = await server.ConnectAsync())
        {
            await client.ReadReplyAsync();
            await client.CommandAsync("EHLO c.example.com");
            Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));

            // The refusal's log line fails before its reply is written: the command is answered 421 instead, and the
            // connection ends, where it used to end with no reply at all.
            Assert.Equal("421 4.3.0 Service not available, closing transmission channel", await client.CommandAsync("RCPT TO:<not an address"));
            Assert.True(await client.IsClosedAsync());
        }

        await Eventually.WaitUntilAsync(() => recorded.Entries.Any(e => e.Message == "The session failed" && e.Exception?.ToString().Contains("the log sink is gone", StringComparison.Ordinal) == true), "the failure's log line");

        await using RawClient next = await server.ConnectAsync();
        await next.ReadReplyAsync();
        Assert.Equal("250 OK", await next.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_MessageStored_handler_that_throws_takes_neither_the_250_nor_the_session()
    {
        await using TestServer server = TestServer.Start();
        server.Listener.MessageStored += (_, _) => throw new InvalidOperationException("observer bug");
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        Assert.Equal("250 2.0.0 OK: queued as 1", await client.CommandAsync("x\r\n."));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
        Assert.Single(server.Memory.Messages);
    }
}
