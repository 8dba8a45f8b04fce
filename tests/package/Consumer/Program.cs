using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Consumer;
using SmtpGen;
using SmtpGen.Client;
using SmtpGen.Server;
using SmtpGen.Smtp;

// The user's own protocol, generated in this build from the package's generator.
Check(EchoProtocol.TryParseCommand("ECHO hello\r\n"u8, out EchoProtocol.Command echo) == CommandStatus.Ok
    && echo.Verb == EchoProtocol.Verb.Echo && Encoding.ASCII.GetString(echo.Text) == "hello"
    && EchoProtocol.Next(EchoProtocol.InitialState, EchoProtocol.Verb.Bye, 221) == EchoProtocol.State.Closed,
    "the generated ECHO parser reads its own command");

// The SMTP definition, generated when SmtpGen.Smtp was built.
var output = new ArrayBufferWriter<byte>();
SmtpProtocol.WriteMail(output, "alice@example.com"u8);
Check(SmtpProtocol.TryParseCommand(output.WrittenSpan, out SmtpProtocol.Command mail) == CommandStatus.Ok
    && Encoding.ASCII.GetString(mail.ReversePath) == "alice@example.com",
    "SmtpGen.Smtp reads back the MAIL it wrote");

// A side-car on SMTP's states, whose warnings #pragma silenced where they point.
Check(SideCarProtocol.TryParseCommand("PING\r\n"u8, out SideCarProtocol.Command ping) == CommandStatus.Ok
    && SideCarProtocol.IsAllowed(SmtpProtocol.State.Connected, ping.Verb), "the side-car on SMTP's states parses its command");

// XCLIENT, defined here on SMTP from the package's metadata, served by the packaged server through a handler.
var seen = new SeenClients();
var store = new MemoryMessageStore();
await using var server = new SmtpListener(
    new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.example.com", Commands = new XclientCommands([IPAddress.Loopback]) },
    store,
    seen);
server.Start();
int port = server.LocalEndPoint!.Port;

// The packaged client: EHLO announces XCLIENT, read into the extension's generated capabilities; XCLIENT is
// written by the extension's generated writer; after the server's 220 the client says hello again and sends.
await using (SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", port, new SmtpClientOptions { ClientDomain = "proxy.example.com" }))
{
    var capabilities = new XclientProtocol.Capabilities();
    foreach (string line in client.Capabilities.Lines)
    {
        capabilities.TryAdd(Encoding.ASCII.GetBytes(line));
    }

    Check(capabilities.Has(XclientProtocol.Extension.Xclient) && capabilities.Names == "NAME ADDR PORT"
        && capabilities.Has(XclientProtocol.Extension.Pipelining), "EHLO announces XCLIENT with its attributes, beside SMTP's extensions");

    SmtpReply restarted = await client.SendCommandAsync("XCLIENT", writer =>
    {
        EsmtpParameters.TryCreate("ADDR=192.0.2.7 PORT=4242 NAME=client+2Eexample.com"u8, out EsmtpParameters attributes);
        XclientProtocol.WriteXclient(writer, attributes);
    });
    Check(restarted.Code == 220 && restarted.Text == "mx.example.com Service ready", $"XCLIENT is answered with the greeting (got {restarted})");
    await client.HelloAsync();
    SmtpSendResult result = await client.SendAsync("alice@example.com", ["bob@example.com"], "Subject: relayed\r\n\r\nHi\r\n"u8.ToArray());
    Check(result.IsSent, "the message relayed after XCLIENT is sent");
    await client.QuitAsync();
}

StoredMessage stored = store.Messages.Single();
Check(stored.Envelope.ClientEndPoint is IPEndPoint { Port: 4242 } relayed && relayed.Address.Equals(IPAddress.Parse("192.0.2.7")),
    $"the envelope names the client XCLIENT named (got {stored.Envelope.ClientEndPoint})");
Check(seen.Name == "client.example.com", $"the policy sees XCLIENT's NAME, xtext-decoded (got {seen.Name})");
Check(Encoding.ASCII.GetString(stored.Data).StartsWith("Return-Path: <alice@example.com>\r\nReceived: from proxy.example.com ([192.0.2.7])\r\n", StringComparison.Ordinal),
    "the Received: header the server adds names the client XCLIENT named");

// Over a raw socket: the refusals XCLIENT's definition and the server's state machine give.
Check(await ConversationAsync(port, "XCLIENT ADDR=somewhere") == "501 5.5.4 Bad XCLIENT attribute", "an ADDR that is no address gets 501");
Check(await ConversationAsync(port, "XCLIENT FOO=1") == "501 5.5.4 Bad XCLIENT attribute", "an unknown attribute gets 501");
Check(await ConversationAsync(port, "XCLIENT") == "501 5.5.4 Syntax error in parameters or arguments", "XCLIENT without attributes gets 501");
Check(await ConversationAsync(port, "MAIL FROM:<a@example.com>", "XCLIENT ADDR=192.0.2.7") == "503 5.5.1 Bad sequence of commands", "XCLIENT in a mail transaction gets 503");
await using (var untrusting = new SmtpListener(
    new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.example.com", Commands = new XclientCommands([]) },
    new MemoryMessageStore()))
{
    untrusting.Start();
    Check(await ConversationAsync(untrusting.LocalEndPoint!.Port, "XCLIENT ADDR=192.0.2.7") == "550 5.7.0 Insufficient authorization", "a proxy not trusted gets 550");
}

Console.WriteLine("package consumer: ECHO, SMTP and XCLIENT (served and sent over sockets) from packages");
return 0;

static void Check(bool condition, string what)
{
    if (!condition)
    {
        Console.WriteLine($"package consumer: failed: {what}");
        Environment.Exit(1);
    }
}

// Greets, says EHLO, sends the lines and returns the reply to the last one.
static async Task<string> ConversationAsync(int port, params string[] lines)
{
    using var tcp = new TcpClient();
    await tcp.ConnectAsync(IPAddress.Loopback, port);
    using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    await ReplyAsync(reader, timeout.Token);
    string reply = "";
    foreach (string line in (string[])["EHLO proxy.example.com", .. lines])
    {
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), timeout.Token);
        reply = await ReplyAsync(reader, timeout.Token);
    }

    return reply;
}

static async Task<string> ReplyAsync(StreamReader reader, CancellationToken cancellationToken)
{
    string line;
    do
    {
        line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("the server closed the connection");
    }
    while (line.Length > 3 && line[3] == '-');

    return line;
}

/// <summary>A policy that notes the client name the session has when a recipient comes.</summary>
internal sealed class SeenClients : SmtpPolicy
{
    public string? Name { get; private set; }

    public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken)
    {
        Name = session.ClientName;
        return ValueTask.FromResult(SmtpResponse.Accept);
    }
}
