using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SmtpGen.SessionMemory;

/// <summary>
/// <see cref="MeasuredServer"/> in a child process, so that only the server's memory is measured; warmed up with one whole
/// session (the code compiled, the pools primed), after which <see cref="Baseline"/> is measured.
/// </summary>
internal sealed class MeasuredServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private MeasuredServerProcess(Process process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>What was measured after the warm-up: the figures are above it.</summary>
    public ServerMemory Baseline { get; private set; }

    public static async Task<MeasuredServerProcess> StartAsync(byte[] messageText)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(MeasuredServerProcess).Assembly.Location);
        start.ArgumentList.Add("server");
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        var endPoint = new IPEndPoint(IPAddress.Loopback, int.Parse(await process.StandardOutput.ReadLineAsync() ?? "0", CultureInfo.InvariantCulture));
        var server = new MeasuredServerProcess(process, endPoint);
        await using (SmtpTestClient warmUp = await SmtpTestClient.ConnectAsync(endPoint))
        {
            await warmUp.HelloAsync();
            await warmUp.StartTransactionAsync();
            await warmUp.StartDataAsync(messageText);
            await warmUp.ExpectAsync(".\r\n", "250 ");
            await warmUp.ExpectAsync("QUIT\r\n", "221 ");
        }

        server.Baseline = await server.MeasureAsync();
        return server;
    }

    /// <summary>Measures and prints one line: what each of <paramref name="sessions"/> sessions costs above <see cref="Baseline"/>.</summary>
    public async Task ReportAsync(string state, int sessions)
    {
        ServerMemory now = await MeasureAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{state,-40} {PerSession(now.Heap - Baseline.Heap)} {PerSession(now.WorkingSet - Baseline.WorkingSet)} {PerSession(now.TcpQueues - Baseline.TcpQueues)}"));

        string PerSession(long octets) => string.Create(CultureInfo.InvariantCulture, $"{octets / 1024.0 / sessions,10:F1} KiB");
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private Task<ServerMemory> MeasureAsync() => ServerMemory.MeasureAsync(_process, EndPoint.Port);
}
