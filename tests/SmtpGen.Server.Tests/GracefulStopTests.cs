using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>
/// A stop (SIGTERM, Ctrl+C, the host's) lets a message the store is committing finish within the grace period, answered
/// 250 before the 421; a commit that outlasts it is abandoned, nothing kept.
/// </summary>
public class GracefulStopTests
{
    /// <summary>Grace periods longer than the commit: TimeSpan.MaxValue, past what CancelAfter counts, once made the stop throw.</summary>
    public static TheoryData<TimeSpan> LongGracePeriods => new() { TimeSpan.FromSeconds(30), TimeSpan.MaxValue };

    [Theory]
    [MemberData(nameof(LongGracePeriods))]
    public async Task A_stop_lets_a_message_being_committed_finish_with_its_250_before_the_421(TimeSpan gracePeriod)
    {
        var store = new GatedStore();
        TestServer server = TestServer.Start(options => options.StopGracePeriod = gracePeriod, store: store);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        await client.SendAsync("committed in time\r\n.\r\n");
        await store.Committing.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Task stopped = server.Listener.StopAsync();
        await Task.Delay(100);
        Assert.False(stopped.IsCompleted);
        store.Gate.SetResult();

        Assert.Equal("250 2.0.0 OK: queued as 1", await client.ReadReplyAsync());
        Assert.Equal("421 4.3.2 Service shutting down, closing transmission channel", await client.ReadReplyAsync());
        await stopped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("committed in time\r\n"u8.ToArray(), ServerTrace.Remove(Assert.Single(store.Memory.Messages).Data));
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_commit_that_outlasts_the_grace_period_is_abandoned_with_421_and_nothing_kept()
    {
        var store = new GatedStore();
        TestServer server = TestServer.Start(options => options.StopGracePeriod = TimeSpan.FromMilliseconds(200), store: store);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("a@example.com", "b@example.com");
        await client.SendAsync("never committed\r\n.\r\n");
        await store.Committing.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await server.Listener.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("421 4.3.2 Service shutting down, closing transmission channel", await client.ReadReplyAsync());
        Assert.Empty(store.Memory.Messages);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Disposal_does_not_wait_for_a_session_held_by_a_hook_that_ignores_its_token()
    {
        // A host's shutdown ends in DisposeAsync; a hook that never looks at its token must not hold the process.
        var hook = new HangingSenderPolicy();
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        TestServer server = TestServer.Start(options => options.StopGracePeriod = TimeSpan.Zero, policy: hook, loggerFactory: loggerFactory);
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO c.example.com");
        await client.SendAsync("MAIL FROM:<a@example.com>\r\n");
        await hook.Asked.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(log.Entries, entry => entry.Message.StartsWith("Disposed with 1 session(s) still running", StringComparison.Ordinal));
        hook.Release.SetResult();
    }

    [Fact]
    public async Task Disposal_waits_out_a_client_that_neither_reads_nor_closes_without_blaming_a_hook()
    {
        // The session's own close (its 421 to a client that does not read, then the wait for the client's side) fits
        // in what disposal waits: nothing ignored a token, so nothing is reported as held.
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        TestServer server = TestServer.Start(options => options.StopGracePeriod = TimeSpan.Zero, loggerFactory: loggerFactory);
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
        await socket.ConnectAsync(server.EndPoint);
        byte[] noops = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("NOOP\r\n", 10_000)));
        using var sent = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            // Until the server stops reading: its replies fill the socket, which the client never reads.
            while (true)
            {
                await socket.SendAsync(noops, sent.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(log.Entries, entry => entry.Message.StartsWith("Disposed with", StringComparison.Ordinal));
    }

    /// <summary>Holds MAIL until released, whatever its token says.</summary>
    private sealed class HangingSenderPolicy : SmtpPolicy
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, CancellationToken cancellationToken)
        {
            Asked.SetResult();
            await Release.Task;
            return SmtpResponse.Accept;
        }
    }

    /// <summary>A memory store whose commits wait for <see cref="Gate"/>, or for their cancellation.</summary>
    private sealed class GatedStore : IMessageStore
    {
        public MemoryMessageStore Memory { get; } = new();

        public TaskCompletionSource Committing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken) =>
            new Writer(this, await Memory.BeginAsync(envelope, cancellationToken));

        private sealed class Writer(GatedStore store, IMessageWriter writer) : IMessageWriter
        {
            public string Id => writer.Id;

            public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => writer.WriteAsync(data, cancellationToken);

            public async ValueTask<string> CommitAsync(CancellationToken cancellationToken)
            {
                store.Committing.SetResult();
                await store.Gate.Task.WaitAsync(cancellationToken);
                return await writer.CommitAsync(cancellationToken);
            }

            public ValueTask DisposeAsync() => writer.DisposeAsync();
        }
    }
}
