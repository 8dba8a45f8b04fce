using System.Buffers;
using System.Text;

namespace SmtpGen.Tests;

public class LineFramerTests
{
    [Theory]
    [InlineData("NOOP\r\nRSET\r\n", 512, LineFrame.Complete, 6)]
    [InlineData("\r\n", 512, LineFrame.Complete, 2)]
    [InlineData("NOOP\nRSET\r\n", 512, LineFrame.Complete, 11)]
    [InlineData("\nNOOP\r\n", 512, LineFrame.Complete, 7)]
    [InlineData("NOOP\r\r\n", 512, LineFrame.Complete, 7)]
    [InlineData("NOOP\n", 512, LineFrame.Incomplete, 0)]
    [InlineData("NOOP\r", 512, LineFrame.Incomplete, 0)]
    [InlineData("", 512, LineFrame.Incomplete, 0)]
    [InlineData("NOOP\r\n", 6, LineFrame.Complete, 6)]
    [InlineData("NOOP\r\n", 5, LineFrame.TooLong, 0)]
    [InlineData("NOOPX", 5, LineFrame.TooLong, 0)]
    [InlineData("NOOP", 5, LineFrame.Incomplete, 0)]
    public void TryFindLine_frames_the_first_line(string buffer, int maxLength, LineFrame frame, int length)
    {
        Assert.Equal(frame, LineFramer.TryFindLine(Encoding.ASCII.GetBytes(buffer), maxLength, out int found));
        Assert.Equal(length, found);
    }

    [Fact]
    public void TryFindLine_does_not_look_beyond_the_limit_for_the_line_feed()
    {
        byte[] buffer = Encoding.ASCII.GetBytes(new string('x', 600) + "\r\n");
        Assert.Equal(LineFrame.TooLong, LineFramer.TryFindLine(buffer, 512, out _));
    }

    [Theory]
    [InlineData(LineFrame.Complete, "NOOP\r\n", "NO", "OP\r", "\nRSET\r\n")]
    [InlineData(LineFrame.Complete, "NOOP\r\n", "NOOP\r", "\n")]
    [InlineData(LineFrame.Complete, "NOOP\r\n", "NOOP\r\n")]
    [InlineData(LineFrame.Complete, "NOOP\nRSET\r\n", "NO", "OP", "\nRSET\r\n")]
    [InlineData(LineFrame.Complete, "\n.\r\n", "", "\n.\r", "\n")]
    public void TryReadLine_frames_a_line_split_across_segments_and_advances_past_it(LineFrame frame, string expected, params string[] pieces)
    {
        var reader = new SequenceReader<byte>(Segments.Sequence(pieces));
        Assert.Equal(frame, LineFramer.TryReadLine(ref reader, 512, out ReadOnlySequence<byte> line));
        Assert.Equal(expected, Encoding.ASCII.GetString(line));
        Assert.Equal(expected.Length, reader.Consumed);
    }

    [Theory]
    [InlineData(512, LineFrame.Incomplete, "NO", "OP", "\r")]
    [InlineData(6, LineFrame.TooLong, "NOO", "P X", "\r\n")]
    [InlineData(6, LineFrame.TooLong, "NOO", "PXY")]
    [InlineData(7, LineFrame.Incomplete, "NOO", "PXY")]
    public void TryReadLine_leaves_the_reader_when_no_line_is_framed(int maxLength, LineFrame frame, params string[] pieces)
    {
        var reader = new SequenceReader<byte>(Segments.Sequence(pieces));
        Assert.Equal(frame, LineFramer.TryReadLine(ref reader, maxLength, out ReadOnlySequence<byte> line));
        Assert.True(line.IsEmpty);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void A_bare_line_feed_never_ends_a_line_so_a_receiver_cannot_resume_after_it()
    {
        // The smuggling pattern: "\n.\r\n" must not look like a line "." of its own.
        byte[] buffer = "DATA\n.\r\nMAIL FROM:<>\r\n"u8.ToArray();
        Assert.Equal(LineFrame.Complete, LineFramer.TryFindLine(buffer, 512, out int length));
        Assert.Equal("DATA\n.\r\n", Encoding.ASCII.GetString(buffer, 0, length));
    }

    [Fact]
    public void TryReadLine_reads_consecutive_lines()
    {
        var reader = new SequenceReader<byte>(Segments.Sequence("EHLO a\r", "\nMAIL FROM:<>\r\nRC", "PT"));
        Assert.Equal(LineFrame.Complete, LineFramer.TryReadLine(ref reader, 512, out ReadOnlySequence<byte> first));
        Assert.Equal(LineFrame.Complete, LineFramer.TryReadLine(ref reader, 512, out ReadOnlySequence<byte> second));
        Assert.Equal(LineFrame.Incomplete, LineFramer.TryReadLine(ref reader, 512, out _));
        Assert.Equal("EHLO a\r\n", Encoding.ASCII.GetString(first));
        Assert.Equal("MAIL FROM:<>\r\n", Encoding.ASCII.GetString(second));
        Assert.Equal(4, reader.Remaining);
    }

    [Theory]
    [InlineData(true, "NOOP\r\n", "xxxx", "x\r", "\nNOOP\r\n")]
    [InlineData(true, "", "xx\r\n")]
    [InlineData(true, "NOOP", "xx\nyy\r", "\rzz\r\nNOOP")]
    [InlineData(false, "\r", "xxxx", "x\r")]
    [InlineData(false, "", "xxxx", "x\n")]
    [InlineData(false, "", "")]
    public void SkipLine_drops_the_rest_of_a_line_through_its_CRLF_or_all_but_a_last_CR(bool skipped, string left, params string[] pieces)
    {
        var reader = new SequenceReader<byte>(Segments.Sequence(pieces));
        Assert.Equal(skipped, LineFramer.SkipLine(ref reader));
        Assert.Equal(left, Encoding.ASCII.GetString(reader.UnreadSequence));
    }

    [Fact]
    public void SkipLine_finds_a_CRLF_split_between_two_reads()
    {
        var first = new SequenceReader<byte>(Segments.Sequence("MAIL FROM:<", new string('x', 600), "\r"));
        Assert.Equal(LineFrame.TooLong, LineFramer.TryReadLine(ref first, 512, out _));
        Assert.False(LineFramer.SkipLine(ref first));

        // The next read gives what was kept (the CR) and what came after it.
        var second = new SequenceReader<byte>(Segments.Sequence(Encoding.ASCII.GetString(first.UnreadSequence), "\nRSET\r\n"));
        Assert.True(LineFramer.SkipLine(ref second));
        Assert.Equal(LineFrame.Complete, LineFramer.TryReadLine(ref second, 512, out ReadOnlySequence<byte> next));
        Assert.Equal("RSET\r\n", Encoding.ASCII.GetString(next));
    }

    [Fact]
    public void Framing_does_not_allocate()
    {
        byte[] buffer = "MAIL FROM:<a@example.com>\r\nRCPT"u8.ToArray();
        ReadOnlySequence<byte> sequence = Segments.Sequence("MAIL FROM:<a@ex", "ample.com>\r", "\nRCPT");
        long allocated = Allocations.Measure(() =>
        {
            LineFramer.TryFindLine(buffer, 512, out _);
            var reader = new SequenceReader<byte>(sequence);
            LineFramer.TryReadLine(ref reader, 512, out _);
            LineFramer.TryReadLine(ref reader, 512, out _);
            var skipping = new SequenceReader<byte>(sequence);
            LineFramer.SkipLine(ref skipping);
            LineFramer.SkipLine(ref skipping);
        });
        Assert.Equal(0, allocated);
    }
}
