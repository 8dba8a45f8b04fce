using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests;

/// <summary>The generated SMTP reply side: the seed's replies parse, fixed replies are well-formed and read back.</summary>
public class SmtpReplyTests
{
    [Theory]
    [InlineData("220 mail.example.com Service ready", 220, "mail.example.com Service ready")]
    [InlineData("250 Hello client.example.com", 250, "Hello client.example.com")]
    [InlineData("250 OK", 250, "OK")]
    [InlineData("354 Start mail input; end with <CRLF>.<CRLF>", 354, "Start mail input; end with <CRLF>.<CRLF>")]
    [InlineData("250 OK: Message accepted", 250, "OK: Message accepted")]
    [InlineData("221 Bye", 221, "Bye")]
    public void Seed_reply_lines_parse_to_code_and_text(string line, int code, string text)
    {
        ReplyStatus status = SmtpProtocol.TryParseReplyLine(Lines.Crlf(line), out ReplyLine reply);

        Assert.Equal(ReplyStatus.Ok, status);
        Assert.Equal(code, reply.Code.Value);
        Assert.Equal(text, Lines.Text(reply.Text));
        Assert.True(reply.IsLast);
        Assert.True(reply.EnhancedStatusCode.IsEmpty);
    }

    [Fact]
    public void Enhanced_status_code_is_separated_from_the_text()
    {
        Assert.Equal(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(Lines.Crlf("250 2.1.5 Recipient OK"), out ReplyLine reply));

        Assert.Equal(250, reply.Code.Value);
        Assert.Equal(new EnhancedStatusCode(2, 1, 5), reply.EnhancedStatusCode);
        Assert.Equal("Recipient OK", Lines.Text(reply.Text));
    }

    [Theory]
    [InlineData("250 OK")] // no CRLF at all is checked below; here: bare LF
    public void Reply_with_bare_lf_is_refused(string line)
    {
        Assert.NotEqual(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(Lines.Raw(line + "\n"), out _));
        Assert.NotEqual(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(Lines.Raw(line), out _));
    }

    [Theory]
    [InlineData("150 File status okay")] // 1yz does not exist in SMTP (RFC 5321 §4.2.1)
    [InlineData("650 Nope")]
    [InlineData("25 OK")]
    [InlineData("2500 OK")]
    [InlineData("abc OK")]
    public void Malformed_reply_lines_are_syntax_errors(string line)
    {
        Assert.Equal(ReplyStatus.SyntaxError, SmtpProtocol.TryParseReplyLine(Lines.Crlf(line), out _));
    }

