using System.CommandLine;
using System.CommandLine.Parsing;

namespace SmtpGen.Cli;

/// <summary>Rules between a command's options, such as "give --file or --subject, not both".</summary>
internal static class OptionRules
{
    /// <summary>
    /// Adds a rule, checked once every option given has a value its parser takes. System.CommandLine reads the
    /// options only after a command's rules found nothing wrong, so a rule broken first would hide the mistake in
    /// an option's value, which is the one to tell.
    /// </summary>
    public static void AddRule(this Command command, Action<CommandResult> rule) =>
        command.Validators.Add(result =>
        {
            if (result.Children.OfType<OptionResult>().All(Reads))
            {
                rule(result);
            }
        });

    /// <summary>Whether the command line gives <paramref name="option"/>, rather than leaving it to its default.</summary>
    public static bool Gives(this SymbolResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>Whether an option's value is read without a mistake; reading it records the mistake, if any.</summary>
    private static bool Reads(OptionResult option)
    {
        try
        {
            _ = option.GetValueOrDefault<object?>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
