using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SmtpGen.SessionMemory;

/// <summary>
/// Whether <c>smtpgen serve</c> gives memory back once load has come and gone: its resident memory idle (after one whole
/// session), then the most it had (its peak) with N sessions that each sent a message, in waves of sessions held open together
/// (each wave's sessions quit once the last of them has its 250), and every 5 s for 30 s after they all closed.
/// </summary>
internal static class ComeAndGoDriver
{
    /// <summary>The message each session sends: 1 KiB of text.</summary>
    private static readonly byte[] Message = Encoding.ASCII.GetBytes("Subject: come and go\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 62) + "\r\n", 16)) + ".\r\n");

    /// <summary>How many sessions connect and send at a time while a wave opens.</summary>
    private const int Opening = 64;

    /// <summary>How long the figure is followed after the last session closed, and how often it is printed.</summary>
    private static readonly TimeSpan Following = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Printing = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(int sessions, int waves)
    {
        await using ServeProcess server = await ServeProcess.StartAsync(maxSessions: sessions);
        await using (SmtpTestClient first = await SendAsync(server))
        {
            await first.ExpectAsync("QUIT\r\n", "221 ");
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        long idle = server.ResidentMemory();
        Console.WriteLine(Line("idle, after one message", idle, idle));
        int perWave = (sessions + waves - 1) / waves;
        for (int sent = 0; sent < sessions; sent += perWave)
        {
            var held = new SmtpTestClient[Math.Min(perWave, sessions - sent)];
            await Parallel.ForAsync(0, held.Length, new ParallelOptions { MaxDegreeOfParallelism = Opening }, async (i, _) => held[i] = await SendAsync(server));
            await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = Opening }, async (client, _) =>
            {
                await client.ExpectAsync("QUIT\r\n", "221 ");
                await client.DisposeAsync();
            });
        }

        Console.WriteLine(Line($"peak, {sessions} sessions in {waves} wave(s)", server.PeakResidentMemory(), idle));
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Following)
        {
            await Task.Delay(Printing);
            Console.WriteLine(Line($"after they closed, {clock.Elapsed.TotalSeconds:F0} s", server.ResidentMemory(), idle));
        }

        return 0;
    }

    private static async Task<SmtpTestClient> SendAsync(ServeProcess server)
    {
        SmtpTestClient client = await SmtpTestClient.ConnectAsync(server.EndPoint);
        await client.HelloAsync();
        await client.StartTransactionAsync();
        await client.SendMessageAsync(Message);
        return client;
    }

    private static string Line(string state, long resident, long idle) =>
        string.Create(CultureInfo.InvariantCulture, $"{state,-40} {resident / 1024.0 / 1024,8:F1} MiB {(double)resident / idle,6:F2}x idle");
}
