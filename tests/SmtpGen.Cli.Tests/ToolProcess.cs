using System.Diagnostics;
using System.Runtime.Versioning;

namespace SmtpGen.Cli.Tests;

/// <summary>Runs the built <c>smtpgen</c> as a process of its own, as an operator runs it, and captures what it writes.</summary>
[UnsupportedOSPlatform("windows")]
internal static class ToolProcess
{
    /// <summary>The user and group <c>nobody</c>, whom the system's permissions apply to even where the tests run as root.</summary>
    private const string Nobody = "65534";

    /// <summary>
    /// Runs smtpgen with <paramref name="arguments"/> as a user without privileges: the tests' own user, or <c>nobody</c>
    /// (through util-linux's <c>setpriv</c>) where the tests run as root, who may write anywhere.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunUnprivilegedAsync(params string[] arguments)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return await RunAsync(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "SmtpGen.Cli"), arguments), arguments);
        }

        // The tests' folder may lie under one that only root may enter (a clone in a 0700 temporary folder, as CI's check
        // makes), where nobody's apphost cannot find itself: nobody runs a copy of the tool in a folder anyone may read.
        DirectoryInfo copy = Directory.CreateTempSubdirectory("smtpgen-tool-");
        try
        {
            File.SetUnixFileMode(copy.FullName, ReadableFolder);
            foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory))
            {
                File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
            }

            string tool = Path.Combine(copy.FullName, "SmtpGen.Cli");
            var start = new ProcessStartInfo("setpriv", ["--reuid", Nobody, "--regid", Nobody, "--clear-groups", tool, .. arguments]) { WorkingDirectory = copy.FullName };
            return await RunAsync(start, arguments);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    /// <summary>rwxr-xr-x.</summary>
    private const UnixFileMode ReadableFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, string[] arguments)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"smtpgen {string.Join(' ', arguments)} did not end within 30 s: {await output}");
        }

        return (process.ExitCode, await output, await error);
    }
}
