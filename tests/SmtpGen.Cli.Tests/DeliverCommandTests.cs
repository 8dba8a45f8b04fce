using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SmtpGen.Server;
using SmtpGen.Server.Nats;
using SmtpGen.Server.Nats.Tests;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// <c>smtpgen serve --store nats://...</c> in front, <c>smtpgen deliver</c> behind, a real <c>nats-server</c> between: what
/// the front end acknowledged reaches the Maildir under the id of its 250, and the delivery stops on Ctrl+C with exit 0.
/// </summary>
public sealed class DeliverCommandTests : IDisposable
{
    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "smtpgen-deliver-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }

    [Fact]
    public async Task Deliver_writes_what_serve_queued_to_the_Maildir_under_the_ids_of_its_250s_and_stops_on_ctrl_c_with_exit_0()
    {
        await using NatsServers nats = await NatsServers.StartOneAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls });
        await new NatsJSContext(connection).CreateStreamAsync(new StreamConfig("MAIL", ["mail.in"]));
        string stream = $"nats://127.0.0.1:{nats.Nodes[0].Port}/MAIL";
        List<string> ids = [];
        await using (Serving serving = await Serving.StartAsync(stream))
        {
            await using RawClient client = await RawClient.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, serving.Port));
            await client.StartMessageAsync("alice@example.com", "bob@example.com");
            for (int i = 1; i <= 2; i++)
            {
                string reply = await client.CommandAsync($"message {i}\r\n.");
                Assert.StartsWith("250 2.0.0 OK: queued as ", reply, StringComparison.Ordinal);
                ids.Add(reply["250 2.0.0 OK: queued as ".Length..]);
                if (i == 1)
                {
                    await client.CommandAsync("MAIL FROM:<alice@example.com>");
                    await client.CommandAsync("RCPT TO:<bob@example.com>");
                    await client.CommandAsync("DATA");
                }
            }
        }

        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        Task<int> delivering = Commands.RunAsync(["deliver", "--from", stream, "--to", _maildir], Stream.Null, TextWriter.Synchronized(output), TextWriter.Null, stop.Token);
        await Eventually.WaitUntilAsync(() => Directory.Exists(Path.Combine(_maildir, "new")) && Directory.GetFiles(Path.Combine(_maildir, "new")).Length == 2, "two messages in new/");
        await stop.CancelAsync();

        Assert.Equal(0, await delivering);
        Assert.Equal(ids.Order(), Directory.GetFiles(Path.Combine(_maildir, "new")).Select(Path.GetFileName).Order());
        Assert.EndsWith($"smtpgen: stopped by SIGINT: 2 delivered, 0 there already, 0 deferred, 0 recipients refused{Environment.NewLine}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_to_an_lmtp_url_hands_what_serve_queued_to_that_lmtp_server()
    {
        await using NatsServers nats = await NatsServers.StartOneAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls });
        await new NatsJSContext(connection).CreateStreamAsync(new StreamConfig("MAIL", ["mail.in"]));
        string stream = $"nats://127.0.0.1:{nats.Nodes[0].Port}/MAIL";
        await using (Serving serving = await Serving.StartAsync(stream))
        {
            await using RawClient client = await RawClient.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, serving.Port));
            await client.StartMessageAsync("alice@example.com", "bob@example.com", "carol@example.com");
            Assert.StartsWith("250 2.0.0 OK: queued as ", await client.CommandAsync("over lmtp\r\n."), StringComparison.Ordinal);
        }

        var mailboxes = new MemoryMessageStore();
        var options = new SmtpServerOptions { EndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), Commands = LmtpCommandHandler.Instance };
        await using var lmtp = new SmtpListener(options, mailboxes);
        lmtp.Start();
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        Task<int> delivering = Commands.RunAsync(
            ["deliver", "--from", stream, "--to", $"lmtp://127.0.0.1:{lmtp.LocalEndPoint!.Port}"], Stream.Null, TextWriter.Synchronized(output), TextWriter.Null, stop.Token);
        await Eventually.WaitUntilAsync(() => mailboxes.Messages.Count == 1 && output.ToString().Contains("delivering", StringComparison.Ordinal), "the message at the LMTP server");
        await Eventually.WaitUntilAsync(async () => (await new NatsJSContext(connection).GetConsumerAsync("MAIL", "delivery")).Info.AckFloor.StreamSeq == 1, "the acknowledgement");
        await stop.CancelAsync();

        Assert.Equal(0, await delivering);
        SmtpGen.Server.StoredMessage stored = Assert.Single(mailboxes.Messages);
        Assert.Equal(["bob@example.com", "carol@example.com"], stored.Envelope.Recipients);
        Assert.EndsWith("\r\nover lmtp\r\n", System.Text.Encoding.ASCII.GetString(stored.Data), StringComparison.Ordinal);
        Assert.StartsWith($"smtpgen: delivering the stream MAIL at nats://127.0.0.1:{nats.Nodes[0].Port} to lmtp://127.0.0.1:{lmtp.LocalEndPoint.Port}", output.ToString(), StringComparison.Ordinal);
        Assert.EndsWith($"smtpgen: stopped by SIGINT: 1 delivered, 0 there already, 0 deferred, 0 recipients refused{Environment.NewLine}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_killed_mid_stream_and_started_again_delivers_what_was_left_once_each()
    {
        const int Messages = 400;
        await using NatsServers nats = await NatsServers.StartOneAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls });
        var context = new NatsJSContext(connection);
        await context.CreateStreamAsync(new StreamConfig("MAIL", ["mail.in"]));
        string stream = $"nats://127.0.0.1:{nats.Nodes[0].Port}/MAIL";
        JetStreamMessageStore store = await JetStreamMessageStore.OpenAsync(context, new JetStreamStoreOptions { Stream = "MAIL" });
        Dictionary<string, string> sent = [];   // the 250's id → the message's text
        await using (var frontEnd = new SmtpListener(new SmtpServerOptions { EndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0) }, store))
        {
            frontEnd.Start();
            await using SmtpGen.Client.SmtpClient client = await SmtpGen.Client.SmtpClient.ConnectAsync("127.0.0.1", frontEnd.LocalEndPoint!.Port);
            for (int i = 0; i < Messages; i++)
            {
                string text = $"Subject: {i}\r\n\r\nmessage {i}\r\n";
                string reply = (await client.SendAsync("alice@example.com", ["bob@example.com"], System.Text.Encoding.ASCII.GetBytes(text))).Reply!.ToString();
                sent[reply[(reply.LastIndexOf(' ') + 1)..]] = text;
            }
        }

        // Killed with SIGKILL part of the way: the messages it held unacknowledged are the stream's again after --ack-wait.
        string newFolder = Path.Combine(_maildir, "new");
        int Delivered() => Directory.Exists(newFolder) ? Directory.GetFiles(newFolder).Length : 0;
        string[] deliver = ["deliver", "--from", stream, "--to", $"maildir:{_maildir}", "--ack-wait", "2"];
        await using (RunningTool first = RunningTool.Start(Path.GetTempPath(), new Dictionary<string, string>(), deliver))
        {
            await Eventually.WaitUntilAsync(() => Delivered() >= 20, "20 messages delivered");
            await first.SignalAsync("KILL");
            await first.WaitForExitAsync();
        }

        int beforeTheKill = Delivered();
        Assert.True(beforeTheKill < Messages, "the delivery was done before it was killed");
        await using (RunningTool second = RunningTool.Start(Path.GetTempPath(), new Dictionary<string, string>(), deliver))
        {
            await Eventually.WaitUntilAsync(async () => (await context.GetConsumerAsync("MAIL", "delivery")).Info.AckFloor.StreamSeq == Messages, "every message acknowledged");
            await second.SignalAsync("INT");
            Assert.Equal(0, await second.WaitForExitAsync());

            // The second wrote what the first had not: the messages the first held unacknowledged came to it again, and
            // those the first had written already it found there.
            string stopped = Assert.Single(second.Output, line => line.StartsWith("smtpgen: stopped by SIGINT: ", StringComparison.Ordinal));
            Assert.StartsWith($"smtpgen: stopped by SIGINT: {Messages - beforeTheKill} delivered, ", stopped, StringComparison.Ordinal);
        }

        // Each message once, under the id of its 250, its octets as sent; a message the first had written but not
        // acknowledged was found there by the second and not written again.
        Assert.Equal(sent.Keys.Order(), Directory.GetFiles(newFolder).Select(Path.GetFileName).Order());
        foreach ((string id, string text) in sent)
        {
            Assert.Equal(text, System.Text.Encoding.ASCII.GetString(ServerTrace.Remove(await File.ReadAllBytesAsync(Path.Combine(newFolder, id)))));
        }
    }

    /// <summary>An LMTP server's mailboxes, one of which is gone.</summary>
    private sealed class OneMailboxGone : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath == "gone@example.com" ? SmtpResponse.Refuse(550, "5.1.1", "No such user here") : SmtpResponse.Accept);
    }

    [Fact]
    public async Task Deliver_logs_a_recipient_refused_for_good_on_standard_error_and_quiet_keeps_the_warning()
    {
        await using NatsServers nats = await NatsServers.StartOneAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls });
        await new NatsJSContext(connection).CreateStreamAsync(new StreamConfig("MAIL", ["mail.in"]));
        string stream = $"nats://127.0.0.1:{nats.Nodes[0].Port}/MAIL";
        string id;
        await using (Serving serving = await Serving.StartAsync(stream))
        {
            await using RawClient client = await RawClient.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, serving.Port));
            await client.StartMessageAsync("alice@example.com", "bob@example.com", "gone@example.com");
            string reply = await client.CommandAsync("to one mailbox that is gone\r\n.");
            id = reply["250 2.0.0 OK: queued as ".Length..];
        }

        var mailboxes = new MemoryMessageStore();
        var options = new SmtpServerOptions { EndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), Commands = LmtpCommandHandler.Instance };
        await using var lmtp = new SmtpListener(options, mailboxes, new OneMailboxGone());
        lmtp.Start();
        await using RunningTool deliver = RunningTool.Start(
            Path.GetTempPath(), new Dictionary<string, string>(), "deliver", "--from", stream, "--to", $"lmtp://127.0.0.1:{lmtp.LocalEndPoint!.Port}", "--quiet");

        string refused = await deliver.WaitForLogAsync(line => line.Contains("refused for good", StringComparison.Ordinal));
        Assert.Contains($"warn: SmtpGen.Server.Nats.JetStreamDelivery[5] Message {id} to gone@example.com refused for good, dropped: 550 5.1.1 No such user here", refused, StringComparison.Ordinal);
        Assert.Single(mailboxes.Messages);
        await deliver.SignalAsync("TERM");
        Assert.Equal(0, await deliver.WaitForExitAsync());
        Assert.DoesNotContain(deliver.Error, line => line.Contains("info:", StringComparison.Ordinal));   // --quiet: warnings and errors only
        Assert.Contains(deliver.Output, line => line.EndsWith("1 delivered, 0 there already, 0 deferred, 1 recipients refused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lmtp://127.0.0.1")]
    [InlineData("lmtp://127.0.0.1:24/path")]
    [InlineData("maildir:")]
    public async Task A_target_that_is_neither_a_maildir_nor_an_lmtp_url_is_a_usage_mistake(string to)
    {
        var error = new StringWriter();
        int exit = await Commands.RunAsync(["deliver", "--from", "nats://127.0.0.1:4222/MAIL", "--to", to], Stream.Null, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains($"--to must be maildir:FOLDER (a folder or a path to make one at) or lmtp://HOST:PORT, not '{to}'", error.ToString(), StringComparison.Ordinal);
    }
}
