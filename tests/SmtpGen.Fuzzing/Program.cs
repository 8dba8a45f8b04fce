using SharpFuzz;
using SmtpGen.Fuzzing;

// The coverage-guided harness (AFL++ through SharpFuzz): one target a run, its input from AFL on standard input. See run.sh.
if (args is not [{ } name] || FuzzTargets.Find(name) is not { } target)
{
    Console.Error.WriteLine($"usage: SmtpGen.Fuzzing {string.Join('|', FuzzTargets.Names)}");
    return 2;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var input = new MemoryStream();
    stream.CopyTo(input);
    target(input.ToArray());
});
return 0;
