using System.Runtime.CompilerServices;

namespace SmtpGen.Server;

/// <summary>
/// Takes a session off the socket engine's own thread before work that may block it. With
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (which <c>smtpgen serve</c> sets) a session's reads complete on
/// that thread, which every connection of the engine shares, and the session runs on it from there: a third of the CPU
/// a message costs is saved (no hop to a worker and back), but a store's file writes and fsync, a policy's database, a
/// TLS handshake or a SASL validator would stall every other connection meanwhile. Before such work the session moves to
/// the thread pool; where it already runs there (the default), nothing happens.
/// </summary>
internal static class OffSocketThread
{
    /// <summary>Awaited, continues on a thread-pool thread: at once when already on one, else after one hop.</summary>
    /// <param name="needed">False to stay where the caller is: for work that never blocks.</param>
    public static Hop MoveAsync(bool needed = true) => new(needed);

    /// <summary>
    /// The hop, made by the caller's own <c>await</c>: the caller's continuation is what goes to the pool. (An async
    /// method around <c>Task.Yield</c> does not do: the pool may finish it before its caller looks, and the caller then
    /// goes on where it was, on the socket engine's thread.)
    /// </summary>
    public readonly struct Hop(bool needed) : ICriticalNotifyCompletion
    {
        private static readonly Action<Action> Run = static continuation => continuation();

        /// <summary>The hop is its own awaiter.</summary>
        public Hop GetAwaiter() => this;

        /// <summary>Whether the caller goes on at once: no hop needed, or already on the pool.</summary>
        public bool IsCompleted => !needed || Thread.CurrentThread.IsThreadPoolThread;

        /// <summary>Ends the <c>await</c>; the hop has nothing to return.</summary>
        public void GetResult()
        {
        }

        /// <summary>Queues the caller's continuation to the thread pool, with its execution context.</summary>
        public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(Run, continuation, preferLocal: false);

        /// <summary>Queues the caller's continuation to the thread pool (the async method carries its own context).</summary>
        public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(Run, continuation, preferLocal: false);
    }
}
