using System.Buffers;
using System.Text;
using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class NumberAndTextTests
{
    [Theory]
    [InlineData("0", 0L, 1)]
    [InlineData("35882577", 35882577L, 8)]
    [InlineData("007", 7L, 3)]
    [InlineData("123 LAST", 123L, 3)]
    [InlineData("123abc", 123L, 3)]
    [InlineData("999999999999999999", 999999999999999999L, 18)]
    public void Number_scans_digits(string input, long value, int consumed)
    {
        byte[] content = Content(input);
        int position = Start;
        Assert.True(Number.TryScan(content, ref position, out long number));
        Assert.Equal(value, number);
        Assert.Equal(Start + consumed, position);
    }

    [Theory]
    [InlineData("1000000000000000000")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("x1")]
    public void Number_refuses_what_is_not_1_to_18_digits(string input)
    {
        byte[] content = Content(input);
        int position = Start;
        Assert.False(Number.TryScan(content, ref position, out long value));
        Assert.Equal(Start, position);
        Assert.Equal(0, value);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(999999999999999999L)]
    public void Number_write_round_trips(long value)
    {
        var output = new ArrayBufferWriter<byte>();
        Number.Write(output, value);
        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(output.WrittenSpan));
        int position = 0;
        Assert.True(Number.TryScan(output.WrittenSpan, ref position, out long read));
        Assert.Equal(value, read);
        Assert.Equal(output.WrittenCount, position);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(1000000000000000000L)]
    [InlineData(long.MaxValue)]
    public void Number_write_refuses_negative_and_19_digit_values(long value)
    {
        var output = new ArrayBufferWriter<byte>();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Number.Write(output, value));
        Assert.Contains(nameof(Number), error.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(value), error.ParamName);
        Assert.Equal(value, error.ActualValue);
        Assert.Equal(0, output.WrittenCount);
    }

    [Theory]
    [InlineData("Hello there", "Hello there")]
    [InlineData("tab\tand  spaces ", "tab\tand  spaces ")]
    [InlineData("ünïcode ✓", "ünïcode ✓")]
    [InlineData("x", "x")]
    [InlineData("", null)]
    [InlineData("nul\0", null)]
    [InlineData("bell\u0007", null)]
    [InlineData("del\u007f", null)]
    [InlineData("cr\r", null)]
    [InlineData("lf\nx", null)]
    public void Text_takes_the_rest_of_the_line_or_nothing(string input, string? text)
    {
        Assert.Equal(text, Consumed(SmtpGen.Captures.Text.TryScan, input));
    }

    [Fact]
    public void Text_refuses_ill_formed_UTF8()
    {
        Assert.Null(Scan(SmtpGen.Captures.Text.TryScan, Content(Octets("caf", [0xE9], ""))));
    }

    [Fact]
    public void Text_write_round_trips()
    {
        Assert.Equal("Hi\tthere ✓", Scan(SmtpGen.Captures.Text.TryScan, Content(Write(SmtpGen.Captures.Text.Write, "Hi\tthere ✓"))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\r\nQUIT")]
    [InlineData("nul\0")]
    public void Text_write_refuses_empty_and_control_characters(string value)
    {
        Refuses(SmtpGen.Captures.Text.Write, value, nameof(SmtpGen.Captures.Text));
    }
}
