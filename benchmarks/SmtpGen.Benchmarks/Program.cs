using BenchmarkDotNet.Running;

namespace SmtpGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/SmtpGen.Benchmarks -- --filter '*'</c> runs every benchmark; any
/// BenchmarkDotNet command-line option works (<c>--job short</c>, <c>--filter '*MailData*'</c>, ...).
/// <c>-- --smoke</c> runs every benchmark once, in this process, and fails if one throws (CI: <c>tests/run.sh</c>).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["--smoke", ..])
        {
            return SmokeRun.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
