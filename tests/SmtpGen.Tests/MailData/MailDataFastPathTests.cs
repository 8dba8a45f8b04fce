using System.Buffers;
using System.Text;
using CsCheck;

namespace SmtpGen.Tests.MailData;

/// <summary>
/// The codecs' fast paths (whole clean lines, 64 octets at a time) against their octet-at-a-time paths: input
/// fed one octet at a time never reaches a fast path, so it is the reference for the same input given whole.
/// </summary>
public class MailDataFastPathTests
{
    /// <summary>Messages of long and short lines: text runs, leading dots, CRLF, bare CR and LF, lone dots.</summary>
    private static readonly Gen<string> LongMessages =
        Gen.OneOf(
                Gen.Int[0, 300].Select(n => new string('x', n)),
                Gen.Int[60, 200].Select(n => "." + new string('y', n)),
                Gen.OneOfConst("\r\n", "\r\n", "\r\n", "\n", "\r", ".", "..", "\r\n.\r\n", " ", "é"))
            .Array[1, 60]
            .Select(parts => string.Concat(parts));

    [Fact]
    public void Decoding_whole_input_equals_decoding_it_an_octet_at_a_time()
    {
        LongMessages.Select(Gen.Int[100, 2000]).Sample((message, maxLineLength) =>
        {
            string input = message + "\r\n.\r\nNEXT";
            MailDataDecoding.Result reference = MailDataDecoding.Decode(input, pieceLength: 1, maxLineLength: maxLineLength);
            Assert.Equal(reference, MailDataDecoding.Decode(input, maxLineLength: maxLineLength));
            Assert.Equal(reference, MailDataDecoding.Decode(input, pieceLength: 1000, destinationLength: 97, maxLineLength: maxLineLength));
        });
    }

