using System.Globalization;

namespace SmtpGen.Cli;

/// <summary>A load run's report as people read it, a few lines each named by its first word, as <c>smtp-source</c>'s are.</summary>
internal static class LoadReportText
{
    public static void Write(LoadReport report, TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"sent      {report.Sent} messages of {report.Size} octets in {report.Elapsed.TotalSeconds:0.000} s, {report.Failed} failed"));
        if (report.WarmedUpWith + report.WarmupFailed > 0)
        {
            output.WriteLine(string.Create(c, $"warm-up   {report.WarmedUpWith} messages sent before, {report.WarmupFailed} failed, not counted"));
        }

        if (report.StoppedBy is { } signal)
        {
            output.WriteLine(string.Create(c, $"stopped   by {signal} after {report.Sent + report.Failed} of {report.Messages} messages"));
        }

        output.WriteLine(string.Create(c, $"rate      {report.MessagesPerSecond:0.0} messages/s, {report.MegabytesPerSecond:0.00} MB/s"));
        output.WriteLine(report.LatencyTicks.Length == 0
            ? "latency   none: no message was sent"
            : $"latency   {string.Join(", ", LoadReport.LatencyPoints.Select(point => string.Create(c, $"{point.Name} {report.Latency(point.Percent):0.00} ms")))} (MAIL to the reply to the data)");
        foreach ((string error, int count) in report.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(c, $"error     {error}: {count}"));
        }
    }
}
