using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>
/// <see cref="SmtpServerOptions.ReleaseMemoryWhenIdleFor"/>: the server gives memory back once it has been without a session
/// for a whole period, once a lull, never while a session is served. What it gives back is measured on <c>smtpgen serve</c>
/// (<c>SmtpGen.Cli.Tests/MemoryGivenBackTests</c>).
/// </summary>
public sealed class IdleMemoryReleaseTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void A_lull_begins_after_a_whole_tick_without_a_session_once_sessions_came_and_is_told_once()
    {
        var lull = new SessionLull();

        Assert.False(lull.Begins(started: 0, active: 0));   // no client yet: nothing to give back
        Assert.False(lull.Begins(started: 3, active: 3));
        Assert.False(lull.Begins(started: 5, active: 0));   // two more came and all ended since the last tick
        Assert.True(lull.Begins(started: 5, active: 0));    // none the whole tick
        Assert.False(lull.Begins(started: 5, active: 0));   // the same lull
        Assert.False(lull.Begins(started: 5, active: 0));
    }

    [Fact]
    public void A_session_that_came_and_went_between_two_ticks_puts_the_lull_off_by_a_tick()
    {
        var lull = new SessionLull();
        Assert.False(lull.Begins(started: 1, active: 1));
        Assert.False(lull.Begins(started: 1, active: 0));   // the session ended during this tick

        Assert.False(lull.Begins(started: 2, active: 0));   // another came and went
        Assert.True(lull.Begins(started: 2, active: 0));
    }

    [Fact]
    public void No_lull_begins_while_a_session_is_served_however_long_it_lasts()
    {
        var lull = new SessionLull();
        for (int tick = 0; tick < 100; tick++)
        {
            Assert.False(lull.Begins(started: 1, active: 1));
        }

        Assert.False(lull.Begins(started: 1, active: 0));
        Assert.True(lull.Begins(started: 1, active: 0));
    }

    [Fact]
    public async Task The_server_gives_memory_back_once_a_period_without_a_session_has_passed_not_while_one_is_open()
    {
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        await using TestServer server = TestServer.Start(options => options.ReleaseMemoryWhenIdleFor = Period, loggerFactory: loggerFactory);
        int Releases() => log.Entries.Count(entry => entry.Message.Contains("gave memory back", StringComparison.Ordinal));

        await using (RawClient client = await server.ConnectAsync())
        {
            await client.StartMessageAsync("a@example.com", "b@example.com");
            Assert.StartsWith("250 ", await client.CommandAsync("x\r\n."));
            await Task.Delay(Period * 10);
            Assert.Equal(0, Releases());
            await client.CommandAsync("QUIT");
        }

        await Eventually.WaitUntilAsync(() => Releases() == 1, "the memory given back");
        await Task.Delay(Period * 5);
        Assert.Equal(1, Releases());
        Assert.Matches(@"^No session for 00:00:00\.1000000: gave memory back; the managed heap holds \d+ KiB in \d+ KiB committed", log.Entries.Single(entry => entry.Message.Contains("gave memory back", StringComparison.Ordinal)).Message);
    }

    [Fact]
    public async Task A_period_too_long_for_a_timer_starts_a_server_that_never_collects()
    {
        // 60 days is past what a Timer counts (49.7 days); it once made Start throw.
        var log = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        await using TestServer server = TestServer.Start(options => options.ReleaseMemoryWhenIdleFor = TimeSpan.FromDays(60), loggerFactory: loggerFactory);
        await using (RawClient client = await server.ConnectAsync())
        {
            await client.ReadReplyAsync();
            Assert.StartsWith("221 ", await client.CommandAsync("QUIT"));
        }

        await Task.Delay(Period * 5);
        Assert.DoesNotContain(log.Entries, entry => entry.Message.Contains("gave memory back", StringComparison.Ordinal));
    }

    [Fact]
    public void A_negative_period_is_refused_and_by_default_the_server_never_collects()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmtpListener(new SmtpServerOptions { ReleaseMemoryWhenIdleFor = TimeSpan.FromSeconds(-1) }, new MemoryMessageStore()));
        Assert.Equal(TimeSpan.Zero, new SmtpServerOptions().ReleaseMemoryWhenIdleFor);
    }
}
