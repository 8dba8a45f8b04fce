namespace SmtpGen.Tests;

/// <summary>
/// The control characters a reply's text may not hold (<see cref="TextControls.In"/>): every octet below 32 but HT, and
/// DEL (RFC 5321 §4.2, textstring), searched in every SMTP reply line (<see cref="ReplyLine"/>). The reply-line tests
/// also hold POP3's status lines (<see cref="StatusLine"/>), which search with the runtime's <c>IndexOfAny</c>, to the
/// same results.
/// </summary>
public class TextControlsTests : OctetSearchTests
{
    private static readonly ReplySyntax Smtp = new(512, true, false, MultilineReplies.CodeOnEveryLine);

    protected override byte[] Members
    {
        get
        {
            List<byte> members = [];
            for (int octet = 0; octet < 32; octet++)
            {
                if (octet != '\t')
                {
                    members.Add((byte)octet);
                }
            }

            members.Add(0x7F);
            return [.. members];
        }
    }

    protected override bool Search(ReadOnlySpan<byte> content) => TextControls.In(content);

    [Theory]
    [InlineData(0x1B, ReplyStatus.SyntaxError)]
    [InlineData(0x7F, ReplyStatus.SyntaxError)]
    [InlineData('\n', ReplyStatus.BadLineEnding)]
    [InlineData('\r', ReplyStatus.BadLineEnding)]
    public void A_control_after_the_first_block_makes_a_reply_line_bad(byte control, ReplyStatus status)
    {
        byte[] line = [.. "250 "u8, .. Visible(300), .. "\r\n"u8];
        line[200] = control;
        Assert.Equal(status, ReplyLine.TryParse(line, Smtp, out _));
        Assert.Equal(status, StatusLine.TryGetContent(line, 512, out _));
    }

    [Fact]
    public void HT_and_octets_above_127_are_text_in_every_block()
    {
        byte[] line = [.. "250 "u8, .. Visible(300), .. "\r\n"u8];
        for (int position = 4; position < 304; position += 3)
        {
            line[position] = position % 2 == 0 ? (byte)'\t' : (byte)(0x80 + (position % 128));
        }

        Assert.Equal(ReplyStatus.Ok, ReplyLine.TryParse(line, Smtp, out ReplyLine reply));
        Assert.Equal(300, reply.Text.Length);
        Assert.Equal(ReplyStatus.Ok, StatusLine.TryGetContent(line, 512, out _));
    }
}
