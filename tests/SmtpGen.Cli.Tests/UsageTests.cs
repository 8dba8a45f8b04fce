namespace SmtpGen.Cli.Tests;

/// <summary>Mistakes in calling smtpgen: one clear line on standard error and exit code 2.</summary>
public class UsageTests
{
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
    [InlineData("--server is required", "send", "--from", "a@example.com", "--to", "b@example.com")]
    [InlineData("--to is required", "send", "--server", "localhost", "--from", "a@example.com", "--subject", "s", "--body", "b")]
    [InlineData("--subject is required", "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com")]
    [InlineData("--server's port must be 1 to 65535, not 'x'", "send", "--server", "localhost:x", "--from", "a@example.com", "--to", "b@example.com")]
    [InlineData("--file holds the whole message: give it or --subject and --body, not both", "send", "--server", "localhost", "--from", "a@example.com", "--to", "b@example.com", "--file", "m.eml", "--subject", "s")]
    [InlineData("unknown argument '--colour'", "demo", "--colour", "red")]
    [InlineData("--size must be a whole number of at least 128, not '12'", "load", "--server", "localhost", "--size", "12")]
    [InlineData("--sessions must be a whole number of at least 1, not '0'", "load", "--server", "localhost", "--sessions", "0")]
    [InlineData("--discard keeps no message: give it or --store, not both", "serve", "--discard", "--store", "mail")]
    public async Task A_mistake_is_one_line_and_exit_code_2(string message, params string[] arguments)
    {
        (int exitCode, string output, string error) = await CommandRun.RunAsync(arguments);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"smtpgen: {message}", error.Split('\n')[0]);
    }

    [Fact]
    public async Task Help_lists_the_commands()
    {
        (int exitCode, string output, _) = await CommandRun.RunAsync("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("smtpgen demo", output, StringComparison.Ordinal);
        Assert.Contains("smtpgen serve", output, StringComparison.Ordinal);
        Assert.Contains("smtpgen send", output, StringComparison.Ordinal);
        Assert.Contains("smtpgen load", output, StringComparison.Ordinal);
    }
}
