using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SmtpGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/SmtpGen.Benchmarks -- --filter '*'</c> runs every benchmark; any
/// BenchmarkDotNet command-line option works (<c>--job short</c>, <c>--filter '*MailData*'</c>, ...).
/// <c>-- --smoke</c> runs every benchmark once, in this process, and fails if one throws (CI: <c>tests/run.sh</c>). Either
/// way the exit code is 1 when a benchmark or its setup failed.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--smoke", ..])
        {
            return SmokeRun.Run(args[1..]);
        }

        // A setup whose check of the compared sides fails, or a benchmark that throws, fails the run, not only its rows.
        foreach (Summary summary in BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args))
        {
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(static report => !report.Success))
            {
                return 1;
            }
        }

        return 0;
    }
}
