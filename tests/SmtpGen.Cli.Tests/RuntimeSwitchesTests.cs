namespace SmtpGen.Cli.Tests;

/// <summary>The runtime settings smtpgen chooses for each command before the runtime reads them.</summary>
public class RuntimeSwitchesTests
{
    [Fact]
    public void Serve_on_one_processor_runs_completions_on_the_socket_thread_and_lets_idle_workers_sleep_at_once()
    {
        Assert.Equal(
            [(RuntimeSwitches.InlineCompletions, "1"), (RuntimeSwitches.ThreadPoolSpinLimit, "0")],
            RuntimeSwitches.For(["serve", "--port", "2525"], processorCount: 1));
    }

    [Theory]
    [InlineData("serve", 2)]
    [InlineData("serve", 64)]
    [InlineData("load", 1)]
    [InlineData("load", 8)]
    public void With_more_processors_or_for_load_the_thread_pool_keeps_its_default(string command, int processors)
    {
        Assert.Equal([(RuntimeSwitches.InlineCompletions, "1")], RuntimeSwitches.For([command], processors));
    }

    [Theory]
    [InlineData("send")]
    [InlineData("demo")]
    [InlineData("deliver")]
    public void Other_commands_run_with_the_runtimes_defaults(string command)
    {
        Assert.Empty(RuntimeSwitches.For([command, "--help"], processorCount: 1));
    }
}
