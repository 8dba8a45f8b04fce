namespace SmtpGen.Server.Tests;

/// <summary>
/// Holds the thread of the first call through it until released, as a policy, a store or a logger that blocks would;
/// later calls pass. Disposing releases it.
/// </summary>
internal sealed class FirstCallGate : IDisposable
{
    private int _calls;

    /// <summary>Set once the first call is held.</summary>
    public ManualResetEventSlim FirstIsWaiting { get; } = new();

    /// <summary>Set to let the first call go on (it goes on by itself after 30 seconds, or when its token is cancelled).</summary>
    public ManualResetEventSlim Release { get; } = new();

    /// <summary>Holds the first caller until <see cref="Release"/> is set; returns at once for every later one.</summary>
    public void Pass(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            FirstIsWaiting.Set();
            Release.Wait(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }

    public void Dispose()
    {
        Release.Set();
        FirstIsWaiting.Dispose();
        Release.Dispose();
    }
}
