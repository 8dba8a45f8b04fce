using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class DomainTests
{
    [Theory]
    [InlineData("example.com")]
    [InlineData("a")]
    [InlineData("1")]
    [InlineData("mail-1.example-domain.co.uk")]
    [InlineData("a--b.example")]
    [InlineData("123.example")]
    [InlineData("bücher.example")]
    [InlineData("例え.テスト")]
    [InlineData("xn--bcher-kva.example")]
    public void Scans_a_whole_domain(string domain)
    {
        Assert.Equal(domain, Scan(Domain.TryScan, Content(domain)));
        Assert.Equal(domain, Consumed(Domain.TryScan, domain));
    }

    [Theory]
    [InlineData("example.com SIZE=1", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("example.com..org", "example.com")]
    [InlineData("example.com>", "example.com")]
    [InlineData("foo-.com", "foo")]
    [InlineData("foo.-bar", "foo")]
    [InlineData("foo.bar-", "foo.bar")]
    [InlineData("under_score.example", "under")]
    [InlineData("a\0b", "a")]
    [InlineData("a\rb", "a")]
    [InlineData("[192.0.2.1]", null)]
    [InlineData("-foo.com", null)]
    [InlineData(".com", null)]
    [InlineData("", null)]
    [InlineData(" example.com", null)]
    public void Scans_the_longest_domain_and_stops_before_what_cannot_continue_it(string input, string? domain)
    {
        Assert.Equal(domain, Consumed(Domain.TryScan, input));
    }

    [Fact]
    public void Ill_formed_UTF8_ends_a_label()
    {
        byte[][] cases =
        [
            Octets("b", [0xC3], "cher.example"),          // truncated sequence
            Octets("b", [0xC0, 0xBC], "cher.example"),    // overlong
            Octets("b", [0xED, 0xA0, 0x80], "x.example"), // surrogate
            Octets("b", [0xFF], "x.example"),
            Octets("b", [0xBC], "x.example"),             // lone continuation octet
        ];
        foreach (byte[] input in cases)
        {
            Assert.Equal("b", Scan(Domain.TryScan, Content(input)));
        }

        Assert.Null(Scan(Domain.TryScan, Content(Octets("", [0xC3], "example"))));
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("bücher.example")]
    public void Write_round_trips(string domain)
    {
        string written = Write(Domain.Write, domain);
        Assert.Equal(domain, written);
        Assert.Equal(domain, Scan(Domain.TryScan, Content(written)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("foo-.com")]
    [InlineData("example.com.")]
    [InlineData("example.com\r\nRCPT TO:<x@y>")]
    [InlineData("exa mple.com")]
    [InlineData("under_score.example")]
    public void Write_refuses_what_is_not_a_domain(string value)
    {
        Refuses(Domain.Write, value, nameof(Domain));
    }

    [Fact]
    public void Write_refuses_ill_formed_UTF8()
    {
        Refuses(Domain.Write, Octets("b", [0xC3], "cher.example"), nameof(Domain));
    }

    [Fact]
    public void A_domain_is_at_most_255_octets_and_so_is_what_ehlo_names()
    {
        // RFC 5321 §4.5.3.1.2; found by fuzzing the server: a longer name made its reply to EHLO longer than 512 octets.
        string longest = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..255];
        Assert.Equal(longest, Consumed(Domain.TryScan, longest));
        Assert.Null(Consumed(Domain.TryScan, longest + "b"));
        Assert.Null(Consumed(DomainOrAddressLiteral.TryScan, longest + "b"));
    }
}
