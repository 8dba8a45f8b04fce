namespace SmtpGen.Server.Tests;

/// <summary>
/// The stream under TLS: during the handshake the caller of a read goes on on the thread pool, so the handshake's CPU is
/// not spent on the socket engine's thread; after it, reads pass straight through on the thread they complete on.
/// </summary>
public sealed class HandshakeStreamTests
{
    /// <summary>
    /// Each read from a thread of its own, completing at once there, as the socket engine's do. Many times: a read that
    /// published its result before its caller looked let the caller go on on its own thread, now and then (a race the
    /// hop after an inner await had; this test failed once in a run of the suite with it).
    /// </summary>
    [Fact]
    public async Task During_the_handshake_a_read_completed_outside_the_pool_goes_on_on_the_pool_every_time()
    {
        // The pool's workers kept busy with short items, so that one is awake to take a queued continuation at once:
        // what makes the race show.
        using var busy = new CancellationTokenSource();
        Task keepingBusy = Task.Run(async () =>
        {
            while (!busy.IsCancellationRequested)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static _ => Thread.SpinWait(20), null);
                await Task.Yield();
            }
        });
        try
        {
            for (int attempt = 0; attempt < 5000; attempt++)
            {
                (int read, bool onPool) = await ReadOnOwnThreadAsync(handshaking: true);

                Assert.Equal(5, read);
                Assert.True(onPool, $"attempt {attempt} went on outside the pool");
            }
        }
        finally
        {
            await busy.CancelAsync();
            await keepingBusy;
        }
    }

    [Fact]
    public async Task After_the_handshake_a_read_stays_where_it_completed()
    {
        (int read, bool onPool) = await ReadOnOwnThreadAsync(handshaking: false);

        Assert.Equal(5, read);
        Assert.False(onPool);
    }

    [Fact]
    public async Task During_the_handshake_a_read_that_completes_later_on_another_thread_goes_on_on_the_pool()
    {
        var inner = new LaterStream();
        var stream = new HandshakeStream(inner);
        var done = new TaskCompletionSource<(int, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Read(stream, done)) { IsBackground = true };
        thread.Start();
        await inner.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var completer = new Thread(() => inner.Complete(3)) { IsBackground = true };
        completer.Start();
        (int read, bool onPool) = await done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, read);
        Assert.True(onPool);

        static async void Read(HandshakeStream stream, TaskCompletionSource<(int, bool)> done)
        {
            int read = await stream.ReadAsync(new byte[16]);
            done.SetResult((read, Thread.CurrentThread.IsThreadPoolThread));
        }
    }

    [Fact]
    public async Task During_the_handshake_a_read_that_fails_throws_to_its_caller_and_the_next_read_works()
    {
        var inner = new FailingOnceStream();
        var stream = new HandshakeStream(inner);

        byte[] buffer = new byte[16];
        await Assert.ThrowsAsync<IOException>(async () => _ = await stream.ReadAsync(buffer));
        Assert.Equal(5, await stream.ReadAsync(buffer));
    }

    /// <summary>Reads from a thread of its own (as the socket engine's is), the inner read completing at once there.</summary>
    private static Task<(int Read, bool OnPool)> ReadOnOwnThreadAsync(bool handshaking)
    {
        var done = new TaskCompletionSource<(int, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Read(done, handshaking)) { IsBackground = true };
        thread.Start();
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        static async void Read(TaskCompletionSource<(int, bool)> done, bool handshaking)
        {
            var stream = new HandshakeStream(new MemoryStream("hello"u8.ToArray())) { Handshaking = handshaking };
            int read = await stream.ReadAsync(new byte[16]);
            done.SetResult((read, Thread.CurrentThread.IsThreadPoolThread));
        }
    }

    /// <summary>A stream whose read completes when <see cref="Complete"/> is called, on the thread that calls it.</summary>
    private sealed class LaterStream : MemoryStream
    {
        private readonly TaskCompletionSource<int> _read = new();

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(int read) => _read.SetResult(read);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Started.SetResult();
            return new ValueTask<int>(_read.Task);
        }
    }

    /// <summary>A stream whose first read fails, as a connection reset would; the next reads five octets.</summary>
    private sealed class FailingOnceStream : MemoryStream
    {
        private bool _failed;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_failed)
            {
                _failed = true;
                return ValueTask.FromException<int>(new IOException("Connection reset by peer"));
            }

            "hello"u8.CopyTo(buffer.Span);
            return ValueTask.FromResult(5);
        }
    }
}
