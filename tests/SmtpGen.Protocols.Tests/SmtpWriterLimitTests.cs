using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests;

/// <summary>
/// Generated writers build the whole line before they advance the output: a line longer than
/// <see cref="SmtpProtocol.MaxCommandLine"/> (RFC 5321 §4.5.3.1.4: 512 octets, CRLF included) or an invalid
/// argument throws and leaves the output as it was.
/// </summary>
public class SmtpWriterLimitTests
{
    /// <summary>"RCPT TO:&lt;" + mailbox + "&gt;\r\n" is the mailbox and 12 octets.</summary>
    private const int RcptOverhead = 12;

    [Fact]
    public void A_line_of_exactly_the_maximum_is_written()
    {
        var output = new ArrayBufferWriter<byte>();
        byte[] mailbox = Mailbox(SmtpProtocol.MaxCommandLine - RcptOverhead);

        SmtpProtocol.WriteRcpt(output, mailbox);

        Assert.Equal(SmtpProtocol.MaxCommandLine, output.WrittenCount);
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(output.WrittenSpan, out SmtpProtocol.Command command));
        Assert.Equal(mailbox, command.ForwardPath.ToArray());
    }

    [Fact]
    public void A_line_one_octet_too_long_throws_and_leaves_the_output_untouched()
    {
        var output = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteNoop(output);

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => SmtpProtocol.WriteRcpt(output, Mailbox(SmtpProtocol.MaxCommandLine - RcptOverhead + 1)));

        Assert.Contains("512", error.Message, StringComparison.Ordinal);
        Assert.Equal("NOOP\r\n", Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void Parameters_that_push_the_line_past_the_maximum_throw_and_leave_the_output_untouched()
    {
        var output = new ArrayBufferWriter<byte>();
        byte[] raw = Lines.Raw("X-LONG=" + new string('v', 500));

        Assert.Throws<ArgumentException>(() =>
        {
            Assert.True(EsmtpParameters.TryCreate(raw, out EsmtpParameters parameters));
            SmtpProtocol.WriteMail(output, "alice@example.com"u8, parameters);
        });

        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData("not a mailbox")]
    [InlineData("bob@-bad.example")]
    [InlineData("bob@example.com\r\nDATA")]
    public void An_invalid_argument_throws_and_leaves_the_output_untouched(string forwardPath)
    {
        var output = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteMail(output, "alice@example.com"u8);

        Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteRcpt(output, Lines.Raw(forwardPath)));

        Assert.Equal("MAIL FROM:<alice@example.com>\r\n", Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void An_invalid_optional_argument_throws_and_leaves_the_output_untouched()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteHelp(output, "two words"u8));

        Assert.Equal(0, output.WrittenCount);
    }

    private static byte[] Mailbox(int length) =>
        Lines.Raw(new string('a', length - "@example.com".Length) + "@example.com");
}
