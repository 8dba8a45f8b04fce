using System.Buffers;

namespace SmtpGen.Tests.MailData;

public class MailDataDecoderTests
{
    [Theory]
    [InlineData("Hi Bob,\r\n\r\nRegards,\r\nAlice\r\n.\r\n", "Hi Bob,\r\n\r\nRegards,\r\nAlice\r\n")]
    [InlineData(".\r\n", "")]
    [InlineData("\r\n.\r\n", "\r\n")]
    [InlineData("..\r\n.\r\n", ".\r\n")]
    [InlineData("...\r\n.\r\n", "..\r\n")]
    [InlineData("..hidden\r\n.\r\n", ".hidden\r\n")]
    [InlineData("a.\r\n.b\r\n.\r\n", "a.\r\nb\r\n")]
    [InlineData("x\r\n .\r\n.\r\n", "x\r\n .\r\n")]
    public void Removes_the_added_dots_and_stops_at_the_end_of_data(string input, string message)
    {
        MailDataDecoding.Result result = MailDataDecoding.Decode(input);
        Assert.True(result.Ended);
        Assert.Equal(message, result.Message);
        Assert.Equal("", result.Rest);
        Assert.False(result.BareLineEnding);
    }

    [Fact]
    public void Leaves_what_follows_the_end_of_data_unread()
    {
        MailDataDecoding.Result result = MailDataDecoding.Decode("body\r\n.\r\nQUIT\r\n");
        Assert.Equal(("body\r\n", true, "QUIT\r\n"), (result.Message, result.Ended, result.Rest));
    }

    [Theory]
    [InlineData("body\r\n.\r")]
    [InlineData("body\r\n.")]
    [InlineData("body\r\n")]
    [InlineData("body")]
    [InlineData("")]
    public void Needs_more_data_until_the_whole_terminator_arrives(string input)
    {
        Assert.False(MailDataDecoding.Decode(input).Ended);
    }

    // SMTP smuggling (CVE-2023-51764/51765/51766): end-of-data forms that lenient receivers accept.
    [Theory]
    [InlineData("a\n.\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n")]
    [InlineData("a\n.\r\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n")]
    [InlineData("a\r\n.\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n")]
    [InlineData("a\r.\rMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n")]
    [InlineData("a\r\n.\rMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n")]
    [InlineData("a\r.\r\nMAIL FROM:<x@y>\r\n.\r\n", "a\r\n.\r\nMAIL FROM:<x@y>\r\n")]
    [InlineData("a\n..\r\n.\r\n", "a\r\n.\r\n")]
    public void A_bare_CR_or_LF_never_ends_the_data_and_is_written_as_CRLF(string input, string message)
    {
        MailDataDecoding.Result result = MailDataDecoding.Decode(input);
        Assert.True(result.Ended);
        Assert.Equal(message, result.Message);
        Assert.Equal("", result.Rest);
        Assert.True(result.BareLineEnding);
    }

    [Fact]
    public void The_result_does_not_depend_on_how_the_input_is_split_or_how_small_the_destination_is()
    {
        const string input = "..a\r\n.\n.\r\r\nline\r\r.\r\n..\r\n\r\n.\r\nNEXT";
        MailDataDecoding.Result whole = MailDataDecoding.Decode(input);
        for (int piece = 1; piece <= 8; piece++)
        {
            for (int destination = 3; destination <= 8; destination++)
            {
                Assert.Equal(whole, MailDataDecoding.Decode(input, piece, destination));
            }
        }
    }

    [Theory]
    [InlineData(998, false)]
    [InlineData(999, true)]
    public void Flags_a_line_longer_than_the_limit_but_reads_on_to_the_end(int contentLength, bool longLine)
    {
        string line = new string('x', contentLength);
        MailDataDecoding.Result result = MailDataDecoding.Decode($"{line}\r\nshort\r\n.\r\n", pieceLength: 100);
        Assert.True(result.Ended);
        Assert.Equal(longLine, result.LongLine);
        Assert.Equal($"{line}\r\nshort\r\n", result.Message);
    }

    // RFC 5321 §4.5.3.1.6: a text line holds at most 1000 octets with its CRLF, the dot added for transparency not
    // counted. Fed an octet at a time the input takes the general path; given whole, the fast path takes the line.
    [Theory]
    [InlineData(998, false)]
    [InlineData(999, false)]
    [InlineData(1000, false)]
    [InlineData(1001, true)]
    public void A_text_line_is_judged_by_its_length_with_CRLF_and_without_the_dot_added_for_transparency(int lineLength, bool longLine)
    {
        string plain = new string('x', lineLength - 2);
        string dotted = "." + new string('x', lineLength - 3);
        foreach (string text in (string[])[plain, dotted])
        {
            string sent = text.StartsWith('.') ? "." + text : text;
            foreach (int pieceLength in (int[])[1, int.MaxValue])
            {
                MailDataDecoding.Result result = MailDataDecoding.Decode($"{sent}\r\nshort\r\n.\r\n", pieceLength);
                Assert.True(result.Ended);
                Assert.Equal(longLine, result.LongLine);
                Assert.Equal($"{text}\r\nshort\r\n", result.Message);
            }
        }
    }

    [Fact]
    public void Decoding_does_not_allocate()
    {
        byte[] input = "Subject: hi\r\n\r\n..dot\r\nbody line\r\n.\r\n"u8.ToArray();
        byte[] destination = new byte[input.Length];
        OperationStatus status = default;
        long allocated = Allocations.Measure(() =>
        {
            var decoder = new MailDataDecoder();
            status = decoder.Decode(input, destination, out _, out _);
        });
        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(0, allocated);
    }
}
