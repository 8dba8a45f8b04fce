using System.Text.Json;
using SmtpGen.Server.Tests.Extended;
using SmtpGen.Smtp;

namespace SmtpGen.Server.Tests;

/// <summary>
/// MAIL and RCPT parameters of a definition that extends SMTP (RFC 6710's MT-PRIORITY, RFC 7293's RRVS), read by
/// the command handler beside SMTP's own and kept with the envelope.
/// </summary>
public sealed class ExtensionParameterTests : IDisposable
{
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtpgen-parameters-").FullName;

    public void Dispose() => Directory.Delete(_maildir, recursive: true);

    /// <summary>Refuses one recipient, to show that what its RCPT carried is not kept.</summary>
    private sealed class RefuseNobody : SmtpPolicy
    {
        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forwardPath.StartsWith("nobody@", StringComparison.Ordinal) ? SmtpResponse.Refuse(550, "5.1.1", "No such user here") : SmtpResponse.Accept);
    }

    /// <summary>
    /// Decides by the parameters the handler took: RFC 7293's RRVS for a mailbox that changed owner (carol's, on
    /// 2020-01-01), and notes what the sender's hook saw.
    /// </summary>
    private sealed class OwnerChangePolicy : SmtpPolicy
    {
        private static readonly DateTimeOffset CarolsMailboxSince = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public List<EnvelopeParameter> SenderSaw { get; } = [];

        public List<int> RecipientSaw { get; } = [];

        public override ValueTask<SmtpResponse> AcceptSenderAsync(SmtpSessionInfo session, string reversePath, IReadOnlyList<EnvelopeParameter> extensionParameters, CancellationToken cancellationToken)
        {
            SenderSaw.AddRange(extensionParameters);
            return ValueTask.FromResult(SmtpResponse.Accept);
        }

        public override ValueTask<SmtpResponse> AcceptRecipientAsync(SmtpSessionInfo session, string reversePath, string forwardPath, IReadOnlyList<EnvelopeParameter> extensionParameters, CancellationToken cancellationToken)
        {
            RecipientSaw.Add(extensionParameters.Count);
            // RFC 7293 §3.1: a sender who knew the mailbox before its owner changed knew someone else: 550 5.7.17.
            bool ownerChanged = forwardPath == "carol@example.com" && extensionParameters is [{ Keyword: "RRVS", Value: { } since }]
                && DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture) < CarolsMailboxSince;
            return ValueTask.FromResult(ownerChanged ? SmtpResponse.Refuse(550, "5.7.17", "Mailbox owner has changed") : SmtpResponse.Accept);
        }
    }

    private static async Task<RawClient> HelloAsync(TestServer server)
    {
        RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        await client.CommandAsync("EHLO client.example.com");
        return client;
    }

    [Fact]
    public async Task The_handler_announces_its_extensions_and_the_parameters_it_takes_go_into_the_envelope_and_its_json()
    {
        var handler = new PriorityCommands();
        await using var server = TestServer.Start(options => options.Commands = handler, store: new MaildirMessageStore(_maildir));
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();
        string hello = await client.CommandAsync("EHLO client.example.com");
        // SMTP's lines as the server formats them without a handler, then the handler's.
        Assert.Contains("\n250-PIPELINING\n", hello, StringComparison.Ordinal);
        Assert.EndsWith("\n250-MT-PRIORITY\n250 RRVS", hello, StringComparison.Ordinal);

        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com> SIZE=100 MT-PRIORITY=-3 RET=HDRS"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<bob@example.com> RRVS=2014-04-03T23:01:00Z NOTIFY=NEVER"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<carol@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));

        // The handler saw only what SMTP does not take; SMTP read its own, as the envelope's DSN requests show.
        Assert.Equal(["Mail MT-PRIORITY=-3", "Rcpt RRVS=2014-04-03T23:01:00Z"], handler.Asked);
        using JsonDocument json = JsonDocument.Parse(await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(Path.Combine(_maildir, "envelope")))));
        Assert.Equal("HDRS", json.RootElement.GetProperty("dsn").GetProperty("ret").GetString());
        Assert.Equal("NEVER", json.RootElement.GetProperty("dsn").GetProperty("rcptTo")[0].GetProperty("notify").GetString());
        JsonElement[] parameters = [.. json.RootElement.GetProperty("parameters").EnumerateArray()];
        Assert.Equal(2, parameters.Length);
        Assert.False(parameters[0].TryGetProperty("to", out _));
        Assert.Equal(("MT-PRIORITY", "-3"), (parameters[0].GetProperty("keyword").GetString(), parameters[0].GetProperty("value").GetString()));
        Assert.Equal(("bob@example.com", "RRVS", "2014-04-03T23:01:00Z"),
            (parameters[1].GetProperty("to").GetString(), parameters[1].GetProperty("keyword").GetString(), parameters[1].GetProperty("value").GetString()));
    }

    [Theory]
    [InlineData(false, "250-mail.example.com Hello client.example.com|250-PIPELINING|250-MT-PRIORITY|250 RRVS")]
    [InlineData(true, "250-mail.example.com Hello client.example.com|250-MT-PRIORITY|250 RRVS")]
    public async Task The_added_lines_follow_SMTPs_last_line_or_stand_alone(bool noneOfSmtps, string reply)
    {
        await using var server = TestServer.Start(options =>
        {
            options.Commands = new PriorityCommands();
            options.Extensions = noneOfSmtps ? SmtpProtocol.Extensions.None : SmtpProtocol.Extensions.None.With(SmtpProtocol.Extension.Pipelining);
        });
        await using RawClient client = await server.ConnectAsync();
        await client.ReadReplyAsync();

        Assert.Equal(reply.Replace('|', '\n'), await client.CommandAsync("EHLO client.example.com"));
    }

    [Fact]
    public async Task Parameters_of_a_refused_command_or_an_ended_transaction_are_not_kept()
    {
        await using var server = TestServer.Start(options => options.Commands = new PriorityCommands(), policy: new RefuseNobody());
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com> MT-PRIORITY=1"));
        Assert.Equal("250 2.0.0 OK", await client.CommandAsync("RSET"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com> MT-PRIORITY=2"));
        Assert.Equal("550 5.1.1 No such user here", await client.CommandAsync("RCPT TO:<nobody@example.com> RRVS=2014-04-03T23:01:00Z"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi again\r\n."));

        Assert.Equal(
            [[new EnvelopeParameter(null, "MT-PRIORITY", "2")], []],
            server.Memory.Messages.Select(m => m.Envelope.ExtensionParameters.ToArray()).ToArray());
    }

    [Fact]
    public async Task The_policy_sees_the_parameters_the_handler_took_keywords_in_upper_case_and_may_refuse_by_them()
    {
        var policy = new OwnerChangePolicy();
        await using var server = TestServer.Start(options => options.Commands = new PriorityCommands(), policy: policy);
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com> mt-priority=3 SIZE=10"));
        Assert.Equal("550 5.7.17 Mailbox owner has changed", await client.CommandAsync("RCPT TO:<carol@example.com> RRVS=2014-04-03T23:01:00Z"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<carol@example.com> Rrvs=2021-06-01T00:00:00Z"));
        Assert.Equal("250 2.1.5 OK", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.StartsWith("354 ", await client.CommandAsync("DATA"));
        Assert.StartsWith("250 ", await client.CommandAsync("Hi\r\n."));

        Assert.Equal([new EnvelopeParameter(null, "MT-PRIORITY", "3")], policy.SenderSaw);
        Assert.Equal([1, 1, 0], policy.RecipientSaw);
        Assert.Equal(
            [new EnvelopeParameter(null, "MT-PRIORITY", "3"), new EnvelopeParameter("carol@example.com", "RRVS", "2021-06-01T00:00:00Z")],
            server.Memory.Messages.Single().Envelope.ExtensionParameters);
    }

    [Theory]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=12", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=1 mt-priority=2", "501 5.5.4 Syntax error in parameters or arguments")]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=1 XFOO=1", "555 5.5.4 MAIL FROM/RCPT TO parameters not recognized or not implemented")]
    [InlineData("MAIL FROM:<alice@example.com> RRVS=2014-04-03T23:01:00Z", "555 5.5.4 MAIL FROM/RCPT TO parameters not recognized or not implemented")]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=1 SIZE=x", "501 5.5.4 SIZE parameter malformed")]
    // SMTP's refusal names its parameter before the handler's refusal of its own, which cannot.
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=12 SIZE=x", "501 5.5.4 SIZE parameter malformed")]
    // Nothing left for the handler (every parameter SMTP's): SMTP answers alone.
    [InlineData("MAIL FROM:<alice@example.com> SIZE=x", "501 5.5.4 SIZE parameter malformed")]
    [InlineData("MAIL FROM:<alice@example.com> RET=SOMETIMES", "501 5.5.4 RET parameter malformed")]
    [InlineData("MAIL FROM:<alice@example.com> SIZE=1 MT-PRIORITY=1 SIZE=2", "501 5.5.4 SIZE parameter given twice")]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=1 SIZE=999999999999", "552 5.3.4 Message size exceeds fixed maximum message size")]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=1 XTHROW", "451 4.3.0 Requested action aborted: local error in processing")]
    [InlineData("MAIL FROM:<alice@example.com> MT-PRIORITY=1 XODD", "451 4.3.0 Requested action aborted: local error in processing")]
    public async Task Parameters_that_cannot_be_taken_get_their_reply_and_the_session_goes_on(string line, string reply)
    {
        await using var server = TestServer.Start(options => options.Commands = new PriorityCommands());
        await using RawClient client = await HelloAsync(server);

        Assert.Equal(reply, await client.CommandAsync(line));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com>"));
    }

    [Fact]
    public async Task A_parameter_of_an_extension_not_offered_is_named_as_SMTPs_to_refuse_with_a_handler_too()
    {
        await using var server = TestServer.Start(options =>
        {
            options.Commands = new PriorityCommands();
            options.Extensions = SmtpProtocol.Extensions.All.Without(SmtpProtocol.Extension.SmtpUtf8);
        });
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("555 5.5.4 SMTPUTF8 parameter not recognized or not implemented", await client.CommandAsync("MAIL FROM:<alice@example.com> SMTPUTF8"));
        Assert.Equal("555 5.5.4 SMTPUTF8 parameter not recognized or not implemented", await client.CommandAsync("MAIL FROM:<alice@example.com> MT-PRIORITY=1 SMTPUTF8"));
    }

    [Fact]
    public async Task A_handler_that_answers_while_reading_parameters_fails_with_451_and_the_session_stays_as_it_was()
    {
        await using var server = TestServer.Start(options => options.Commands = new PriorityCommands());
        await using RawClient client = await HelloAsync(server);

        Assert.Equal("451 4.3.0 Requested action aborted: local error in processing", await client.CommandAsync("MAIL FROM:<alice@example.com> XRESTART"));
        // No restart: the client's EHLO still holds (enhanced codes, parameters), and no transaction is open.
        Assert.Equal("503 5.5.1 Bad sequence of commands", await client.CommandAsync("RCPT TO:<bob@example.com>"));
        Assert.Equal("250 2.1.0 OK", await client.CommandAsync("MAIL FROM:<alice@example.com> MT-PRIORITY=1"));
    }

    [Fact]
    public async Task A_parameter_of_an_SMTP_extension_the_server_does_not_offer_is_refused_by_the_server_not_given_to_the_handler()
    {
        var handler = new PriorityCommands();
        await using var server = TestServer.Start(options =>
        {
            options.Commands = handler;
            options.Extensions = options.Extensions.Without(SmtpProtocol.Extension.Dsn);
        });
        await using RawClient client = await HelloAsync(server);

        Assert.StartsWith("555 ", await client.CommandAsync("MAIL FROM:<alice@example.com> RET=HDRS MT-PRIORITY=1"));
        Assert.Equal(["Mail MT-PRIORITY=1"], handler.Asked);
    }

    [Fact]
    public async Task Without_a_handler_the_parameters_are_unknown_as_before()
    {
        await using var server = TestServer.Start();
        await using RawClient client = await HelloAsync(server);

        Assert.StartsWith("555 ", await client.CommandAsync("MAIL FROM:<alice@example.com> MT-PRIORITY=1"));
    }
}
