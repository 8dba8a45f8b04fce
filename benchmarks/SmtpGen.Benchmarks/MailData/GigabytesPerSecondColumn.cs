using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SmtpGen.Benchmarks.MailData;

/// <summary>
/// Message octets per second: <see cref="MailBodies.MessageLength"/> (1 MiB) divided by the mean time of one
/// operation, in GB/s (10^9 octets per second). The same numerator for every benchmark, so the column is the inverse
/// of the mean time, and a ratio of two rows' GB/s is the inverse of their time ratio.
/// </summary>
public sealed class GigabytesPerSecondColumn : IColumn
{
    public string Id => nameof(GigabytesPerSecondColumn);

    public string ColumnName => "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Message octets per second, 10^9 (1 MiB message per operation)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0
            ? (MailBodies.MessageLength / meanNanoseconds.Value).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)
            : "NA";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
