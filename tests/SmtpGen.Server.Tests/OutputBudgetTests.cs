using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmtpGen.Server.Tests;

/// <summary>A client that pipelines and never reads its replies: the server stops reading it instead of holding its replies.</summary>
public class OutputBudgetTests
{
    /// <summary>The reply to an unknown verb, CRLF included: 47 octets for the 3 of <c>X CRLF</c>.</summary>
    private static readonly int ReplyLength = "500 5.5.1 Syntax error, command unrecognized\r\n".Length;

    [Fact]
    public async Task A_client_that_pipelines_and_never_reads_is_read_no_further_once_its_replies_fill_the_budget_and_is_cut_by_the_timeout()
    {
        using ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        IMeterFactory meterFactory = services.GetRequiredService<IMeterFactory>();
        long answered = 0;
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Name == "smtpgen.server.rejections")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref answered, value));
        meterListener.Start();
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));

        await using TestServer server = TestServer.Start(
            options =>
            {
                options.CommandTimeout = TimeSpan.FromSeconds(1);
                options.MaxErrors = int.MaxValue;
            },
            metrics: new SmtpServerMetrics(meterFactory),
            loggerFactory: loggerFactory);
        // A receive buffer set before connecting, so that the window the client offers stays as small.
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(server.EndPoint);

        // Thousands of unknown one-octet verbs, each answered with 47 octets that the client never reads; the server stops
        // reading when they have nowhere to go, and the client's sends then block.
        byte[] commands = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("X\r\n", 1000)));
        long sent = 0;
        while (true)
        {
            Task<int> sending = client.SendAsync(commands, SocketFlags.None);
            if (await Task.WhenAny(sending, Task.Delay(TimeSpan.FromMilliseconds(500))) != sending)
            {
                break;
            }

            sent += await sending;
        }

        // Replies are held by the session (the budget), the server's send buffer and the client's receive buffer, and
        // nowhere else: tens of KiB, where one read of these commands would make 1 MiB of replies.
        long held = Interlocked.Read(ref answered) * ReplyLength;
        Assert.True(held < 64 * 1024, $"the server answered {held} octets of commands ({sent} octets sent) to a client that reads nothing");

        DateTime giveUp = DateTime.UtcNow.AddSeconds(10);
        while (!logs.Entries.Any(e => e.Message.StartsWith("Closed: the client was silent", StringComparison.Ordinal)) && DateTime.UtcNow < giveUp)
        {
            await Task.Delay(50);
        }

        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Closed: the client was silent", StringComparison.Ordinal));
    }
}
