using System.Text;

namespace SmtpGen.Tests;

public class ReplyLineTests
{
    private static readonly ReplySyntax Smtp = new(512, enhancedStatusCodes: true, preliminaryReplies: false, MultilineReplies.CodeOnEveryLine);
    private static readonly ReplySyntax Plain = new(512, enhancedStatusCodes: false, preliminaryReplies: false, MultilineReplies.CodeOnEveryLine);
    private static readonly ReplySyntax Ftp = new(512, enhancedStatusCodes: false, preliminaryReplies: true, MultilineReplies.CodeOnFirstAndLastLine);

    private static ReplyStatus Parse(string line, ReplySyntax syntax, out ReplyLine reply) =>
        ReplyLine.TryParse(Encoding.UTF8.GetBytes(line), syntax, out reply);

    [Theory]
    [InlineData("250 OK\r\n", 250, true, "OK")]
    [InlineData("250-mail.example.com\r\n", 250, false, "mail.example.com")]
    [InlineData("250\r\n", 250, true, "")]
    [InlineData("250-\r\n", 250, false, "")]
    [InlineData("250 \r\n", 250, true, "")]
    [InlineData("554 Transaction\tfailed\r\n", 554, true, "Transaction\tfailed")]
    [InlineData("220 ünïcode greeting\r\n", 220, true, "ünïcode greeting")]
    public void Parses_code_continuation_and_text(string line, int code, bool isLast, string text)
    {
        Assert.Equal(ReplyStatus.Ok, Parse(line, Plain, out ReplyLine reply));
        Assert.Equal(new ReplyCode(code), reply.Code);
        Assert.Equal(isLast, reply.IsLast);
        Assert.True(reply.HasCode);
        Assert.Equal(text, Encoding.UTF8.GetString(reply.Text));
        Assert.Equal(line[..^2], Encoding.UTF8.GetString(reply.Line));
        Assert.True(reply.EnhancedStatusCode.IsEmpty);
    }

    [Theory]
    [InlineData("600 Nope\r\n")]
    [InlineData("099 Nope\r\n")]
    [InlineData("2a0 Nope\r\n")]
    [InlineData("260 Second digit above 5\r\n")]
    [InlineData("25\r\n")]
    [InlineData("250x\r\n")]
    [InlineData("2500 OK\r\n")]
    [InlineData("150 Opening\r\n")]
    [InlineData(" 250 OK\r\n")]
    [InlineData("250 NUL\0here\r\n")]
    [InlineData("250 ESC\u001b[31m\r\n")]
    [InlineData("250 DEL\u007f\r\n")]
    public void Refuses_bad_codes_and_control_characters(string line)
    {
        Assert.Equal(ReplyStatus.SyntaxError, Parse(line, Plain, out _));
    }

    [Theory]
    [InlineData("150 File status okay\r\n", true)]
    [InlineData("100 Lowest\r\n", true)]
    [InlineData("050 Still not\r\n", false)]
    public void Preliminary_replies_allow_a_first_digit_of_1(string line, bool valid)
    {
        Assert.Equal(valid ? ReplyStatus.Ok : ReplyStatus.SyntaxError, Parse(line, Ftp, out ReplyLine reply));
        Assert.Equal(valid ? ReplyClass.PositivePreliminary : default, reply.Code.Class);
    }

    [Theory]
    [InlineData("250 OK", ReplyStatus.BadLineEnding)]
    [InlineData("250 OK\n", ReplyStatus.BadLineEnding)]
    [InlineData("250 O\rK\r\n", ReplyStatus.BadLineEnding)]
    public void Line_ending_is_checked(string line, ReplyStatus status)
    {
        Assert.Equal(status, Parse(line, Plain, out _));
    }

    [Fact]
    public void Line_length_counts_the_CRLF()
    {
        var syntax = new ReplySyntax(10, false, false, MultilineReplies.CodeOnEveryLine);
        Assert.Equal(ReplyStatus.Ok, Parse("250 1234\r\n", syntax, out _));
        Assert.Equal(ReplyStatus.LineTooLong, Parse("250 12345\r\n", syntax, out _));
    }

    [Theory]
    [InlineData("250 2.1.0 Sender OK\r\n", "2.1.0", "Sender OK")]
    [InlineData("550 5.1.1 User unknown\r\n", "5.1.1", "User unknown")]
    [InlineData("250-2.0.0 more\r\n", "2.0.0", "more")]
    [InlineData("250 2.0.0\r\n", "2.0.0", "")]
    [InlineData("250 2.0.0 \r\n", "2.0.0", "")]
    [InlineData("250 5.1.1 Class differs\r\n", "", "5.1.1 Class differs")]
    [InlineData("250 2.0.0x Not followed by SP\r\n", "", "2.0.0x Not followed by SP")]
    [InlineData("250 2.0 Short\r\n", "", "2.0 Short")]
    [InlineData("250 OK\r\n", "", "OK")]
    public void Enhanced_status_code_is_split_off_when_its_class_matches(string line, string enhanced, string text)
    {
        Assert.Equal(ReplyStatus.Ok, Parse(line, Smtp, out ReplyLine reply));
        Assert.Equal(enhanced, reply.EnhancedStatusCode.ToString());
        Assert.Equal(text, Encoding.ASCII.GetString(reply.Text));
    }

    [Fact]
    public void Enhanced_status_code_stays_in_the_text_when_the_syntax_has_none()
    {
        Assert.Equal(ReplyStatus.Ok, Parse("250 2.1.0 Sender OK\r\n", Plain, out ReplyLine reply));
        Assert.True(reply.EnhancedStatusCode.IsEmpty);
        Assert.Equal("2.1.0 Sender OK", Encoding.ASCII.GetString(reply.Text));
    }

    [Fact]
    public void Parsing_a_reply_line_does_not_allocate()
    {
        byte[] line = "550 5.1.1 User unknown\r\n"u8.ToArray();
        ReplySyntax syntax = Smtp;
        long allocated = Allocations.Measure(() => ReplyLine.TryParse(line, syntax, out _));
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Syntax_keeps_its_settings()
    {
        var syntax = new ReplySyntax(1000, true, true, MultilineReplies.CodeOnFirstAndLastLine);
        Assert.Equal(1000, syntax.MaxLineLength);
        Assert.True(syntax.EnhancedStatusCodes);
        Assert.True(syntax.PreliminaryReplies);
        Assert.Equal(MultilineReplies.CodeOnFirstAndLastLine, syntax.MultilineReplies);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplySyntax(0, false, false, MultilineReplies.CodeOnEveryLine));
    }
}
