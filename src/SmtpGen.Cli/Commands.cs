using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Net.Sockets;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>
/// The <c>smtpgen</c> command line on System.CommandLine: its commands, <c>--help</c> on each, <c>--version</c>, and
/// every mistake or failure turned into one line and an exit code.
/// </summary>
internal static class Commands
{
    /// <summary>
    /// Runs a command line: exit code 0 on success, 1 when the work failed, 2 for a mistake in the arguments (found
    /// before anything connects or listens), 130 when cancelled (Ctrl+C); <c>load</c>, stopped by Ctrl+C or SIGTERM, reports
    /// what it did and gives 130 or 143 itself.
    /// </summary>
    /// <param name="arguments">The arguments after <c>smtpgen</c>.</param>
    /// <param name="input">Standard input, which <c>send --file -</c> reads.</param>
    /// <param name="output">Where the commands and the help write.</param>
    /// <param name="error">Where a mistake or a failure is told.</param>
    /// <param name="cancellationToken">Ctrl+C: stops <c>serve</c> and <c>load</c>, cancels the others.</param>
    public static async Task<int> RunAsync(string[] arguments, Stream input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ParseResult parsed = CreateRoot(input).Parse(arguments);
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync($"smtpgen: {FirstMistake(parsed)}");
            return 2;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C comes as cancellationToken (see Program.cs); System.CommandLine is not to handle signals itself.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("smtpgen: cancelled");
            return 130;
        }
        catch (Exception failure) when (failure is ServerException or SmtpCommandException or SmtpProtocolException or SocketException or IOException
            or UnauthorizedAccessException or TimeoutException or ArgumentException or NotSupportedException or InvalidOperationException or FormatException
            or System.Security.Authentication.AuthenticationException)
        {
            await error.WriteLineAsync($"smtpgen: {failure.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The mistake to tell, on one line: an option's own (a value it cannot take) before one found in its command, and
    /// among those an argument it does not know (<c>users list</c>: 'list' is no command) before what it lacks (a
    /// command), which says less.
    /// </summary>
    private static string FirstMistake(ParseResult parsed)
    {
        ParseError first = parsed.Errors
            .OrderBy(mistake => mistake.SymbolResult is not CommandResult ? 0 : parsed.UnmatchedTokens.Any(token => mistake.Message.Contains($"'{token}'", StringComparison.Ordinal)) ? 1 : 2)
            .First();
        return string.Join(' ', first.Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    private static Command CreateRoot(Stream input)
    {
        var root = new Command("smtpgen", "SmtpGen's SMTP and LMTP server and client from the command line")
        {
            new HelpOption(),
            new VersionOption { Action = new ToolVersionAction() },
            new DemoCommand(),
            new ServeCommand(),
            new DeliverCommand(),
            new SendCommand(input),
            new LoadCommand(),
            new UsersCommand(input),
            new DiagramCommand(),
        };
        root.Subcommands.Add(new HelpCommand(root));
        root.SetAction(parsed =>
        {
            parsed.InvocationConfiguration.Error.WriteLine("smtpgen: a command is needed: demo, serve, deliver, send, load, users, diagram or help (smtpgen --help tells more)");
            return 2;
        });
        return root;
    }
}
