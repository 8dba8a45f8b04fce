using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SmtpGen.Tests;

/// <summary>Where a parsed command keeps a capture: its range in the line, read back from the line.</summary>
public class CaptureRangeTests
{
    private static readonly byte[] Line = Encoding.ASCII.GetBytes("RCPT TO:<bob@example.com> NOTIFY=NEVER");

    [Theory]
    [InlineData(0, 4)]   // at the line's start
    [InlineData(9, 15)]  // inside it
    [InlineData(26, 12)] // at its end
    [InlineData(0, 38)]  // all of it
    public void A_slice_of_the_line_is_read_back_from_the_line(int start, int length)
    {
        CaptureRange range = CaptureRange.Of(Line, Line.AsSpan(start, length));

        byte[] copy = [.. Line];
        Assert.True(range.In(copy).SequenceEqual(Line.AsSpan(start, length)));
        Assert.Equal(start, Unsafe.ByteOffset(ref copy[0], ref MemoryMarshal.GetReference(range.In(copy))));
    }

    [Fact]
    public void An_empty_capture_reads_back_as_default_whether_it_was_default_or_an_empty_slice()
    {
        Assert.True(IsDefault(CaptureRange.Of(Line, default(ReadOnlySpan<byte>)).In(Line)));
        Assert.True(IsDefault(CaptureRange.Of(Line, Line.AsSpan(5, 0)).In(Line)));
        Assert.True(CaptureRange.Of(Line, default(EsmtpParameters)).ParametersIn(Line).IsEmpty);
    }

    [Fact]
    public void Parameters_are_read_back_as_the_parameters_they_were()
    {
        Assert.True(EsmtpParameters.TryCreate(Line.AsSpan(26), out EsmtpParameters parameters));

        EsmtpParameters back = CaptureRange.Of(Line, parameters).ParametersIn(Line);

        Assert.True(back.TryGetValue("NOTIFY"u8, out ReadOnlySpan<byte> value));
        Assert.Equal("NEVER", Encoding.ASCII.GetString(value));
    }

    [Fact]
    public void A_capture_that_is_not_a_slice_of_the_line_is_refused()
    {
        byte[] elsewhere = Encoding.ASCII.GetBytes("bob@example.com");
        Assert.Throws<ArgumentException>(() => CaptureRange.Of(Line, elsewhere));
        Assert.Throws<ArgumentException>(() => CaptureRange.Of(Line.AsSpan(0, 10), Line.AsSpan(0, 11))); // longer than the line
        Assert.Throws<ArgumentException>(() => CaptureRange.Of(Line.AsSpan(0, 10), Line.AsSpan(5, 10))); // runs past its end
        Assert.Throws<ArgumentException>(() => CaptureRange.Of(Line.AsSpan(10), Line.AsSpan(5, 3)));     // before its start
    }

    private static bool IsDefault(ReadOnlySpan<byte> span) => span.IsEmpty && Unsafe.IsNullRef(ref MemoryMarshal.GetReference(span));
}
