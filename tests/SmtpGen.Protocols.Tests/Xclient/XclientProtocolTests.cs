using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests.Xclient;

/// <summary>XCLIENT defined in this assembly on SMTP read from another one's metadata.</summary>
public class XclientProtocolTests
{
    [Fact]
    public void Xclient_is_parsed_with_its_attributes()
    {
        byte[] line = Lines.Crlf("XCLIENT ADDR=192.0.2.10 NAME=client.example.com HELO=[UNAVAILABLE]");

        Assert.Equal(CommandStatus.Ok, XclientProtocol.TryParseCommand(line, out XclientProtocol.Command command));
        Assert.Equal(XclientProtocol.Verb.Xclient, command.Verb);
        Assert.True(command.Attributes.TryGetValue("ADDR"u8, out ReadOnlySpan<byte> address));
        Assert.Equal("192.0.2.10", Lines.Text(address));
        Assert.True(command.Attributes.TryGetValue("name"u8, out ReadOnlySpan<byte> name));
        Assert.Equal("client.example.com", Lines.Text(name));
        Assert.True(command.Attributes.Contains("HELO"u8));
    }

    [Theory]
    [InlineData("XCLIENT")]
    [InlineData("XCLIENT ")]
    [InlineData("XCLIENT =x")]
    public void A_malformed_xclient_is_a_syntax_error(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, XclientProtocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Fact]
    public void Smtp_lines_parse_as_in_smtp_and_the_base_stays_as_it_was()
    {
        Assert.Equal(CommandStatus.Ok, XclientProtocol.TryParseCommand(Lines.Crlf("EHLO client.example.com"), out XclientProtocol.Command ehlo));
        Assert.Equal(XclientProtocol.Verb.Ehlo, ehlo.Verb);
        Assert.Equal("client.example.com", Lines.Text(ehlo.Domain));
        Assert.Equal(CommandStatus.UnknownVerb, SmtpProtocol.TryParseCommand(Lines.Crlf("XCLIENT ADDR=192.0.2.10"), out _));
    }

    [Fact]
    public void Xclient_may_not_come_during_a_mail_transaction_and_starts_the_session_over()
    {
        Assert.True(XclientProtocol.IsAllowed(XclientProtocol.State.Connected, XclientProtocol.Verb.Xclient));
        Assert.True(XclientProtocol.IsAllowed(XclientProtocol.State.Ready, XclientProtocol.Verb.Xclient));
        Assert.False(XclientProtocol.IsAllowed(XclientProtocol.State.Mail, XclientProtocol.Verb.Xclient));
        Assert.False(XclientProtocol.IsAllowed(XclientProtocol.State.Recipients, XclientProtocol.Verb.Xclient));

        Assert.Equal(XclientProtocol.State.Connected, XclientProtocol.Next(XclientProtocol.State.Ready, XclientProtocol.Verb.Xclient, 220));
        Assert.Equal(XclientProtocol.State.Ready, XclientProtocol.Next(XclientProtocol.State.Ready, XclientProtocol.Verb.Xclient, 550));
    }

    [Fact]
    public void Its_own_reply_follows_the_bases()
    {
        Assert.Equal("550 5.7.0 Insufficient authorization\r\n", Lines.Text(XclientProtocol.GetReplyBytes(XclientProtocol.Reply.XclientNotAuthorized, enhancedStatusCode: true)));
        Assert.True((int)XclientProtocol.Reply.XclientNotAuthorized > Enum.GetValues<SmtpProtocol.Reply>().Max(r => (int)r));
        Assert.Equal(SmtpProtocol.GetReplyBytes(SmtpProtocol.Reply.Ok).ToArray(), XclientProtocol.GetReplyBytes(XclientProtocol.Reply.Ok).ToArray());
    }

    [Fact]
    public void Xclient_is_written_and_read_back()
    {
        Assert.True(EsmtpParameters.TryCreate("ADDR=192.0.2.10 PORT=4711"u8, out EsmtpParameters attributes));
        var output = new ArrayBufferWriter<byte>();
        XclientProtocol.WriteXclient(output, attributes);

        Assert.Equal("XCLIENT ADDR=192.0.2.10 PORT=4711\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal(CommandStatus.Ok, XclientProtocol.TryParseCommand(output.WrittenSpan, out XclientProtocol.Command command));
        Assert.Equal("ADDR=192.0.2.10 PORT=4711", Lines.Text(command.Attributes.Raw));
    }

    [Fact]
    public void Parsing_smtp_lines_with_the_extended_parser_allocates_nothing()
    {
        byte[][] lines = [Lines.Crlf("EHLO client.example.com"), Lines.Crlf("MAIL FROM:<alice@example.com> SIZE=100"), Lines.Crlf("RCPT TO:<bob@example.com>"), Lines.Crlf("DATA"), Lines.Crlf("QUIT")];
        int parsed = 0;
        long allocated = Allocations.Measure(() =>
        {
            foreach (byte[] line in lines)
            {
                parsed += XclientProtocol.TryParseCommand(line, out _) == CommandStatus.Ok ? 1 : 0;
            }
        });

        Assert.Equal(5 * 1001, parsed);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parsing_xclient_allocates_nothing()
    {
        byte[] line = Lines.Crlf("XCLIENT ADDR=192.0.2.10 NAME=client.example.com");
        int parsed = 0;
        long allocated = Allocations.Measure(() => parsed += XclientProtocol.TryParseCommand(line, out _) == CommandStatus.Ok ? 1 : 0);

        Assert.Equal(1001, parsed);
        Assert.Equal(0, allocated);
    }
}
