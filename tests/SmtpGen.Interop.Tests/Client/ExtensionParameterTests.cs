using System.Net;
using System.Text;
using CsCheck;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Server;
using SmtpGen.Smtp;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>
/// MAIL and RCPT parameters of extensions SMTP's definition does not have (RFC 6710's MT-PRIORITY, RFC 7293's RRVS),
/// sent after the client's own; refused before anything is sent when they are no parameters or SMTP's own.
/// </summary>
public class ExtensionParameterTests
{
    [Fact]
    public async Task The_callers_parameters_follow_the_clients_own_on_MAIL_and_on_each_RCPT_its_own()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING", "DSN", "MT-PRIORITY", "RRVS");
            await s.ExpectAsync("MAIL FROM:<alice@example.com> RET=HDRS MT-PRIORITY=-3");
            await s.ExpectAsync("RCPT TO:<bob@example.com> NOTIFY=NEVER RRVS=2014-04-03T23:01:00Z");
            await s.ExpectAsync("RCPT TO:<carol@example.org> NOTIFY=NEVER RRVS=2014-05-01T00:00:00Z");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "250 OK", "250 OK", "354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("250 OK");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        Assert.True(client.Capabilities.Supports("MT-PRIORITY"));

        SmtpSendResult result = await client.SendAsync(Alice, [Bob, Carol], WithDotLines, new SmtpSendOptions
        {
            DeliveryStatus = new DeliveryStatusOptions { Return = DsnReturn.Headers, Notify = DsnNotify.Never },
            MailParameters = "MT-PRIORITY=-3",
            // RFC 7293: the date since which the sender knows each recipient's mailbox to be its owner's.
            RecipientParameters = recipient => recipient == Bob ? "RRVS=2014-04-03T23:01:00Z" : "RRVS=2014-05-01T00:00:00Z",
        });

