namespace SmtpGen.Tests;

/// <summary>CR and LF in a command line's content (<see cref="LineBreaks.In"/>), which RFC 5321 §2.3.8 allows nowhere.</summary>
public class LineBreaksTests : OctetSearchTests
{
    protected override byte[] Members => [(byte)'\n', (byte)'\r'];

    protected override bool Search(ReadOnlySpan<byte> content) => LineBreaks.In(content);

    [Fact]
    public void A_bare_LF_after_the_first_block_makes_a_command_line_a_bad_line_ending()
    {
        byte[] line = [.. "NOOP "u8, .. Visible(300), .. "\r\n"u8];
        line[200] = (byte)'\n';
        Assert.Equal(CommandStatus.BadLineEnding, CommandLine.TryGetContent(line, 512, out _));
    }
}
