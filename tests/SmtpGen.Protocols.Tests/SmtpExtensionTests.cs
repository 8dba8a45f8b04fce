using SmtpGen.Smtp;
using Extension = SmtpGen.Smtp.SmtpProtocol.Extension;
using Extensions = SmtpGen.Smtp.SmtpProtocol.Extensions;

namespace SmtpGen.Protocols.Tests;

/// <summary>
/// SMTP's service extensions as the definition declares them: the lines a server announces, the capabilities a
/// client reads from them, and MAIL's parameters read and written.
/// </summary>
public class SmtpExtensionTests
{
    [Fact]
    public void A_server_announces_the_offered_extensions_in_the_definitions_order()
    {
        Assert.True(SmtpProtocol.MechanismsList.TryCreate("SCRAM-SHA-256 PLAIN"u8, out SmtpProtocol.MechanismsList mechanisms));
        byte[] lines = SmtpProtocol.FormatExtensionLines(250, Extensions.All, mechanisms, maxSize: 10485760);

        Assert.Equal("250-PIPELINING\r\n250-SIZE 10485760\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250-STARTTLS\r\n250-AUTH SCRAM-SHA-256 PLAIN\r\n250-CHUNKING\r\n250-DSN\r\n250 BINARYMIME\r\n", Lines.Text(lines));
    }

