using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace SmtpGen.Benchmarks;

/// <summary>
/// The CI smoke mode: every benchmark runs once (BenchmarkDotNet's dry job: one cold invocation, no pilot, no warm-up),
/// in this process (no project generated and built per benchmark), so a benchmark that throws, or whose
/// <c>[GlobalSetup]</c> finds that the compared parsers disagree, fails the run. No timing is claimed. The last line is
/// <c>Benchmarks smoke: N passed, N failed</c>; the exit code is 1 when one failed.
/// </summary>
internal static class SmokeRun
{
    public static int Run(string[] filter)
    {
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "smtpgen-benchmarks-smoke"))
            .WithOptions(ConfigOptions.DisableLogFile);

        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(filter.Length > 0 ? filter : ["--filter", "*"], config)
            .ToArray();

        int passed = 0;
        int failed = 0;
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkCase benchmark in summary.BenchmarksCases)
            {
                BenchmarkReport? report = summary[benchmark];
                if (!summary.HasCriticalValidationErrors && report is { Success: true })
                {
                    passed++;
                }
                else
                {
                    failed++;
                    Console.WriteLine($"Benchmark failed: {benchmark.DisplayInfo}");
                }
            }

            if (summary.HasCriticalValidationErrors)
            {
                foreach (var error in summary.ValidationErrors)
                {
                    Console.WriteLine($"Benchmark failed: {error.Message}");
                }

                failed += summary.BenchmarksCases.Length == 0 ? 1 : 0;
            }
        }

        if (summaries.Length == 0)
        {
            failed++;
        }

        Console.WriteLine($"Benchmarks smoke: {passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
