using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class DomainOrAddressLiteralTests
{
    [Theory]
    [InlineData("client.example.com", "client.example.com")]
    [InlineData("client.example.com extra", "client.example.com")]
    [InlineData("[192.0.2.1]", "[192.0.2.1]")]
    [InlineData("[IPv6:::1] extra", "[IPv6:::1]")]
    [InlineData("[300.0.2.1]", null)]
    [InlineData("-client", null)]
    [InlineData("", null)]
    public void Scans_either_form(string input, string? value)
    {
        Assert.Equal(value, Consumed(DomainOrAddressLiteral.TryScan, input));
    }

    [Theory]
    [InlineData("client.example.com")]
    [InlineData("[192.0.2.1]")]
    public void Write_round_trips(string value)
    {
        Assert.Equal(value, Scan(DomainOrAddressLiteral.TryScan, Content(Write(DomainOrAddressLiteral.Write, value))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[192.0.2.1")]
    [InlineData("client\r\nQUIT")]
    public void Write_refuses_what_is_neither(string value)
    {
        Refuses(DomainOrAddressLiteral.Write, value, nameof(DomainOrAddressLiteral));
    }
}
