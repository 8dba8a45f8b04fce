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
    /// <summary>Continues on a thread-pool thread: at once when already on one, else after one hop.</summary>
    public static ValueTask MoveAsync() => Thread.CurrentThread.IsThreadPoolThread ? ValueTask.CompletedTask : HopAsync();

    private static async ValueTask HopAsync() => await Task.Yield();
}
