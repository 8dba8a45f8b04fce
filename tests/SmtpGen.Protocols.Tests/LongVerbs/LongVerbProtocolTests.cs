using System.Buffers;

namespace SmtpGen.Protocols.Tests.LongVerbs;

/// <summary>Verbs of 9 to 16 octets, dispatched as two packed integers, beside short ones.</summary>
public class LongVerbProtocolTests
{
    [Theory]
    [InlineData("CAPABILITY", LongVerbProtocol.Verb.Capability)]
    [InlineData("capability", LongVerbProtocol.Verb.Capability)]
    [InlineData("AUTHENTICATE PLAIN", LongVerbProtocol.Verb.Authenticate)]
    [InlineData("Authenticate plain", LongVerbProtocol.Verb.Authenticate)]
    [InlineData("UNAUTHENTICATE", LongVerbProtocol.Verb.Unauthenticate)]
    [InlineData("X-SIXTEEN-OCTETS", LongVerbProtocol.Verb.Sixteen)]
    [InlineData("x-sixteen-octets hello", LongVerbProtocol.Verb.Sixteen)]
    [InlineData("NOOP", LongVerbProtocol.Verb.Noop)]
    [InlineData("LOGOUT", LongVerbProtocol.Verb.Logout)]
    public void Long_and_short_verbs_are_dispatched_in_any_case(string line, LongVerbProtocol.Verb verb)
    {
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out LongVerbProtocol.Command command));
        Assert.Equal(verb, command.Verb);
    }

    [Theory]
    [InlineData("CAPABILITIES")]       // 12 octets, as AUTHENTICATE: the tail differs
    [InlineData("CAPABILITZ")]         // 10 octets: the tail's last octet differs
    [InlineData("XAPABILITY")]         // 10 octets: the head differs
    [InlineData("AUTHENTICATF PLAIN")]
    [InlineData("X-SIXTEEN-OCTETZ")]
    [InlineData("X-SIXTEEN-OCTETSS")]  // 17 octets: longer than any verb
    public void A_near_miss_is_an_unknown_verb(string line)
    {
        Assert.Equal(CommandStatus.UnknownVerb, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Fact]
    public void A_long_verb_with_a_wrong_argument_is_a_syntax_error()
    {
        Assert.Equal(CommandStatus.SyntaxError, LongVerbProtocol.TryParseCommand(Lines.Crlf("CAPABILITY now"), out _));
        Assert.Equal(CommandStatus.SyntaxError, LongVerbProtocol.TryParseCommand(Lines.Crlf("AUTHENTICATE"), out _));
    }

    [Fact]
    public void Long_verbs_are_written_and_read_back()
    {
        var output = new ArrayBufferWriter<byte>();
        LongVerbProtocol.WriteAuthenticate(output, "SCRAM-SHA-256"u8);
        LongVerbProtocol.WriteSixteen(output, "hello"u8);

        Assert.Equal("AUTHENTICATE SCRAM-SHA-256\r\nX-SIXTEEN-OCTETS hello\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(output.WrittenSpan[..28], out LongVerbProtocol.Command command));
        Assert.Equal("SCRAM-SHA-256", Lines.Text(command.Mechanism));
    }

    [Theory]
    [InlineData("SET {42}", 42L, null)]
    [InlineData("SET {42} [7]", 42L, 7L)]
    [InlineData("set {0} [18]", 0L, 18L)]
    public void Doubled_braces_and_brackets_are_literal_text(string line, long number, long? index)
    {
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out LongVerbProtocol.Command command));
        Assert.Equal(number, command.Number);
        Assert.Equal(index, command.HasIndex ? command.Index : null);

        var output = new ArrayBufferWriter<byte>();
        LongVerbProtocol.WriteSet(output, number, index);
        Assert.Equal(index is null ? $"SET {{{number}}}\r\n" : $"SET {{{number}}} [{index}]\r\n", Lines.Text(output.WrittenSpan));
    }

    [Theory]
    [InlineData("SET 42")]
    [InlineData("SET {42")]
    [InlineData("SET {42} 7")]
    [InlineData("SET {42} [7")]
    public void A_line_without_the_literal_brackets_is_a_syntax_error(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Theory]
    [InlineData("MODE STREAM", "STREAM")]
    [InlineData("mode block", "block")]
    [InlineData("MODE C", "C")]
    public void A_choice_reads_one_of_its_values(string line, string mode)
    {
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out LongVerbProtocol.Command command));
        Assert.Equal(mode, Lines.Text(command.Mode));
    }

    [Theory]
    [InlineData("MODE PAGE")]
    [InlineData("MODE STREAMS")]
    [InlineData("MODE CC")]
    [InlineData("MODE")]
    public void A_value_that_is_none_of_the_choices_is_a_syntax_error(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out _));
    }

    [Fact]
    public void A_choice_is_written_by_name_and_refused_when_it_is_none_of_the_values()
    {
        var output = new ArrayBufferWriter<byte>();
        LongVerbProtocol.WriteMode(output, LongVerbProtocol.ModeValues.Compressed);
        LongVerbProtocol.WriteMode(output, "stream"u8);
        Assert.Equal("MODE C\r\nMODE stream\r\n", Lines.Text(output.WrittenSpan));

        var refused = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => LongVerbProtocol.WriteMode(refused, "PAGE"u8));
        Assert.Equal(0, refused.WrittenCount);
    }

    [Fact]
    public void Parsing_long_verbs_allocates_nothing()
    {
        byte[][] lines = [Lines.Crlf("CAPABILITY"), Lines.Crlf("AUTHENTICATE PLAIN"), Lines.Crlf("X-SIXTEEN-OCTETS x"), Lines.Crlf("NOOP")];
        int parsed = 0;
        long allocated = Allocations.Measure(() =>
        {
            foreach (byte[] line in lines)
            {
                parsed += LongVerbProtocol.TryParseCommand(line, out _) == CommandStatus.Ok ? 1 : 0;
            }
        });

        Assert.Equal(4 * 1001, parsed);
        Assert.Equal(0, allocated);
    }
}
