using System.Globalization;
using System.Text;

namespace SmtpGen.SessionMemory;

/// <summary>
/// Brings N sessions through the states of a mail transaction, measuring the server after each (<see cref="ServerMemory"/>);
/// then, on a server of its own, a tenth as many clients pipeline EHLO without reading the replies. The figures are per
/// session, above what the server measured after its warm-up.
/// </summary>
internal static class SessionDriver
{
    /// <summary>The message text each session sends after 354: the data stays open, so the store's file and the session's data buffer are held.</summary>
    private static readonly byte[] PartOfMessage = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 62) + "\r\n", 16)));

    /// <summary>1 MiB of EHLO commands, whose replies are some 15 times longer: more than the system's buffers take.</summary>
    private static readonly byte[] Flood = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("EHLO a\r\n", 128 * 1024)));

    public static async Task<int> RunAsync(int sessions)
    {
        await using (MeasuredServerProcess server = await MeasuredServerProcess.StartAsync(PartOfMessage))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the server after one whole session: managed heap {server.Baseline.Heap / 1024} KiB, working set {server.Baseline.WorkingSet / 1024} KiB"));
            Console.WriteLine("state (sessions)                         managed heap   working set    TCP queues   (per session)");
            var clients = new List<SmtpTestClient>(sessions);
            try
            {
                for (int i = 0; i < sessions; i++)
                {
                    SmtpTestClient client = await SmtpTestClient.ConnectAsync(server.EndPoint);
                    clients.Add(client);
                    await client.HelloAsync();
                }

                await server.ReportAsync($"idle, after EHLO ({sessions})", sessions);
                foreach (SmtpTestClient client in clients)
                {
                    await client.StartTransactionAsync();
                }

                await server.ReportAsync($"in a transaction, MAIL and RCPT ({sessions})", sessions);
                foreach (SmtpTestClient client in clients)
                {
                    await client.StartDataAsync(PartOfMessage);
                }

                // The last pieces of data may still be on their way to the store.
                await Task.Delay(TimeSpan.FromSeconds(1));
                await server.ReportAsync($"in DATA, 1 KiB sent ({sessions})", sessions);
                foreach (SmtpTestClient client in clients)
                {
                    await client.ExpectAsync(".\r\n", "250 ");
                }

                await server.ReportAsync($"after the message, still open ({sessions})", sessions);
            }
            finally
            {
                await DisposeAllAsync(clients);
            }

            // The sessions end as the server sees the connections close.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await server.ReportAsync($"after they all closed ({sessions})", sessions);
        }

        // A server of its own, so that no pooled buffer of the sessions before hides what these cost.
        await using (MeasuredServerProcess server = await MeasuredServerProcess.StartAsync(PartOfMessage))
        {
            int flooding = Math.Max(1, sessions / 10);
            var flooders = new List<SmtpTestClient>(flooding);
            try
            {
                for (int i = 0; i < flooding; i++)
                {
                    SmtpTestClient client = await SmtpTestClient.ConnectAsync(server.EndPoint);
                    flooders.Add(client);
                    client.SendWithoutReading(Flood);
                }

                await Task.Delay(TimeSpan.FromSeconds(3));
                await server.ReportAsync($"pipelining, never reading ({flooding})", flooding);
            }
            finally
            {
                await DisposeAllAsync(flooders);
            }
        }

        return 0;
    }

    private static async Task DisposeAllAsync(List<SmtpTestClient> clients)
    {
        foreach (SmtpTestClient client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
