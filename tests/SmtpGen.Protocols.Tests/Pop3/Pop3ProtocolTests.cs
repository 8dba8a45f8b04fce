using System.Buffers;

namespace SmtpGen.Protocols.Tests.Pop3;

/// <summary>A protocol whose replies are status tokens: POP3's commands, replies and states from one definition.</summary>
public class Pop3ProtocolTests
{
    [Theory]
    [InlineData("USER mrose", Pop3Protocol.Verb.User)]
    [InlineData("user mrose", Pop3Protocol.Verb.User)]
    [InlineData("USER bob.smith@example.com", Pop3Protocol.Verb.User)]
    [InlineData("PASS secret with spaces", Pop3Protocol.Verb.Pass)]
    [InlineData("APOP mrose c4c9334bac560ecc979e58001b3e22fb", Pop3Protocol.Verb.Apop)]
    [InlineData("CAPA", Pop3Protocol.Verb.Capa)]
    [InlineData("STAT", Pop3Protocol.Verb.Stat)]
    [InlineData("LIST", Pop3Protocol.Verb.List)]
    [InlineData("LIST 2", Pop3Protocol.Verb.List)]
    [InlineData("RETR 1", Pop3Protocol.Verb.Retr)]
    [InlineData("DELE 1", Pop3Protocol.Verb.Dele)]
    [InlineData("NOOP", Pop3Protocol.Verb.Noop)]
    [InlineData("RSET", Pop3Protocol.Verb.Rset)]
    [InlineData("TOP 1 10", Pop3Protocol.Verb.Top)]
    [InlineData("UIDL", Pop3Protocol.Verb.Uidl)]
    [InlineData("QUIT", Pop3Protocol.Verb.Quit)]
    public void Rfc1939_commands_parse(string line, Pop3Protocol.Verb verb)
    {
        Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(Lines.Crlf(line), out Pop3Protocol.Command command));
        Assert.Equal(verb, command.Verb);
    }

    [Fact]
    public void Arguments_are_read_as_their_kinds()
    {
        Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(Lines.Crlf("TOP 3 25"), out Pop3Protocol.Command top));
        Assert.Equal((3L, 25L), (top.Message, top.Lines));

        Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(Lines.Crlf("PASS my secret"), out Pop3Protocol.Command pass));
        Assert.Equal("my secret", Lines.Text(pass.Password));

        Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(Lines.Crlf("LIST"), out Pop3Protocol.Command list));
        Assert.False(list.HasMessage);
    }

    [Theory]
    [InlineData("RETR", CommandStatus.SyntaxError)]
    [InlineData("RETR one", CommandStatus.SyntaxError)]
    [InlineData("TOP 1", CommandStatus.SyntaxError)]
    [InlineData("XTND XMIT", CommandStatus.UnknownVerb)]
    [InlineData("HELO client.example.com", CommandStatus.UnknownVerb)]
    public void Bad_commands_say_why(string line, CommandStatus status)
    {
        Assert.Equal(status, Pop3Protocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Fact]
    public void A_command_line_longer_than_255_octets_is_too_long()
    {
        // RFC 2449 §4: a command line is at most 255 octets, CRLF included.
        Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(Lines.Crlf("PASS " + new string('x', 248)), out _));
        Assert.Equal(CommandStatus.LineTooLong, Pop3Protocol.TryParseCommand(Lines.Crlf("PASS " + new string('x', 249)), out _));
    }

    [Theory]
    [InlineData("+OK 2 320", ReplyOutcome.Positive, "+OK", "2 320")]
    [InlineData("-ERR no such message", ReplyOutcome.Negative, "-ERR", "no such message")]
    [InlineData("+OK", ReplyOutcome.Positive, "+OK", "")]
    [InlineData("-err permission denied", ReplyOutcome.Negative, "-err", "permission denied")]
    public void Status_replies_parse_to_their_outcome(string line, ReplyOutcome outcome, string token, string text)
    {
        Assert.Equal(ReplyStatus.Ok, Pop3Protocol.TryParseReplyLine(Lines.Crlf(line), out StatusLine reply));
        Assert.Equal(outcome, reply.Outcome);
        Assert.Equal(token, Lines.Text(reply.Status));
        Assert.Equal(text, Lines.Text(reply.Text));
        Assert.Equal(line, Lines.Text(reply.Line));
    }

    [Theory]
    [InlineData("+OKAY", ReplyStatus.SyntaxError)]
    [InlineData("250 OK", ReplyStatus.SyntaxError)]
    [InlineData("OK", ReplyStatus.SyntaxError)]
    [InlineData("+OK bell\a", ReplyStatus.SyntaxError)]
    public void Lines_that_are_no_status_reply_are_refused(string line, ReplyStatus status)
    {
        Assert.Equal(status, Pop3Protocol.TryParseReplyLine(Lines.Crlf(line), out _));
    }

    [Fact]
    public void A_reply_without_its_crlf_or_too_long_is_refused()
    {
        Assert.Equal(ReplyStatus.BadLineEnding, Pop3Protocol.TryParseReplyLine(Lines.Raw("+OK\n"), out _));
        Assert.Equal(ReplyStatus.LineTooLong, Pop3Protocol.TryParseReplyLine(Lines.Crlf("+OK " + new string('x', 507)), out _));
    }

    [Fact]
    public void Fixed_replies_are_written_with_their_token_and_outcome()
    {
        Assert.Equal("-ERR no such message\r\n", Lines.Text(Pop3Protocol.GetReplyBytes(Pop3Protocol.Reply.NoSuchMessage)));
        Assert.Equal("+OK\r\n", Lines.Text(Pop3Protocol.GetReplyBytes(Pop3Protocol.Reply.Ok)));
        Assert.Equal(ReplyOutcome.Negative, Pop3Protocol.GetReplyOutcome(Pop3Protocol.Reply.InvalidPassword));
        Assert.Equal(ReplyOutcome.Positive, Pop3Protocol.GetReplyOutcome(Pop3Protocol.Reply.SigningOff));
        Assert.Throws<InvalidOperationException>(() => Pop3Protocol.GetReplyBytes(Pop3Protocol.Reply.DropListing));
        Assert.False(Pop3Protocol.IsFixedReply(Pop3Protocol.Reply.DropListing));
        Assert.True(Pop3Protocol.IsFixedReply(Pop3Protocol.Reply.NoSuchMessage));
    }

    [Fact]
    public void A_reply_with_arguments_round_trips_through_the_parser()
    {
        var output = new ArrayBufferWriter<byte>();
        Pop3Protocol.WriteDropListingReply(output, 2, 320);
        Assert.Equal("+OK 2 320\r\n", Lines.Text(output.WrittenSpan));

        Assert.Equal(ReplyStatus.Ok, Pop3Protocol.TryParseReplyLine(output.WrittenSpan, out StatusLine reply));
        Assert.Equal(ReplyOutcome.Positive, reply.Outcome);
        Assert.Equal("2 320", Lines.Text(reply.Text));
    }

    [Fact]
    public void The_greeting_carries_apops_timestamp()
    {
        var output = new ArrayBufferWriter<byte>();
        Pop3Protocol.WriteReadyReply(output, "<1896.697170952@dbc.mtview.ca.us>"u8);
        Assert.Equal("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n", Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void Commands_round_trip_through_their_writers()
    {
        var output = new ArrayBufferWriter<byte>();
        Pop3Protocol.WriteTop(output, 1, 10);
        Pop3Protocol.WriteList(output);
        Pop3Protocol.WriteApop(output, "mrose"u8, "c4c9334bac560ecc979e58001b3e22fb"u8);
        Assert.Equal("TOP 1 10\r\nLIST\r\nAPOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n", Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void Transaction_commands_wait_for_the_mailbox()
    {
        Assert.True(Pop3Protocol.IsAllowed(Pop3Protocol.State.Authorization, Pop3Protocol.Verb.User));
        Assert.True(Pop3Protocol.IsAllowed(Pop3Protocol.State.Authorization, Pop3Protocol.Verb.Capa));
        Assert.False(Pop3Protocol.IsAllowed(Pop3Protocol.State.Authorization, Pop3Protocol.Verb.Retr));
        Assert.False(Pop3Protocol.IsAllowed(Pop3Protocol.State.Authorization, Pop3Protocol.Verb.Pass));
        Assert.True(Pop3Protocol.IsAllowed(Pop3Protocol.State.Password, Pop3Protocol.Verb.Pass));
        Assert.True(Pop3Protocol.IsAllowed(Pop3Protocol.State.Transaction, Pop3Protocol.Verb.Retr));
        Assert.False(Pop3Protocol.IsAllowed(Pop3Protocol.State.Transaction, Pop3Protocol.Verb.User));
        Assert.False(Pop3Protocol.IsAllowed(Pop3Protocol.State.Update, Pop3Protocol.Verb.Noop));
    }

    [Fact]
    public void A_rejected_password_leads_back_to_authorization()
    {
        // RFC 1939 §7 PASS: "-ERR invalid password" returns the session to the AUTHORIZATION state.
        Pop3Protocol.State state = Pop3Protocol.Next(Pop3Protocol.InitialState, Pop3Protocol.Verb.User, ReplyOutcome.Positive);
        Assert.Equal(Pop3Protocol.State.Password, state);
        Assert.Equal(Pop3Protocol.State.Authorization, Pop3Protocol.Next(state, Pop3Protocol.Verb.Pass, ReplyOutcome.Negative));
        Assert.Equal(Pop3Protocol.State.Transaction, Pop3Protocol.Next(state, Pop3Protocol.Verb.Pass, ReplyOutcome.Positive));
        Assert.Equal(Pop3Protocol.State.Authorization, Pop3Protocol.Next(Pop3Protocol.State.Authorization, Pop3Protocol.Verb.User, ReplyOutcome.Negative));
    }

    [Fact]
    public void Quit_enters_update_only_from_the_transaction()
    {
        Assert.Equal(Pop3Protocol.State.Update, Pop3Protocol.Next(Pop3Protocol.State.Transaction, Pop3Protocol.Verb.Quit, ReplyOutcome.Positive));
        // RFC 1939 §6: "-ERR some deleted messages not removed" ends the session in UPDATE too.
        Assert.Equal(Pop3Protocol.State.Update, Pop3Protocol.Next(Pop3Protocol.State.Transaction, Pop3Protocol.Verb.Quit, ReplyOutcome.Negative));
        Assert.Equal(Pop3Protocol.State.Closed, Pop3Protocol.Next(Pop3Protocol.State.Authorization, Pop3Protocol.Verb.Quit, ReplyOutcome.Positive));
    }

    /// <summary>The APOP session of RFC 1939 §10, replayed: each reply line moves a client's state machine.</summary>
    [Fact]
    public void The_rfc_1939_example_session_walks_the_state_machine()
    {
        (string Command, string Reply)[] exchange =
        [
            ("APOP mrose c4c9334bac560ecc979e58001b3e22fb", "+OK mrose's maildrop has 2 messages (320 octets)"),
            ("STAT", "+OK 2 320"),
            ("LIST", "+OK 2 messages (320 octets)"),
            ("RETR 1", "+OK 120 octets"),
            ("DELE 1", "+OK message 1 deleted"),
            ("RETR 2", "+OK 200 octets"),
            ("DELE 2", "+OK message 2 deleted"),
            ("QUIT", "+OK dewey POP3 server signing off (maildrop empty)"),
        ];

        Assert.Equal(ReplyStatus.Ok, Pop3Protocol.TryParseReplyLine(Lines.Crlf("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>"), out _));
        Pop3Protocol.State state = Pop3Protocol.InitialState;
        foreach ((string commandLine, string replyLine) in exchange)
        {
            Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(Lines.Crlf(commandLine), out Pop3Protocol.Command command));
            Assert.True(Pop3Protocol.IsAllowed(state, command.Verb), $"{commandLine} in {state}");
            Assert.Equal(ReplyStatus.Ok, Pop3Protocol.TryParseReplyLine(Lines.Crlf(replyLine), out StatusLine reply));
            state = Pop3Protocol.Next(state, command.Verb, reply.Outcome);
        }

        Assert.Equal(Pop3Protocol.State.Update, state);
    }

    [Fact]
    public void The_grammar_struct_drives_a_session_by_outcome()
    {
        Assert.Equal(CommandStatus.Ok, Pop3Protocol.Grammar.TryParseCommand(Lines.Crlf("PASS wrong"), out Pop3Protocol.Command pass));
        int state = (int)Pop3Protocol.State.Password;
        Assert.True(Pop3Protocol.Grammar.IsAllowed(state, pass));
        Assert.Equal((int)Pop3Protocol.State.Authorization, Pop3Protocol.Grammar.NextState(state, pass, ReplyOutcome.Negative));
    }

    [Fact]
    public void Parsing_commands_and_status_replies_allocates_nothing()
    {
        byte[] command = Lines.Crlf("TOP 1 10");
        byte[] reply = Lines.Crlf("-ERR no such message");
        int parsed = 0;
        long allocated = Allocations.Measure(() =>
        {
            if (Pop3Protocol.TryParseCommand(command, out Pop3Protocol.Command top) == CommandStatus.Ok && top.Lines == 10)
            {
                parsed++;
            }

            if (Pop3Protocol.TryParseReplyLine(reply, out StatusLine line) == ReplyStatus.Ok && line.Outcome == ReplyOutcome.Negative)
            {
                parsed++;
            }
        });

        Assert.Equal(2 * 1001, parsed);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("RETR 1", true)]
    [InlineData("TOP 1 10", true)]
    [InlineData("CAPA", true)]
    [InlineData("LIST", true)]
    [InlineData("LIST 2", false)]
    [InlineData("UIDL", true)]
    [InlineData("UIDL 2", false)]
    [InlineData("STAT", false)]
    [InlineData("DELE 1", false)]
    public void Multi_line_responses_are_told_by_the_command(string line, bool hasBody)
    {
        // RFC 1939 §5 LIST: "If an argument was given [...] a line containing information for that message";
        // without one, a multi-line response.
        Assert.Equal(CommandStatus.Ok, Pop3Protocol.TryParseCommand(Lines.Crlf(line), out Pop3Protocol.Command command));
        Assert.Equal(hasBody, Pop3Protocol.HasResponseBody(command));
        // A client that wrote the line says the same with its verb and whether it gave arguments.
        Assert.Equal(hasBody, Pop3Protocol.HasResponseBody(command.Verb, withArguments: line.Contains(' ')));

        // Written back, an optional number is there when it was given, and only then.
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        Pop3Protocol.WriteCommand(output, command);
        Assert.Equal(line + "\r\n", Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void A_retr_response_body_is_read_with_the_dot_codec_without_allocating()
    {
        // RFC 1939 §3: a line of the body that starts with "." is sent with one more; ".CRLF" ends the response.
        byte[] response = Lines.Raw("+OK 120 octets\r\nSubject: Hi\r\n\r\n..dotted line\r\n.\r\n+OK next");
        byte[] command = Lines.Crlf("RETR 1");
        byte[] message = new byte[64];
        int bodyLength = 0;
        int rest = 0;
        long allocated = Allocations.Measure(() =>
        {
            int end = response.AsSpan().IndexOf("\r\n"u8) + 2;
            if (Pop3Protocol.TryParseCommand(command, out Pop3Protocol.Command retr) != CommandStatus.Ok
                || Pop3Protocol.TryParseReplyLine(response.AsSpan(0, end), out StatusLine reply) != ReplyStatus.Ok
                || reply.Outcome != ReplyOutcome.Positive
                || !Pop3Protocol.HasResponseBody(retr))
            {
                return;
            }

            var decoder = new MailDataDecoder();
            OperationStatus status = decoder.Decode(response.AsSpan(end), message, out int consumed, out bodyLength);
            rest = status == OperationStatus.Done ? response.Length - end - consumed : -1;
        });

        Assert.Equal("Subject: Hi\r\n\r\n.dotted line\r\n", Lines.Text(message.AsSpan(0, bodyLength)));
        Assert.Equal("+OK next".Length, rest);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_response_body_written_with_the_encoder_is_read_back_unchanged()
    {
        byte[] body = Lines.Raw("1 120\r\n.2 200\r\n");
        var output = new ArrayBufferWriter<byte>();
        Pop3Protocol.WriteReply(output, Pop3Protocol.Reply.Ok);
        var encoder = new MailDataEncoder();
        encoder.Encode(body, output);
        encoder.Complete(output);
        Assert.Equal("+OK\r\n1 120\r\n..2 200\r\n.\r\n", Lines.Text(output.WrittenSpan));

        byte[] decoded = new byte[64];
        var decoder = new MailDataDecoder();
        Assert.Equal(OperationStatus.Done, decoder.Decode(output.WrittenSpan["+OK\r\n".Length..], decoded, out _, out int written));
        Assert.Equal(body, decoded.AsSpan(0, written).ToArray());
    }
}