    [Fact]
    public void Multi_line_ehlo_reply_accumulates_until_the_last_line()
    {
        string[] lines = ["250-mail.example.com Hello client.example.com", "250-SIZE 35882577", "250-8BITMIME", "250 HELP"];
        ReplyAccumulator accumulator = SmtpProtocol.CreateReplyAccumulator();
        var texts = new List<string>();
        foreach (string line in lines)
        {
            Assert.False(accumulator.IsComplete);
            Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf(line), out ReplyLine parsed));
            texts.Add(Lines.Text(parsed.Text));
        }

        Assert.True(accumulator.IsComplete);
        Assert.Equal(250, accumulator.Code.Value);
        Assert.Equal(4, accumulator.LineCount);
        Assert.Equal(["mail.example.com Hello client.example.com", "SIZE 35882577", "8BITMIME", "HELP"], texts);
    }

    [Fact]
    public void Multi_line_reply_with_a_changed_code_is_refused()
    {
        ReplyAccumulator accumulator = SmtpProtocol.CreateReplyAccumulator();
        Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf("250-first"), out _));
        Assert.Equal(ReplyStatus.SyntaxError, accumulator.Add(Lines.Crlf("251 second"), out _));
    }

    /// <summary>
    /// The replies with arguments (the server's name, an AUTH challenge, a message's id, a refused parameter's keyword):
    /// written by writers of their own, not preformatted.
    /// </summary>
    internal static readonly SmtpProtocol.Reply[] RepliesWithArguments =
    [
        SmtpProtocol.Reply.ServiceReady, SmtpProtocol.Reply.Hello, SmtpProtocol.Reply.AuthenticationChallenge, SmtpProtocol.Reply.MessageAccepted,
        SmtpProtocol.Reply.ChunkReceived, SmtpProtocol.Reply.ParameterNotRecognized, SmtpProtocol.Reply.ParameterMalformed, SmtpProtocol.Reply.ParameterRepeated,
    ];

    [Fact]
    public void Every_fixed_reply_reads_back_as_its_code_enhanced_code_and_text()
    {
        foreach (SmtpProtocol.Reply member in Enum.GetValues<SmtpProtocol.Reply>().Except(RepliesWithArguments))
        {
            ReadOnlySpan<byte> bytes = SmtpProtocol.GetReplyBytes(member, enhancedStatusCode: true);
            Assert.True(bytes.EndsWith("\r\n"u8), member.ToString());
            Assert.Equal(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(bytes, out ReplyLine reply));
            Assert.Equal(SmtpProtocol.GetReplyCode(member), reply.Code.Value);
            Assert.True(reply.IsLast);

            // ENHANCEDSTATUSCODES: final replies carry a code of their class, 354 and AUTH's 334 do not (RFC 2034 §3);
            // the 334 that carries no challenge has no text either (RFC 4954 §4: "334 ").
            if (member is SmtpProtocol.Reply.AuthenticationContinue)
            {
                Assert.Equal("334 \r\n", System.Text.Encoding.ASCII.GetString(bytes));
            }
            else if (member is SmtpProtocol.Reply.StartMailInput)
            {
                Assert.False(reply.Text.IsEmpty, member.ToString());
                Assert.True(reply.EnhancedStatusCode.IsEmpty, member.ToString());
            }
            else
            {
                Assert.False(reply.Text.IsEmpty, member.ToString());
                Assert.Equal(reply.Code.Value / 100, reply.EnhancedStatusCode.Class);
            }
        }
    }

    [Fact]
    public void A_reply_with_arguments_has_no_fixed_bytes()
    {
        foreach (SmtpProtocol.Reply member in RepliesWithArguments)
        {
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => SmtpProtocol.GetReplyBytes(member).ToArray());
            Assert.Contains($"Write{member}Reply", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void IsFixedReply_tells_which_replies_GetReplyBytes_writes()
    {
        foreach (SmtpProtocol.Reply member in Enum.GetValues<SmtpProtocol.Reply>())
        {
            Assert.Equal(!RepliesWithArguments.Contains(member), SmtpProtocol.IsFixedReply(member));
        }
    }

    [Fact]
    public void The_reply_to_the_end_of_the_data_names_the_message_id_and_takes_no_space_in_it()
    {
        var output = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteMessageAcceptedReply(output, "1713261600.M1P2Q3.mx"u8);
        SmtpProtocol.WriteMessageAcceptedReply(output, "4Xyz"u8, enhancedStatusCode: true);

        Assert.Equal("250 OK: queued as 1713261600.M1P2Q3.mx\r\n250 2.0.0 OK: queued as 4Xyz\r\n", Lines.Text(output.WrittenSpan));
        Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteMessageAcceptedReply(output, "two words"u8));
        Assert.Equal(2, Lines.Text(output.WrittenSpan).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void The_refusal_of_a_parameter_names_its_keyword_and_takes_nothing_else()
    {
        var output = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteParameterNotRecognizedReply(output, "X-FOO"u8, enhancedStatusCode: true);
        SmtpProtocol.WriteParameterMalformedReply(output, "SIZE"u8);
        SmtpProtocol.WriteParameterRepeatedReply(output, "size"u8, enhancedStatusCode: true);

        Assert.Equal(
            "555 5.5.4 X-FOO parameter not recognized or not implemented\r\n501 SIZE parameter malformed\r\n501 5.5.4 size parameter given twice\r\n",
            Lines.Text(output.WrittenSpan));
        // A keyword is an atom: a value, a space or a line break cannot ride on it.
        Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteParameterMalformedReply(output, "SIZE=1\r\n250 OK"u8));
        Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteParameterMalformedReply(output, "two words"u8));
    }

    [Fact]
    public void The_greeting_and_the_hello_name_the_server_first()
    {
        var output = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteServiceReadyReply(output, "mail.example.com"u8);
        SmtpProtocol.WriteHelloReply(output, "mail.example.com"u8, "[192.0.2.1]"u8, more: true);
        SmtpProtocol.WriteHelloReply(output, "mail.example.com"u8, "client.example.com"u8);

        Assert.Equal(
            "220 mail.example.com Service ready\r\n250-mail.example.com Hello [192.0.2.1]\r\n250 mail.example.com Hello client.example.com\r\n",
            Lines.Text(output.WrittenSpan));
        Assert.Equal(ReplyStatus.Ok, SmtpProtocol.TryParseReplyLine(output.WrittenSpan[..(output.WrittenSpan.IndexOf((byte)'\n') + 1)], out ReplyLine greeting));
        Assert.Equal(220, greeting.Code.Value);
        Assert.Equal("mail.example.com Service ready", Lines.Text(greeting.Text));
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("mail.example.com\r\n250 injected")]
    [InlineData("")]
    public void A_reply_with_an_argument_that_is_no_domain_throws_and_writes_nothing(string name)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteServiceReadyReply(output, Lines.Raw(name)));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void Fixed_replies_are_written_with_enhanced_codes_only_when_asked()
    {
        var enhanced = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteReply(enhanced, SmtpProtocol.Reply.Ok, enhancedStatusCode: true);
        SmtpProtocol.WriteReply(enhanced, SmtpProtocol.Reply.StartMailInput, enhancedStatusCode: true);
        SmtpProtocol.WriteReply(enhanced, SmtpProtocol.Reply.BadSequence, enhancedStatusCode: true);
        var plain = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteReply(plain, SmtpProtocol.Reply.Ok);
        SmtpProtocol.WriteReply(plain, SmtpProtocol.Reply.BadSequence);

        Assert.Equal(
            "250 2.0.0 OK\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n503 5.5.1 Bad sequence of commands\r\n",
            Lines.Text(enhanced.WrittenSpan));
        // RFC 2034: without ENHANCEDSTATUSCODES announced (the seed's HELO session), replies read as in the seed.
        Assert.Equal("250 OK\r\n503 Bad sequence of commands\r\n", Lines.Text(plain.WrittenSpan));
    }

    [Fact]
    public void Seed_replies_the_definition_names_have_the_seed_codes()
    {
        Assert.Equal(220, SmtpProtocol.GetReplyCode(SmtpProtocol.Reply.ServiceReady));
        Assert.Equal(250, SmtpProtocol.GetReplyCode(SmtpProtocol.Reply.Ok));
        Assert.Equal(354, SmtpProtocol.GetReplyCode(SmtpProtocol.Reply.StartMailInput));
        Assert.Equal(250, SmtpProtocol.GetReplyCode(SmtpProtocol.Reply.MessageAccepted));
        Assert.Equal(221, SmtpProtocol.GetReplyCode(SmtpProtocol.Reply.Closing));
        Assert.Equal(503, SmtpProtocol.GetReplyCode(SmtpProtocol.Reply.BadSequence));
    }
}
