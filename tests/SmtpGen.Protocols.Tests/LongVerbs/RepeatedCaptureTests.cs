using System.Buffers;

namespace SmtpGen.Protocols.Tests.LongVerbs;

/// <summary>
/// Repeated captures of the three sorts of kind: text (<c>ENABLE {capabilities:Atom...}</c>), a value that is no ref
/// struct (<c>SUM[ {numbers:Number...}]</c>, whose list is formatted from values), and a choice
/// (<c>FLAGS {flags:SEEN|DELETED...}</c>). memcached's <c>get</c> has the others (MemcachedProtocolTests).
/// </summary>
public class RepeatedCaptureTests
{
    [Fact]
    public void A_list_of_atoms_parses_and_writes_back()
    {
        byte[] line = Lines.Crlf("ENABLE CONDSTORE UTF8=ACCEPT");
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(line, out LongVerbProtocol.Command command));
        var capabilities = new List<string>();
        foreach (ReadOnlySpan<byte> capability in command.Capabilities)
        {
            capabilities.Add(Lines.Text(capability));
        }

        Assert.Equal(["CONDSTORE", "UTF8=ACCEPT"], capabilities);
        var output = new ArrayBufferWriter<byte>();
        LongVerbProtocol.WriteEnable(output, command.Capabilities);
        Assert.Equal(line, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_list_of_numbers_is_formatted_from_values_and_reads_back_as_them()
    {
        Span<byte> buffer = stackalloc byte[64];
        Assert.True(LongVerbProtocol.NumbersList.TryFormat([1, 22, 333], buffer, out LongVerbProtocol.NumbersList numbers));
        Assert.Equal("1 22 333", Lines.Text(numbers.Text));
        Assert.Equal(3, numbers.Count);

        var output = new ArrayBufferWriter<byte>();
        LongVerbProtocol.WriteSum(output, numbers);
        Assert.Equal("SUM 1 22 333\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(output.WrittenSpan, out LongVerbProtocol.Command command));
        Assert.True(command.HasNumbers);
        long sum = 0;
        foreach (long number in command.Numbers)
        {
            sum += number;
        }

        Assert.Equal(356, sum);
    }

    [Fact]
    public void An_optional_list_left_out_is_empty_and_not_written()
    {
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(Lines.Crlf("SUM"), out LongVerbProtocol.Command command));
        Assert.False(command.HasNumbers);
        Assert.True(command.Numbers.IsEmpty);
        Assert.Equal(0, command.Numbers.Count);

        var output = new ArrayBufferWriter<byte>();
        LongVerbProtocol.WriteSum(output);
        Assert.Equal("SUM\r\n", Lines.Text(output.WrittenSpan));
        Assert.Equal(CommandStatus.SyntaxError, LongVerbProtocol.TryParseCommand(Lines.Crlf("SUM "), out _));
    }

    [Fact]
    public void Formatting_refuses_what_would_not_read_back()
    {
        Span<byte> small = stackalloc byte[5];
        Assert.False(LongVerbProtocol.NumbersList.TryFormat([1, 22, 333], small, out LongVerbProtocol.NumbersList none));
        Assert.True(none.IsEmpty);

        byte[] buffer = new byte[64];
        Assert.Throws<ArgumentException>(() => LongVerbProtocol.NumbersList.TryFormat([], buffer, out _));
        Assert.Equal("values", Assert.Throws<ArgumentOutOfRangeException>(() => LongVerbProtocol.NumbersList.TryFormat([1, -2], buffer, out _)).ParamName);
    }

    [Theory]
    [InlineData("FLAGS SEEN", new[] { "SEEN" })]
    [InlineData("FLAGS seen DELETED", new[] { "seen", "DELETED" })]
    public void A_list_of_choices_takes_only_the_values(string line, string[] flags)
    {
        Assert.Equal(CommandStatus.Ok, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out LongVerbProtocol.Command command));
        var read = new List<string>();
        foreach (ReadOnlySpan<byte> flag in command.Flags)
        {
            read.Add(Lines.Text(flag));
        }

        Assert.Equal(flags, read);
    }

    [Theory]
    [InlineData("FLAGS SEENX")]
    [InlineData("FLAGS SEEN ANSWERED")]
    [InlineData("FLAGS")]
    public void A_list_of_choices_refuses_other_values(string line)
    {
        Assert.Equal(CommandStatus.SyntaxError, LongVerbProtocol.TryParseCommand(Lines.Crlf(line), out _));
        Assert.False(LongVerbProtocol.FlagsList.TryCreate(Lines.Raw(line[Math.Min(6, line.Length)..]), out _));
    }

    [Fact]
    public void Enumerating_a_list_of_numbers_allocates_nothing()
    {
        byte[] line = Lines.Crlf("SUM 1 2 3 4 5 6 7 8 9");
        long total = 0;
        long allocated = Allocations.Measure(() =>
        {
            LongVerbProtocol.TryParseCommand(line, out LongVerbProtocol.Command command);
            foreach (long number in command.Numbers)
            {
                total += number;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1001 * 45, total);
    }
}
