using SmtpGen.Tests.Grammar;

namespace SmtpGen.Tests;

/// <summary>
/// The search for a CR or LF inside a line's content (<see cref="LineBreaks.In"/>): 64 octets at a time with AVX-512,
/// the last block by a masked load; <c>tests/run.sh</c> runs these tests again without AVX-512, where it is
/// <c>IndexOfAny</c>.
/// </summary>
public class LineBreaksTests
{
    /// <summary>The longest content of a command line (512 octets, CRLF included).</summary>
    private const int LongestContent = 510;

    [Fact]
    public void Content_without_CR_or_LF_has_no_line_break_at_any_length()
    {
        for (int length = 0; length <= LongestContent; length++)
        {
            byte[] content = Visible(length);
            Assert.False(LineBreaks.In(content), $"length {length}");
        }
    }

    [Theory]
    [InlineData((byte)'\r')]
    [InlineData((byte)'\n')]
    public void A_CR_or_LF_is_found_at_every_position_of_every_length(byte lineBreak)
    {
        for (int length = 1; length <= 200; length++)
        {
            byte[] content = Visible(length);
            for (int position = 0; position < length; position++)
            {
                content[position] = lineBreak;
                Assert.True(LineBreaks.In(content), $"length {length}, position {position}");
                content[position] = (byte)'x';
            }
        }
    }

    [Fact]
    public void Octets_next_to_CR_and_LF_are_not_taken_for_them()
    {
        // Every octet but CR and LF, the high ones included: none is a line break.
        byte[] content = new byte[254];
        int length = 0;
        for (int octet = 0; octet < 256; octet++)
        {
            if (octet is not ('\r' or '\n'))
            {
                content[length++] = (byte)octet;
            }
        }

        Assert.False(LineBreaks.In(content));
    }

    [Fact]
    public void A_bare_LF_after_the_first_block_makes_a_command_line_a_bad_line_ending()
    {
        byte[] line = [.. "NOOP "u8, .. Visible(300), .. "\r\n"u8];
        line[200] = (byte)'\n';
        Assert.Equal(CommandStatus.BadLineEnding, CommandLine.TryGetContent(line, 512, out _));
    }

    [LinuxFact]
    public void The_search_reads_nothing_past_the_content()
    {
        // Each content ends on the last octet of a page whose next page cannot be read: a read past its end stops the
        // test process. The lengths run past three 64-octet blocks; the empty content is a null pointer, not one at the
        // guard (the first test has it). The last octet is the line break, where there is one, so the search must
        // reach it.
        using GuardedPage page = new();
        for (int length = 1; length <= 3 * 64 + 1; length++)
        {
            Span<byte> content = page.EndingAtGuard(length);
            content.Fill((byte)'x');
            Assert.False(LineBreaks.In(content), $"length {length}");
            content[^1] = (byte)'\r';
            Assert.True(LineBreaks.In(content), $"length {length}");
        }
    }

    private static byte[] Visible(int length)
    {
        byte[] content = new byte[length];
        content.AsSpan().Fill((byte)'x');
        return content;
    }
}
