using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>
/// A store that fails: 452 4.3.1 when the disk or the quota is full, 451 4.3.0 for any other error; never 250, and the
/// Maildir keeps nothing of the message.
/// </summary>
public sealed class StoreFailureTests : IDisposable
{
    private const string InsufficientStorage = "452 4.3.1 Requested action not taken: insufficient system storage";
    private const string LocalError = "451 4.3.0 Requested action aborted: local error in processing";

    /// <summary>Error numbers as .NET puts them in an <see cref="IOException"/>'s HResult on Linux.</summary>
    private const int NoSpaceLeft = 28, QuotaExceeded = 122, InputOutputError = 5;

    private readonly MaildirMessageStore _maildir = new(Path.Combine(Path.GetTempPath(), "smtpgen-store-failure-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => Directory.Delete(_maildir.Directory, recursive: true);

    [Theory]
    [InlineData(StoreStage.Write, NoSpaceLeft, InsufficientStorage)]
    [InlineData(StoreStage.Write, QuotaExceeded, InsufficientStorage)]
    [InlineData(StoreStage.Commit, NoSpaceLeft, InsufficientStorage)]
    [InlineData(StoreStage.Write, InputOutputError, LocalError)]
    [InlineData(StoreStage.Commit, InputOutputError, LocalError)]
    public async Task A_message_the_store_fails_to_take_gets_452_when_storage_is_full_and_451_otherwise(StoreStage stage, int error, string reply)
    {
        // Without the trace headers, whose write at DATA would fail first: the message's own octets fail here.
        await using TestServer server = TestServer.Start(options => options.AddTraceHeaders = false, FailingStore(_maildir, stage, error));
        string? stored = null;
        server.Listener.MessageStored += (_, message) => stored = message.Location;
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        await client.SendAsync("Subject: hi\r\n\r\nbody\r\n");

        Assert.Equal(reply, await client.CommandAsync("."));
        Assert.Null(stored);
        AssertNothingStored();
    }

    [Theory]
    [InlineData(NoSpaceLeft, InsufficientStorage)]
    [InlineData(InputOutputError, LocalError)]
    public async Task DATA_gets_452_when_storage_is_full_and_451_otherwise_if_the_store_cannot_open_the_message(int error, string reply)
    {
        await using TestServer server = TestServer.Start(store: FailingStore(_maildir, StoreStage.Begin, error));
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);

        Assert.Equal(reply, await client.CommandAsync("DATA"));
        AssertNothingStored();
    }

    [Fact]
    public async Task DATA_gets_451_and_nothing_is_kept_when_the_store_gives_an_id_a_reply_cannot_carry()
    {
        await using TestServer server = TestServer.Start(store: new SpacedIdStore(_maildir));
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        await client.CommandAsync("EHLO client.example.com");
        await client.CommandAsync("MAIL FROM:<alice@example.com>");
        await client.CommandAsync("RCPT TO:<bob@example.com>");

        Assert.Equal(LocalError, await client.CommandAsync("DATA"));
        AssertNothingStored();
    }

    [Fact]
    public async Task A_write_the_system_refuses_for_want_of_space_gets_452_and_one_log_line_without_a_stack_trace()
    {
        // /dev/full: every write fails with the system's own ENOSPC, as on a full disk.
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        await using TestServer server = TestServer.Start(options => options.AddTraceHeaders = false, new DeviceFullStore(), loggerFactory: loggerFactory);
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        await client.SendAsync("Subject: hi\r\n\r\nbody\r\n");

        Assert.Equal(InsufficientStorage, await client.CommandAsync("."));
        RecordingLoggerProvider.Entry full = Assert.Single(log.Entries, entry => entry.Level == LogLevel.Error);
        Assert.StartsWith("The message store is full: No space left on device", full.Message, StringComparison.Ordinal);
        Assert.Null(full.Exception);
    }

    [Fact]
    public async Task DATA_gets_452_when_the_store_has_no_room_for_the_trace_headers()
    {
        await using TestServer server = TestServer.Start(store: new DeviceFullStore());
        await using RawClient client = await server.ConnectAsync();
        Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"), StringComparison.Ordinal);

        Assert.Equal(InsufficientStorage, await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("RSET"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_writer_whose_disposal_throws_after_its_commit_still_gets_its_250_and_the_session_goes_on()
    {
        // Committed is on disk: the 250 is owed, whatever the writer's clean-up does after it.
        await using TestServer server = TestServer.Start(store: new DisposalThrowsStore(_maildir));
        await using RawClient client = await server.ConnectAsync();
        await client.StartMessageAsync("alice@example.com", "bob@example.com");
        await client.SendAsync("Subject: hi\r\n\r\nbody\r\n");

        Assert.StartsWith("250 2.0.0 OK: queued as ", await client.CommandAsync("."), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_maildir.Directory, "new")));
        Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"), StringComparison.Ordinal);
    }

    /// <summary>A Maildir store whose writers throw when disposed, after disposing the Maildir's writer.</summary>
    private sealed class DisposalThrowsStore(IMessageStore store) : IMessageStore
    {
        public async ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken) =>
            new Writer(await store.BeginAsync(envelope, cancellationToken));

        private sealed class Writer(IMessageWriter writer) : IMessageWriter
        {
            public string Id => writer.Id;

            public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => writer.WriteAsync(data, cancellationToken);

            public ValueTask<string> CommitAsync(CancellationToken cancellationToken) => writer.CommitAsync(cancellationToken);

            public async ValueTask DisposeAsync()
            {
                await writer.DisposeAsync();
                throw new InvalidOperationException("the writer's clean-up failed");
            }
        }
    }

    private void AssertNothingStored()
    {
        foreach (string folder in (string[])["tmp", "new", "envelope"])
        {
            Assert.Empty(Directory.GetFiles(Path.Combine(_maildir.Directory, folder)));
        }
    }

    /// <summary>A store that throws, at <paramref name="stage"/>, the <see cref="IOException"/> the system gives for <paramref name="error"/>.</summary>
    private static ThrowingStore FailingStore(IMessageStore store, StoreStage stage, int error) => new(store, stage, () => new IOException($"Injected error {error}", error));

    /// <summary>A Maildir store whose messages have an id with a space in it, which "queued as" cannot carry.</summary>
    private sealed class SpacedIdStore(IMessageStore store) : IMessageStore
    {
        public async ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken) =>
            new Writer(await store.BeginAsync(envelope, cancellationToken));

        private sealed class Writer(IMessageWriter writer) : IMessageWriter
        {
            public string Id => "two words";

            public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => writer.WriteAsync(data, cancellationToken);

            public ValueTask<string> CommitAsync(CancellationToken cancellationToken) => writer.CommitAsync(cancellationToken);

            public ValueTask DisposeAsync() => writer.DisposeAsync();
        }
    }

    /// <summary>A store whose messages go to /dev/full.</summary>
    private sealed class DeviceFullStore : IMessageStore
    {
        public ValueTask<IMessageWriter> BeginAsync(MessageEnvelope envelope, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IMessageWriter>(new Writer());

        private sealed class Writer : IMessageWriter
        {
            private readonly FileStream _device = new("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

            public string Id => "full";

            public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
                _device.WriteAsync(data, cancellationToken);

            public ValueTask<string> CommitAsync(CancellationToken cancellationToken) => ValueTask.FromResult("/dev/full");

            public ValueTask DisposeAsync() => _device.DisposeAsync();
        }
    }
}
