using System.Runtime.InteropServices;

namespace SmtpGen.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (<c>kill</c>, systemd, docker), caught while a load run goes, so that it stops its own way
/// and tells what it did before the process ends: either cancels <see cref="Token"/>, as the command's own cancellation
/// does (Ctrl+C, as Program.cs passes it). The exit code is then the one a shell gives a process the signal ended: 128
/// and the signal's number.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private const int InterruptExitCode = 128 + 2;
    private const int TerminateExitCode = 128 + 15;

    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _exitCode;

    /// <param name="cancellationToken">The command's cancellation, taken as Ctrl+C.</param>
    public StopSignals(CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, InterruptExitCode));
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, TerminateExitCode));
    }

    /// <summary>Cancelled by the first signal, or by the command's cancellation.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The exit code of a stop: 143 after SIGTERM, 130 after SIGINT or the command's cancellation.</summary>
    public int ExitCode => Volatile.Read(ref _exitCode) is TerminateExitCode ? TerminateExitCode : InterruptExitCode;

    /// <summary>The signal that stopped the run, as <see cref="ExitCode"/> tells it: <c>SIGTERM</c> or <c>SIGINT</c>.</summary>
    public string SignalName => ExitCode == TerminateExitCode ? "SIGTERM" : "SIGINT";

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    /// <summary>Keeps the process from ending at once, remembers the first signal and cancels <see cref="Token"/>.</summary>
    private void Stop(PosixSignalContext context, int exitCode)
    {
        context.Cancel = true;
        Interlocked.CompareExchange(ref _exitCode, exitCode, 0);
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The signal came as the run ended and let the signals go: there is nothing left to stop.
        }
    }
}
