namespace SmtpGen.Server.Tests;

/// <summary>
/// The move off the socket engine's thread: from a thread that is not the pool's (as the engine's own is, with inline
/// completions) the work goes on on the thread pool; on the pool, nothing moves. And which stores and policies the
/// session moves for.
/// </summary>
public sealed class OffSocketThreadTests
{
    [Fact]
    public async Task From_a_thread_outside_the_pool_the_work_goes_on_on_the_pool()
    {
        var after = new TaskCompletionSource<(bool Before, bool After)>();
        var thread = new Thread(() => Continue(after)) { IsBackground = true };
        thread.Start();

        (bool before, bool onPool) = await after.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(before);
        Assert.True(onPool);

        static async void Continue(TaskCompletionSource<(bool, bool)> after)
        {
            bool before = Thread.CurrentThread.IsThreadPoolThread;
            await OffSocketThread.MoveAsync();
            after.SetResult((before, Thread.CurrentThread.IsThreadPoolThread));
        }
    }

    [Fact]
    public async Task A_move_awaited_a_while_after_it_was_asked_for_still_moves()
    {
        // A move that was an async method around Task.Yield hopped when it was called: the pool finished it while its
        // caller was still busy, and the caller's await then went on on the caller's own thread (the socket engine's).
        var after = new TaskCompletionSource<bool>();
        var thread = new Thread(() => Continue(after)) { IsBackground = true };
        thread.Start();

        Assert.True(await after.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        static async void Continue(TaskCompletionSource<bool> after)
        {
            var move = OffSocketThread.MoveAsync();
            Thread.Sleep(200);
            await move;
            after.SetResult(Thread.CurrentThread.IsThreadPoolThread);
        }
    }

    [Fact]
    public async Task On_the_pool_nothing_moves()
    {
        Assert.True(await Task.Run(() => OffSocketThread.MoveAsync().GetAwaiter().IsCompleted));
    }

    [Fact]
    public void A_move_not_needed_stays_on_the_thread_it_is_on()
    {
        bool stays = false;
        var thread = new Thread(() => stays = OffSocketThread.MoveAsync(needed: false).GetAwaiter().IsCompleted
            && !OffSocketThread.MoveAsync().GetAwaiter().IsCompleted);
        thread.Start();
        thread.Join();

        Assert.True(stays);
    }

    [Fact]
    public void The_session_moves_for_a_store_that_may_block_and_for_a_policy_of_the_users()
    {
        static SessionResources Resources(IMessageStore store, SmtpPolicy policy) =>
            new(new SmtpServerOptions(), store, policy, new SmtpServerMetrics(), messageStored: null);

        string maildir = Directory.CreateTempSubdirectory("smtpgen-offthread-").FullName;
        try
        {
            Assert.True(Resources(new MaildirMessageStore(maildir), SmtpPolicy.AcceptAll).StoreMayBlock);
            Assert.False(Resources(new DiscardingMessageStore(), SmtpPolicy.AcceptAll).StoreMayBlock);
            Assert.False(Resources(new MemoryMessageStore(), SmtpPolicy.AcceptAll).StoreMayBlock);
            Assert.False(Resources(new DiscardingMessageStore(), SmtpPolicy.AcceptAll).PolicyMayBlock);
            Assert.True(Resources(new DiscardingMessageStore(), new UsersPolicy()).PolicyMayBlock);
        }
        finally
        {
            Directory.Delete(maildir, recursive: true);
        }
    }

    private sealed class UsersPolicy : SmtpPolicy;
}
