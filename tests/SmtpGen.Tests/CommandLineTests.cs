using System.Text;

namespace SmtpGen.Tests;

public class CommandLineTests
{
    private static byte[] Line(int length) =>
        Encoding.ASCII.GetBytes("NOOP " + new string('x', length - 7) + "\r\n");

    [Fact]
    public void A_line_of_exactly_the_limit_including_CRLF_is_accepted()
    {
        byte[] line = Line(512);
        Assert.Equal(CommandStatus.Ok, CommandLine.TryGetContent(line, 512, out ReadOnlySpan<byte> content));
        Assert.Equal(510, content.Length);
    }

    [Fact]
    public void A_line_one_octet_over_the_limit_is_too_long()
    {
        Assert.Equal(CommandStatus.LineTooLong, CommandLine.TryGetContent(Line(513), 512, out _));
    }

    [Fact]
    public void Length_is_checked_before_the_line_ending()
    {
        byte[] line = Encoding.ASCII.GetBytes(new string('x', 600));
        Assert.Equal(CommandStatus.LineTooLong, CommandLine.TryGetContent(line, 512, out _));
    }

    [Theory]
    [InlineData("NOOP")]
    [InlineData("NOOP\n")]
    [InlineData("NOOP\r")]
    [InlineData("NO\nOP\r\n")]
    [InlineData("NO\rOP\r\n")]
    [InlineData("NOOP\n\r\n")]
    [InlineData("\n")]
    [InlineData("")]
    public void Missing_CRLF_or_bare_CR_or_LF_is_a_bad_line_ending(string line)
    {
        Assert.Equal(CommandStatus.BadLineEnding, CommandLine.TryGetContent(Encoding.ASCII.GetBytes(line), 512, out _));
    }

    [Fact]
    public void Content_is_the_line_without_CRLF()
    {
        Assert.Equal(CommandStatus.Ok, CommandLine.TryGetContent("HELO a\r\n"u8, 512, out ReadOnlySpan<byte> content));
        Assert.Equal("HELO a", Encoding.ASCII.GetString(content));
        Assert.Equal(CommandStatus.Ok, CommandLine.TryGetContent("\r\n"u8, 512, out content));
        Assert.True(content.IsEmpty);
    }

    [Theory]
    [InlineData("MAIL FROM:<a@b>", 0x4C49414DUL, 4)]
    [InlineData("MAIL", 0x4C49414DUL, 4)]
    [InlineData("rset", 0x74657372UL, 4)]
    [InlineData("STARTTLS", 0x534C545452415453UL, 8)]
    [InlineData("STARTTLS x", 0x534C545452415453UL, 8)]
    [InlineData("X", 0x58UL, 1)]
    [InlineData("AUTH PLAIN", 0x48545541UL, 4)]
    public void ReadVerb_packs_the_verb_little_endian(string content, ulong packed, int length)
    {
        Assert.Equal(packed, CommandLine.ReadVerb(Encoding.ASCII.GetBytes(content), out int verbLength));
        Assert.Equal(length, verbLength);
    }

    [Theory]
    [InlineData("ABCDEFGHIJKLMNOPQ", 17)]
    [InlineData("ABCDEFGHIJKLMNOPQ arg", 17)]
    [InlineData("", 0)]
    [InlineData(" NOOP", 0)]
    public void ReadVerb_returns_zero_for_an_empty_or_longer_than_16_verb(string content, int length)
    {
        Assert.Equal(0UL, CommandLine.ReadVerb(Encoding.ASCII.GetBytes(content), out int verbLength));
        Assert.Equal(length, verbLength);
    }

    [Theory]
    [InlineData("STARTTLSX", 9, 0x58UL)]
    [InlineData("CAPABILITY", 10, 0x5954UL)]
    [InlineData("authenticate PLAIN", 12, 0x65746163UL)]
    [InlineData("ABCDEFGHIJKLMNOP", 16, 0x504F4E4D4C4B4A49UL)]
    public void A_verb_longer_than_8_octets_is_read_in_two_parts(string content, int length, ulong tail)
    {
        byte[] octets = Encoding.ASCII.GetBytes(content);
        Assert.Equal(BitConverter.ToUInt64(octets, 0), CommandLine.ReadVerb(octets, out int verbLength));
        Assert.Equal(length, verbLength);
        Assert.Equal(tail, CommandLine.ReadVerbTail(octets, length));
    }

