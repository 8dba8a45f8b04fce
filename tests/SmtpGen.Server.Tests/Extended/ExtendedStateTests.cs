namespace SmtpGen.Server.Tests.Extended;

/// <summary>A served extension's state machine decides for SMTP's commands too, and a restart puts the session back at its start.</summary>
public class ExtendedStateTests
{
    private sealed class AuthxCommands : SmtpCommandHandler<AuthxProtocol.Grammar, AuthxProtocol.Command>
    {
        protected override SmtpResponse Handle(scoped in AuthxProtocol.Command command, SmtpCommandContext context) =>
            SmtpResponse.Reply(235, "2.7.0", "Authentication successful");
    }

    private sealed class RestartCommands(bool failAfterwards) : SmtpCommandHandler<RestartProtocol.Grammar, RestartProtocol.Command>
    {
        protected override SmtpResponse Handle(scoped in RestartProtocol.Command command, SmtpCommandContext context)
        {
            SmtpResponse greeting = context.Restart();
            return failAfterwards ? throw new InvalidOperationException("after the restart") : greeting;
        }
    }

    private sealed class MailxCommands : SmtpCommandHandler<MailxProtocol.Grammar, MailxProtocol.Command>
    {
        protected override SmtpResponse Handle(scoped in MailxProtocol.Command command, SmtpCommandContext context) =>
            SmtpResponse.Reply(250, "2.1.0", "OK");
    }

    private static async Task<RawClient> HelloAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        Assert.StartsWith("250-", await client.CommandAsync("EHLO client.example.com"));
        return client;
    }

    [Fact]
    public void The_states_of_an_extension_are_counted_from_smtps()
    {
        Assert.Equal((int)AuthxProtocol.State.Closed + 1, (int)AuthxProtocol.State.Authenticated);
        Assert.True(AuthxProtocol.IsAllowed(AuthxProtocol.State.Authenticated, AuthxProtocol.Verb.Quit));
        Assert.False(AuthxProtocol.IsAllowed(AuthxProtocol.State.Authenticated, AuthxProtocol.Verb.Mail));
    }

    [Fact]
    public async Task In_a_state_the_extension_adds_smtps_commands_go_by_the_extensions_machine()
    {
        await using TestServer server = TestServer.Start(options => options.Commands = new AuthxCommands());
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("235 2.7.0 Authentication successful", await client.CommandAsync("AUTHX PLAIN"));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("NOOP"));
        Assert.Equal("503 5.5.1 Bad sequence of commands", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.StartsWith("250-", await client.CommandAsync("EHLO client.example.com"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<a@example.com>"));
        Assert.Equal("503 5.5.1 Bad sequence of commands", await client.CommandAsync("AUTHX PLAIN"));
        Assert.Equal("221 2.0.0 Bye", await client.CommandAsync("QUIT"));
    }

    [Fact]
    public async Task A_restart_puts_the_session_back_before_hello_whatever_the_extension_says_of_its_reply()
    {
        await using TestServer server = TestServer.Start(options => options.Commands = new RestartCommands(failAfterwards: false));
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("220 mail.example.com Service ready", await client.CommandAsync("XRESTART"));
        Assert.Equal("503 Bad sequence of commands", await client.CommandAsync("MAIL FROM:<a@example.com>"));
    }

    [Fact]
    public async Task A_handler_that_fails_after_the_server_answered_for_it_adds_no_second_reply()
    {
        await using TestServer server = TestServer.Start(options => options.Commands = new RestartCommands(failAfterwards: true));
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("220 mail.example.com Service ready", await client.CommandAsync("XRESTART"));
        Assert.Equal("250 OK", await client.CommandAsync("NOOP"));
    }

    [Fact]
    public void An_extension_that_replaces_mail_cannot_be_served()
    {
        NotSupportedException refused = Assert.Throws<NotSupportedException>(() => new MailxCommands());
        Assert.Contains("MAIL, RCPT or DATA", refused.Message, StringComparison.Ordinal);
    }
}
