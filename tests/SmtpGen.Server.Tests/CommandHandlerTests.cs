using System.Net;
using System.Text;
using SmtpGen.Protocols.Tests.Xclient;

namespace SmtpGen.Server.Tests;

/// <summary>A definition that extends SMTP, served through a command handler: XCLIENT on SMTP's own commands.</summary>
public class CommandHandlerTests
{
    /// <summary>
    /// Postfix's XCLIENT in its simplest form, values taken as sent: ADDR names the client, HELO and PROTO its hello,
    /// LOGIN the user it authenticated as; DENY stands for a proxy not trusted.
    /// </summary>
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

            string? helo = command.Attributes.TryGetValue("HELO"u8, out ReadOnlySpan<byte> name) ? Encoding.ASCII.GetString(name) : null;
            bool extended = command.Attributes.TryGetValue("PROTO"u8, out ReadOnlySpan<byte> protocol) && protocol.SequenceEqual("ESMTP"u8);
            string? login = command.Attributes.TryGetValue("LOGIN"u8, out ReadOnlySpan<byte> user) ? Encoding.ASCII.GetString(user) : null;
            return context.Restart(helo, extended, login);
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
    public async Task Xclient_with_helo_proto_and_login_restarts_as_that_client_which_may_send_at_once()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("220 mail.example.com Service ready", await client.CommandAsync("XCLIENT ADDR=192.0.2.7 HELO=client.example.com PROTO=ESMTP LOGIN=alice"));
        // The hello XCLIENT named was EHLO: MAIL may come at once, with parameters, and replies carry enhanced codes.
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com> SIZE=4"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<b@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.Equal("250 2.0.0 OK: queued as 1", await client.CommandAsync("Hi\r\n."));

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal("client.example.com", stored.Envelope.HeloName);
        Assert.Equal("alice", stored.Envelope.AuthenticatedUser);
        Assert.StartsWith(
            $"Return-Path: <a@example.com>\r\nReceived: from client.example.com ([192.0.2.7])\r\n\tby mail.example.com with ESMTPA id {stored.Id}\r\n",
            Encoding.ASCII.GetString(stored.Data),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xclient_with_proto_smtp_names_a_helo_and_a_later_hello_names_the_client_anew()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("220 mail.example.com Service ready", await client.CommandAsync("XCLIENT HELO=old.example.com PROTO=SMTP"));
        // After HELO a client knows of no extension: no parameters (§4.1.1.2), no enhanced codes (RFC 2034).
        Assert.StartsWith("555 ", await client.CommandAsync("MAIL FROM:<a@example.com> SIZE=4"));
        Assert.Equal("250 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("250 OK", await client.CommandAsync("RSET"));

        Assert.StartsWith("250-mail.example.com Hello new.example.com", await client.CommandAsync("EHLO new.example.com"));
        await client.SendAsync("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        Assert.Equal("250 2.1.0 OK", await client.ReadReplyAsync());
        Assert.Equal("250 2.1.5 OK", await client.ReadReplyAsync());
        Assert.StartsWith("354 ", await client.ReadReplyAsync());
        Assert.Equal("250 2.0.0 OK: queued as 1", await client.CommandAsync("Hi\r\n."));

        StoredMessage stored = Assert.Single(server.Memory.Messages);
        Assert.Equal("new.example.com", stored.Envelope.HeloName);
        Assert.Null(stored.Envelope.AuthenticatedUser);
    }

    [Fact]
    public async Task Xclient_login_counts_as_authentication_where_the_server_requires_it()
    {
        await using TestServer server = TestServer.Start(options =>
        {
            options.Commands = new XclientCommands();
            options.Authentication = new SmtpAuthenticationOptions { Users = new MemoryUserStore(), AllowInsecureAuth = true, Required = true };
        });
        await using RawClient client = await HelloAsync(server);
        Assert.StartsWith("530 ", await client.CommandAsync("MAIL FROM:<a@example.com>"));

        Assert.Equal("220 mail.example.com Service ready", await client.CommandAsync("XCLIENT HELO=client.example.com PROTO=ESMTP LOGIN=alice"));
        Assert.StartsWith("503 ", await client.CommandAsync("AUTH PLAIN AGFsaWNlAHNlY3JldA=="));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));

        // A restart without LOGIN forgets the authentication, as it forgets the hello.
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("RSET"));
        Assert.Equal("220 mail.example.com Service ready", await client.CommandAsync("XCLIENT HELO=client.example.com PROTO=ESMTP"));
        Assert.StartsWith("530 ", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    [Fact]
    public async Task A_restart_with_a_helo_that_names_no_domain_is_a_local_error_and_the_session_stays_as_it_was()
    {
        await using TestServer server = Start();
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("XCLIENT HELO=[nowhere LOGIN=alice"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
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

    [Theory]
    [InlineData("221", "221 2.0.0 Bye")]
    [InlineData("421", "421 4.3.2 Going away")]
    public async Task A_handlers_221_or_421_ends_the_session_as_it_says(string code, string reply)
    {
        await using TestServer server = TestServer.Start(options => options.Commands = new ClosingCommands());
        await using RawClient client = await HelloAsync(server);

        await client.SendAsync("XCLIENT NAME=" + code + "\r\nNOOP\r\n");
        Assert.Equal(reply, await client.ReadReplyAsync());
        Assert.True(await client.IsClosedAsync());
    }

    /// <summary>Answers XCLIENT NAME=221 with 221 and NAME=421 with 421: a verb of one's own that ends the session.</summary>
    private sealed class ClosingCommands : SmtpCommandHandler<XclientProtocol.Grammar, XclientProtocol.Command>
    {
        protected override SmtpResponse Handle(scoped in XclientProtocol.Command command, SmtpCommandContext context) =>
            command.Attributes.TryGetValue("NAME"u8, out ReadOnlySpan<byte> name) && name.SequenceEqual("221"u8)
                ? SmtpResponse.Reply(221, "2.0.0", "Bye")
                : SmtpResponse.Reply(421, "4.3.2", "Going away");
    }

    private sealed class AcceptingCommands : SmtpCommandHandler<XclientProtocol.Grammar, XclientProtocol.Command>
    {
        protected override SmtpResponse Handle(scoped in XclientProtocol.Command command, SmtpCommandContext context) => SmtpResponse.Accept;
    }
}
