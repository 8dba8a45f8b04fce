namespace SmtpGen.Cli;

/// <summary>What a load run measured: messages sent and failed, errors by reply code, throughput and latency percentiles.</summary>
/// <param name="Messages">How many messages the run was to send.</param>
/// <param name="Sent">How many the server took.</param>
/// <param name="Size">The size of each message, in octets.</param>
/// <param name="Elapsed">The run's time, from its start to its last session's end.</param>
/// <param name="LatencyTicks">The latency of each message sent, in ticks, from the shortest to the longest.</param>
/// <param name="Errors">The messages that failed, by reply code (<c>451</c>) or by the kind of failure (<c>IOException</c>).</param>
internal sealed record LoadReport(int Messages, int Sent, int Size, TimeSpan Elapsed, long[] LatencyTicks, IReadOnlyDictionary<string, int> Errors)
{
    /// <summary>The points of the latency a report shows, each by its name: p50, p90, p99 and max (the 100th percentile).</summary>
    public static readonly IReadOnlyList<(string Name, double Percent)> LatencyPoints = [("p50", 50), ("p90", 90), ("p99", 99), ("max", 100)];

    /// <summary>What stopped the run before its last message, <c>SIGINT</c> or <c>SIGTERM</c>; null when it ran to its end.</summary>
    public string? StoppedBy { get; init; }

    /// <summary>How many messages a warm-up sent before the run (<c>--warmup</c>), not counted in it.</summary>
    public int WarmedUpWith { get; init; }

    /// <summary>How many messages of the warm-up failed; they are not in <see cref="Errors"/>, but they fail the exit code.</summary>
    public int WarmupFailed { get; init; }

    /// <summary>How many messages failed: refused, or lost with their connection.</summary>
    public int Failed => Errors.Values.Sum();

    /// <summary>Whether every message was sent or failed: false only when the run was stopped before its end.</summary>
    public bool IsComplete => Sent + Failed == Messages;

    public double MessagesPerSecond => Rate(Sent, Elapsed);

    /// <summary>Megabytes (10^6 octets) of message per second.</summary>
    public double MegabytesPerSecond => MessagesPerSecond * Size / 1e6;

    /// <summary>
    /// Messages sent per second over <paramref name="elapsed"/>: the one rate of a run, shown by its progress bar
    /// while it goes and by its report at the end.
    /// </summary>
    public static double Rate(int sent, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? sent / elapsed.TotalSeconds : 0;

    /// <summary>
    /// The latency under which <paramref name="percent"/> of the sent messages went (the nearest rank), in milliseconds,
    /// from MAIL to the reply to the data; null when no message was sent.
    /// </summary>
    public double? Latency(double percent)
    {
        if (LatencyTicks.Length == 0)
        {
            return null;
        }

        int index = (int)Math.Ceiling(percent / 100 * LatencyTicks.Length) - 1;
        return TimeSpan.FromTicks(LatencyTicks[Math.Clamp(index, 0, LatencyTicks.Length - 1)]).TotalMilliseconds;
    }
}
