namespace SmtpGen.Cli;

/// <summary>
/// The runtime's settings that smtpgen chooses for a command, set as environment variables before the runtime reads
/// them (each when first needed, after <c>Main</c> begins, through the process's own copy of its environment). A value
/// the user set, to turn a setting off or tune it, is kept: in that variable, in its older <c>COMPlus_</c> name, or in
/// the runtime's configuration.
/// </summary>
internal static class RuntimeSwitches
{
    /// <summary>
    /// serve and load spend a third less CPU a message when the socket engine's own thread runs each connection's
    /// completions, with no hop to a thread-pool worker and back. That is safe for them: the server moves to the thread
    /// pool before anything that may block (its store's writes and fsync, a TLS handshake, AUTH), and load's sessions
    /// never block. The runtime reads it when the first socket is made.
    /// </summary>
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// How long a thread-pool worker with nothing to do looks for work before it sleeps. On one processor each look is a
    /// <c>sched_yield</c> that hands the core to the socket engine's thread and takes it back: serve's workers made about
    /// 200 of them for each connection secured with TLS, and without them such a connection took 0.8–1.2 ms of CPU
    /// instead of 1.5–1.9 (<c>benchmarks/e2e/spin.sh</c>; <c>benchmarks/e2e/README.md</c>, "Over TLS"). With more
    /// processors a worker spins on a core of its own, and there sleeping at once made no difference that showed
    /// (<c>UNPINNED=1 spin.sh</c>), so the runtime's default stays. Read when the pool starts its first worker.
    /// </summary>
    public const string ThreadPoolSpinLimit = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>The same setting in <c>runtimeconfig.json</c>, which the runtime reads after both environment variables.</summary>
    private const string ThreadPoolSpinLimitSetting = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";

    private const string DotNetPrefix = "DOTNET_";

    /// <summary>The settings <paramref name="arguments"/>' command runs with on <paramref name="processorCount"/> processors.</summary>
    public static IReadOnlyList<(string Name, string Value)> For(string[] arguments, int processorCount) => arguments switch
    {
        ["serve", ..] when processorCount == 1 => [(InlineCompletions, "1"), (ThreadPoolSpinLimit, "0")],
        ["serve" or "load", ..] => [(InlineCompletions, "1")],
        _ => [],
    };

    /// <summary>Sets what <see cref="For"/> chooses for this process, except what the user set already.</summary>
    public static void Apply(string[] arguments) =>
        Apply(arguments, Environment.ProcessorCount, Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable, AppContext.GetData);

    /// <summary>Sets what <see cref="For"/> chooses, through the functions given: the environment's and the runtime configuration's.</summary>
    internal static void Apply(
        string[] arguments, int processorCount, Func<string, string?> read, Action<string, string> write, Func<string, object?> runtimeSetting)
    {
        foreach ((string name, string value) in For(arguments, processorCount))
        {
            bool userSet = read(name) is not null
                || (name.StartsWith(DotNetPrefix, StringComparison.Ordinal) && read("COMPlus_" + name[DotNetPrefix.Length..]) is not null)
                || (name == ThreadPoolSpinLimit && runtimeSetting(ThreadPoolSpinLimitSetting) is not null);
            if (!userSet)
            {
                write(name, value);
            }
        }
    }
}
