using System.Text;
using SmtpGen.Smtp;
using Verb = SmtpGen.Smtp.SmtpProtocol.Verb;

namespace SmtpGen.Protocols.Tests;

/// <summary>The generated SMTP command parser on the seed's lines and on the edges RFC 5321 (and RFC 6531) draw.</summary>
public class SmtpCommandTests
{
    private static SmtpProtocol.Command Parse(byte[] line, out CommandStatus status)
    {
        status = SmtpProtocol.TryParseCommand(line, out SmtpProtocol.Command command);
        return command;
    }

    private static CommandStatus Status(string line) => SmtpProtocol.TryParseCommand(Lines.Crlf(line), out _);

    // ---- The seed conversation -------------------------------------------------------------------------

    [Fact]
    public void GetVerbName_gives_each_verb_as_its_pattern_spells_it_and_its_writer_sends_it()
    {
        Assert.Equal("MAIL", SmtpProtocol.GetVerbName(SmtpProtocol.Verb.Mail));
        Assert.Equal("STARTTLS", SmtpProtocol.GetVerbName(SmtpProtocol.Verb.StartTls));
        Assert.Equal("get", Memcached.MemcachedProtocol.GetVerbName(Memcached.MemcachedProtocol.Verb.Get));
        foreach (SmtpProtocol.Verb verb in Enum.GetValues<SmtpProtocol.Verb>())
        {
            Assert.Matches("^[A-Z]{4,8}$", SmtpProtocol.GetVerbName(verb));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => SmtpProtocol.GetVerbName((SmtpProtocol.Verb)(-1)));
    }

    [Fact]
    public void Seed_helo_parses_with_its_domain()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("HELO client.example.com"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(Verb.Helo, command.Verb);
        Assert.Equal("client.example.com", Lines.Text(command.Domain));
        Assert.Equal("HELO client.example.com", Lines.Text(command.Line));
    }

    [Fact]
    public void Seed_mail_parses_with_its_reverse_path_and_no_parameters()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("MAIL FROM:<alice@example.com>"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(Verb.Mail, command.Verb);
        Assert.Equal("alice@example.com", Lines.Text(command.ReversePath));
        Assert.False(command.HasParameters);
        Assert.True(command.Parameters.IsEmpty);
    }

    [Fact]
    public void Seed_rcpt_parses_with_its_forward_path()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("RCPT TO:<bob@example.com>"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(Verb.Rcpt, command.Verb);
        Assert.Equal("bob@example.com", Lines.Text(command.ForwardPath));
        Assert.False(command.HasParameters);
    }

