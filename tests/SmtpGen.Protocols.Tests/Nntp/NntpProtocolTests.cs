using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests.Nntp;

/// <summary>NNTP's x8x and x9x reply codes (RFC 3977 §3.2), which a definition with <c>AnySecondDigit</c> declares, writes and reads.</summary>
public class NntpProtocolTests
{
    [Theory]
    [InlineData("480 Authentication required\r\n", 480, ReplyOutcome.Negative)]
    [InlineData("483 Encryption or stronger authentication required\r\n", 483, ReplyOutcome.Negative)]
    [InlineData("281 Authentication accepted\r\n", 281, ReplyOutcome.Positive)]
    [InlineData("290 a server's own reply\r\n", 290, ReplyOutcome.Positive)]
    [InlineData("381 Password required\r\n", 381, ReplyOutcome.Intermediate)]
    public void Reply_codes_with_a_second_digit_of_6_to_9_are_read(string line, int code, ReplyOutcome outcome)
    {
        Assert.Equal(ReplyStatus.Ok, NntpProtocol.TryParseReplyLine(Lines.Raw(line), out ReplyLine reply));
        Assert.Equal(code, reply.Code.Value);
        Assert.Equal(outcome, reply.Code.Outcome);
    }

    [Theory]
    [InlineData("480 Authentication required\r\n")]
    [InlineData("290 a server's own reply\r\n")]
    public void Smtp_reads_the_same_lines_as_syntax_errors(string line)
    {
        Assert.Equal(ReplyStatus.SyntaxError, SmtpProtocol.TryParseReplyLine(Lines.Raw(line), out _));
    }

    [Theory]
    [InlineData("4a0 Authentication required\r\n")]
    [InlineData("680 Too high\r\n")]
    [InlineData("080 Too low\r\n")]
    public void A_code_that_is_not_three_digits_from_100_to_599_is_still_refused(string line)
    {
        Assert.Equal(ReplyStatus.SyntaxError, NntpProtocol.TryParseReplyLine(Lines.Raw(line), out _));
    }

