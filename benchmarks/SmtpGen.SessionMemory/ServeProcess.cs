using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SmtpGen.SessionMemory;

/// <summary>
/// <c>smtpgen serve</c> as an operator runs it (<c>dotnet</c> on the tool built beside this program, with its own runtime
/// settings and the environment given to this program), with a Maildir in a temporary folder; its resident memory is the
/// system's figure for the process, <c>VmRSS</c> in <c>/proc/PID/status</c> (Linux), and its peak <c>VmHWM</c>.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _maildir;

    private ServeProcess(Process process, string maildir, IPEndPoint endPoint)
    {
        _process = process;
        _maildir = maildir;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Starts serve, allowing <paramref name="maxSessions"/> sessions at once, and waits until it says where it listens.</summary>
    public static async Task<ServeProcess> StartAsync(int maxSessions)
    {
        string maildir = Path.Combine(Path.GetTempPath(), "smtpgen-come-and-go-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (string argument in (string[])[Path.Combine(AppContext.BaseDirectory, "SmtpGen.Cli.dll"), "serve", "--port", "0", "--store", maildir, "--quiet",
            "--max-sessions", maxSessions.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("smtpgen serve did not start.");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (ServingLine().Match(line) is { Success: true } serving)
            {
                return new ServeProcess(process, maildir, new IPEndPoint(IPAddress.Loopback, int.Parse(serving.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
        }

        throw new InvalidOperationException("smtpgen serve ended without saying where it listens.");
    }

    /// <summary>The process's resident memory now, in octets.</summary>
    public long ResidentMemory() => Status("VmRSS:");

    /// <summary>The most resident memory the process has had, in octets.</summary>
    public long PeakResidentMemory() => Status("VmHWM:");

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_maildir, recursive: true);
    }

    /// <summary>A figure of <c>/proc/PID/status</c>, given there in kB, in octets.</summary>
    private long Status(string field)
    {
        string line = File.ReadLines($"/proc/{_process.Id}/status").First(line => line.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..^"kB".Length], CultureInfo.InvariantCulture) * 1024;
    }

    [GeneratedRegex(@"serving SMTP on 127\.0\.0\.1:(\d+) ")]
    private static partial Regex ServingLine();
}
