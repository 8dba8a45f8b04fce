using System.Buffers;
using SmtpGen.Smtp;

namespace SmtpGen.Protocols.Tests;

/// <summary>
/// Generated writers build the whole line before they advance the output: a line longer than its command's limit
/// (RFC 5321 §4.5.3.1.4: <see cref="SmtpProtocol.MaxCommandLine"/>, 512 octets with CRLF, for a command without
/// parameters; <see cref="SmtpProtocol.MaxMailLine"/> and <see cref="SmtpProtocol.MaxRcptLine"/> with what the
/// extensions' parameters add) or an invalid argument throws and leaves the output as it was.
/// </summary>
public class SmtpWriterLimitTests
{
    /// <summary>"NOOP " + argument + "\r\n" is the argument and 7 octets.</summary>
    private const int NoopOverhead = 7;

    /// <summary>"MAIL FROM:&lt;alice@example.com&gt; " + parameters + "\r\n" is the parameters and 32 octets.</summary>
    private const int MailOverhead = 32;

    [Fact]
    public void A_line_of_exactly_the_maximum_is_written()
    {
        var output = new ArrayBufferWriter<byte>();
        byte[] argument = Lines.Raw(new string('n', SmtpProtocol.MaxCommandLine - NoopOverhead));

        SmtpProtocol.WriteNoop(output, argument);

        Assert.Equal(SmtpProtocol.MaxCommandLine, output.WrittenCount);
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(output.WrittenSpan, out SmtpProtocol.Command command));
        Assert.Equal(argument, command.Argument.ToArray());
    }

    [Fact]
    public void A_line_one_octet_too_long_throws_and_leaves_the_output_untouched()
    {
        var output = new ArrayBufferWriter<byte>();
        SmtpProtocol.WriteNoop(output);

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => SmtpProtocol.WriteNoop(output, Lines.Raw(new string('n', SmtpProtocol.MaxCommandLine - NoopOverhead + 1))));

        Assert.Contains("512", error.Message, StringComparison.Ordinal);
        Assert.Equal("NOOP\r\n", Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void MAIL_with_parameters_is_written_up_to_its_own_longer_limit()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(EsmtpParameters.TryCreate(Lines.Raw("X-LONG=" + new string('v', SmtpProtocol.MaxMailLine - MailOverhead - 7)), out EsmtpParameters parameters));

        SmtpProtocol.WriteMail(output, "alice@example.com"u8, parameters);

        Assert.Equal(SmtpProtocol.MaxMailLine, output.WrittenCount);
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(output.WrittenSpan, out SmtpProtocol.Command command));
        Assert.Equal(SmtpProtocol.Verb.Mail, command.Verb);
    }

    [Fact]
    public void Parameters_that_push_the_line_past_the_maximum_throw_and_leave_the_output_untouched()
    {
        var output = new ArrayBufferWriter<byte>();
        byte[] raw = Lines.Raw("X-LONG=" + new string('v', SmtpProtocol.MaxMailLine - MailOverhead - 7 + 1));

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

        ArgumentException refused = Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteRcpt(output, Lines.Raw(forwardPath)));

        Assert.Equal("forwardPath", refused.ParamName);
        Assert.Equal("MAIL FROM:<alice@example.com>\r\n", Lines.Text(output.WrittenSpan));
    }

    [Fact]
    public void An_invalid_argument_is_named_by_the_writers_parameter_whatever_its_kind()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Equal("domain", Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteEhlo(output, "-bad.example"u8)).ParamName);
        Assert.Equal("reversePath", Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteMail(output, "not a mailbox"u8)).ParamName);
        Assert.Equal("last", Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteBdat(output, 5, "FIRST"u8)).ParamName);
        Assert.Equal("argument", Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteHelp(output, "two words"u8)).ParamName);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void An_invalid_parameter_value_is_named_by_the_member_of_the_formatters_parameter()
    {
        byte[] buffer = new byte[128];

        Assert.Equal("values.EnvelopeId", Assert.Throws<ArgumentException>(() => SmtpProtocol.FormatMailParameters(buffer, new SmtpProtocol.MailParameters { Submitter = "a@example.com"u8, EnvelopeId = "a b"u8 })).ParamName);
        Assert.Equal("values.Ret", Assert.Throws<ArgumentException>(() => SmtpProtocol.FormatMailParameters(buffer, new SmtpProtocol.MailParameters { Ret = "ALL"u8 })).ParamName);
        Assert.Equal("values.Body", Assert.Throws<ArgumentException>(() => SmtpProtocol.FormatMailParameters(buffer, new SmtpProtocol.MailParameters { Body = "BINARY"u8 })).ParamName);
        Assert.Equal("values.Size", Assert.Throws<ArgumentOutOfRangeException>(() => SmtpProtocol.FormatMailParameters(buffer, new SmtpProtocol.MailParameters { Size = -1 })).ParamName);
    }

    [Fact]
    public void A_negative_chunk_size_is_out_of_range_and_named()
    {
        var output = new ArrayBufferWriter<byte>();

        ArgumentOutOfRangeException refused = Assert.Throws<ArgumentOutOfRangeException>(() => SmtpProtocol.WriteBdat(output, -1));

        Assert.Equal("chunkSize", refused.ParamName);
        Assert.Equal(-1L, refused.ActualValue);
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public void An_invalid_optional_argument_throws_and_leaves_the_output_untouched()
    {
        var output = new ArrayBufferWriter<byte>();

        Assert.Throws<ArgumentException>(() => SmtpProtocol.WriteHelp(output, "two words"u8));

        Assert.Equal(0, output.WrittenCount);
    }
}
