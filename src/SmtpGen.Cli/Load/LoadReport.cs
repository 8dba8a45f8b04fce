using System.Globalization;

namespace SmtpGen.Cli;

/// <summary>What a load run measured: throughput, latency percentiles and errors by reply code.</summary>
internal sealed class LoadReport(int sent, int failed, TimeSpan elapsed, int size, long[] latencyTicks, IReadOnlyDictionary<string, int> errors)
{
    public int Failed => failed;

    public double MessagesPerSecond => Rate(sent, elapsed);

    /// <summary>Megabytes (10^6 octets) of message per second.</summary>
    public double MegabytesPerSecond => MessagesPerSecond * size / 1e6;

    /// <summary>
    /// Messages sent per second over <paramref name="elapsed"/>: the one rate of a run, shown by its progress bar
    /// while it goes and by its report at the end.
    /// </summary>
    public static double Rate(int sent, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? sent / elapsed.TotalSeconds : 0;

    public void Write(TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"sent      {sent} messages of {size} octets in {elapsed.TotalSeconds:0.000} s, {failed} failed"));
        output.WriteLine(string.Create(c, $"rate      {MessagesPerSecond:0.0} messages/s, {MegabytesPerSecond:0.00} MB/s"));
        output.WriteLine(latencyTicks.Length == 0
            ? "latency   none: no message was sent"
            : string.Create(c, $"latency   p50 {LatencyPercentile(50):0.00} ms, p99 {LatencyPercentile(99):0.00} ms (MAIL to the reply to the data)"));
        foreach ((string error, int count) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(c, $"error     {error}: {count}"));
        }
    }

    /// <summary>The latency under which <paramref name="percent"/> of the sent messages went, in milliseconds; at least one was sent.</summary>
    private double LatencyPercentile(double percent)
    {
        int index = (int)Math.Ceiling(percent / 100 * latencyTicks.Length) - 1;
        return TimeSpan.FromTicks(latencyTicks[Math.Clamp(index, 0, latencyTicks.Length - 1)]).TotalMilliseconds;
    }
}
