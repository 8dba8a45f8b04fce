using System.Reflection;
using System.Text.RegularExpressions;

namespace SmtpGen.Cli.Tests;

/// <summary><c>--help</c> and <c>-h</c> on the tool and every command, <c>smtpgen help COMMAND</c>, and <c>--version</c>.</summary>
public class HelpTests
{
    public static TheoryData<string, string[]> EveryOption => new()
    {
        { "demo", ["--store"] },
        {
            "serve",
            ["--port", "--address", "--store", "--discard", "--quiet", "--log-level", "--log-format", "--name", "--lmtp", "--no-trace", "--max-message-size", "--max-recipients", "--max-sessions",
                "--max-errors", "--command-timeout", "--data-timeout", "--bare-line-endings"]
        },
        { "send", ["--server", "--from", "--to", "--subject", "--body", "--file", "--helo", "--timeout", "--lmtp", "-v", "--verbose"] },
        { "load", ["--server", "--messages", "--sessions", "--size", "--from", "--to", "--helo", "--data", "--no-progress", "--json", "--replies"] },
        { "deliver", ["--from", "--to", "--consumer", "--ack-wait"] },
    };

    [Theory]
    [MemberData(nameof(EveryOption))]
    public async Task Help_and_h_on_a_command_exit_0_and_describe_every_option(string command, string[] options)
    {
        foreach (string help in (string[])["--help", "-h"])
        {
            (int exitCode, string output, string error) = await CommandRun.RunAsync(command, help);

            Assert.Equal(0, exitCode);
            Assert.Equal("", error);
            foreach (string option in options)
            {
                // The option's line: its name (after its alias, if any), then a description.
                Assert.Matches(new Regex($@"(?m)^\s+(-\S+, )?{Regex.Escape(option)}(,| <[^>]+>)?.*\s\s+\S"), output);
            }
        }
    }

    [Theory]
    [InlineData("demo", "--store", "mail")]
    [InlineData("serve", "--port", "2525")]
    [InlineData("serve", "--address", "127.0.0.1")]
    [InlineData("serve", "--store", "mail")]
    [InlineData("serve", "--max-message-size", "10485760")]
    [InlineData("serve", "--max-recipients", "100")]
    [InlineData("serve", "--max-sessions", "100")]
    [InlineData("serve", "--max-errors", "10")]
    [InlineData("serve", "--command-timeout", "300")]
    [InlineData("serve", "--data-timeout", "300")]
    [InlineData("serve", "--bare-line-endings", "Reject")]
    [InlineData("serve", "--log-level", "Information")]
    [InlineData("serve", "--log-format", "Text")]
    [InlineData("load", "--messages", "1000")]
    [InlineData("load", "--sessions", "8")]
    [InlineData("load", "--size", "1024")]
    [InlineData("load", "--from", "load@example.com")]
    [InlineData("load", "--to", "sink@example.com")]
    [InlineData("load", "--helo", "load.example.com")]
    public async Task Help_shows_the_default_of_an_option(string command, string option, string defaultValue)
    {
        (_, string output, _) = await CommandRun.RunAsync(command, "--help");

        Assert.Matches(new Regex($@"(?m)^\s+{Regex.Escape(option)} <[^>]+>.*\[default: {Regex.Escape(defaultValue)}\]$"), output);
    }

    [Fact]
    public async Task Help_on_the_tool_lists_its_commands()
    {
        (int exitCode, string output, _) = await CommandRun.RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (string command in (string[])["demo", "serve", "send", "load", "users", "diagram", "help"])
        {
            Assert.Matches(new Regex($@"(?m)^\s+{command}\s"), output);
        }
    }

    [Fact]
    public async Task Help_with_a_command_shows_that_commands_help()
    {
        (int exitCode, string output, _) = await CommandRun.RunAsync("help", "serve");

        Assert.Equal(0, exitCode);
        Assert.Equal((await CommandRun.RunAsync("serve", "--help")).Output, output);
        Assert.Contains("--command-timeout", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_tools_informational_version()
    {
        (int exitCode, string output, _) = await CommandRun.RunAsync("--version");

        Assert.Equal(0, exitCode);
        string version = typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(version, output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", version);
    }
}
