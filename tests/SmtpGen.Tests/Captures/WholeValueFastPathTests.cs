using System.Text;
using CsCheck;
using SmtpGen.Captures;

namespace SmtpGen.Tests.Captures;

/// <summary>
/// Writers tell the usual ASCII domain and mailbox with a few vectorised searches (<c>Domain.IsAsciiDomain</c>,
/// <c>Mailbox.IsAsciiMailbox</c>) before they fall back to the scanners: the answer must be the scanners' own.
/// </summary>
public class WholeValueFastPathTests
{
    /// <summary>Short strings of the octets that decide: label and atom octets, dots, hyphens, "@", brackets, quotes, UTF-8.</summary>
    private static readonly Gen<byte[]> Values =
        Gen.OneOfConst("a", "b", "z", "0", "9", "-", ".", "@", "_", "+", "[", "]", "\"", " ", "é", "ab", "x.y", "a-b")
            .Array[0, 12]
            .Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

    [Fact]
    public void A_whole_domain_is_told_as_the_scanner_tells_it()
    {
        Values.Sample(value =>
        {
            bool whole = Domain.Scan(value) == value.Length && value.Length > 0;
            Assert.Equal(whole, Domain.ScanWhole(value) == value.Length && value.Length > 0);
            Assert.True(!Domain.IsAsciiDomain(value) || whole);
        });
    }

    [Fact]
    public void A_whole_mailbox_is_told_as_the_scanner_tells_it()
    {
        Values.Sample(value =>
        {
            bool whole = Mailbox.Scan(value) == value.Length && value.Length > 0;
            Assert.Equal(whole, Mailbox.ScanWhole(value) == value.Length && value.Length > 0);
            Assert.True(!Mailbox.IsAsciiMailbox(value) || whole);
        });
    }

    [Theory]
    [InlineData("client.example.com", true)]
    [InlineData("a", true)]
    [InlineData("a-b.c", true)]
    [InlineData("-a.b", false)]
    [InlineData("a-.b", false)]
    [InlineData("a.-b", false)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("", false)]
    public void The_fast_domain_check_knows_label_edges(string value, bool expected)
    {
        Assert.Equal(expected, Domain.IsAsciiDomain(Encoding.ASCII.GetBytes(value)));
    }

    [Fact]
    public void A_domain_of_256_octets_is_refused_by_both()
    {
        byte[] value = Encoding.ASCII.GetBytes(string.Join(".", Enumerable.Repeat(new string('a', 63), 4)) + "a");
        Assert.Equal(256, value.Length);
        Assert.False(Domain.IsAsciiDomain(value));
        Assert.Throws<ArgumentException>(() => Domain.TryWrite(new byte[300], value, out _));
    }
}
