using System.Globalization;
using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SmtpGen.Server;
using SmtpGen.Server.Nats;
using SmtpGen.Server.Nats.Tests;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// The receiving tier of the NATS issue, as it runs: three <c>nats-server</c> nodes in a JetStream cluster with a stream of
/// three replicas, two <c>smtpgen serve --store nats://...</c> front ends as processes, an <c>smtpgen load</c> through
/// each; one NATS node and one front end killed with SIGKILL in the middle. Afterwards the delivery side puts the stream
/// into a Maildir: every message that got 250 is there once, under the id of its 250, octet for octet; no message is there
/// twice, so none that got 4xx is.
/// </summary>
public sealed class JetStreamFailoverTests : IDisposable
{
    /// <summary>
    /// What the first load is to send: enough that it is still sending when its node dies. The test stops the load with
    /// SIGSTOP once 30 are answered, so that it cannot finish while the node is being killed (a load of 150 did once in the
    /// suite: it sent the last 120 between the test's look and the node's death), and lets it go on after.
    /// </summary>
    private const int MessagesOfFirstLoad = 500;

    /// <summary>
    /// What the second load is to send: far more than it can before the test kills its front end, which it does once 40
    /// are answered (a load of 150 through a front end that lost no node could finish first).
    /// </summary>
    private const int MessagesOfSecondLoad = 5000;
    private const int Size = 1024;
    private readonly string _work = Directory.CreateTempSubdirectory("smtpgen-failover-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task No_acknowledged_message_is_lost_or_doubled_when_a_node_and_a_front_end_are_killed()
    {
        await using NatsServers nats = await NatsServers.StartClusterAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls });
        var context = new NatsJSContext(connection);
        await CreateReplicatedStreamAsync(context);
        await using RunningTool first = await RunningTool.StartServeAsync(_work, new Dictionary<string, string>(), "--port", "0", "--store", $"nats://127.0.0.1:{nats.Nodes[1].Port}/MAIL");
        await using RunningTool second = await RunningTool.StartServeAsync(_work, new Dictionary<string, string>(), "--port", "0", "--store", $"nats://127.0.0.1:{nats.Nodes[2].Port}/MAIL");
        Load[] loads = [new(_work, "load1@example.com", first.Port, MessagesOfFirstLoad), new(_work, "load2@example.com", second.Port, MessagesOfSecondLoad)];
        await using RunningTool firstLoad = loads[0].Start();
        await using RunningTool secondLoad = loads[1].Start();

        // The node the first front end publishes through, then the second front end, each in the middle of the sending.
        await Eventually.WaitUntilAsync(() => loads[0].Answered >= 30, "30 messages answered through the first front end");
        Assert.True(loads[0].Answered < MessagesOfFirstLoad, "the first load had finished before it could be held");
        await firstLoad.SignalAsync("STOP");
        int answeredAtNodeKill = loads[0].Answered;
        await nats.Nodes[1].KillAsync();
        await firstLoad.SignalAsync("CONT");
        await Eventually.WaitUntilAsync(() => loads[1].Answered >= 40, "40 messages answered through the second front end");
        await second.SignalAsync("KILL");
        await second.WaitForExitAsync();
        Assert.Contains(await firstLoad.WaitForExitAsync(), (int[])[0, 1]);   // 1 when a message got 451
        await secondLoad.WaitForExitAsync();   // 1: the server it loads went away

        // Both deaths came in the middle of the sending: the first load went on after its node died, the second stopped short.
        Assert.True(loads[0].Answered > answeredAtNodeKill, $"nothing was sent through the first front end after its node died ({answeredAtNodeKill} answered then)");
        Assert.True(loads[1].Answered < MessagesOfSecondLoad, "the second load had finished when its front end was killed");

        string maildir = Path.Combine(_work, "delivered");
        using var log = new RecordingLoggerProvider();
        var delivery = new JetStreamDelivery(context, new JetStreamDeliveryOptions { Stream = "MAIL" }, new MaildirDeliveryTarget(new MaildirMessageStore(maildir)), log.CreateLogger("delivery"));
        using var stop = new CancellationTokenSource();
        Task delivering = delivery.RunAsync(stop.Token);
        long inStream = await MessagesInStreamAsync(context);
        await Eventually.WaitUntilAsync(() => delivering.IsCompleted || delivery.Delivered == inStream, $"{inStream} deliveries (done: {delivery.Delivered}; log: {string.Join(" | ", log.Entries.Where(e => e.Level > Microsoft.Extensions.Logging.LogLevel.Information).Select(e => $"{e.Message} {e.Exception?.Message}"))})");
        Assert.False(delivering.IsCompleted, $"the delivery stopped: {delivering.Exception}");
        await stop.CancelAsync();
        await delivering;

