using System.Diagnostics;
using System.Globalization;

namespace SmtpGen.SessionMemory;

/// <summary>
/// What is measured: the server's managed heap after a full collection and its working set, and the octets waiting in the
/// system's queues of the server's connections (sent and not yet acknowledged or not yet sent, received and not yet read).
/// </summary>
internal readonly record struct ServerMemory(long Heap, long WorkingSet, long TcpQueues)
{
    public static async Task<ServerMemory> MeasureAsync(Process server, int port)
    {
        await server.StandardInput.WriteLineAsync(MeasuredServer.Measure);
        await server.StandardInput.FlushAsync();
        string[] figures = (await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The server process ended.")).Split(' ');
        return new ServerMemory(long.Parse(figures[0], CultureInfo.InvariantCulture), long.Parse(figures[1], CultureInfo.InvariantCulture), await TcpQueuesAsync(port));
    }

    /// <summary>
    /// The tx_queue and rx_queue of the sockets whose local port is the server's in /proc/net/tcp (Linux): the server's
    /// connections, not the clients' ends.
    /// </summary>
    private static async Task<long> TcpQueuesAsync(int port)
    {
        string local = string.Create(CultureInfo.InvariantCulture, $":{port:X4}");
        long octets = 0;
        foreach (string line in (await File.ReadAllLinesAsync("/proc/net/tcp")).Skip(1))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[1].EndsWith(local, StringComparison.Ordinal))
            {
                string[] queues = fields[4].Split(':');
                octets += long.Parse(queues[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) + long.Parse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        return octets;
    }
}
