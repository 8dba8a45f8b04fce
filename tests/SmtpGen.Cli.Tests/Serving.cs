using System.Globalization;
using System.Text.RegularExpressions;

namespace SmtpGen.Cli.Tests;

/// <summary><c>smtpgen serve --port 0 --name mx.test</c> running in-process, until stopped as Ctrl+C stops it.</summary>
internal sealed partial class Serving : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _text = new();
    private readonly TextWriter _output;
    private readonly Task<int> _run;

    private Serving(string store, string[] options)
    {
        _output = TextWriter.Synchronized(_text);   // serve writes from its own thread: it locks the writer
        _run = Commands.RunAsync(["serve", "--port", "0", "--store", store, "--name", "mx.test", .. options], Stream.Null, _output, TextWriter.Null, _stop.Token);
    }

    public int Port { get; private set; }

    /// <summary>What serve has written so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _text.ToString();
            }
        }
    }

    public static async Task<Serving> StartAsync(string store, params string[] options)
    {
        var serving = new Serving(store, options);
        for (int attempt = 0; attempt < 500; attempt++)
        {
            Match match = ServingLine().Match(serving.Output);
            if (match.Success)
            {
                serving.Port = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                return serving;
            }

            Assert.False(serving._run.IsCompleted, $"serve ended early: {serving.Output}");
            await Task.Delay(20);
        }

        throw new TimeoutException("serve did not say where it listens");
    }

    /// <summary>Stops serve as Ctrl+C does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    [GeneratedRegex(@"serving [SL]MTP on 127\.0\.0\.1:(\d+) as mx\.test")]
    private static partial Regex ServingLine();
}