        Assert.True(result.IsSent);
        await client.DisposeAsync();
        await server.Completion;
    }

    [Fact]
    public async Task Parameters_alone_go_alone()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("MT-PRIORITY");
            await s.AcceptMessageAsync(Alice, Bob, "MT-PRIORITY=1");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        await client.SendAsync(Alice, [Bob], new MemoryStream(WithDotLines.ToArray()), new SmtpSendOptions { MailParameters = "MT-PRIORITY=1", RecipientParameters = _ => "" });
        await client.DisposeAsync();
        await server.Completion;
    }

    [Theory]
    [InlineData("SIZE=10", null, "SIZE, a parameter of SMTP's own")]
    [InlineData("body=8BITMIME", null, "body, a parameter of SMTP's own")]
    [InlineData("RET=FULL", null, "RET, a parameter of SMTP's own")]
    [InlineData(null, "NOTIFY=NEVER", "NOTIFY, a parameter of SMTP's own")]
    [InlineData(null, "ORCPT=rfc822;b@example.com", "ORCPT, a parameter of SMTP's own")]
    [InlineData(null, "SIZE=10", "SIZE, a parameter of SMTP's own")]
    [InlineData("NOTIFY=NEVER", null, "NOTIFY, a parameter of SMTP's own")]
    [InlineData("MT-PRIORITY=1 mt-priority=2", null, "holds mt-priority twice")]
    [InlineData("X-A=1 X-B=2 X-A", null, "holds X-A twice")]
    [InlineData("MT-PRIORITY=1\r\nRSET", null, "is not parameters")]
    [InlineData("MT-PRIORITY=1  X=2", null, "is not parameters")]
    [InlineData("=1", null, "is not parameters")]
    [InlineData(null, "RRVS=", "is not parameters")]
    public async Task Parameters_that_are_none_or_SMTPs_own_are_refused_before_anything_is_sent(string? mail, string? recipient, string reason)
    {
        ArgumentException refused = await ScriptedClient.RefusedBeforeAnythingIsSentAsync<ArgumentException>(
            [Bob], new SmtpSendOptions { MailParameters = mail, RecipientParameters = _ => recipient }, "PIPELINING", "SIZE", "8BITMIME", "DSN");

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal("options", refused.ParamName);
    }

    [Fact]
    public async Task A_recipients_parameters_that_cannot_go_are_refused_naming_the_recipient()
    {
        ArgumentException refused = await ScriptedClient.RefusedBeforeAnythingIsSentAsync<ArgumentException>(
            [Bob, Carol], new SmtpSendOptions { RecipientParameters = r => r == Carol ? "SIZE=1" : null }, "PIPELINING");

        Assert.StartsWith("RecipientParameters of carol@example.org holds SIZE, a parameter of SMTP's own", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_UTF8_cannot_carry_is_refused_not_replaced()
    {
        ArgumentException refused = await ScriptedClient.RefusedBeforeAnythingIsSentAsync<ArgumentException>(
            [Bob], new SmtpSendOptions { MailParameters = "X-NOTE=" + (char)0xD800 }, "SMTPUTF8");

        Assert.Equal("MailParameters is not text that UTF-8 can carry (a lone surrogate). (Parameter 'options')", refused.Message);
    }

    [Fact]
    public async Task A_value_beyond_ASCII_goes_with_SMTPUTF8_where_it_is_offered_and_nowhere_else()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("SMTPUTF8");
            await s.AcceptMessageAsync(Alice, Bob, "SMTPUTF8 X-NOTE=café");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        await client.SendAsync(Alice, [Bob], new System.Buffers.ReadOnlySequence<byte>(WithDotLines), new SmtpSendOptions { MailParameters = "X-NOTE=café" });
        await client.DisposeAsync();
        await server.Completion;

        await ScriptedClient.RefusedBeforeAnythingIsSentAsync<NotSupportedException>([Bob], new SmtpSendOptions { RecipientParameters = _ => "X-NOTE=café" }, "PIPELINING");
    }

    [Fact]
    public async Task A_message_that_needs_UTF8_asks_for_it_with_ASCII_addresses_where_it_is_offered_and_nowhere_else()
    {
        await ScriptedClient.SendExpectingMailParametersAsync(new SmtpSendOptions { SmtpUtf8 = true }, "SMTPUTF8", "SMTPUTF8");
        await ScriptedClient.RefusedBeforeAnythingIsSentAsync<NotSupportedException>([Bob], new SmtpSendOptions { SmtpUtf8 = true }, "8BITMIME");
    }

    [Fact]
    public async Task Parameters_that_make_a_line_too_long_are_refused_before_anything_is_sent()
    {
        ArgumentException refused = await ScriptedClient.RefusedBeforeAnythingIsSentAsync<ArgumentException>(
            [Bob], new SmtpSendOptions { RecipientParameters = _ => "X-LONG=" + new string('x', 1042 - "RCPT TO:<bob@example.com> X-LONG=\r\n".Length + 1) }, "PIPELINING");

        Assert.Equal("The parameters make the line RCPT TO:<bob@example.com> ... longer than SMTP allows (1042 octets with its CRLF). (Parameter 'options')", refused.Message);
    }

    [Fact]
    public async Task A_line_of_just_the_limit_goes_whole_and_our_server_reads_it_as_one_line()
    {
        await using var listener = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "smtpgen.test" }, new MemoryMessageStore());
        listener.Start();
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", listener.LocalEndPoint!.Port);

        SmtpSendResult result = await client.SendAsync(Alice, [Bob], WithDotLines, new SmtpSendOptions
        {
            RecipientParameters = _ => "X-LONG=" + new string('x', 1042 - "RCPT TO:<bob@example.com> X-LONG=\r\n".Length),
        });

        // The server knows no X-LONG (555), which it can say only of a line it read whole: a longer one is 500.
        Assert.Equal(555, Assert.Single(result.Recipients).Reply.Code);
    }

    /// <summary>Text near parameters: a valid one, then an octet of trouble put in, or SP-separated copies, or a cut.</summary>
    private static readonly Gen<string> NearParameters =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 40], Gen.OneOfConst('\r', '\n', '\0', '\t', ' ', '=', '+', 'é', '\u2028', 'x', '-', '\u007f'))
            .Select((mutation, at, octet) =>
            {
                var text = new StringBuilder("MT-PRIORITY=3 X-NOTE=a");
                int index = at % text.Length;
                switch (mutation)
                {
                    case 0: text[index] = octet; break;
                    case 1: text.Insert(index, octet); break;
                    case 2: text.Append(' ').Append("X-MORE=").Append(octet, at % 4); break;
                    default: text.Length = index; break;
                }

                return text.ToString();
            });

    [Fact]
    public async Task Whatever_the_text_the_parameters_go_on_MAIL_as_sent_or_not_at_all()
    {
        var received = new List<string>();
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("SMTPUTF8");
            while (await s.ReadLineAsync() is { } line)
            {
                // MAIL is refused, so nothing follows it but the client's next MAIL.
                received.Add(line);
                await s.ReplyAsync("550 5.7.1 Not now");
            }
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        var sent = new List<string>();
        await NearParameters.SampleAsync(
            async parameters =>
            {
                try
                {
                    await client.SendAsync(Alice, [Bob], WithDotLines, new SmtpSendOptions { MailParameters = parameters });
                }
                catch (ArgumentException)
                {
                    return;   // refused before anything was sent
                }
                catch (SmtpCommandException refused) when (refused.Reply.Code == 550)
                {
                    sent.Add(parameters);
                }
            },
            iter: 300,
            threads: 1);
        await client.DisposeAsync();
        await server.Completion;

        // Each sent text is one MAIL line, after SMTPUTF8 where it needs it, which SMTP's parser reads back whole; empty
        // text is no parameters.
        Assert.NotEmpty(sent);
        Assert.Equal(sent.Select(p => p.Length == 0 ? "MAIL FROM:<alice@example.com>" : $"MAIL FROM:<alice@example.com> {(Ascii.IsValid(p) ? "" : "SMTPUTF8 ")}{p}"), received);
        foreach (string line in received)
        {
            Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(Encoding.UTF8.GetBytes(line + "\r\n"), out SmtpProtocol.Command mail));
            Assert.Equal(SmtpProtocol.Verb.Mail, mail.Verb);
        }
    }
}
