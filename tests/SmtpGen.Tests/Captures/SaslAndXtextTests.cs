using System.Buffers;
using System.Text;
using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

/// <summary>The kinds of AUTH (RFC 4954) and of the xtext parameters (RFC 3461).</summary>
public class SaslAndXtextTests
{
    [Theory]
    [InlineData("PLAIN", "PLAIN")]
    [InlineData("SCRAM-SHA-256 rest", "SCRAM-SHA-256")]
    [InlineData("x_oauth2", "x_oauth2")]
    [InlineData("ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQRST")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU", null)]
    [InlineData("PL@IN", "PL")]
    [InlineData(" PLAIN", null)]
    [InlineData("", null)]
    public void A_mechanism_name_is_1_to_20_name_characters(string input, string? mechanism)
    {
        Assert.Equal(mechanism, Consumed(SaslMechanism.TryScan, input));
    }

    [Theory]
    [InlineData("dGVzdAB0ZXN0ADEyMzQ=", "test\0test\01234")]
    [InlineData("=", "")]
    [InlineData("AAAA", "\0\0\0")]
    public void A_response_decodes_strictly(string response, string decoded)
    {
        byte[] destination = new byte[64];
        Assert.True(SaslResponse.TryDecode(Encoding.ASCII.GetBytes(response), destination, out int written));
        Assert.Equal(decoded, Encoding.Latin1.GetString(destination, 0, written));
    }

    [Theory]
    [InlineData("=AAA")]
    [InlineData("AAA=BBBB")]
    [InlineData("AAA")]
    [InlineData("AA AA")]
    [InlineData("")]
    [InlineData("==")]
    public void A_response_with_misplaced_padding_or_other_characters_does_not_decode(string response)
    {
        Assert.False(SaslResponse.TryDecode(Encoding.ASCII.GetBytes(response), new byte[64], out _));
        Assert.Throws<ArgumentException>(() => SaslResponse.Write(new ArrayBufferWriter<byte>(), Encoding.ASCII.GetBytes(response)));
    }

    [Theory]
    [InlineData("bob@example.com", "bob@example.com")]
    [InlineData("rfc822;a+2Bb@example.com rest", "rfc822;a+2Bb@example.com")]
    [InlineData("a+2b", "a")]
    [InlineData("a=b", "a")]
    [InlineData("+41", "+41")]
    [InlineData("+4", null)]
    [InlineData("", null)]
    public void Xtext_takes_xchars_and_well_formed_hexchars(string input, string? xtext)
    {
        Assert.Equal(xtext, Consumed(Xtext.TryScan, input));
    }

    [Theory]
    [InlineData("<>")]
    [InlineData("alice+tag@example.com")]
    [InlineData("a=b c\u00e9")]
    public void Xtext_encodes_and_decodes_back(string text)
    {
        byte[] octets = Encoding.UTF8.GetBytes(text);
        byte[] encoded = new byte[octets.Length * 3];
        int length = Xtext.Encode(octets, encoded);
        Assert.Equal(length, Xtext.Scan(encoded.AsSpan(0, length)));
        byte[] decoded = new byte[length];
        Assert.Equal(octets, decoded.AsSpan(0, Xtext.Decode(encoded.AsSpan(0, length), decoded)).ToArray());
    }
}
