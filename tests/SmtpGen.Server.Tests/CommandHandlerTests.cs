using System.Net;
using System.Text;
using SmtpGen.Protocols.Tests.Xclient;

namespace SmtpGen.Server.Tests;

/// <summary>A definition that extends SMTP, served through a command handler: XCLIENT on SMTP's own commands.</summary>
public class CommandHandlerTests
{
    /// <summary>Postfix's XCLIENT in its simplest form: ADDR names the client; DENY stands for a proxy not trusted.</summary>
    private sealed class XclientCommands : SmtpCommandHandler<XclientProtocol.Grammar, XclientProtocol.Command>
    {
        protected override SmtpResponse Handle(scoped in XclientProtocol.Command command, SmtpCommandContext context)
        {
            if (command.Attributes.Contains("DENY"u8))
            {
                return SmtpResponse.Reply(550, "5.7.0", "Insufficient authorization");
            }

            if (command.Attributes.TryGetValue("ADDR"u8, out ReadOnlySpan<byte> address))
            {
                if (!IPAddress.TryParse(Encoding.ASCII.GetString(address), out IPAddress? ip))
                {
                    return SmtpResponse.Reply(501, "5.5.4", "Bad ADDR");
                }

                context.Session.RemoteEndPoint = new IPEndPoint(ip, 0);
            }

            return context.Restart();
        }
    }

    private static TestServer Start() => TestServer.Start(options => options.Commands = new XclientCommands());

    private static async Task<RawClient> HelloAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        Assert.Equal("220 mail.example.com Service ready", await client.ReadReplyAsync());
        Assert.StartsWith("250-mail.example.com Hello", await client.CommandAsync("EHLO proxy.example.com"));
        return client;
    }

    [Fact]
    public async Task Xclient_starts_the_session_over_and_names_the_client_it_relays_for()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("220 mail.example.com Service ready", await client.CommandAsync("XCLIENT ADDR=192.0.2.7 NAME=client.example.com"));
        Assert.Equal("503 Bad sequence of commands", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        await client.SendAsync("EHLO client.example.com\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        Assert.StartsWith("250-mail.example.com Hello client.example.com", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.0 OK", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.5 OK", await client.ReadReplyAsync());
        Assert.StartsWith("354 ", await client.ReadReplyAsync());
        Assert.Equal("250 2.0.0 OK: queued as 1", await client.CommandAsync("Hi\r\n."));

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), ((IPEndPoint)stored.Envelope.ClientEndPoint!).Address);
    }

    [Fact]
    public async Task Xclient_during_a_mail_transaction_is_a_bad_sequence()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("503 5.5.1 Bad sequence of commands", await client.CommandAsync("XCLIENT ADDR=192.0.2.7"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<b@example.com>"));
    }

    [Theory]
    [InlineData("XCLIENT")]
    [InlineData("XCLIENT =nothing")]
    public async Task A_malformed_xclient_gets_501(string line)
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("501 5.5.4 Syntax error in parameters or arguments", await client.CommandAsync(line));
    }

    [Fact]
    public async Task An_extension_command_past_its_own_limit_but_within_smtps_longest_gets_500_line_too_long()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        // SMTP reads up to MAIL's longest line (1180); XCLIENT's own limit is RFC 5321's 512.
        Assert.Equal("500 5.5.2 Syntax error, line too long", await client.CommandAsync("XCLIENT NAME=" + new string('n', 600)));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task A_refusal_from_the_handler_leaves_the_session_where_it_was()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("550 5.7.0 Insufficient authorization", await client.CommandAsync("XCLIENT DENY=yes"));
        Assert.Equal("501 5.5.4 Bad ADDR", await client.CommandAsync("XCLIENT ADDR=nowhere"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    [Fact]
    public async Task A_verb_neither_smtp_nor_the_extension_knows_is_still_500()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("500 5.5.1 Syntax error, command unrecognized", await client.CommandAsync("XYZZY"));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public async Task Without_the_handler_xclient_is_unknown()
    {
        await using TestServer server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("500 5.5.1 Syntax error, command unrecognized", await client.CommandAsync("XCLIENT ADDR=192.0.2.7"));
    }

    [Fact]
    public async Task A_handler_that_fails_or_answers_accept_gives_a_local_error_and_the_session_goes_on()
    {
        await using TestServer server = TestServer.Start(options => options.Commands = new AcceptingCommands());
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("XCLIENT ADDR=192.0.2.7"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    private sealed class AcceptingCommands : SmtpCommandHandler<XclientProtocol.Grammar, XclientProtocol.Command>
    {
        protected override SmtpResponse Handle(scoped in XclientProtocol.Command command, SmtpCommandContext context) => SmtpResponse.Accept;
    }
}
