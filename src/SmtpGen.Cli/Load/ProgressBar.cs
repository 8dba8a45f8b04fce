using System.Diagnostics;
using System.Globalization;

namespace SmtpGen.Cli;

/// <summary>A live progress line on a terminal: a bar, the count and the rate so far, redrawn four times a second.</summary>
internal sealed class ProgressBar : IAsyncDisposable
{
    private const int Width = 30;
    private readonly TextWriter _output;
    private readonly int _total;
    private readonly Func<int> _done;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drawing;

    public ProgressBar(TextWriter output, int total, Func<int> done)
    {
        _output = output;
        _total = total;
        _done = done;
        _drawing = DrawAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _drawing;
        Draw();
        await _output.WriteLineAsync();
        _stop.Dispose();
    }

    private async Task DrawAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Draw();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: DisposeAsync draws the final state.
        }
    }

    private void Draw()
    {
        int done = _done();
        int filled = _total == 0 ? Width : (int)((long)done * Width / _total);
        double rate = done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        _output.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{_total} messages, {rate:0} messages/s "));
    }
}
