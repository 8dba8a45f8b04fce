using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SmtpGen.Cli;

/// <summary>
/// A load run's report for scripts (<c>smtpgen load --json</c>): one JSON object on one line, written field by field
/// (no reflection, for NativeAOT). Times and rates are rounded to the thousandth; the latencies are null when no
/// message was sent, and no figure is ever NaN.
/// </summary>
/// <example><code>
/// {"messages":1000,"size":1024,"sent":998,"failed":2,"stoppedBy":null,"warmedUpWith":0,"warmupFailed":0,"errors":{"451":2},"durationSeconds":0.912,
///  "messagesPerSecond":1094.298,"megabytesPerSecond":1.121,"latencyMs":{"p50":6.1,"p90":8.402,"p99":12.9,"max":15.71}}
/// </code></example>
internal static class LoadReportJson
{
    public static void Write(LoadReport report, TextWriter output)
    {
        var json = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteNumber("messages", report.Messages);
            writer.WriteNumber("size", report.Size);
            writer.WriteNumber("sent", report.Sent);
            writer.WriteNumber("failed", report.Failed);
            writer.WriteString("stoppedBy", report.StoppedBy);
            writer.WriteNumber("warmedUpWith", report.WarmedUpWith);
            writer.WriteNumber("warmupFailed", report.WarmupFailed);
            writer.WriteStartObject("errors");
            foreach ((string error, int count) in report.Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(error, count);
            }

            writer.WriteEndObject();
            writer.WriteNumber("durationSeconds", Rounded(report.Elapsed.TotalSeconds));
            writer.WriteNumber("messagesPerSecond", Rounded(report.MessagesPerSecond));
            writer.WriteNumber("megabytesPerSecond", Rounded(report.MegabytesPerSecond));
            writer.WriteStartObject("latencyMs");
            foreach ((string name, double percent) in LoadReport.LatencyPoints)
            {
                if (report.Latency(percent) is { } milliseconds)
                {
                    writer.WriteNumber(name, Rounded(milliseconds));
                }
                else
                {
                    writer.WriteNull(name);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(json.WrittenSpan));
    }

    private static double Rounded(double value) => Math.Round(value, 3);
}
