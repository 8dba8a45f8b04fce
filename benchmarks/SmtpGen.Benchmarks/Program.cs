using BenchmarkDotNet.Running;

namespace SmtpGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/SmtpGen.Benchmarks -- --filter '*'</c> runs every benchmark;
/// add <c>--job dry</c> for a smoke run (one invocation each, as CI does) or <c>--job short</c> for a quick
/// measurement. Any BenchmarkDotNet command-line option works.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
