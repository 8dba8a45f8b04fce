using System.Net;
using SmtpGen.Client;
using SmtpGen.Interop.Tests.Scripted;
using SmtpGen.Server;
using static SmtpGen.Interop.Tests.Messages;

namespace SmtpGen.Interop.Tests.Client;

/// <summary>The client's DSN requests (RFC 3461): sent where the server offers DSN, left out where it does not.</summary>
public class DsnTests
{
    private static readonly SmtpSendOptions Requests = new()
    {
        DeliveryStatus = new DeliveryStatusOptions
        {
            Return = DsnReturn.Headers,
            EnvelopeId = "QQ+314159",
            Notify = DsnNotify.Success | DsnNotify.Failure,
            OriginalRecipients = true,
        },
    };

    [Fact]
    public async Task Our_server_keeps_the_requests_the_client_sends()
    {
        var store = new MemoryMessageStore();
        await using var listener = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "smtpgen.test" }, store);
        listener.Start();
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", listener.LocalEndPoint!.Port);
        await client.SendAsync(Alice, [Bob, Carol], WithDotLines, Requests);
        await client.QuitAsync();

        DeliveryStatusRequest dsn = store.Messages.Single().Envelope.DeliveryStatus!;
        Assert.Equal(("HDRS", "QQ+314159"), (dsn.Return, dsn.EnvelopeId));
        Assert.Equal(
            [new RecipientNotification(Bob, "SUCCESS,FAILURE", "rfc822;" + Bob), new RecipientNotification(Carol, "SUCCESS,FAILURE", "rfc822;" + Carol)],
            dsn.Recipients);
    }

    [Fact]
    public async Task A_UTF8_recipient_goes_as_ORCPTs_utf8_type_in_ASCII_and_our_server_keeps_it_so()
    {
        // RFC 6533 §3: an rfc822 address is ASCII; a UTF-8 one is "utf-8;" and utf-8-addr-xtext, whose \x{HEX} escapes
        // are a character's code point ('+' and '=' too).
        var store = new MemoryMessageStore();
        await using var listener = new SmtpListener(new SmtpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), ServerName = "smtpgen.test" }, store);
        listener.Start();
        var transcript = new StringWriter { NewLine = "\n" };
        await using SmtpClient client = await SmtpClient.ConnectAsync("127.0.0.1", listener.LocalEndPoint!.Port, new SmtpClientOptions { Transcript = new TextWriterTranscript(transcript) });
        await client.SendAsync(Alice, ["bøb+1@exämple.com", "😀=x@example.com"], WithDotLines, Requests);
        await client.QuitAsync();

        Assert.Contains("C: RCPT TO:<bøb+1@exämple.com> NOTIFY=SUCCESS,FAILURE ORCPT=utf-8;b\\x{F8}b\\x{2B}1@ex\\x{E4}mple.com\n", transcript.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            ["utf-8;b\\x{F8}b\\x{2B}1@ex\\x{E4}mple.com", "utf-8;\\x{1F600}\\x{3D}x@example.com"],
            store.Messages.Single().Envelope.DeliveryStatus!.Recipients.Select(r => r.OriginalRecipient));
    }

    [Fact]
    public async Task No_options_at_all_send_plain_mail_and_rcpt()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("DSN");
            await s.AcceptMessageAsync(Alice, Bob);
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);

        Assert.True((await client.SendAsync(Alice, [Bob], WithDotLines, options: null)).IsSent);
        await server.Completion;
    }

    [Fact]
    public async Task A_server_without_dsn_gets_plain_mail_and_rcpt()
    {
        await using var server = ScriptedServer.Start(async s =>
        {
            await s.GreetAsync("PIPELINING");
            await s.ExpectAsync("MAIL FROM:<alice@example.com>");
            await s.ExpectAsync("RCPT TO:<bob@example.com>");
            await s.ExpectAsync("DATA");
            await s.ReplyAsync("250 OK", "250 OK", "354 go ahead");
            await s.ReadDataAsync();
            await s.ReplyAsync("250 OK");
            await s.WaitForCloseAsync();
        });
        await using SmtpClient client = await ScriptedClient.ConnectAsync(server);
        await client.SendAsync(Alice, [Bob], WithDotLines, Requests);
        await client.DisposeAsync();
        await server.Completion;
    }

    [Theory]
    [InlineData(DsnNotify.Never | DsnNotify.Delay, null, "DeliveryStatus.Notify: NEVER goes with no other value (RFC 3461 §4.1).", true)]
    [InlineData(DsnNotify.Never | DsnNotify.Delay, null, "DeliveryStatus.Notify: NEVER goes with no other value (RFC 3461 §4.1).", false)]
    [InlineData(DsnNotify.None, "two words", "DeliveryStatus.EnvelopeId (ENVID) is printable US-ASCII of at most 100 characters as xtext (RFC 3461 §4.4).", true)]
    [InlineData(DsnNotify.None, "++++++++++++++++++++++++++++++++++", "DeliveryStatus.EnvelopeId (ENVID) is printable US-ASCII of at most 100 characters as xtext (RFC 3461 §4.4).", false)]
    public async Task Never_with_another_value_or_a_bad_envelope_id_is_refused_naming_the_options_before_anything_is_sent(DsnNotify notify, string? envelopeId, string refusal, bool serverOffersDsn)
    {
        // 34 '+' are 102 characters as xtext (+2B each): two over ENVID's 100. A request RFC 3461 does not allow is the
        // caller's mistake whether or not this server would have been asked.
        await using var server = ScriptedServer.Start(async s =>
        {
            await (serverOffersDsn ? s.GreetAsync("DSN") : s.GreetAsync());
            Assert.Null(await s.ReadLineAsync());
        });
        SmtpClient client = await ScriptedClient.ConnectAsync(server);
        var options = new SmtpSendOptions { DeliveryStatus = new DeliveryStatusOptions { Notify = notify, EnvelopeId = envelopeId } };

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(Alice, [Bob], WithDotLines, options));

        Assert.Equal((refusal + " (Parameter 'options')", "options"), (refused.Message, refused.ParamName));
        await client.DisposeAsync();
        await server.Completion;
    }
}
