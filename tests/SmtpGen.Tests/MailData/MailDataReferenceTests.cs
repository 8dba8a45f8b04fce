using System.Text;
using CsCheck;

namespace SmtpGen.Tests.MailData;

/// <summary>
/// The decoder against a reference written straight from RFC 5321 §4.5.2 and §4.5.3.1.6, on strings: split the data at
/// CRLF, end at the line ".", drop one leading dot, and flag a line longer than the limit without that dot. Inputs hold
/// no bare CR or LF (whose handling the decoder's own tests pin down), are cut into pieces anywhere, and are decoded
/// into a small destination, so that every path of the decoder meets them.
/// </summary>
public class MailDataReferenceTests
{
    private static readonly Gen<string> Line =
        Gen.OneOf(
            Gen.Int[0, 1100].Select(n => new string('x', n)),
            Gen.Int[0, 1100].Select(n => "." + new string('y', n)),
            Gen.OneOfConst("", ".", "..", "...", ". ", "x.y", "é", "\u00ff.", " ."));

    private static readonly Gen<string> Messages = Line.Array[0, 30].Select(lines => string.Concat(lines.Select(line => line + "\r\n")));

    [Fact]
    public void The_decoder_agrees_with_the_reference_however_the_input_is_cut()
    {
        // The limit sits at a line's own length, give or take one octet, where a dot counted or not decides.
        Gen.Select(Messages, Gen.Int[1, 3000], Gen.Int[-1, 1], Gen.Int[0, 100]).Sample((message, pieceLength, delta, pick) =>
        {
            string[] lines = message.Split("\r\n")[..^1];
            int maxLineLength = Math.Max(3, (lines.Length == 0 ? 998 : lines[pick % lines.Length].Length) + 2 + delta);
            // Leading dots are stuffed, as a sender does, so the reference sees the message's own lines.
            string data = Stuff(message) + ".\r\nNEXT COMMAND\r\n";
            MailDataDecoding.Result expected = Reference(data, maxLineLength);
            Assert.Equal(expected, MailDataDecoding.Decode(data, pieceLength, destinationLength: 113, maxLineLength));
            Assert.Equal(message, expected.Message);
        });
    }

    [Fact]
    public void The_encoder_and_the_decoder_are_inverse()
    {
        Messages.Sample(message =>
        {
            var encoded = new System.Buffers.ArrayBufferWriter<byte>();
            var encoder = new MailDataEncoder();
            encoder.Encode(Encoding.Latin1.GetBytes(message), encoded);
            encoder.Complete(encoded);
            Assert.Equal(Stuff(message) + ".\r\n", Encoding.Latin1.GetString(encoded.WrittenSpan));
            Assert.Equal(message, MailDataDecoding.Decode(encoded.WrittenSpan.ToArray(), pieceLength: 7).Message);
        });
    }

    /// <summary>§4.5.2's transparency, as a sender applies it: a dot before every line that begins with one.</summary>
    private static string Stuff(string message) =>
        string.Concat(message.Split("\r\n")[..^1].Select(line => (line.StartsWith('.') ? "." + line : line) + "\r\n"));

    /// <summary>The reference: the lines up to the one that is ".", each without one leading dot.</summary>
    private static MailDataDecoding.Result Reference(string data, int maxLineLength)
    {
        var message = new StringBuilder();
        bool longLine = false;
        int start = 0;
        while (true)
        {
            int end = data.IndexOf("\r\n", start, StringComparison.Ordinal);
            string line = data[start..end];
            if (line == ".")
            {
                return new MailDataDecoding.Result(message.ToString(), Ended: true, data[(end + 2)..], BareLineEnding: false, longLine);
            }

            string text = line.StartsWith('.') ? line[1..] : line;
            longLine |= text.Length + 2 > maxLineLength;
            message.Append(text).Append("\r\n");
            start = end + 2;
        }
    }
}
