using System.Text;

namespace SmtpGen.Tests;

public class ReplyAccumulatorTests
{
    private static readonly ReplySyntax Smtp = new(512, enhancedStatusCodes: true, preliminaryReplies: false, MultilineReplies.CodeOnEveryLine);
    private static readonly ReplySyntax Ftp = new(512, enhancedStatusCodes: false, preliminaryReplies: true, MultilineReplies.CodeOnFirstAndLastLine);

    private static ReplyStatus Add(ref ReplyAccumulator accumulator, string line, out string text, out bool hasCode)
    {
        ReplyStatus status = accumulator.Add(Encoding.UTF8.GetBytes(line), out ReplyLine parsed);
        text = Encoding.UTF8.GetString(parsed.Text);
        hasCode = parsed.HasCode;
        return status;
    }

    [Fact]
    public void A_single_line_reply_is_complete_at_once()
    {
        var accumulator = new ReplyAccumulator(Smtp);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "250 2.0.0 OK\r\n", out string text, out _));
        Assert.True(accumulator.IsComplete);
        Assert.Equal(new ReplyCode(250), accumulator.Code);
        Assert.Equal(new EnhancedStatusCode(2, 0, 0), accumulator.EnhancedStatusCode);
        Assert.Equal(1, accumulator.LineCount);
        Assert.Equal("OK", text);
    }

    [Fact]
    public void A_multi_line_EHLO_reply_completes_at_its_last_line()
    {
        var accumulator = new ReplyAccumulator(Smtp);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "250-mail.example.com\r\n", out string first, out _));
        Assert.False(accumulator.IsComplete);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "250-SIZE 35882577\r\n", out string second, out _));
        Assert.False(accumulator.IsComplete);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "250 HELP\r\n", out string third, out _));
        Assert.True(accumulator.IsComplete);
        Assert.Equal(3, accumulator.LineCount);
        Assert.Equal(["mail.example.com", "SIZE 35882577", "HELP"], new[] { first, second, third });
    }

    [Fact]
    public void A_line_with_another_code_is_a_syntax_error_and_changes_nothing()
    {
        var accumulator = new ReplyAccumulator(Smtp);
        Add(ref accumulator, "250-mail.example.com\r\n", out _, out _);
        Assert.Equal(ReplyStatus.SyntaxError, Add(ref accumulator, "251 HELP\r\n", out _, out _));
        Assert.False(accumulator.IsComplete);
        Assert.Equal(1, accumulator.LineCount);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "250 HELP\r\n", out _, out _));
        Assert.True(accumulator.IsComplete);
    }

    [Fact]
    public void Adding_after_completion_starts_a_new_reply()
    {
        var accumulator = new ReplyAccumulator(Smtp);
        Add(ref accumulator, "250-first\r\n", out _, out _);
        Add(ref accumulator, "250 2.0.0 done\r\n", out _, out _);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "550-5.1.1 No such user\r\n", out _, out _));
        Assert.False(accumulator.IsComplete);
        Assert.Equal(new ReplyCode(550), accumulator.Code);
        Assert.Equal(new EnhancedStatusCode(5, 1, 1), accumulator.EnhancedStatusCode);
        Assert.Equal(1, accumulator.LineCount);
    }

    [Fact]
    public void Framing_errors_are_reported()
    {
        var accumulator = new ReplyAccumulator(Smtp);
        Assert.Equal(ReplyStatus.BadLineEnding, Add(ref accumulator, "250 OK\n", out _, out _));
        Assert.Equal(0, accumulator.LineCount);
    }

    [Fact]
    public void An_FTP_reply_has_free_text_between_its_first_and_last_lines()
    {
        // RFC 959 §4.2
        var accumulator = new ReplyAccumulator(Ftp);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "123-First line\r\n", out string text, out bool hasCode));
        Assert.True(hasCode);
        Assert.Equal("First line", text);

        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "Second line\r\n", out text, out hasCode));
        Assert.False(hasCode);
        Assert.Equal("Second line", text);

        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "  234 A line beginning with numbers\r\n", out text, out hasCode));
        Assert.False(hasCode);
        Assert.Equal("  234 A line beginning with numbers", text);

        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "234 A line beginning with numbers\r\n", out _, out hasCode));
        Assert.False(hasCode);
        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "123-Not the end either\r\n", out _, out hasCode));
        Assert.False(hasCode);
        Assert.False(accumulator.IsComplete);

        Assert.Equal(ReplyStatus.Ok, Add(ref accumulator, "123 The last line\r\n", out text, out hasCode));
        Assert.True(hasCode);
        Assert.Equal("The last line", text);
        Assert.True(accumulator.IsComplete);
        Assert.Equal(6, accumulator.LineCount);
        Assert.Equal(new ReplyCode(123), accumulator.Code);
    }

    [Fact]
    public void An_FTP_free_text_line_may_not_hold_control_characters()
    {
        var accumulator = new ReplyAccumulator(Ftp);
        Add(ref accumulator, "123-First line\r\n", out _, out _);
        Assert.Equal(ReplyStatus.SyntaxError, Add(ref accumulator, "bad\0line\r\n", out _, out _));
        Assert.Equal(1, accumulator.LineCount);
    }

    [Fact]
    public void In_SMTP_a_line_without_a_code_is_a_syntax_error()
    {
        var accumulator = new ReplyAccumulator(Smtp);
        Add(ref accumulator, "250-first\r\n", out _, out _);
        Assert.Equal(ReplyStatus.SyntaxError, Add(ref accumulator, "Second line\r\n", out _, out _));
    }

    [Fact]
    public void Accumulating_a_reply_does_not_allocate()
    {
        byte[][] lines = ["250-mail.example.com\r\n"u8.ToArray(), "250-SIZE 35882577\r\n"u8.ToArray(), "250 HELP\r\n"u8.ToArray()];
        ReplySyntax syntax = Smtp;
        long allocated = Allocations.Measure(() =>
        {
            var accumulator = new ReplyAccumulator(syntax);
            foreach (byte[] line in lines)
            {
                accumulator.Add(line, out _);
            }
        });
        Assert.Equal(0, allocated);
    }
}
