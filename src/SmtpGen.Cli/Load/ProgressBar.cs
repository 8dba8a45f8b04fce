using System.Globalization;

namespace SmtpGen.Cli;

/// <summary>A live progress line on a terminal: a bar, the count and the run's rate so far, redrawn four times a second.</summary>
internal sealed class ProgressBar : IAsyncDisposable
{
    private const int Width = 30;
    private readonly TextWriter _output;
    private readonly int _total;
    private readonly Func<int> _done;
    private readonly Func<double> _messagesPerSecond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drawing;

    /// <param name="output">The terminal.</param>
    /// <param name="total">How many messages the run sends.</param>
    /// <param name="done">How many it has finished, sent or failed.</param>
    /// <param name="messagesPerSecond">The run's rate, the one its report shows at the end.</param>
    public ProgressBar(TextWriter output, int total, Func<int> done, Func<double> messagesPerSecond)
    {
        _output = output;
        _total = total;
        _done = done;
        _messagesPerSecond = messagesPerSecond;
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
        _output.Write(string.Create(
            CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done}/{_total} messages, {_messagesPerSecond():0.0} messages/s "));
    }
}
