using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>
/// A session starts on the listener's accept loop and leaves it at its first read: whatever a client does, and whatever
/// the store does with its message, the next connection is still taken and greeted.
/// </summary>
public sealed class AcceptLoopTests
{
    [Fact]
    public async Task A_client_that_talks_before_the_greeting_is_served_off_the_accept_loop()
    {
        // The first session's start holds the accept loop (its "started" log line waits), while the second client
        // connects and sends its whole transaction: when the loop takes it, its input is there already. (Blocking
        // calls: with inline completions the held thread is the socket engine's, which the test's own sockets share.)
        using var logGate = new FirstCallGate();
        using var storeGate = new FirstCallGate();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new GatedSessionStartLog(logGate)));
        await using TestServer server = TestServer.Start(store: new GatedStore(storeGate), loggerFactory: loggerFactory);
        await using RawClient holding = await server.ConnectAsync();
        Assert.True(logGate.FirstIsWaiting.Wait(TimeSpan.FromSeconds(30)), "the first session did not start");
        await using RawClient talker = RawClient.Connect(server.EndPoint);
        talker.Socket.Send("HELO talker.example.com\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"u8);
        logGate.Release.Set();
        Assert.True(storeGate.FirstIsWaiting.Wait(TimeSpan.FromSeconds(30)), "the talker's message did not reach the store");

        // The store holds its thread over the talker's message; that thread is not the accept loop's.
        await using RawClient next = await server.ConnectAsync();
        Assert.StartsWith("220 ", await next.ReadReplyAsync());
        storeGate.Release.Set();
        Assert.StartsWith("220 ", await talker.ReadReplyAsync());
    }

    /// <summary>A store that says it may block, and holds its thread in its first BeginAsync, as an fsync on a busy disk would.</summary>
    private sealed class GatedStore(FirstCallGate gate) : IMessageStore
    {
        private readonly MemoryMessageStore _memory = new();

        public ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken)
        {
            gate.Pass(cancellationToken);
            return _memory.BeginAsync(envelope, cancellationToken);
        }
    }

    /// <summary>A logger whose first "started" line of a session waits at the gate: the accept loop, which writes it, waits with it.</summary>
    private sealed class GatedSessionStartLog(FirstCallGate gate) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).EndsWith(" started", StringComparison.Ordinal))
            {
                gate.Pass();
            }
        }

        public void Dispose()
        {
        }
    }
}
