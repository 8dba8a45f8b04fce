using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SmtpGen.Client;
using SmtpGen.Server;
using SmtpGen.Server.Nats;
using SmtpGen.Server.Nats.Tests;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// The receiving tier of the NATS issue, as it runs: three <c>nats-server</c> nodes in a JetStream cluster with a stream of
/// three replicas, two <c>smtpgen serve --store nats://...</c> front ends as processes, clients sending through both; one
/// NATS node and one front end killed with SIGKILL in the middle. Afterwards the delivery side puts the stream into a
/// Maildir: every message that got 250 is there once, under the id of its 250, octet for octet; a message refused with
/// 4xx is not there twice.
/// </summary>
public sealed class JetStreamFailoverTests : IDisposable
{
    private const int MessagesPerClient = 60;
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

        var acknowledged = new ConcurrentDictionary<string, byte[]>();   // the 250's id → the message
        var refused = new ConcurrentBag<byte[]>();                        // messages answered 4xx
        int sent = 0;
        Task clients = Task.WhenAll(
            SendAsync([first.Port], 0, acknowledged, refused, () => Interlocked.Increment(ref sent)),
            SendAsync([second.Port, first.Port], 1, acknowledged, refused, () => Interlocked.Increment(ref sent)));

        // The node the first front end publishes through, then the second front end, each in the middle of the sending.
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref sent) >= 30, "30 messages sent");
        await nats.Nodes[1].KillAsync();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref sent) >= 60, "60 messages sent");
        await second.SignalAsync("KILL");
        await second.WaitForExitAsync();
        await clients;

        string maildir = Path.Combine(_work, "delivered");
        var delivery = new JetStreamDelivery(context, new JetStreamDeliveryOptions { Stream = "MAIL" }, new MaildirDeliveryTarget(new MaildirMessageStore(maildir)));
        using var stop = new CancellationTokenSource();
        Task delivering = delivery.RunAsync(stop.Token);
        long inStream = (await context.GetStreamAsync("MAIL")).Info.State.Messages;
        await Eventually.WaitUntilAsync(() => delivering.IsCompleted || delivery.Delivered == inStream, $"{inStream} deliveries (done: {delivery.Delivered})");
        Assert.False(delivering.IsCompleted, $"the delivery stopped: {delivering.Exception}");
        await stop.CancelAsync();
        await delivering;

        Assert.True(acknowledged.Count >= MessagesPerClient, $"only {acknowledged.Count} messages acknowledged");
        foreach ((string id, byte[] message) in acknowledged)
        {
            string file = Path.Combine(maildir, "new", id);
            Assert.True(File.Exists(file), $"message {id}, acknowledged, was not delivered");
            Assert.Equal(message, ServerTrace.Remove(await File.ReadAllBytesAsync(file)));
        }

        string[] delivered = [.. Directory.GetFiles(Path.Combine(maildir, "new")).Select(file => Encoding.ASCII.GetString(ServerTrace.Remove(File.ReadAllBytes(file))))];
        Assert.Equal(inStream, delivered.Length);
        Assert.All(refused, message => Assert.True(delivered.Count(text => text == Encoding.ASCII.GetString(message)) <= 1, "a message refused with 4xx was delivered twice"));
    }

    /// <summary>Sends <see cref="MessagesPerClient"/> messages, each of its own text, through the first port that answers.</summary>
    private static async Task SendAsync(int[] ports, int client, ConcurrentDictionary<string, byte[]> acknowledged, ConcurrentBag<byte[]> refused, Func<int> counted)
    {
        var options = new SmtpClientOptions { ClientDomain = "client.example.com", ConnectTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(60) };
        int next = 0;
        foreach (int port in ports)
        {
            try
            {
                await using SmtpClient smtp = await SmtpClient.ConnectAsync("127.0.0.1", port, options);
                for (; next < MessagesPerClient; next++)
                {
                    byte[] message = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Subject: client {client} message {next}\r\n\r\nbody {next}\r\n"));
                    try
                    {
                        SmtpSendResult result = await smtp.SendAsync("alice@example.com", ["bob@example.com"], message);
                        string reply = result.Reply!.ToString();
                        acknowledged[reply[(reply.LastIndexOf(' ') + 1)..]] = message;
                    }
                    catch (SmtpCommandException refusal) when (refusal.Code.Value is >= 400 and < 500)
                    {
                        refused.Add(message);
                    }
                    finally
                    {
                        counted();
                    }
                }

                return;
            }
            catch (Exception failure) when (failure is IOException or System.Net.Sockets.SocketException or SmtpProtocolException or TimeoutException)
            {
                // The front end died under the client: the next one takes the rest (the message it was sending counts as unknown).
                next++;
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
