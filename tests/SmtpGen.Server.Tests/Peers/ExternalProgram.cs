using System.Diagnostics;

namespace SmtpGen.Server.Tests.Peers;

/// <summary>Runs a peer program installed from Debian's packages; a missing one fails the test, never skips it.</summary>
internal static class ExternalProgram
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The program's path, or a failure that says how to install it.</summary>
    public static string Require(string path, string debianPackage)
    {
        Assert.True(File.Exists(path), $"{path} is missing: install the Debian package '{debianPackage}' (tests/run.sh does so).");
        return path;
    }

    /// <summary>Runs the program to its end and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string path, IEnumerable<string> arguments, string? standardInput = null)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start");
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(Patience);
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{path} did not finish within {Patience}");
        }

        return (process.ExitCode, await output + await error);
    }
}
