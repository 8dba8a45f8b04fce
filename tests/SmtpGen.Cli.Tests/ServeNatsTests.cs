using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using SmtpGen.Server.Nats.Tests;
using SmtpGen.Server.Tests;

namespace SmtpGen.Cli.Tests;

/// <summary>
/// <c>smtpgen serve --store nats://HOST:PORT/STREAM</c>: the messages go to an existing JetStream stream (a real
/// <c>nats-server</c>), the size limit is the stream's, a stream that cannot be used stops the start in one line, and
/// losing NATS while serving is logged.
/// </summary>
public sealed class ServeNatsTests
{
    [Fact]
    public async Task Serve_publishes_each_message_to_the_stream_the_url_names_and_its_250_names_the_JetStream_message()
    {
        await using NatsServers nats = await NatsServers.StartOneAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Urls });
        var context = new NatsJSContext(connection);
        await context.CreateStreamAsync(new StreamConfig("MAIL", ["mail.in"]) { MaxMsgSize = 512 * 1024 });

        await using Serving serving = await Serving.StartAsync($"nats://127.0.0.1:{nats.Nodes[0].Port}/MAIL");
        Assert.Contains($"messages go to the stream MAIL (mail.in) at nats://127.0.0.1:{nats.Nodes[0].Port}, up to {(512 * 1024) - (64 * 1024)} octets", serving.Output, StringComparison.Ordinal);
        string reply;
        await using (RawClient client = await RawClient.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, serving.Port)))
        {
            Assert.StartsWith("220 ", await client.ReadReplyAsync());
            Assert.Contains("SIZE 458752", await client.CommandAsync("EHLO client.example.com"), StringComparison.Ordinal);
            Assert.StartsWith("250 ", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
            Assert.StartsWith("250 ", await client.CommandAsync("RCPT TO:<bob@example.com>"));
            Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
            reply = await client.CommandAsync("Hi, stream.\r\n.");
        }

        INatsJSConsumer consumer = await context.CreateOrderedConsumerAsync("MAIL");
        INatsJSMsg<byte[]>? stored = await consumer.NextAsync<byte[]>();
        Assert.StartsWith("250 2.0.0 OK: queued as ", reply, StringComparison.Ordinal);
        Assert.Equal(reply["250 2.0.0 OK: queued as ".Length..], stored?.Headers?["Nats-Msg-Id"].ToString());
    }

    [Fact]
    public async Task Losing_NATS_while_serving_is_logged_as_a_warning_that_names_it_and_its_return_too()
    {
        await using NatsServers nats = await NatsServers.StartOneAsync();
        await using (var connection = new NatsConnection(new NatsOpts { Url = nats.Urls }))
        {
            await new NatsJSContext(connection).CreateStreamAsync(new StreamConfig("MAIL", ["mail.in"]));
        }

        string directory = Directory.CreateTempSubdirectory("smtpgen-nats-lost-").FullName;
        try
        {
            string url = $"nats://127.0.0.1:{nats.Nodes[0].Port}";
            await using RunningTool serve = await RunningTool.StartServeAsync(directory, new Dictionary<string, string>(), "--port", "0", "--store", url + "/MAIL");

            await nats.Nodes[0].KillAsync();

            string lost = await serve.WaitForLogAsync(line => line.Contains("Lost the connection to NATS", StringComparison.Ordinal));
            Assert.EndsWith($" warn: SmtpGen.Cli.NatsConnectionLog[1] Lost the connection to NATS at {url}; reconnecting", lost, StringComparison.Ordinal);

            await nats.RestartAsync(0);

            string back = await serve.WaitForLogAsync(line => line.Contains("Connected to NATS", StringComparison.Ordinal));
            Assert.EndsWith($" info: SmtpGen.Cli.NatsConnectionLog[2] Connected to NATS at {url}", back, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_stream_that_cannot_be_reached_stops_the_start_with_one_line_that_names_it_and_exit_1()
    {
        int port = SmtpGen.Interop.Tests.Peers.Loopback.FreePort();
        var error = new StringWriter();

        int exitCode = await Commands.RunAsync(["serve", "--port", "0", "--store", $"nats://127.0.0.1:{port}/MAIL"], Stream.Null, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"smtpgen: cannot use the stream MAIL at nats://127.0.0.1:{port}: ", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }
}