    [Fact]
    public void ReadVerb_result_folds_case_under_the_generator_mask()
    {
        const ulong mask = 0xDFDFDFDFUL;
        ulong upper = CommandLine.ReadVerb("MAIL"u8, out _);
        ulong mixed = CommandLine.ReadVerb("mAiL FROM:<>"u8, out _);
        Assert.NotEqual(upper, mixed);
        Assert.Equal(upper & mask, mixed & mask);
    }

    [Theory]
    [InlineData("MAIL FROM:<a@b>")]
    [InlineData("MAIL")]
    [InlineData("STARTTLS x")]
    [InlineData("XCLIENT ADDR=192.0.2.1")]
    [InlineData("AB CD EFGH")]
    [InlineData("A  B")]
    [InlineData(" NOOP")]
    [InlineData("")]
    [InlineData("CAPABILITY")]
    [InlineData("ABCDEFGHIJKLMNOP Q")]
    public void VerbEndsAt_and_PackVerb_agree_with_ReadVerb(string text)
    {
        // What generated parsers do (try each length, shortest first) finds the verb ReadVerb's search finds: the
        // first length at which the verb may end is its length, or the octets packed there hold an SP.
        byte[] content = Encoding.ASCII.GetBytes(text);
        ulong packed = CommandLine.ReadVerb(content, out int length);
        for (int candidate = 1; candidate <= CommandLine.MaxVerbLength; candidate++)
        {
            if (!CommandLine.VerbEndsAt(content, candidate))
            {
                Assert.NotEqual(candidate, length);
                continue;
            }

            ulong head = CommandLine.PackVerb(content, Math.Min(candidate, sizeof(ulong)));
            if (candidate == length)
            {
                Assert.Equal(packed, head);
            }
            else
            {
                Assert.True(candidate > length);
                Assert.Contains((byte)' ', BitConverter.GetBytes(head).AsSpan(0, Math.Min(candidate, sizeof(ulong))).ToArray());
            }

            break;
        }
    }

    [Theory]
    [InlineData("MAIL FROM:<>", 4, " from:", true, 10)]
    [InlineData("MAIL FROM:<>", 4, " FROM:", true, 10)]
    [InlineData("mail from:<>", 4, " From:", true, 10)]
    [InlineData("MAIL FROM:<>", 4, " TO:", false, 4)]
    [InlineData("MAIL FRO", 4, " FROM:", false, 4)]
    [InlineData("MAIL FROM:", 10, "", true, 10)]
    public void TryMatch_compares_ASCII_case_insensitively_and_advances_only_on_a_match(
        string content, int start, string literal, bool matches, int end)
    {
        int position = start;
        Assert.Equal(matches, CommandLine.TryMatch(Encoding.ASCII.GetBytes(content), ref position, Encoding.ASCII.GetBytes(literal)));
        Assert.Equal(end, position);
    }

    [Fact]
    public void TryMatch_does_not_fold_non_letters()
    {
        int position = 0;
        Assert.False(CommandLine.TryMatch("{"u8, ref position, "["u8));
        Assert.Equal(0, position);
    }

    [Fact]
    public void Parsing_a_command_line_does_not_allocate()
    {
        byte[] line = "MAIL FROM:<a@example.com>\r\n"u8.ToArray();
        long allocated = Allocations.Measure(() =>
        {
            CommandLine.TryGetContent(line, 512, out ReadOnlySpan<byte> content);
            CommandLine.ReadVerb(content, out int length);
            int position = length;
            CommandLine.TryMatch(content, ref position, " FROM:"u8);
        });
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("Grüße an", "Grüße an", true)]
    [InlineData("GRüßE AN", "Grüße an", true)]
    [InlineData("GRÜSSE an", "Grüße an", false)]
    [InlineData("Grüße", "Grüße an", false)] // shorter than the literal
    [InlineData("@", "`", false)] // 0x40 and 0x60 differ by the case bit, and are no letters
    public void TryMatchText_folds_ascii_letters_and_compares_every_other_octet_exactly(string content, string literal, bool matches)
    {
        byte[] octets = System.Text.Encoding.UTF8.GetBytes(content);
        int position = 0;
        Assert.Equal(matches, CommandLine.TryMatchText(octets, ref position, System.Text.Encoding.UTF8.GetBytes(literal)));
        Assert.Equal(matches ? octets.Length : 0, position);
    }
}