    [Fact]
    public void Only_the_offered_extensions_are_announced_and_the_last_line_ends_the_reply()
    {
        Extensions offered = Extensions.None.With(Extension.Size).With(Extension.SmtpUtf8);

        Assert.Equal("250-SIZE\r\n250 SMTPUTF8\r\n", Lines.Text(SmtpProtocol.FormatExtensionLines(250, offered, default)));
        Assert.Equal("250 PIPELINING\r\n", Lines.Text(SmtpProtocol.FormatExtensionLines(250, Extensions.None.With(Extension.Pipelining), default)));
        Assert.Empty(SmtpProtocol.FormatExtensionLines(250, Extensions.None, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmtpProtocol.FormatExtensionLines(42, offered, default));

        // AUTH names one mechanism or more: announcing it without one would be a line no client can read.
        Assert.Throws<ArgumentException>(() => SmtpProtocol.FormatExtensionLines(250, offered.With(Extension.Auth), default));
    }

    [Fact]
    public void The_set_adds_removes_and_names_its_extensions()
    {
        Extensions offered = Extensions.All.Without(Extension.Pipelining);

        Assert.False(offered.Has(Extension.Pipelining));
        Assert.True(offered.Has(Extension.EnhancedStatusCodes));
        Assert.Equal("SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, STARTTLS, AUTH, CHUNKING, DSN, BINARYMIME", offered.ToString());
        Assert.Equal(Extensions.All, offered.With(Extension.Pipelining));
        Assert.True(Extensions.None.IsEmpty);
    }

    [Fact]
    public void Sets_combine_as_sets_do()
    {
        Extensions server = Extensions.None.With(Extension.Size).With(Extension.Chunking).With(Extension.StartTls);
        Extensions relayed = Extensions.None.With(Extension.Size).With(Extension.Pipelining);

        Assert.Equal(Extensions.None.With(Extension.Size), server.Intersect(relayed));
        Assert.Equal(Extensions.None.With(Extension.Chunking).With(Extension.StartTls), server.Except(relayed));
        Assert.Equal(server.With(Extension.Pipelining), server.Union(relayed));
        Assert.True(server.Except(Extensions.All).IsEmpty);
    }

    [Theory]
    [InlineData("SIZE 10240000", Extension.Size)]
    [InlineData("chunking", Extension.Chunking)]
    [InlineData("AUTH PLAIN LOGIN", Extension.Auth)]
    public void A_line_names_the_extension_it_announces_by_its_keyword(string line, Extension expected)
    {
        Assert.True(SmtpProtocol.TryGetExtension(Lines.Raw(line), out Extension extension));
        Assert.Equal(expected, extension);
    }

    [Theory]
    [InlineData("XFORWARD NAME ADDR")]
    [InlineData("SIZES 10")]
    [InlineData("")]
    public void A_line_of_an_extension_the_definition_does_not_know_names_none(string line)
    {
        Assert.False(SmtpProtocol.TryGetExtension(Lines.Raw(line), out Extension extension));
        Assert.Equal(default, extension);
    }

    [Fact]
    public void A_client_reads_back_what_a_server_announced()
    {
        Extensions offered = Extensions.All.Without(Extension.EightBitMime);
        Assert.True(SmtpProtocol.MechanismsList.TryCreate("PLAIN LOGIN"u8, out SmtpProtocol.MechanismsList mechanisms));
        byte[] lines = SmtpProtocol.FormatExtensionLines(250, offered, mechanisms, maxSize: 35882577);
        ReplyAccumulator accumulator = SmtpProtocol.CreateReplyAccumulator();
        var capabilities = new SmtpProtocol.Capabilities();
        foreach (string line in Lines.Text(lines).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Equal(ReplyStatus.Ok, accumulator.Add(Lines.Crlf(line), out ReplyLine reply));
            Assert.True(capabilities.TryAdd(reply.Text));
        }

        Assert.Equal(offered, capabilities.Announced);
        Assert.Equal(35882577, capabilities.MaxSize);
        Assert.Equal(["PLAIN", "LOGIN"], Assert.IsType<string[]>(capabilities.Mechanisms));
    }

    [Theory]
    [InlineData("size 1000", 1000L)]
    [InlineData("SIZE", null)]
    [InlineData("SIZE 0", 0L)]
    [InlineData("SIZE lots", null)]
    [InlineData("SIZE 1000 more", null)]
    public void Size_counts_as_announced_whatever_its_value(string line, long? maxSize)
    {
        var capabilities = new SmtpProtocol.Capabilities();

        Assert.True(capabilities.TryAdd(Lines.Raw(line)));
        Assert.True(capabilities.Has(Extension.Size));
        Assert.Equal(maxSize, capabilities.MaxSize);
    }

    [Fact]
    public void An_extension_line_with_trailing_white_space_is_read_as_without_it()
    {
        // A server's "250-AUTH PLAIN LOGIN " (RFC 5321 §4.1.1's tolerance, read by the definition's setting).
        var capabilities = new SmtpProtocol.Capabilities();

        Assert.True(capabilities.TryAdd(Lines.Raw("AUTH PLAIN LOGIN \t")));
        Assert.True(capabilities.TryAdd(Lines.Raw("SIZE 1000 ")));

        Assert.Equal(["PLAIN", "LOGIN"], Assert.IsType<string[]>(capabilities.Mechanisms));
        Assert.Equal(1000L, capabilities.MaxSize);
    }

    [Theory]
    [InlineData("XFOO")]
    [InlineData("XEXCH50")]
    [InlineData("")]
    public void A_keyword_the_definition_does_not_know_is_left_to_the_caller(string line)
    {
        var capabilities = new SmtpProtocol.Capabilities();

        Assert.False(capabilities.TryAdd(Lines.Raw(line)));
        Assert.True(capabilities.Announced.IsEmpty);
    }

    [Fact]
    public void Mail_parameters_are_read_into_their_types()
    {
        Assert.Equal(ParameterStatus.Ok, Read("SIZE=1000 body=8bitmime SMTPUTF8", Extensions.All, out long? size, out string body, out bool utf8));
        Assert.Equal(1000, size);
        Assert.Equal("8bitmime", body);
        Assert.True(utf8);

        Assert.Equal(ParameterStatus.Ok, Read("", Extensions.All, out size, out body, out utf8));
        Assert.Null(size);
        Assert.Equal("", body);
        Assert.False(utf8);
    }

    [Theory]
    [InlineData("FOO=1", ParameterStatus.Unknown)]
    [InlineData("SIZE=1 FOO", ParameterStatus.Unknown)]
    [InlineData("SIZE=abc", ParameterStatus.Malformed)]
    [InlineData("SIZE", ParameterStatus.Malformed)]
    [InlineData("SIZE=12x", ParameterStatus.Malformed)]
    [InlineData("SIZE=123456789012345678901", ParameterStatus.Malformed)]
    [InlineData("SIZE=1 SIZE=2", ParameterStatus.Repeated)]
    [InlineData("BODY=BINARY", ParameterStatus.Malformed)]
    [InlineData("BODY", ParameterStatus.Malformed)]
    [InlineData("BODY=7BIT BODY=8BITMIME", ParameterStatus.Repeated)]
    [InlineData("SMTPUTF8=yes", ParameterStatus.Malformed)]
    [InlineData("SMTPUTF8 SMTPUTF8", ParameterStatus.Repeated)]
    public void Unknown_malformed_and_repeated_parameters_are_told_apart(string parameters, ParameterStatus expected)
    {
        Assert.Equal(expected, Read(parameters, Extensions.All, out _, out _, out _));
    }

    [Fact]
    public void A_parameter_of_an_extension_not_offered_is_unknown()
    {
        Assert.Equal(ParameterStatus.Unknown, Read("SMTPUTF8", Extensions.All.Without(Extension.SmtpUtf8), out _, out _, out _));
        Assert.Equal(ParameterStatus.Ok, Read("SIZE=5", Extensions.All.Without(Extension.SmtpUtf8), out _, out _, out _));
    }

    [Fact]
    public void Twenty_digits_of_size_read_as_the_largest_size()
    {
        Assert.Equal(ParameterStatus.Ok, Read("SIZE=99999999999999999999", Extensions.All, out long? size, out _, out _));
        Assert.Equal(long.MaxValue, size);
    }

    [Fact]
    public void Mail_parameters_are_written_and_read_back()
    {
        var values = new SmtpProtocol.MailParameters { Size = 303, Body = SmtpProtocol.BodyValues.EightBitMime, SmtpUtf8 = true };
        Span<byte> buffer = stackalloc byte[SmtpProtocol.MaxCommandLine];
        int written = SmtpProtocol.FormatMailParameters(buffer, values);

        Assert.Equal("SIZE=303 BODY=8BITMIME SMTPUTF8", Lines.Text(buffer[..written]));
        Assert.Equal(ParameterStatus.Ok, Read(Lines.Text(buffer[..written]), Extensions.All, out long? size, out string body, out bool utf8));
        Assert.Equal((303L, "8BITMIME", true), (size, body, utf8));
        Assert.Equal(0, SmtpProtocol.FormatMailParameters(buffer, default));
    }

    [Fact]
    public void A_value_the_parameter_does_not_take_is_refused_when_written()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var values = new SmtpProtocol.MailParameters { Body = "BINARY"u8 };
            Span<byte> buffer = stackalloc byte[64];
            SmtpProtocol.FormatMailParameters(buffer, values);
        });
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var values = new SmtpProtocol.MailParameters { Size = -1 };
            Span<byte> buffer = stackalloc byte[64];
            SmtpProtocol.FormatMailParameters(buffer, values);
        });
    }

    [Fact]
    public void Reading_mail_parameters_allocates_nothing()
    {
        byte[] line = Lines.Crlf("MAIL FROM:<alice@example.com> SIZE=1000 BODY=8BITMIME SMTPUTF8");
        int read = 0;
        long allocated = Allocations.Measure(() =>
        {
            SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command);
            read += SmtpProtocol.TryReadMailParameters(command.Parameters, Extensions.All, out SmtpProtocol.MailParameters values) == ParameterStatus.Ok && values.Size == 1000 ? 1 : 0;
        });

        Assert.Equal(1001, read);
        Assert.Equal(0, allocated);
    }

    private static ParameterStatus Read(string parameters, Extensions offered, out long? size, out string body, out bool utf8)
    {
        Assert.True(EsmtpParameters.TryCreate(Lines.Raw(parameters), out EsmtpParameters parsed));
        ParameterStatus status = SmtpProtocol.TryReadMailParameters(parsed, offered, out SmtpProtocol.MailParameters values);
        (size, body, utf8) = (values.Size, Lines.Text(values.Body), values.SmtpUtf8);
        return status;
    }

    [Theory]
    [InlineData(SmtpProtocol.Verb.Mail, "SIZE", true)]
    [InlineData(SmtpProtocol.Verb.Mail, "body", true)]
    [InlineData(SmtpProtocol.Verb.Mail, "AUTH", true)]
    [InlineData(SmtpProtocol.Verb.Mail, "NOTIFY", false)]
    [InlineData(SmtpProtocol.Verb.Rcpt, "NOTIFY", true)]
    [InlineData(SmtpProtocol.Verb.Rcpt, "SIZE", false)]
    [InlineData(SmtpProtocol.Verb.Mail, "MT-PRIORITY", false)]
    [InlineData(SmtpProtocol.Verb.Data, "SIZE", false)]
    [InlineData(SmtpProtocol.Verb.Mail, "", false)]
    [InlineData(SmtpProtocol.Verb.Mail, "SIZE=1", false)]
    public void A_keyword_is_SMTPs_when_an_extension_of_the_definition_declares_it_for_the_command(SmtpProtocol.Verb verb, string keyword, bool declared)
    {
        Assert.Equal(declared, SmtpParameterKeywords.IsDeclared(verb, System.Text.Encoding.ASCII.GetBytes(keyword)));
    }
}
