using System.Text;

namespace SmtpGen.Tests;

public class EnhancedStatusCodeTests
{
    [Theory]
    [InlineData("2.0.0", 2, 0, 0, 5)]
    [InlineData("5.1.1 User unknown", 5, 1, 1, 5)]
    [InlineData("4.7.123", 4, 7, 123, 7)]
    [InlineData("2.1.23", 2, 1, 23, 6)]
    [InlineData("5.999.999x", 5, 999, 999, 9)]
    public void TryParse_reads_the_code_at_the_start(string text, int @class, int subject, int detail, int consumed)
    {
        Assert.True(EnhancedStatusCode.TryParse(Encoding.ASCII.GetBytes(text), out EnhancedStatusCode code, out int length));
        Assert.Equal(new EnhancedStatusCode(@class, subject, detail), code);
        Assert.Equal(consumed, length);
    }

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("1.0.0")]
    [InlineData("2.0")]
    [InlineData("2.0.")]
    [InlineData("2..0")]
    [InlineData("2.1000.0")]
    [InlineData("2.0.1000")]
    [InlineData("2.01.0")]
    [InlineData("2.0.00")]
    [InlineData("2 0 0")]
    [InlineData("")]
    [InlineData("x.0.0")]
    public void TryParse_refuses_what_RFC_3463_does_not_allow(string text)
    {
        Assert.False(EnhancedStatusCode.TryParse(Encoding.ASCII.GetBytes(text), out EnhancedStatusCode code, out int consumed));
        Assert.True(code.IsEmpty);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("5.1.1", true)]
    [InlineData("4.4.7", true)]
    [InlineData("5.1.1 ", false)]
    [InlineData("5.1.1x", false)]
    [InlineData("5.1.1000000", false)]
    [InlineData("5.1.é", false)]
    [InlineData(null, false)]
    public void TryParse_string_wants_the_whole_string(string? text, bool valid)
    {
        Assert.Equal(valid, EnhancedStatusCode.TryParse(text, out EnhancedStatusCode code));
        Assert.Equal(valid ? text : "", code.ToString());
    }

    [Theory]
    [InlineData(3, 0, 0)]
    [InlineData(2, 1000, 0)]
    [InlineData(2, 0, -1)]
    public void Constructor_refuses_parts_out_of_range(int @class, int subject, int detail)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnhancedStatusCode(@class, subject, detail));
    }

    [Fact]
    public void Formats_to_bytes_and_chars()
    {
        var code = new EnhancedStatusCode(5, 123, 45);
        Span<byte> utf8 = stackalloc byte[16];
        Assert.True(code.TryFormat(utf8, out int bytes));
        Assert.Equal("5.123.45", Encoding.ASCII.GetString(utf8[..bytes]));
        Span<char> chars = stackalloc char[16];
        Assert.True(code.TryFormat(chars, out int count));
        Assert.Equal("5.123.45", chars[..count].ToString());
        Assert.Equal("5.123.45", code.ToString());
        Assert.Equal("[5.123.45]", $"[{code}]");
    }

    [Fact]
    public void Formatting_into_too_small_a_destination_fails()
    {
        var code = new EnhancedStatusCode(5, 123, 45);
        Assert.False(code.TryFormat(stackalloc byte[7], out _));
        Assert.False(code.TryFormat(stackalloc char[7], out int charsWritten));
        Assert.Equal(0, charsWritten);
        Assert.False(code.TryFormat(stackalloc byte[4], out _));
    }

    [Fact]
    public void Default_is_empty_and_formats_as_nothing()
    {
        EnhancedStatusCode code = default;
        Assert.True(code.IsEmpty);
        Assert.False(new EnhancedStatusCode(2, 0, 0).IsEmpty);
        Assert.True(code.TryFormat(stackalloc byte[0], out int written));
        Assert.Equal(0, written);
        Assert.Equal("", code.ToString());
    }

    [Fact]
    public void Equality()
    {
        Assert.True(new EnhancedStatusCode(5, 1, 1) == new EnhancedStatusCode(5, 1, 1));
        Assert.True(new EnhancedStatusCode(5, 1, 1) != new EnhancedStatusCode(5, 1, 2));
        Assert.True(new EnhancedStatusCode(5, 1, 1) != default);
        Assert.Equal(new EnhancedStatusCode(4, 2, 0).GetHashCode(), new EnhancedStatusCode(4, 2, 0).GetHashCode());
    }
}
