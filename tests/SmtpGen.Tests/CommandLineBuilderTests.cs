namespace SmtpGen.Tests;

/// <summary>The span a generated writer builds its line in: bounded by the maximum, never past the buffer.</summary>
public class CommandLineBuilderTests
{
    [Fact]
    public void Literals_and_captures_fill_the_line_up_to_the_maximum()
    {
        byte[] buffer = new byte[64];
        var line = new CommandLineBuilder(buffer, maxLength: 8);

        line.Append("NOOP "u8);
        "ab"u8.CopyTo(line.Free);
        line.Advance(fitted: true, written: 2);
        line.Append("!"u8);

        Assert.Equal(8, line.Length);
        Assert.Equal(0, line.Free.Length);
        Assert.Equal("NOOP ab!"u8, buffer.AsSpan(0, 8));
    }

    [Fact]
    public void A_literal_past_the_maximum_throws_even_when_the_buffer_is_larger()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
        {
            var line = new CommandLineBuilder(new byte[64], maxLength: 6);
            line.Append("QUIT\r\n!"u8);
        });

        Assert.Contains("6 octets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capture_that_did_not_fit_throws()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var line = new CommandLineBuilder(new byte[16], maxLength: 16);
            line.Advance(fitted: false, written: 0);
        });
    }

    [Fact]
    public void A_capture_cannot_claim_more_than_the_room_left()
    {
        Assert.Throws<ArgumentException>(() =>
        {
            var line = new CommandLineBuilder(new byte[16], maxLength: 4);
            line.Advance(fitted: true, written: 5);
        });
    }
}
