using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// <c>smtpgen</c> running as a process of its own (<c>dotnet</c> on the built tool, beside the tests), for what belongs to
/// a process: its working directory and environment, signals, its exit code, its standard output and error.
/// </summary>
internal sealed partial class RunningTool : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _error = new();

    private RunningTool(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(Commands).Assembly.Location);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the environment the test gives configures the tool.
        foreach (string inherited in start.Environment.Keys.Where(name => name.StartsWith("SMTPGEN_", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(inherited);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) => Keep(_output, line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(_error, line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The port serve said it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The lines the tool has written to standard output so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>The lines the tool has written to standard error so far: serve's log, or a command's one line of failure.</summary>
    public IReadOnlyCollection<string> Error => _error;

    /// <summary>Starts smtpgen with <paramref name="arguments"/>, the command first, and returns at once.</summary>
    public static RunningTool Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        new(workingDirectory, environment, arguments);

    /// <summary>Starts serve and waits until it says where it listens.</summary>
    public static async Task<RunningTool> StartServeAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var serving = new RunningTool(workingDirectory, environment, ["serve", .. arguments]);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (serving._output.Select(line => ServingLine().Match(line)).FirstOrDefault(match => match.Success) is { } listening)
            {
                serving.Port = int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);
                return serving;
            }

            if (serving._process.HasExited || clock.Elapsed > Patience)
            {
                string told = string.Join('\n', serving._output.Concat(serving._error));
                await serving.DisposeAsync();
                throw new InvalidOperationException($"serve did not say where it listens: {told}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Runs serve to its end, for a start that fails.</summary>
    public static async Task<(int ExitCode, string[] Error)> RunServeAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        await using var serving = new RunningTool(workingDirectory, environment, ["serve", .. arguments]);
        int exitCode = await serving.WaitForExitAsync();
        return (exitCode, [.. serving._error]);
    }

    /// <summary>The process's resident memory now, in octets: <c>VmRSS</c> in <c>/proc/PID/status</c> (Linux).</summary>
    public long ResidentMemory() => Status("VmRSS:");

    /// <summary>The most resident memory the process has had, in octets: <c>VmHWM</c>.</summary>
    public long PeakResidentMemory() => Status("VmHWM:");

    /// <summary>Sends the process a signal, as <c>kill -TERM</c> (systemd, docker) or Ctrl+C (<c>INT</c>) do.</summary>
    public async Task SignalAsync(string signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to end, and for what it wrote to be read; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    /// <summary>Waits until serve has logged a line that <paramref name="matches"/>, and returns it.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> matches)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_error.FirstOrDefault(matches) is { } line)
            {
                return line;
            }

            Assert.True(clock.Elapsed < Patience, $"no such log line in: {string.Join('\n', _error)}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>A figure of <c>/proc/PID/status</c>, given there in kB, in octets.</summary>
    private long Status(string field)
    {
        string line = File.ReadLines($"/proc/{_process.Id}/status").First(line => line.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..^"kB".Length], CultureInfo.InvariantCulture) * 1024;
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"serving [SL]MTP on 127\.0\.0\.1:(\d+) ")]
    private static partial Regex ServingLine();
}