    [Theory]
    [InlineData("DATA", Verb.Data)]
    [InlineData("QUIT", Verb.Quit)]
    [InlineData("RSET", Verb.Rset)]
    [InlineData("NOOP", Verb.Noop)]
    [InlineData("HELP", Verb.Help)]
    public void Seed_commands_without_arguments_parse(string line, Verb verb)
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(verb, command.Verb);
        Assert.True(command.Domain.IsEmpty);
        Assert.True(command.ReversePath.IsEmpty);
        Assert.False(command.HasArgument);
    }

    // ---- Case ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("mail from:<a@b>")]
    [InlineData("MaIl FrOm:<a@b>")]
    [InlineData("MAIL from:<a@b>")]
    public void Verbs_and_literals_are_case_insensitive(string line)
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(Verb.Mail, command.Verb);
        Assert.Equal("a@b", Lines.Text(command.ReversePath));
    }

    [Theory]
    [InlineData("helo x.example", Verb.Helo)]
    [InlineData("eHlO x.example", Verb.Ehlo)]
    [InlineData("rcpt to:<a@b>", Verb.Rcpt)]
    [InlineData("data", Verb.Data)]
    [InlineData("qUiT", Verb.Quit)]
    public void Every_verb_is_case_insensitive(string line, Verb verb)
    {
        Assert.Equal(verb, Parse(Lines.Crlf(line), out CommandStatus status).Verb);
        Assert.Equal(CommandStatus.Ok, status);
    }

    // ---- Paths -----------------------------------------------------------------------------------------

    [Fact]
    public void Null_reverse_path_is_accepted_and_empty()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("MAIL FROM:<>"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.True(command.ReversePath.IsEmpty);
    }

    [Fact]
    public void Null_forward_path_is_refused()
    {
        Assert.Equal(CommandStatus.SyntaxError, Status("RCPT TO:<>"));
    }

    [Theory]
    [InlineData("RCPT TO:<Postmaster>", "Postmaster")]
    [InlineData("RCPT TO:<postmaster>", "postmaster")]
    [InlineData("RCPT TO:<Postmaster@example.com>", "Postmaster@example.com")]
    public void Postmaster_is_a_forward_path(string line, string path)
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(path, Lines.Text(command.ForwardPath));
    }

    [Fact]
    public void Postmaster_without_domain_is_not_a_reverse_path()
    {
        Assert.Equal(CommandStatus.SyntaxError, Status("MAIL FROM:<Postmaster>"));
    }

    [Theory]
    [InlineData("EHLO [192.0.2.1]", "[192.0.2.1]")]
    [InlineData("EHLO [IPv6:2001:db8::1]", "[IPv6:2001:db8::1]")]
    [InlineData("HELO [192.0.2.1]", "[192.0.2.1]")]
    public void Address_literals_are_hello_arguments(string line, string domain)
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(domain, Lines.Text(command.Domain));
    }

    [Theory]
    [InlineData("EHLO [192.0.2.256]")]
    [InlineData("EHLO [192.0.2]")]
    [InlineData("EHLO [IPv6:2001:db8:::1]")]
    [InlineData("EHLO [IPv6:zz::1]")]
    [InlineData("EHLO [192.0.2.1")]
    [InlineData("EHLO -example.com")]
    [InlineData("EHLO example-.com")]
    [InlineData("EHLO example..com")]
    [InlineData("EHLO .example.com")]
    public void Malformed_hello_arguments_are_syntax_errors(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, Status(line));
    }

    [Fact]
    public void Mailbox_with_address_literal_domain_is_accepted()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("RCPT TO:<bob@[192.0.2.1]>"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal("bob@[192.0.2.1]", Lines.Text(command.ForwardPath));
    }

    [Theory]
    [InlineData("MAIL FROM:<\"john doe\"@example.com>", "\"john doe\"@example.com")]
    [InlineData("MAIL FROM:<\"a\\\"b\"@example.com>", "\"a\\\"b\"@example.com")]
    [InlineData("MAIL FROM:<first.last@example.com>", "first.last@example.com")]
    public void Quoted_and_dotted_local_parts_are_kept_as_sent(string line, string path)
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(path, Lines.Text(command.ReversePath));
    }

    [Theory]
    [InlineData("MAIL FROM:<first..last@example.com>")]
    [InlineData("MAIL FROM:<.first@example.com>")]
    [InlineData("MAIL FROM:<\"unterminated@example.com>")]
    [InlineData("MAIL FROM:<a@b")]
    [InlineData("MAIL FROM:a@b")]
    [InlineData("MAIL FROM:<a b@example.com>")]
    [InlineData("MAIL FROM:<@example.com>")]
    public void Malformed_paths_are_syntax_errors(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, Status(line));
    }

    // ---- Parameters ------------------------------------------------------------------------------------

    [Fact]
    public void Parameters_with_and_without_values_enumerate_in_order()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("MAIL FROM:<a@b> SIZE=1000 BODY=8BITMIME SMTPUTF8"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.True(command.HasParameters);

        var seen = new List<(string Keyword, string Value, bool HasValue)>();
        foreach (EsmtpParameter parameter in command.Parameters)
        {
            seen.Add((Lines.Text(parameter.Keyword), Lines.Text(parameter.Value), parameter.HasValue));
        }

        Assert.Equal([("SIZE", "1000", true), ("BODY", "8BITMIME", true), ("SMTPUTF8", "", false)], seen);
    }

    [Fact]
    public void Parameters_are_found_by_keyword_in_any_case()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("MAIL FROM:<a@b> SIZE=1000 BODY=8BITMIME SMTPUTF8"), out _);

        Assert.True(command.Parameters.TryGetValue("size"u8, out ReadOnlySpan<byte> size));
        Assert.Equal("1000", Lines.Text(size));
        Assert.True(command.Parameters.TryGetValue("BODY"u8, out ReadOnlySpan<byte> body));
        Assert.Equal("8BITMIME", Lines.Text(body));
        Assert.True(command.Parameters.TryGetValue("SMTPUTF8"u8, out ReadOnlySpan<byte> utf8));
        Assert.True(utf8.IsEmpty);
        Assert.False(command.Parameters.TryGetValue("RET"u8, out _));
    }

    [Fact]
    public void Rcpt_takes_parameters_too()
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf("RCPT TO:<bob@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.com"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.True(command.Parameters.TryGetValue("NOTIFY"u8, out ReadOnlySpan<byte> notify));
        Assert.Equal("SUCCESS,FAILURE", Lines.Text(notify));
    }

    [Theory]
    [InlineData("MAIL FROM:<a@b> SIZE=")] // esmtp-value = 1*(...)
    [InlineData("MAIL FROM:<a@b> =1000")]
    [InlineData("MAIL FROM:<a@b> -SIZE=1")] // keyword starts with ALPHA / DIGIT
    [InlineData("MAIL FROM:<a@b>  SIZE=1")] // one SP
    [InlineData("MAIL FROM:<a@b> SIZE=1  BODY=7BIT")]
    [InlineData("MAIL FROM:<a@b> SIZE=1=2")]
    public void Malformed_parameters_are_syntax_errors(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, Status(line));
    }

    // ---- Framing and limits ----------------------------------------------------------------------------

    [Fact]
    public void Line_of_512_octets_is_accepted_and_513_is_too_long()
    {
        // "NOOP " + atom + CRLF: 5 + n + 2 octets.
        byte[] exact = Lines.Crlf("NOOP " + new string('x', 512 - 7));
        byte[] over = Lines.Crlf("NOOP " + new string('x', 513 - 7));
        Assert.Equal(512, exact.Length);
        Assert.Equal(513, over.Length);

        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(exact, out _));
        Assert.Equal(CommandStatus.LineTooLong, SmtpProtocol.TryParseCommand(over, out _));
        Assert.Equal(512, SmtpProtocol.MaxCommandLine);
    }

    [Theory]
    [InlineData("MAIL FROM:<alice@example.com> X-PAD=", 1180)] // 512, SIZE 26, BODY 16, SMTPUTF8 10, AUTH 500, RET 9, ENVID 107
    [InlineData("RCPT TO:<bob@example.com> X-PAD=", 1042)]     // 512, NOTIFY 29, ORCPT 501: RFC 3461 §5.4's 530 more
    public void A_command_with_parameters_takes_a_line_as_long_as_its_extensions_allow_and_not_one_octet_more(string prefix, int longest)
    {
        byte[] exact = Lines.Crlf(prefix + new string('v', longest - 2 - prefix.Length));
        byte[] over = Lines.Crlf(prefix + new string('v', longest + 1 - 2 - prefix.Length));
        Assert.Equal(longest, exact.Length);

        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(exact, out _));
        Assert.Equal(CommandStatus.LineTooLong, SmtpProtocol.TryParseCommand(over, out _));
        Assert.Equal(longest, prefix[0] == 'M' ? SmtpProtocol.MaxMailLine : SmtpProtocol.MaxRcptLine);
        Assert.Equal(SmtpProtocol.MaxMailLine, SmtpProtocol.LongestCommandLine);
    }

    [Theory]
    [InlineData("NOOP ")]
    [InlineData("VRFY ")]
    [InlineData("HELP ")]
    public void A_command_without_parameters_keeps_the_512_octets_of_RFC_5321_while_MAIL_may_be_longer(string prefix)
    {
        byte[] over = Lines.Crlf(prefix + new string('x', 513 - 2 - prefix.Length));

        Assert.Equal(CommandStatus.LineTooLong, SmtpProtocol.TryParseCommand(over, out _));
    }

    [Theory]
    [InlineData("QUIT")] // no line ending
    [InlineData("QUIT\n")] // bare LF
    [InlineData("QUIT\r")] // bare CR
    [InlineData("QU\rIT\r\n")] // CR inside
    [InlineData("QUIT\n\r\n")] // LF before CRLF
    [InlineData("MAIL FROM:<a@b>\n\r\n")]
    [InlineData("HELO a\rb\r\n")]
    [InlineData("")]
    public void Lines_not_ended_by_crlf_alone_are_bad_line_endings(string raw)
    {
        Assert.Equal(CommandStatus.BadLineEnding, SmtpProtocol.TryParseCommand(Lines.Raw(raw), out _));
    }

    [Theory]
    [InlineData("HELO exa\0mple.com")]
    [InlineData("MAIL FROM:<a\0@b>")]
    [InlineData("RCPT TO:<bob@example.com> NOTIFY=\0")]
    [InlineData("NOOP \0")]
    [InlineData("VRFY \"a\0b\"")]
    public void Nul_in_an_argument_is_a_syntax_error(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, Status(line));
    }

    // ---- 8-bit ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("MAIL FROM:<jörg@example.com>", "jörg@example.com")]
    [InlineData("RCPT TO:<用户@例子.广告>", "用户@例子.广告")]
    [InlineData("MAIL FROM:<\"jörg müller\"@exämple.com>", "\"jörg müller\"@exämple.com")]
    public void Valid_utf8_in_a_mailbox_is_accepted(string line, string path)
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        string actual = Lines.Text(command.Verb == Verb.Mail ? command.ReversePath : command.ForwardPath);
        Assert.Equal(path, actual);
    }

    public static TheoryData<byte[]> InvalidUtf8Lines() => new()
    {
        Bytes("MAIL FROM:<j", [0xFF], "rg@example.com>"), // never valid in UTF-8
        Bytes("MAIL FROM:<j", [0xC3], "rg@example.com>"), // truncated sequence
        Bytes("MAIL FROM:<j", [0xC0, 0xAF], "rg@example.com>"), // overlong '/'
        Bytes("MAIL FROM:<j", [0xED, 0xA0, 0x80], "rg@example.com>"), // UTF-16 surrogate
        Bytes("RCPT TO:<bob@ex", [0x80], "ample.com>"), // lone continuation in the domain
        Bytes("MAIL FROM:<a@b> X=", [0xFE], ""),
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8Lines))]
    public void Invalid_utf8_is_a_syntax_error(byte[] line)
    {
        Assert.Equal(CommandStatus.SyntaxError, SmtpProtocol.TryParseCommand(line, out _));
    }

    public static TheoryData<byte[]> EightBitVerbs() => new()
    {
        Bytes("M", [0xC3, 0x84], "IL FROM:<a@b>"),
        Bytes("", [0xC4], "ATA"),
        Bytes("QUI", [0xD4], ""), // 'T' | 0x80
        Bytes("", [0xC8, 0xC5, 0xCC, 0xCF], " example.com"), // "HELO" with bit 7 set
    };

    [Theory]
    [MemberData(nameof(EightBitVerbs))]
    public void Eight_bit_octets_in_a_verb_make_it_unknown(byte[] line)
    {
        Assert.Equal(CommandStatus.UnknownVerb, SmtpProtocol.TryParseCommand(line, out _));
    }

    // ---- Trailing white space (RFC 5321 §4.1.1: receivers SHOULD tolerate it) --------------------------------

    [Theory]
    [InlineData("DATA ", "DATA")]
    [InlineData("RSET \t", "RSET")]
    [InlineData("HELO a.example.com ", "HELO a.example.com")]
    [InlineData("MAIL FROM:<a@b> ", "MAIL FROM:<a@b>")]
    [InlineData("MAIL FROM:<a@b> SIZE=1 \t ", "MAIL FROM:<a@b> SIZE=1")]
    [InlineData("RCPT TO:<a@b>  ", "RCPT TO:<a@b>")]
    [InlineData("VRFY bob ", "VRFY bob")]
    public void Trailing_white_space_is_tolerated_and_parses_as_the_line_without_it(string line, string without)
    {
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(Encoding.ASCII.GetBytes(line + "\r\n"), out SmtpProtocol.Command spaced));
        Assert.Equal(CommandStatus.Ok, SmtpProtocol.TryParseCommand(Encoding.ASCII.GetBytes(without + "\r\n"), out SmtpProtocol.Command plain));

        Assert.Equal(plain.Verb, spaced.Verb);
        Assert.Equal(plain.HasParameters, spaced.HasParameters);
        Assert.Equal(Encoding.ASCII.GetString(plain.Parameters.Raw), Encoding.ASCII.GetString(spaced.Parameters.Raw));
        Assert.Equal(Encoding.ASCII.GetString(plain.Argument), Encoding.ASCII.GetString(spaced.Argument));
        Assert.Equal(Encoding.ASCII.GetString(plain.Domain), Encoding.ASCII.GetString(spaced.Domain));
        Assert.Equal(Encoding.ASCII.GetString(plain.ReversePath), Encoding.ASCII.GetString(spaced.ReversePath));
        Assert.Equal(Encoding.ASCII.GetString(plain.ForwardPath), Encoding.ASCII.GetString(spaced.ForwardPath));
    }

    [Theory]
    [InlineData("DATA \v")]
    [InlineData("MAIL FROM:<a@b> \u00A0")]
    [InlineData("HELO a.example.com x ")]
    public void Only_spaces_and_tabs_are_trailing_white_space(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, SmtpProtocol.TryParseCommand(Encoding.Latin1.GetBytes(line + "\r\n"), out _));
    }

    // ---- Strictness --------------------------------------------------------------------------------------

    [Theory]
    [InlineData("MAIL FROM: <a@b>")] // RFC 5321 §4.1.1.2: no SP after the colon
    [InlineData("RCPT TO: <a@b>")]
    [InlineData("MAIL FROM :<a@b>")]
    [InlineData("MAIL  FROM:<a@b>")]
    [InlineData("MAIL FROM:<a@b>x")] // trailing garbage
    [InlineData("RCPT TO:<a@b>>")]
    [InlineData("HELO a.example.com extra")]
    [InlineData("HELO")]
    [InlineData("HELO ")]
    [InlineData("EHLO")]
    [InlineData("DATA x")]
    [InlineData("QUIT now")]
    [InlineData("RSET x")]
    [InlineData("VRFY")]
    [InlineData("NOOP a b")]
    [InlineData("MAIL TO:<a@b>")]
    [InlineData("RCPT FROM:<a@b>")]
    public void Strict_syntax_errors(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, Status(line));
    }

    [Theory]
    [InlineData("XYZZY")]
    [InlineData("MAILX FROM:<a@b>")]
    [InlineData("MAI FROM:<a@b>")]
    [InlineData(" HELO example.com")]
    [InlineData("HELO\texample.com")]
    [InlineData("STARTTLSX")]
    [InlineData("")]
    public void Unknown_verbs(string line)
    {
        Assert.Equal(CommandStatus.UnknownVerb, Status(line));
    }

    [Fact]
    public void Optional_arguments_of_help_noop_vrfy_and_expn()
    {
        SmtpProtocol.Command help = Parse(Lines.Crlf("HELP MAIL"), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.True(help.HasArgument);
        Assert.Equal("MAIL", Lines.Text(help.Argument));

        SmtpProtocol.Command vrfy = Parse(Lines.Crlf("VRFY \"Smith, John\""), out status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal("\"Smith, John\"", Lines.Text(vrfy.UserName));

        SmtpProtocol.Command expn = Parse(Lines.Crlf("EXPN staff"), out status);
        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(Verb.Expn, expn.Verb);
        Assert.Equal("staff", Lines.Text(expn.UserName));
    }

    [Theory]
    [InlineData("VRFY bob@example.com", Verb.Vrfy)]
    [InlineData("EXPN list@example.com", Verb.Expn)]
    public void Vrfy_and_expn_take_a_mailbox_as_a_user_name_as_RFC_5321_3_5_3_asks(string line, Verb verb)
    {
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);

        Assert.Equal(CommandStatus.Ok, status);
        Assert.Equal(verb, command.Verb);
        Assert.Equal(line[5..], Lines.Text(command.UserName));
    }

    // ---- Captures that share storage ----------------------------------------------------------------------

    [Theory]
    [InlineData("EHLO client.example.com", "Domain")]
    [InlineData("MAIL FROM:<alice@example.com> SIZE=10", "ReversePath")]
    [InlineData("RCPT TO:<bob@example.com>", "ForwardPath")]
    [InlineData("VRFY bob", "UserName")]
    [InlineData("HELP MAIL", "Argument")]
    [InlineData("AUTH PLAIN AGFsaWNlAHNlY3JldA==", "Mechanism")]
    [InlineData("BDAT 10 LAST", "Last")]
    public void A_capture_reads_as_its_own_command_gave_it_and_every_other_capture_of_that_field_as_empty(string line, string own)
    {
        // domain, reversePath, forwardPath, argument, userName, mechanism and last share one field of the Command: no command has two.
        SmtpProtocol.Command command = Parse(Lines.Crlf(line), out CommandStatus status);
        Assert.Equal(CommandStatus.Ok, status);
        var captures = new Dictionary<string, string>
        {
            ["Domain"] = Lines.Text(command.Domain),
            ["ReversePath"] = Lines.Text(command.ReversePath),
            ["ForwardPath"] = Lines.Text(command.ForwardPath),
            ["Argument"] = Lines.Text(command.Argument),
            ["UserName"] = Lines.Text(command.UserName),
            ["Mechanism"] = Lines.Text(command.Mechanism),
            ["Last"] = Lines.Text(command.Last),
        };
        foreach ((string name, string value) in captures)
        {
            if (name == own)
            {
                Assert.NotEqual("", value);
                Assert.Contains(value, line);
            }
            else
            {
                Assert.True(value == "", $"{name} of \"{line}\" is \"{value}\"; it belongs to other commands");
            }
        }
    }

    [Fact]
    public void Captures_of_one_command_keep_their_own_values_and_the_command_is_as_wide_as_its_widest_command()
    {
        SmtpProtocol.Command auth = Parse(Lines.Crlf("AUTH PLAIN AGFsaWNlAHNlY3JldA=="), out _);
        Assert.Equal("PLAIN", Lines.Text(auth.Mechanism));
        Assert.Equal("AGFsaWNlAHNlY3JldA==", Lines.Text(auth.InitialResponse));

        SmtpProtocol.Command bdat = Parse(Lines.Crlf("BDAT 10 LAST"), out _);
        Assert.Equal(10, bdat.ChunkSize);
        Assert.True(bdat.HasLast);

        // The line, three ranges of it (8 octets each: two spans' and the parameters'), a number, the verb and the flags:
        // not the eight spans of all captures, and under the 64 octets one store clears.
        Assert.Equal(56, System.Runtime.CompilerServices.Unsafe.SizeOf<SmtpProtocol.Command>());
    }

    private static byte[] Bytes(string before, byte[] middle, string after) =>
        [.. Lines.Raw(before), .. middle, .. Lines.Raw(after), (byte)'\r', (byte)'\n'];
}