        // Every 250: its id's file, holding exactly the message that load numbered so.
        var acknowledged = loads.SelectMany(load => load.Acknowledged().Select(ack => (ack.Id, Message: load.Message(ack.Number)))).ToList();
        // Enough 250s for what follows to mean something: most of the first load's, and the second's before its kill.
        Assert.True(acknowledged.Count >= 150, $"only {acknowledged.Count} messages acknowledged");
        foreach ((string id, byte[] message) in acknowledged)
        {
            string file = Path.Combine(maildir, "new", id);
            Assert.True(File.Exists(file), $"message {id}, acknowledged, was not delivered");
            Assert.Equal(message, ServerTrace.Remove(await File.ReadAllBytesAsync(file)));
        }

        // Nothing twice: one file for each load's numbered message, whatever its answer was (a 4xx, or none when cut off).
        string[] delivered = [.. Directory.GetFiles(Path.Combine(maildir, "new")).Select(file => Encoding.ASCII.GetString(ServerTrace.Remove(File.ReadAllBytes(file))))];
        Assert.Equal(inStream, delivered.Length);
        Assert.All(delivered.GroupBy(Identity), group => Assert.True(group.Count() == 1, $"{group.Key} was delivered {group.Count()} times"));
        int refused = loads.Sum(load => load.Refused);
        Assert.True(delivered.Length <= acknowledged.Count + refused + loads.Sum(load => load.CutOff), "more messages delivered than were sent");
    }

    /// <summary>Which load sent a message, and its number there: its From and Subject lines.</summary>
    private static string Identity(string message) =>
        string.Join(" / ", message.Split("\r\n").Where(line => line.StartsWith("From: ", StringComparison.Ordinal) || line.StartsWith("Subject: ", StringComparison.Ordinal)));

    /// <summary>One <c>smtpgen load</c> of numbered messages through one front end, and its replies file.</summary>
    private sealed class Load(string work, string from, int port, int messages)
    {
        private readonly string _replies = Path.Combine(work, $"replies-{from}.txt");

        public RunningTool Start() => RunningTool.Start(
            work,
            new Dictionary<string, string>(),
            "load", "--server", $"127.0.0.1:{port}", "--messages", messages.ToString(CultureInfo.InvariantCulture), "--sessions", "2",
            "--size", Size.ToString(CultureInfo.InvariantCulture), "--from", from, "--to", "bob@example.com", "--replies", _replies, "--no-progress");

        /// <summary>The messages answered so far.</summary>
        public int Answered => Lines().Length;

        /// <summary>The messages answered with 4xx.</summary>
        public int Refused => Lines().Count(line => line.Reply.StartsWith('4'));

        /// <summary>The messages cut off before their answer (the front end died under them).</summary>
        public int CutOff => Lines().Count(line => !char.IsAsciiDigit(line.Reply[0]));

        /// <summary>Each message answered 250, with the id the reply named.</summary>
        public IEnumerable<(int Number, string Id)> Acknowledged() =>
            Lines().Where(line => line.Reply.StartsWith("250 ", StringComparison.Ordinal)).Select(line => (line.Number, line.Reply[(line.Reply.LastIndexOf(' ') + 1)..]));

        /// <summary>The octets load sent as message <paramref name="number"/>.</summary>
        public byte[] Message(int number) => LoadMessage.Numbered(LoadMessage.Create(from, "bob@example.com", Size, numbered: true).Span, number);

        private (int Number, string Reply)[] Lines()
        {
            if (!File.Exists(_replies))
            {
                return [];
            }

            using var reading = new FileStream(_replies, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(reading);
            return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', 2)).Select(parts => (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]))];
        }
    }

    /// <summary>How many messages the stream has, asking again while the cluster has no answer (a leader is being elected).</summary>
    private static async Task<long> MessagesInStreamAsync(NatsJSContext context)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return (await context.GetStreamAsync("MAIL")).Info.State.Messages;
            }
            catch (Exception exception) when (exception is NatsJSApiException or NatsJSApiNoResponseException or NatsNoRespondersException && attempt < 120)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Creates the stream of three replicas, waiting while the new cluster elects its JetStream leader.</summary>
    private static async Task CreateReplicatedStreamAsync(NatsJSContext context)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await context.CreateStreamAsync(new StreamConfig("MAIL", ["mail.in"]) { NumReplicas = 3 });
                return;
            }
            catch (Exception exception) when (exception is NatsJSApiException or NatsJSApiNoResponseException or NatsNoRespondersException && attempt < 120)
            {
                await Task.Delay(250);
            }
        }
    }
}