    [Theory]
    [InlineData(100)]
    [InlineData(131)]
    [InlineData(1000)]
    public void Lines_at_the_limit_are_judged_alike_on_both_paths(int maxLineLength)
    {
        int content = maxLineLength - 2;
        for (int shift = 0; shift < 70; shift += 7)
        {
            foreach (int length in (int[])[content - 1, content, content + 1])
            {
                // Each line decodes to `length` octets before its CRLF: a dot that starts a line is dropped, and does not
                // count toward the limit (RFC 5321 §4.5.3.1.6).
                foreach (string line in (string[])[new string('x', length), "." + new string('x', length), ".." + new string('x', length - 1)])
                {
                    string input = new string('a', shift) + "\r\n" + line + "\r\n" + new string('b', 80) + "\r\n.\r\n";
                    MailDataDecoding.Result reference = MailDataDecoding.Decode(input, pieceLength: 1, maxLineLength: maxLineLength);
                    Assert.Equal(reference, MailDataDecoding.Decode(input, maxLineLength: maxLineLength));
                    Assert.Equal(length > content, reference.LongLine);
                }
            }
        }
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r\n.")]
    [InlineData("\r\n..")]
    [InlineData("\r\n.\r\n")]
    [InlineData("\r\n.\n")]
    [InlineData("\n.\r\n")]
    [InlineData("\r\r\n")]
    public void A_special_sequence_at_any_offset_around_the_64_octet_blocks_decodes_as_on_the_slow_path(string special)
    {
        for (int offset = 0; offset < 200; offset++)
        {
            string input = new string('x', offset) + special + new string('y', 150) + "\r\n" + new string('z', 70) + "\r\n.\r\nNEXT";
            MailDataDecoding.Result reference = MailDataDecoding.Decode(input, pieceLength: 1);
            Assert.Equal(reference, MailDataDecoding.Decode(input));
        }
    }

    [Theory]
    [InlineData(".\r\n")]
    [InlineData("..x\r\n.\r\n")]
    [InlineData(".x\r\n.\r\n")]
    [InlineData(".\nx\r\n.\r\n")]
    public void A_dot_that_ends_a_block_is_judged_by_the_octet_after_it_even_when_that_comes_in_the_next_piece(string fromTheDot)
    {
        // The line starts at the block's last octet: its dot is the 64th, and what follows it decides what it is.
        foreach (int blocks in (int[])[1, 2])
        {
            string input = new string('x', (64 * blocks) - 3) + "\r\n" + fromTheDot + "NEXT " + new string('n', 200) + "\r\n";
            MailDataDecoding.Result reference = MailDataDecoding.Decode(input, pieceLength: 1);
            Assert.Equal(reference, MailDataDecoding.Decode(input));
            Assert.Equal(reference, MailDataDecoding.Decode(input, pieceLength: 64 * blocks));
        }
    }

    /// <summary>Many short lines that start with a doubled dot, as dense as clean lines allow them: <c>..x CRLF</c>.</summary>
    private static readonly Gen<string> DotLines =
        Gen.OneOf(
                Gen.Int[1, 40].Select(n => ".." + new string('d', n)),
                Gen.Int[0, 40].Select(n => new string('t', n)),
                Gen.Const(".."))
            .Array[1, 400]
            .Select(lines => string.Join("\r\n", lines));

    [Fact]
    public void Dense_dot_lines_decode_as_on_the_slow_path_into_a_destination_of_exactly_their_length()
    {
        DotLines.Select(Gen.Int[0, 130]).Sample((lines, offset) =>
        {
            string input = new string('x', offset) + "\r\n" + lines + "\r\n.\r\nNEXT";
            MailDataDecoding.Result reference = MailDataDecoding.Decode(input, pieceLength: 1);
            Assert.Equal(reference, MailDataDecoding.Decode(input));

            // The whole input at once, into a destination of exactly its length.
            byte[] octets = Encoding.Latin1.GetBytes(input);
            byte[] destination = new byte[octets.Length];
            var decoder = new MailDataDecoder();
            Assert.Equal(OperationStatus.Done, decoder.Decode(octets, destination, out _, out int written));
            Assert.Equal(reference.Message, Encoding.Latin1.GetString(destination, 0, written));
        });
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n.\r\n")]
    public void A_line_the_fast_path_stops_in_is_written_again_from_its_start_with_or_without_its_dot(string special)
    {
        // The fast path writes each block it checked, so the start of the line it stops in is written past the octets
        // it reports: that line, with a dot to drop or without, swept across the blocks, with the special case blocks later.
        foreach (string line in (string[])["..dotted " + new string('d', 150), "plain " + new string('p', 150)])
        {
            for (int shift = 0; shift < 70; shift++)
            {
                string input = new string('a', shift) + "\r\n" + line + special + "tail\r\n.\r\nNEXT";
                MailDataDecoding.Result reference = MailDataDecoding.Decode(input, pieceLength: 1);
                Assert.Equal(reference, MailDataDecoding.Decode(input));
                Assert.Equal(reference, MailDataDecoding.Decode(input, pieceLength: 100, destinationLength: 130));
            }
        }
    }

    [Fact]
    public void A_dot_line_among_plain_lines_loses_its_dot_wherever_it_falls()
    {
        // A dotted line swept across the blocks and the kilobytes around it, alone among plain lines.
        string plain = string.Concat(Enumerable.Repeat(new string('b', 60) + "\r\n", 66));
        for (int shift = 0; shift < 140; shift++)
        {
            string input = new string('a', shift) + "\r\n" + plain + "..dot\r\n" + plain + plain + "\r\n.\r\n";
            MailDataDecoding.Result reference = MailDataDecoding.Decode(input, pieceLength: 1);
            Assert.Equal(reference, MailDataDecoding.Decode(input, destinationLength: 1 << 16));
        }
    }

    [Fact]
    public void Encoding_whole_input_equals_encoding_it_an_octet_at_a_time()
    {
        LongMessages.Sample(message =>
        {
            byte[] octets = Encoding.UTF8.GetBytes(message);
            Assert.Equal(Encode(octets, pieceLength: 1), Encode(octets, pieceLength: octets.Length));
        });
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n.")]
    [InlineData("\r\n..")]
    [InlineData("\n.")]
    [InlineData("\r.")]
    public void Encoding_a_special_sequence_at_any_offset_around_the_blocks_matches_the_slow_path(string special)
    {
        for (int offset = 0; offset < 200; offset++)
        {
            byte[] message = Encoding.ASCII.GetBytes(new string('x', offset) + special + new string('y', 150) + "\r\n");
            Assert.Equal(Encode(message, pieceLength: 1), Encode(message, pieceLength: message.Length));
        }
    }

    [Fact]
    public void A_long_message_round_trips_through_the_encoder_and_the_decoder()
    {
        LongMessages.Sample(message =>
        {
            string normalised = message.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\r\n");
            if (normalised.Length > 0 && !normalised.EndsWith("\r\n", StringComparison.Ordinal))
            {
                normalised += "\r\n";
            }

            byte[] data = Encode(Encoding.UTF8.GetBytes(message), pieceLength: 4096);
            MailDataDecoding.Result decoded = MailDataDecoding.Decode(data, maxLineLength: int.MaxValue);
            Assert.True(decoded.Ended);
            Assert.Equal(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(normalised)), decoded.Message);
            Assert.False(decoded.BareLineEnding);
        });
    }

    [Fact]
    public void A_decoder_made_without_a_limit_uses_RFC_5321s_1000_octets()
    {
        byte[] input = Encoding.ASCII.GetBytes(new string('x', 998) + "\r\n" + new string('y', 999) + "\r\n.\r\n");
        var decoder = default(MailDataDecoder);
        byte[] destination = new byte[input.Length];
        decoder.Decode(input.AsSpan(0, 1000), destination, out _, out _);
        Assert.False(decoder.HasLongLine);
        decoder.Decode(input.AsSpan(1000), destination, out _, out _);
        Assert.True(decoder.HasLongLine);
    }

    private static byte[] Encode(byte[] message, int pieceLength)
    {
        var encoder = new MailDataEncoder();
        var output = new ArrayBufferWriter<byte>();
        for (int offset = 0; offset < message.Length; offset += pieceLength)
        {
            encoder.Encode(message.AsSpan(offset, Math.Min(pieceLength, message.Length - offset)), output);
        }

        encoder.Complete(output);
        return output.WrittenSpan.ToArray();
    }
}
