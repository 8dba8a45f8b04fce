namespace SmtpGen.Cli.Tests;

/// <summary>Mistakes in calling smtpgen: one clear line on standard error and exit code 2.</summary>
public class UsageTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await Commands.RunAsync(arguments, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("a command is needed")]
    [InlineData("unknown argument '--colour'", "serve", "--colour", "red")]
    [InlineData("--port needs a value", "serve", "--port")]
    [InlineData("--port must be a whole number of at least 0, not 'x'", "serve", "--port", "x")]
    [InlineData("--port must be at most 65535", "serve", "--port", "70000")]
    [InlineData("--address must be an IP address, not 'localhost'", "serve", "--address", "localhost")]
    [InlineData("--bare-line-endings is 'reject' or 'normalize', not 'fix'", "serve", "--bare-line-endings", "fix")]
    [InlineData("--store is given more than once", "serve", "--store", "a", "--store", "b")]
    public async Task A_mistake_is_one_line_and_exit_code_2(string message, params string[] arguments)
    {
        (int exitCode, string output, string error) = await RunAsync(arguments);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"smtpgen: {message}", error.Split('\n')[0]);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        (int exitCode, string output, _) = await RunAsync("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("smtpgen demo", output, StringComparison.Ordinal);
        Assert.Contains("smtpgen serve", output, StringComparison.Ordinal);
    }
}
