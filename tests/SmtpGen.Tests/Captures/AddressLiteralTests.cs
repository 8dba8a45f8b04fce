using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class AddressLiteralTests
{
    [Theory]
    [InlineData("[192.0.2.1]")]
    [InlineData("[0.0.0.0]")]
    [InlineData("[255.255.255.255]")]
    [InlineData("[001.02.3.4]")]
    [InlineData("[IPv6:2001:db8:0:0:0:0:0:1]")]
    [InlineData("[IPv6:2001:DB8:FFFF:abcd:0:0:0:1]")]
    [InlineData("[ipv6:2001:db8::1]")]
    [InlineData("[IPv6:::]")]
    [InlineData("[IPv6:::1]")]
    [InlineData("[IPv6:fe80::]")]
    [InlineData("[IPv6:1:2:3:4:5:6::]")]
    [InlineData("[IPv6:::1:2:3:4:5:6]")]
    [InlineData("[IPv6:1:2:3::4:5:6]")]
    [InlineData("[IPv6:1:2:3:4:5:6:192.0.2.1]")]
    [InlineData("[IPv6:::ffff:192.0.2.1]")]
    [InlineData("[IPv6:::192.0.2.1]")]
    [InlineData("[IPv6:1:2::3:4:192.0.2.1]")]
    [InlineData("[IPv6:1:2:3:4::192.0.2.1]")]
    [InlineData("[x-tag:anything!here]")]
    [InlineData("[tag:a:b:c]")]
    [InlineData("[-tag:x]")]
    public void Scans_a_valid_literal(string literal)
    {
        Assert.Equal(literal, Scan(AddressLiteral.TryScan, Content(literal)));
        Assert.Equal(literal, Consumed(AddressLiteral.TryScan, literal + " SIZE=1"));
    }

    [Theory]
    [InlineData("[256.0.0.1]")]
    [InlineData("[1.2.3.999]")]
    [InlineData("[1.2.3]")]
    [InlineData("[1.2.3.4.5]")]
    [InlineData("[1.2.3.4 ]")]
    [InlineData("[1..3.4]")]
    [InlineData("[1.2.3.0004]")]
    [InlineData("[IPv6:1:2:3:4:5:6:7]")]
    [InlineData("[IPv6:1:2:3:4:5:6:7:8:9]")]
    [InlineData("[IPv6:1:2:3:4:5:6:7::]")]
    [InlineData("[IPv6:1::2:3:4:5:6:7]")]
    [InlineData("[IPv6:1::2::3]")]
    [InlineData("[IPv6::::1]")]
    [InlineData("[IPv6::1]")]
    [InlineData("[IPv6:1:]")]
    [InlineData("[IPv6:12345::1]")]
    [InlineData("[IPv6:g::1]")]
    [InlineData("[IPv6:]")]
    [InlineData("[IPv6:1:2:3:4:5:192.0.2.1]")]
    [InlineData("[IPv6:1:2:3:4:5:6:7:192.0.2.1]")]
    [InlineData("[IPv6:1:2:3:4:5::192.0.2.1]")]
    [InlineData("[IPv6:::256.0.0.1]")]
    [InlineData("[IPv6:::192.0.2.1:1]")]
    [InlineData("[IPv6:2001:db8::1%eth0]")]
    [InlineData("[tag-:x]")]
    [InlineData("[tag:]")]
    [InlineData("[:x]")]
    [InlineData("[ta_g:x]")]
    [InlineData("[tag:a b]")]
    [InlineData("[tag:a\\b]")]
    [InlineData("[tag:a[b]")]
    [InlineData("[tag:é]")]
    [InlineData("[example.com]")]
    [InlineData("[]")]
    [InlineData("[192.0.2.1")]
    [InlineData("192.0.2.1")]
    [InlineData("")]
    public void Refuses_an_invalid_literal(string input)
    {
        Assert.Null(Scan(AddressLiteral.TryScan, Content(input)));
    }

    [Theory]
    [InlineData("[192.0.2.1]")]
    [InlineData("[IPv6:2001:db8::1]")]
    [InlineData("[x-tag:stuff]")]
    public void Write_round_trips(string literal)
    {
        Assert.Equal(literal, Scan(AddressLiteral.TryScan, Content(Write(AddressLiteral.Write, literal))));
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("[256.0.0.1]")]
    [InlineData("[192.0.2.1] x")]
    [InlineData("[192.0.2.1]\r\n")]
    public void Write_refuses_what_is_not_a_literal(string value)
    {
        Refuses(AddressLiteral.Write, value, nameof(AddressLiteral));
    }
}
