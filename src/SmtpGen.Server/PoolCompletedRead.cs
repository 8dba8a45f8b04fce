using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace SmtpGen.Server;

/// <summary>
/// A read whose caller always goes on on the thread pool, wherever the read completed: its result is published only
/// once the caller has awaited it (registered its continuation) and the read is done, and then the continuation is
/// queued to the pool. Publishing as soon as the read is done would not do: a read that completes before its caller
/// looks (at once, or on another thread just then) lets the caller go on where it is, on the socket engine's thread.
/// One read at a time, reused for the next; no allocation a read.
/// </summary>
internal sealed class PoolCompletedRead : IValueTaskSource<int>
{
    private readonly Action _innerCompleted;
    private ManualResetValueTaskSourceCore<int> _core = new() { RunContinuationsAsynchronously = true };
    private ConfiguredValueTaskAwaitable<int>.ConfiguredValueTaskAwaiter _inner;
    private int _read;
    private Exception? _failure;

    /// <summary>What has happened of the two things the result waits for (the read done, the caller waiting): 0, 1 or 2.</summary>
    private int _happened;

    public PoolCompletedRead() => _innerCompleted = InnerCompleted;

    /// <summary>Starts a read of <paramref name="inner"/>; the caller that awaits the result goes on on the thread pool.</summary>
    public ValueTask<int> Start(Stream inner, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _core.Reset();
        (_read, _failure, _happened) = (0, null, 0);
        try
        {
            _inner = AwaiterOf(inner.ReadAsync(buffer, cancellationToken));
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<int>(exception);
        }

        if (_inner.IsCompleted)
        {
            InnerCompleted();
        }
        else
        {
            _inner.UnsafeOnCompleted(_innerCompleted);
        }

        return new ValueTask<int>(this, _core.Version);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        _core.OnCompleted(continuation, state, token, flags);
        Happened();
    }

    public int GetResult(short token) => _core.GetResult(token);

    /// <summary>The read's awaiter, which this source consumes once: its result is taken in <see cref="InnerCompleted"/>.</summary>
    private static ConfiguredValueTaskAwaitable<int>.ConfiguredValueTaskAwaiter AwaiterOf(ValueTask<int> read) => read.ConfigureAwait(false).GetAwaiter();

    private void InnerCompleted()
    {
        try
        {
            _read = _inner.GetResult();
        }
        catch (Exception exception)
        {
            _failure = exception;
        }

        _inner = default;
        Happened();
    }

    /// <summary>The second of the two publishes the result; the core queues the continuation to the pool.</summary>
    private void Happened()
    {
        if (Interlocked.Increment(ref _happened) != 2)
        {
            return;
        }

        if (_failure is { } failure)
        {
            _core.SetException(failure);
        }
        else
        {
            _core.SetResult(_read);
        }
    }
}
