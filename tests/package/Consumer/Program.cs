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

    Check(capabilities.Has(XclientProtocol.Extension.Xclient) && capabilities.Names == "NAME ADDR PORT HELO PROTO LOGIN"
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

// Over a raw socket, as a proxy that passes on its client's hello and login: HELO and PROTO=ESMTP stand for the
// client's EHLO, so MAIL comes at once; LOGIN makes the session authenticated. The envelope and the Received: header
// say so.
string[] replies = await ConversationAsync(port,
    "XCLIENT ADDR=192.0.2.8 NAME=[UNAVAILABLE] HELO=client+2Eexample.org PROTO=ESMTP LOGIN=carol+40example.org",
    "MAIL FROM:<carol@example.org> SIZE=50",
    "RCPT TO:<dave@example.com>",
    "DATA",
    "Subject: via a proxy\r\n\r\nHi\r\n.",
    "QUIT");
Check(replies[..3].SequenceEqual(["220 mx.example.com Service ready", "250 2.1.0 OK", "250 2.1.5 OK"])
        && replies[3].StartsWith("354 ", StringComparison.Ordinal) && replies[4].StartsWith("250 ", StringComparison.Ordinal),
    $"after XCLIENT with HELO, PROTO and LOGIN, MAIL comes at once (got {string.Join(" | ", replies)})");
StoredMessage proxied = store.Messages.Last();
Check(proxied.Envelope.HeloName == "client.example.org", $"the envelope names the hello XCLIENT's HELO gave, xtext-decoded (got {proxied.Envelope.HeloName})");
Check(proxied.Envelope.AuthenticatedUser == "carol@example.org", $"the envelope names the user XCLIENT's LOGIN gave (got {proxied.Envelope.AuthenticatedUser})");
Check(Encoding.ASCII.GetString(proxied.Data).StartsWith(
        $"Return-Path: <carol@example.org>\r\nReceived: from client.example.org ([192.0.2.8])\r\n\tby mx.example.com with ESMTPA id {proxied.Id}\r\n", StringComparison.Ordinal),
    "the Received: header names XCLIENT's HELO and says ESMTPA for its LOGIN");
Check(await LastReplyAsync(port, "XCLIENT HELO=[UNAVAILABLE]", "MAIL FROM:<a@example.com>") == "503 Bad sequence of commands",
    "after XCLIENT HELO=[UNAVAILABLE] the client is to say hello itself");
Check(await LastReplyAsync(port, "XCLIENT HELO=client.example.org PROTO=SMTP", "MAIL FROM:<a@example.com> SIZE=50") == "555 SIZE parameter not recognized or not implemented",
    "after XCLIENT with PROTO=SMTP the client counts as having said HELO, which takes no parameters");

// Over a raw socket: the refusals XCLIENT's definition and the server's state machine give.
Check(await LastReplyAsync(port, "XCLIENT ADDR=somewhere") == "501 5.5.4 Bad XCLIENT attribute", "an ADDR that is no address gets 501");
Check(await LastReplyAsync(port, "XCLIENT FOO=1") == "501 5.5.4 Bad XCLIENT attribute", "an unknown attribute gets 501");
Check(await LastReplyAsync(port, "XCLIENT PROTO=LMTP") == "501 5.5.4 Bad XCLIENT attribute", "a PROTO neither SMTP nor ESMTP gets 501");
Check(await LastReplyAsync(port, "XCLIENT HELO=no+20name") == "501 5.5.4 Bad XCLIENT attribute", "a HELO that is no domain gets 501");
Check(await LastReplyAsync(port, "XCLIENT LOGIN=bad+0D+0Aname") == "501 5.5.4 Bad XCLIENT attribute", "a LOGIN with a line break gets 501");
Check(await LastReplyAsync(port, "XCLIENT") == "501 5.5.4 Syntax error in parameters or arguments", "XCLIENT without attributes gets 501");
Check(await LastReplyAsync(port, "MAIL FROM:<a@example.com>", "XCLIENT ADDR=192.0.2.7") == "503 5.5.1 Bad sequence of commands", "XCLIENT in a mail transaction gets 503");
await using (var untrusting = new SmtpListener(
    new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.example.com", Commands = new XclientCommands([]) },
    new MemoryMessageStore()))
{
    untrusting.Start();
    Check(await LastReplyAsync(untrusting.LocalEndPoint!.Port, "XCLIENT ADDR=192.0.2.7") == "550 5.7.0 Insufficient authorization", "a proxy not trusted gets 550");
}

// MT-PRIORITY, a MAIL parameter defined here on SMTP: sent by the packaged client after its own SIZE, read by the
// handler and kept with the envelope; SIZE on the same line is read by the server as always.
var prioritized = new MemoryMessageStore();
await using (var priorities = new SmtpListener(
    new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "mx.example.com", Commands = new PriorityCommands() },
    prioritized))
{
    priorities.Start();
    int priorityPort = priorities.LocalEndPoint!.Port;
    await using (SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", priorityPort, new SmtpClientOptions { ClientDomain = "client.example.com" }))
    {
        Check(client.Capabilities.Supports("MT-PRIORITY") && client.Capabilities.Size && client.Capabilities.Pipelining,
            $"EHLO announces MT-PRIORITY beside SMTP's extensions (got {string.Join(", ", client.Capabilities.Keywords)})");
        // The parameters written by the extension's generated writer, as the guide shows.
        Span<byte> buffer = stackalloc byte[64];
        int length = PriorityProtocol.FormatMailParameters(buffer, new PriorityProtocol.MailParameters { Priority = "-3"u8 });
        SmtpSendResult urgent = await client.SendAsync("alice@example.com", ["bob@example.com"], "Subject: urgent\r\n\r\nHi\r\n"u8.ToArray(),
            new SmtpSendOptions { MailParameters = Encoding.UTF8.GetString(buffer[..length]) });
        Check(urgent.IsSent, "the packaged client sends MAIL with MT-PRIORITY after its own parameters, and the message is taken");
        await client.QuitAsync();
    }

    Check(prioritized.Messages.Single().Envelope.ExtensionParameters.SequenceEqual([new EnvelopeParameter(null, "MT-PRIORITY", "-3")]),
        "the envelope keeps the MT-PRIORITY the handler took");
    Check(await LastReplyAsync(priorityPort, "MAIL FROM:<alice@example.com> MT-PRIORITY=10") == "501 5.5.4 Syntax error in parameters or arguments",
        "a priority out of -9..9 gets 501");
    Check(await LastReplyAsync(priorityPort, "MAIL FROM:<alice@example.com> XFOO=1") == "555 5.5.4 MAIL FROM/RCPT TO parameters not recognized or not implemented",
        "a parameter neither SMTP nor the extension knows gets 555");
}

Console.WriteLine("package consumer: ECHO, SMTP, XCLIENT (NAME, ADDR, PORT, HELO, PROTO, LOGIN; served and sent over sockets) and MT-PRIORITY (served and sent) from packages");
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
static async Task<string> LastReplyAsync(int port, params string[] lines) => (await ConversationAsync(port, lines))[^1];

// Greets, says EHLO, sends the lines one at a time and returns the reply to each (the last line of each reply).
static async Task<string[]> ConversationAsync(int port, params string[] lines)
{
    using var tcp = new TcpClient();
    await tcp.ConnectAsync(IPAddress.Loopback, port);
    using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    await ReplyAsync(reader, timeout.Token);
    await tcp.GetStream().WriteAsync("EHLO proxy.example.com\r\n"u8.ToArray(), timeout.Token);
    await ReplyAsync(reader, timeout.Token);
    var replies = new List<string>();
    foreach (string line in lines)
    {
        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), timeout.Token);
        replies.Add(await ReplyAsync(reader, timeout.Token));
    }

    return [.. replies];
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
