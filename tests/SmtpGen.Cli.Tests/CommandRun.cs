namespace SmtpGen.Cli.Tests;

/// <summary>Runs smtpgen in-process and captures what it writes.</summary>
internal static class CommandRun
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) => RunWithInputAsync([], arguments);

    /// <summary>Runs smtpgen with <paramref name="input"/> as its standard input.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(byte[] input, params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await Commands.RunAsync(arguments, new MemoryStream(input), output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
