using System.Net.Sockets;
using SmtpGen.Client;

namespace SmtpGen.Cli;

/// <summary>Dispatches <c>smtpgen COMMAND ...</c> and turns every failure into one clear line and an exit code.</summary>
internal static class Commands
{
    private const string Usage =
        "usage: " + DemoCommand.Usage + "\n"
        + "       " + ServeCommand.Usage + "\n"
        + "       " + SendCommand.Usage + "\n"
        + "       " + LoadCommand.Usage + "\n";

    /// <summary>Runs a command: exit code 0 on success, 1 when the work failed, 2 for a usage mistake, 130 when cancelled (Ctrl+C).</summary>
    public static async Task<int> RunAsync(string[] arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            return arguments switch
            {
                ["demo", .. var rest] => await DemoCommand.RunAsync(rest, output, cancellationToken),
                ["serve", .. var rest] => await ServeCommand.RunAsync(rest, output, cancellationToken),
                ["send", .. var rest] => await SendCommand.RunAsync(rest, output, cancellationToken),
                ["load", .. var rest] => await LoadCommand.RunAsync(rest, output, cancellationToken),
                ["--help" or "-h" or "help"] => Help(output),
                [] => throw new UsageException("a command is needed"),
                [string unknown, ..] => throw new UsageException($"unknown command '{unknown}'"),
            };
        }
        catch (UsageException mistake)
        {
            await error.WriteLineAsync($"smtpgen: {mistake.Message}");
            await error.WriteAsync(Usage);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("smtpgen: cancelled");
            return 130;
        }
        catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or SocketException or IOException
            or UnauthorizedAccessException or TimeoutException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            await error.WriteLineAsync($"smtpgen: {failure.Message}");
            return 1;
        }
    }

    private static int Help(TextWriter output)
    {
        output.Write(Usage);
        return 0;
    }
}
