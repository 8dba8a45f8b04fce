using static SmtpGen.Tests.Captures.Scanning;
using OctetCount = SmtpGen.Captures.Octets;

namespace SmtpGen.Tests.Captures;

/// <summary>RFC 1870's size-value, <c>1*20DIGIT</c>: what a server reads as a message's size.</summary>
public class OctetsTests
{
    [Theory]
    [InlineData("0", 0L, 1)]
    [InlineData("10485760", 10485760L, 8)]
    [InlineData("9223372036854775807", long.MaxValue, 19)]
    [InlineData("9223372036854775808", long.MaxValue, 19)]
    [InlineData("99999999999999999999", long.MaxValue, 20)]
    [InlineData("1000 more", 1000L, 4)]
    public void Up_to_twenty_digits_read_and_too_large_values_read_as_the_largest(string input, long value, int consumed)
    {
        byte[] content = Content(input);
        int position = Start;
        Assert.True(OctetCount.TryScan(content, ref position, out long octets));
        Assert.Equal(value, octets);
        Assert.Equal(Start + consumed, position);
    }

    [Theory]
    [InlineData("123456789012345678901")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("x")]
    public void What_is_not_1_to_20_digits_is_refused(string input)
    {
        byte[] content = Content(input);
        int position = Start;
        Assert.False(OctetCount.TryScan(content, ref position, out long value));
        Assert.Equal(Start, position);
        Assert.Equal(0, value);
    }

    [Fact]
    public void A_count_is_written_in_decimal_and_a_negative_one_is_refused()
    {
        Span<byte> buffer = stackalloc byte[20];
        Assert.True(OctetCount.TryWrite(buffer, long.MaxValue, out int written));
        Assert.Equal("9223372036854775807", System.Text.Encoding.ASCII.GetString(buffer[..written]));
        Assert.False(OctetCount.TryWrite(buffer[..3], 1000, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => OctetCount.TryWrite(new byte[8], -1, out _));
    }
}
