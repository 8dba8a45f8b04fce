using System.Buffers;

namespace SmtpGen.Protocols.Tests.BareTokens;

/// <summary>Status replies whose tokens are bare words, <c>OK</c>, <c>NO</c> and <c>BAD</c>, as IMAP's are.</summary>
public class BareTokenProtocolTests
{
    [Theory]
    [InlineData("OK done", ReplyOutcome.Positive, "OK", "done")]
    [InlineData("NO denied", ReplyOutcome.Negative, "NO", "denied")]
    [InlineData("BAD syntax", ReplyOutcome.Negative, "BAD", "syntax")]
    [InlineData("ok done", ReplyOutcome.Positive, "ok", "done")]
    [InlineData("NO", ReplyOutcome.Negative, "NO", "")]
    public void Bare_tokens_parse_to_their_outcome(string line, ReplyOutcome outcome, string token, string text)
    {
        Assert.Equal(ReplyStatus.Ok, BareTokenProtocol.TryParseReplyLine(Lines.Crlf(line), out StatusLine reply));
        Assert.Equal(outcome, reply.Outcome);
        Assert.Equal(token, Lines.Text(reply.Status));
        Assert.Equal(text, Lines.Text(reply.Text));
    }

    [Theory]
    [InlineData("NOT now")]
    [InlineData("OKAY")]
    [InlineData("BADLY done")]
    [InlineData("+OK done")]
    [InlineData("* OK done")]
    [InlineData("a1 OK done")]
    [InlineData("250 done")]
    public void A_line_that_starts_with_no_token_and_a_space_is_refused(string line)
    {
        Assert.Equal(ReplyStatus.SyntaxError, BareTokenProtocol.TryParseReplyLine(Lines.Crlf(line), out _));
    }

    [Fact]
    public void The_state_machine_follows_the_parsed_outcome()
    {
        BareTokenProtocol.State state = BareTokenProtocol.InitialState;
        (string Command, string Reply, BareTokenProtocol.State Then)[] session =
        [
            ("LOGIN alice wrong", "NO denied", BareTokenProtocol.State.NotAuthenticated),
            ("LOGIN alice secret", "OK done", BareTokenProtocol.State.Authenticated),
            ("SELECT INBOX", "OK INBOX selected", BareTokenProtocol.State.Selected),
            ("SELECT Nowhere", "NO denied", BareTokenProtocol.State.Authenticated),
            ("SELECT Archive", "BAD syntax", BareTokenProtocol.State.Authenticated),
            ("LOGOUT", "OK done", BareTokenProtocol.State.Logout),
        ];

        foreach ((string commandLine, string replyLine, BareTokenProtocol.State then) in session)
        {
            Assert.Equal(CommandStatus.Ok, BareTokenProtocol.TryParseCommand(Lines.Crlf(commandLine), out BareTokenProtocol.Command command));
            Assert.True(BareTokenProtocol.IsAllowed(state, command.Verb), $"{commandLine} in {state}");
            Assert.Equal(ReplyStatus.Ok, BareTokenProtocol.TryParseReplyLine(Lines.Crlf(replyLine), out StatusLine reply));
            state = BareTokenProtocol.Next(state, command.Verb, reply.Outcome);
            Assert.Equal(then, state);
        }
    }

    [Theory]
    [InlineData(BareTokenProtocol.Reply.Done, "OK done", ReplyOutcome.Positive)]
    [InlineData(BareTokenProtocol.Reply.Denied, "NO denied", ReplyOutcome.Negative)]
    [InlineData(BareTokenProtocol.Reply.Syntax, "BAD syntax", ReplyOutcome.Negative)]
    public void Fixed_replies_are_written_with_their_token_and_read_back(BareTokenProtocol.Reply member, string line, ReplyOutcome outcome)
    {
        ReadOnlySpan<byte> written = BareTokenProtocol.GetReplyBytes(member);
        Assert.Equal(line + "\r\n", Lines.Text(written));
        Assert.Equal(outcome, BareTokenProtocol.GetReplyOutcome(member));

        Assert.Equal(ReplyStatus.Ok, BareTokenProtocol.TryParseReplyLine(written, out StatusLine reply));
        Assert.Equal(outcome, reply.Outcome);
        Assert.Equal(line, Lines.Text(reply.Line));
    }

    [Fact]
    public void A_reply_with_a_capture_round_trips_through_the_parser()
    {
        var output = new ArrayBufferWriter<byte>();
        BareTokenProtocol.WriteSelectedReply(output, "INBOX"u8);
        Assert.Equal("OK INBOX selected\r\n", Lines.Text(output.WrittenSpan));

        Assert.Equal(ReplyStatus.Ok, BareTokenProtocol.TryParseReplyLine(output.WrittenSpan, out StatusLine reply));
        Assert.Equal(ReplyOutcome.Positive, reply.Outcome);
        Assert.Equal("OK", Lines.Text(reply.Status));
        Assert.Equal("INBOX selected", Lines.Text(reply.Text));
    }

    [Fact]
    public void Parsing_and_writing_bare_token_replies_allocate_nothing()
    {
        byte[][] replies = [Lines.Crlf("OK done"), Lines.Crlf("NO denied"), Lines.Crlf("BAD syntax")];
        byte[] command = Lines.Crlf("SELECT INBOX");
        var output = new ArrayBufferWriter<byte>(256);
        int parsed = 0;
        long allocated = Allocations.Measure(() =>
        {
            foreach (byte[] line in replies)
            {
                if (BareTokenProtocol.TryParseReplyLine(line, out StatusLine reply) == ReplyStatus.Ok && reply.Outcome != ReplyOutcome.Intermediate)
                {
                    parsed++;
                }
            }

            if (BareTokenProtocol.TryParseCommand(command, out BareTokenProtocol.Command select) == CommandStatus.Ok)
            {
                output.ResetWrittenCount();
                BareTokenProtocol.WriteSelectedReply(output, select.Mailbox);
                BareTokenProtocol.WriteReply(output, BareTokenProtocol.Reply.Denied);
            }
        });

        Assert.Equal(3 * 1001, parsed);
        Assert.Equal("OK INBOX selected\r\nNO denied\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal(0, allocated);
    }
}
