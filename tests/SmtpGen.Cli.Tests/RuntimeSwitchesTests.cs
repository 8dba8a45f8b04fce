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

    [Fact]
    public void Apply_sets_what_is_chosen_where_the_user_set_nothing()
    {
        Dictionary<string, string> environment = [];

        RuntimeSwitches.Apply(["serve"], 1, environment.GetValueOrDefault, (name, value) => environment[name] = value, _ => null);

        Assert.Equal(new Dictionary<string, string> { [RuntimeSwitches.InlineCompletions] = "1", [RuntimeSwitches.ThreadPoolSpinLimit] = "0" }, environment);
    }

    [Theory]
    [InlineData("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0x46")]
    [InlineData("COMPlus_ThreadPool_UnfairSemaphoreSpinLimit", "0x46")]
    [InlineData("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "0")]
    public void Apply_keeps_a_value_the_user_set_in_either_name(string variable, string value)
    {
        Dictionary<string, string> environment = new() { [variable] = value };

        RuntimeSwitches.Apply(["serve"], 1, environment.GetValueOrDefault, (name, set) => environment[name] = set, _ => null);

        Assert.Equal(value, environment[variable]);
        Assert.Equal(2, environment.Count);   // the user's, and the other setting as chosen: the user's is not set again under its other name
    }

    [Fact]
    public void Apply_keeps_the_spin_limit_of_the_runtime_configuration()
    {
        Dictionary<string, string> environment = [];

        RuntimeSwitches.Apply(
            ["serve"], 1, environment.GetValueOrDefault, (name, value) => environment[name] = value,
            setting => setting == "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit" ? 70 : null);

        Assert.Equal(new Dictionary<string, string> { [RuntimeSwitches.InlineCompletions] = "1" }, environment);
    }
}
