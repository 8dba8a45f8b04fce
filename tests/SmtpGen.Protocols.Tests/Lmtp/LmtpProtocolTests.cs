using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests.Lmtp;

/// <summary>LMTP (RFC 2033) as an extension of SMTP: LHLO in place of HELO and EHLO, the rest SMTP's.</summary>
public class LmtpProtocolTests
{
    [Fact]
    public void Lhlo_is_parsed_with_its_domain()
    {
        Assert.Equal(CommandStatus.Ok, LmtpProtocol.TryParseCommand(Lines.Crlf("lhlo client.example.com"), out LmtpProtocol.Command command));
        Assert.Equal(LmtpProtocol.Verb.Lhlo, command.Verb);
        Assert.Equal("client.example.com", Lines.Text(command.Domain));
    }

    [Theory]
    [InlineData("EHLO client.example.com")]
    [InlineData("HELO client.example.com")]
    public void Helo_and_ehlo_are_unknown_verbs(string line)
    {
        Assert.Equal(CommandStatus.UnknownVerb, LmtpProtocol.TryParseCommand(Lines.Crlf(line), out _));
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Fact]
    public void The_base_does_not_learn_lhlo()
    {
        Assert.Equal(CommandStatus.UnknownVerb, SmtpProtocol.TryParseCommand(Lines.Crlf("LHLO client.example.com"), out _));
    }

    [Theory]
    [InlineData("MAIL FROM:<alice@example.com> SIZE=100", "Mail")]
    [InlineData("RCPT TO:<bob@example.com>", "Rcpt")]
    [InlineData("DATA", "Data")]
    [InlineData("RSET", "Rset")]
    [InlineData("NOOP", "Noop")]
    [InlineData("QUIT", "Quit")]
    public void Smtp_commands_parse_as_in_smtp(string line, string verb)
    {
        Assert.Equal(CommandStatus.Ok, LmtpProtocol.TryParseCommand(Lines.Crlf(line), out LmtpProtocol.Command lmtp));
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(Lines.Crlf(line), out SmtpProtocol.Command smtp));
        Assert.Equal(verb, lmtp.Verb.ToString());
        Assert.Equal((int)smtp.Verb, (int)lmtp.Verb);
        Assert.Equal(Lines.Text(smtp.ReversePath), Lines.Text(lmtp.ReversePath));
        Assert.Equal(Lines.Text(smtp.ForwardPath), Lines.Text(lmtp.ForwardPath));
        Assert.Equal(Lines.Text(smtp.Parameters.Raw), Lines.Text(lmtp.Parameters.Raw));
    }

    [Fact]
    public void Inherited_members_keep_the_bases_values()
    {
        foreach (SmtpProtocol.Verb verb in Enum.GetValues<SmtpProtocol.Verb>())
        {
            if (verb is not (SmtpProtocol.Verb.Ehlo or SmtpProtocol.Verb.Helo))
            {
                Assert.Equal((int)verb, (int)Enum.Parse<LmtpProtocol.Verb>(verb.ToString()));
            }
        }

        Assert.Equal(Enum.GetNames<SmtpProtocol.State>(), Enum.GetNames<LmtpProtocol.State>());
        foreach (SmtpProtocol.Reply reply in Enum.GetValues<SmtpProtocol.Reply>())
        {
            var lmtp = Enum.Parse<LmtpProtocol.Reply>(reply.ToString());
            Assert.Equal((int)reply, (int)lmtp);
            Assert.Equal(SmtpProtocol.GetReplyCode(reply), LmtpProtocol.GetReplyCode(lmtp));
            if (!SmtpReplyTests.RepliesWithArguments.Contains(reply))
            {
                Assert.Equal(SmtpProtocol.GetReplyBytes(reply, true).ToArray(), LmtpProtocol.GetReplyBytes(lmtp, true).ToArray());
            }
        }
    }

    [Fact]
    public void Lhlo_comes_and_leads_where_ehlo_does()
    {
        foreach (SmtpProtocol.State smtp in Enum.GetValues<SmtpProtocol.State>())
        {
            var state = (LmtpProtocol.State)(int)smtp;
            Assert.Equal(SmtpProtocol.IsAllowed(smtp, SmtpProtocol.Verb.Ehlo), LmtpProtocol.IsAllowed(state, LmtpProtocol.Verb.Lhlo));
            Assert.Equal((int)SmtpProtocol.Next(smtp, SmtpProtocol.Verb.Ehlo, 250), (int)LmtpProtocol.Next(state, LmtpProtocol.Verb.Lhlo, 250));
        }
    }

    [Fact]
    public void A_whole_lmtp_conversation_walks_the_state_machine()
    {
        LmtpProtocol.State state = LmtpProtocol.InitialState;
        (string Line, int Reply, LmtpProtocol.State After)[] steps =
        [
            ("LHLO client.example.com", 250, LmtpProtocol.State.Ready),
            ("MAIL FROM:<alice@example.com>", 250, LmtpProtocol.State.Mail),
            ("RCPT TO:<bob@example.com>", 250, LmtpProtocol.State.Recipients),
            ("DATA", 354, LmtpProtocol.State.Data),
            ("", 250, LmtpProtocol.State.Ready),
            ("QUIT", 221, LmtpProtocol.State.Closed),
        ];
        LmtpProtocol.Verb verb = default;
        foreach ((string line, int reply, LmtpProtocol.State after) in steps)
        {
            if (line.Length > 0)
            {
                Assert.Equal(CommandStatus.Ok, LmtpProtocol.TryParseCommand(Lines.Crlf(line), out LmtpProtocol.Command command));
                Assert.True(LmtpProtocol.IsAllowed(state, command.Verb), $"{command.Verb} in {state}");
                verb = command.Verb;
            }

            state = LmtpProtocol.Next(state, verb, reply);
            Assert.Equal(after, state);
        }
    }

    [Fact]
    public void Lhlo_is_written_and_read_back()
    {
        var output = new ArrayBufferWriter<byte>();
        LmtpProtocol.WriteLhlo(output, "client.example.com"u8);

        Assert.Equal("LHLO client.example.com\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal(CommandStatus.Ok, LmtpProtocol.TryParseCommand(output.WrittenSpan, out LmtpProtocol.Command command));
        Assert.Equal(LmtpProtocol.Verb.Lhlo, command.Verb);
    }

    [Fact]
    public void Parsing_lmtp_lines_allocates_nothing()
    {
        byte[][] lines = [Lines.Crlf("LHLO client.example.com"), Lines.Crlf("MAIL FROM:<alice@example.com>"), Lines.Crlf("RCPT TO:<bob@example.com>"), Lines.Crlf("DATA")];
        int parsed = 0;
        long allocated = Allocations.Measure(() =>
        {
            foreach (byte[] line in lines)
            {
                parsed += LmtpProtocol.TryParseCommand(line, out _) == CommandStatus.Ok ? 1 : 0;
            }
        });

        Assert.Equal(4 * 1001, parsed);
        Assert.Equal(0, allocated);
    }
}
