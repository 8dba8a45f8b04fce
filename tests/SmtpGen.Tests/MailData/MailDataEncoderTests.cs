using System.Buffers;
using System.Text;
using CsCheck;

namespace SmtpGen.Tests.MailData;

public class MailDataEncoderTests
{
    private static string Encode(params string[] pieces)
    {
        var encoder = new MailDataEncoder();
        var output = new ArrayBufferWriter<byte>();
        foreach (string piece in pieces)
        {
            encoder.Encode(Encoding.Latin1.GetBytes(piece), output);
        }

        encoder.Complete(output);
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }

    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a\r\n", "a\r\n.\r\n")]
    [InlineData("a", "a\r\n.\r\n")]
    [InlineData(".\r\n", "..\r\n.\r\n")]
    [InlineData(".a\r\n.\r\n..\r\n", "..a\r\n..\r\n...\r\n.\r\n")]
    [InlineData("a.b\r\n", "a.b\r\n.\r\n")]
    [InlineData("a\n.\n", "a\r\n..\r\n.\r\n")]
    [InlineData("a\r.", "a\r\n..\r\n.\r\n")]
    [InlineData("a\r", "a\r\n.\r\n")]
    public void Stuffs_dots_writes_bare_line_endings_as_CRLF_and_ends_the_data(string message, string data)
    {
        Assert.Equal(data, Encode(message));
    }

    [Fact]
    public void A_message_split_anywhere_encodes_the_same()
    {
        Assert.Equal(Encode(".a\r\n.\r\nb\r\n"), Encode(".", "a\r", "\n.", "\r", "\n", "b\r\n"));
    }

    private static readonly Gen<string> Messages =
        Gen.OneOfConst(".", "\r", "\n", "\r\n", "a", "..", "Subject: x", " ", "\0", "é").Array[0, 40]
            .Select(parts => string.Concat(parts));

    [Fact]
    public void Decoding_what_the_encoder_wrote_gives_back_the_message_with_CRLF_line_endings()
    {
        Messages.Sample(message =>
        {
            string normalised = message.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\r\n");
            if (normalised.Length > 0 && !normalised.EndsWith("\r\n", StringComparison.Ordinal))
            {
                normalised += "\r\n";   // Complete ends the last line
            }

            MailDataDecoding.Result result = MailDataDecoding.Decode(Encode(message) + "NEXT", pieceLength: 3, destinationLength: 5);
            Assert.True(result.Ended);
            Assert.Equal(normalised, result.Message);
            Assert.Equal("NEXT", result.Rest);
            Assert.False(result.BareLineEnding);
        });
    }

    [Fact]
    public void A_message_of_CRLF_lines_round_trips_octet_for_octet()
    {
        Gen.OneOfConst(".", "a", "..", " ", "x.y").Array[0, 6].Select(parts => string.Concat(parts) + "\r\n").Array[0, 10]
            .Select(lines => string.Concat(lines))
            .Sample(message => Assert.Equal(message, MailDataDecoding.Decode(Encode(message)).Message));
    }
}
