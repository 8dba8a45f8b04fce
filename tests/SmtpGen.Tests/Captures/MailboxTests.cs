using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class MailboxTests
{
    [Theory]
    [InlineData("user@example.com")]
    [InlineData("first.last@example.com")]
    [InlineData("a!#$%&'*+-/=?^_`{|}~z@example.com")]
    [InlineData("user@[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]")]
    [InlineData("\"john doe\"@example.com")]
    [InlineData("\"\"@example.com")]
    [InlineData("\"Joe\\,Smith\"@example.com")]
    [InlineData("\"quote\\\"inside\"@example.com")]
    [InlineData("\"back\\\\slash\"@example.com")]
    [InlineData("\"with@at\"@example.com")]
    [InlineData("\"ünïcode\"@example.com")]
    [InlineData("用户@例子.广告")]
    [InlineData("δοκιμή@παράδειγμα.δοκιμή")]
    public void Scans_a_whole_mailbox(string mailbox)
    {
        Assert.Equal(mailbox, Consumed(Mailbox.TryScan, mailbox));
    }

    [Theory]
    [InlineData("user@example.com> SIZE=1", "user@example.com")]
    [InlineData("user@example.com.", "user@example.com")]
    [InlineData("user@foo-.com", "user@foo")]
    [InlineData("user", null)]
    [InlineData("@example.com", null)]
    [InlineData("user@", null)]
    [InlineData("user@-example.com", null)]
    [InlineData(".user@example.com", null)]
    [InlineData("user.@example.com", null)]
    [InlineData("us..er@example.com", null)]
    [InlineData("us er@example.com", null)]
    [InlineData("user@@example.com", null)]
    [InlineData("\"unterminated@example.com", null)]
    [InlineData("\"bad\\\u0001escape\"@example.com", null)]
    [InlineData("\"tab\tinside\"@example.com", null)]
    [InlineData("\"nul\0inside\"@example.com", null)]
    [InlineData("\"cr\rinside\"@example.com", null)]
    [InlineData("us\0er@example.com", null)]
    [InlineData("user@[256.1.1.1]", null)]
    [InlineData("\"a\"b@example.com", null)]
    public void Refuses_or_shortens_what_is_not_a_mailbox(string input, string? mailbox)
    {
        Assert.Equal(mailbox, Consumed(Mailbox.TryScan, input));
    }

    [Fact]
    public void Ill_formed_UTF8_in_the_local_part_is_refused()
    {
        Assert.Null(Scan(Mailbox.TryScan, Content(Octets("us", [0xC3, 0x28], "er@example.com"))));
        Assert.Null(Scan(Mailbox.TryScan, Content(Octets("\"us", [0xE2, 0x82], "\"@example.com"))));
    }

    [Theory]
    [InlineData("user@example.com")]
    [InlineData("\"john doe\"@example.com")]
    [InlineData("用户@例子.广告")]
    public void Write_round_trips(string mailbox)
    {
        Assert.Equal(mailbox, Scan(Mailbox.TryScan, Content(Write(Mailbox.Write, mailbox))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("user")]
    [InlineData("user@example.com>")]
    [InlineData("user@example.com\r\nDATA")]
    [InlineData("\"a\r\nb\"@example.com")]
    public void Write_refuses_what_is_not_a_mailbox(string value)
    {
        Refuses(Mailbox.Write, value, nameof(Mailbox));
    }
}