    [Fact]
    public void The_declared_x8x_replies_are_written_as_declared()
    {
        var output = new ArrayBufferWriter<byte>();
        NntpProtocol.WriteReply(output, NntpProtocol.Reply.AuthenticationRequired);
        NntpProtocol.WriteReply(output, NntpProtocol.Reply.AuthenticationAccepted);

        Assert.Equal("480 Authentication required\r\n281 Authentication accepted\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal(480, NntpProtocol.GetReplyCode(NntpProtocol.Reply.AuthenticationRequired));
    }

    [Fact]
    public void The_group_a_211_selects_is_read_from_its_text_as_its_writer_wrote_it()
    {
        var output = new ArrayBufferWriter<byte>();
        NntpProtocol.WriteGroupSelectedReply(output, 3, 1, 3, "misc.test"u8);
        Assert.Equal("211 3 1 3 misc.test\r\n", Lines.Text(output.WrittenSpan));

        Assert.Equal(ReplyStatus.Ok, NntpProtocol.TryParseReplyLine(output.WrittenSpan, out ReplyLine reply));
        Assert.True(NntpProtocol.TryReadGroupSelectedReply(reply, out long count, out long low, out long high, out ReadOnlySpan<byte> group));
        Assert.Equal((3, 1, 3, "misc.test"), (count, low, high, Lines.Text(group)));
    }

    [Fact]
    public void A_101_is_final_and_positive_and_its_body_follows()
    {
        Assert.Equal(ReplyStatus.Ok, NntpProtocol.TryParseReplyLine(Lines.Raw("101 Capability list follows\r\n"), out ReplyLine reply));
        Assert.Equal(ReplyOutcome.Positive, NntpProtocol.GetReplyOutcome(reply.Code));
        Assert.Equal(ReplyOutcome.Intermediate, reply.Code.Outcome); // the runtime's, which knows no protocol
        Assert.Equal(ReplyOutcome.Intermediate, NntpProtocol.GetReplyOutcome(new ReplyCode(381)));

        Assert.Equal(CommandStatus.Ok, NntpProtocol.TryParseCommand(Lines.Crlf("CAPABILITIES"), out NntpProtocol.Command command));
        Assert.True(NntpProtocol.HasResponseBody(command));
        Assert.Equal(NntpProtocol.State.GroupSelected, NntpProtocol.Next(NntpProtocol.State.GroupSelected, command, 101));
    }

    [Fact]
    public void A_1yz_reply_completes_its_command_as_a_2yz_does()
    {
        // GROUP answered with a 1yz (no such reply in RFC 3977, but a server's own): final, so it selects the group.
        Assert.Equal(NntpProtocol.State.GroupSelected, NntpProtocol.Next(NntpProtocol.State.NoGroup, NntpProtocol.Verb.Group, 190));
        Assert.Equal(NntpProtocol.State.NoGroup, NntpProtocol.Next(NntpProtocol.State.NoGroup, NntpProtocol.Verb.Group, 411));
        Assert.Equal(CommandStatus.Ok, NntpProtocol.TryParseCommand(Lines.Crlf("GROUP misc.test"), out NntpProtocol.Command group));
        Assert.Equal(NntpProtocol.State.GroupSelected, NntpProtocol.Next(NntpProtocol.State.NoGroup, group, 190));
        Assert.Equal(ReplyOutcome.Positive, NntpProtocol.ReplySyntax.GetOutcome(new ReplyCode(190)));
    }

    [Theory]
    [InlineData("290 Grüße an bob\r\n", true)]
    [InlineData("290 GRüßE AN bob\r\n", true)] // ASCII letters without regard to case
    [InlineData("290 GRÜSSE an bob\r\n", false)] // the rest exactly
    [InlineData("290 Grüsse an bob\r\n", false)]
    public void A_reply_text_beyond_ascii_reads_back(string line, bool read)
    {
        var output = new ArrayBufferWriter<byte>();
        NntpProtocol.WriteGreetingReply(output, "bob"u8);
        Assert.Equal("290 Grüße an bob\r\n", Lines.Text(output.WrittenSpan));

        Assert.Equal(ReplyStatus.Ok, NntpProtocol.TryParseReplyLine(Lines.Raw(line), out ReplyLine reply));
        Assert.Equal(read, NntpProtocol.TryReadGreetingReply(reply, out ReadOnlySpan<byte> name));
        Assert.Equal(read ? "bob" : "", Lines.Text(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GROUP\r\n")] // a syntax error: the command handed back is a default one, whose verb is CAPABILITIES
    public void A_command_that_was_not_parsed_is_not_written_even_where_the_first_verb_takes_no_arguments(string line)
    {
        byte[] octets = Lines.Raw(line);
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentException>(() =>
        {
            NntpProtocol.TryParseCommand(octets, out NntpProtocol.Command command);
            Assert.Equal(NntpProtocol.Verb.Capabilities, command.Verb);
            NntpProtocol.WriteCommand(output, command);
        });
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void A_480_leaves_the_session_where_it_was_and_211_selects_the_group()
    {
        Assert.Equal(NntpProtocol.State.NoGroup, NntpProtocol.Next(NntpProtocol.State.NoGroup, NntpProtocol.Verb.Group, 480));
        Assert.Equal(NntpProtocol.State.GroupSelected, NntpProtocol.Next(NntpProtocol.State.NoGroup, NntpProtocol.Verb.Group, 211));
        Assert.False(NntpProtocol.IsAllowed(NntpProtocol.State.NoGroup, NntpProtocol.Verb.Next));
    }

    [Fact]
    public void Authinfo_parses_and_is_written_back()
    {
        Assert.Equal(CommandStatus.Ok, NntpProtocol.TryParseCommand(Lines.Crlf("AUTHINFO USER alice"), out NntpProtocol.Command command));
        Assert.Equal(NntpProtocol.Verb.Authinfo, command.Verb);
        Assert.Equal("alice", Lines.Text(command.Value));

        var output = new ArrayBufferWriter<byte>();
        NntpProtocol.WriteAuthinfo(output, NntpProtocol.PartValues.Pass, "secret"u8);
        Assert.Equal("AUTHINFO PASS secret\r\n", Lines.Text(output.WrittenSpan));
    }
}
