using System.Diagnostics;
using System.Text;

namespace SmtpGen.Interop.Tests.Peers;

/// <summary>
/// A peer that runs as a program: started with its arguments, its output kept for error messages, waited for
/// until it accepts connections, killed on dispose. A missing program fails the test with a clear message.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PeerProcess(Process process) => _process = process;

    public static async Task<PeerProcess> StartAsync(string name, string program, string installHint, int port, params string[] arguments)
    {
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"{name} is missing: {program} does not exist. {installHint}");
        }

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => peer.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Loopback.WaitUntilAcceptingAsync(port, name, () => process.HasExited, peer.Describe);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Describe()
    {
        lock (_output)
        {
            string exit = _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";
            return $"{exit}; output: {_output}";
        }
    }
}
