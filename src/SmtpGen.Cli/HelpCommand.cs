using System.CommandLine;

namespace SmtpGen.Cli;

/// <summary><c>smtpgen help [COMMAND]</c>: the same help as <c>smtpgen --help</c> or <c>smtpgen COMMAND --help</c>.</summary>
internal sealed class HelpCommand : Command
{
    private readonly Argument<string?> _command = new("COMMAND") { Arity = ArgumentArity.ZeroOrOne, Description = "The command whose help to show" };

    /// <param name="root">The tool's command, whose commands this shows the help of.</param>
    public HelpCommand(Command root)
        : base("help", "Show the help of smtpgen or of one of its commands")
    {
        _command.Validators.Add(result =>
        {
            string? name = result.GetValueOrDefault<string?>();
            if (name is not null && !root.Subcommands.Any(command => command.Name == name))
            {
                result.AddError($"help: '{name}' is not a command; the commands are {string.Join(", ", root.Subcommands.Select(command => command.Name))}");
            }
        });
        Arguments.Add(_command);
        SetAction((parsed, cancellationToken) =>
            root.Parse(parsed.GetValue(_command) is { } name ? [name, "--help"] : ["--help"]).InvokeAsync(parsed.InvocationConfiguration, cancellationToken));
    }
}
