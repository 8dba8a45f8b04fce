namespace SmtpGen.Server.Tests;

/// <summary>
/// The stream under TLS: during the handshake a read's completion moves to the thread pool, so the handshake's CPU is not
/// spent on the socket engine's thread; after it, reads pass straight through on the thread they complete on.
/// </summary>
public sealed class HandshakeStreamTests
{
    [Fact]
    public async Task During_the_handshake_a_read_completed_outside_the_pool_goes_on_on_the_pool()
    {
        (int read, bool onPool) = await ReadOnOwnThreadAsync(handshaking: true);

        Assert.Equal(5, read);
        Assert.True(onPool);
    }

    [Fact]
    public async Task After_the_handshake_a_read_stays_where_it_completed()
    {
        (int read, bool onPool) = await ReadOnOwnThreadAsync(handshaking: false);

        Assert.Equal(5, read);
        Assert.False(onPool);
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
}
