using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

public class PathTests
{
    [Theory]
    [InlineData("<user@example.com>", "user@example.com", 18)]
    [InlineData("<user@example.com> SIZE=100", "user@example.com", 18)]
    [InlineData("<>", "", 2)]
    [InlineData("<> BODY=8BITMIME", "", 2)]
    [InlineData("<@relay.example:user@example.com>", "user@example.com", 33)]
    [InlineData("<@a.example,@b.example:user@example.com>", "user@example.com", 40)]
    [InlineData("<\"john doe\"@[192.0.2.1]>", "\"john doe\"@[192.0.2.1]", 24)]
    [InlineData("<用户@例子.广告>", "用户@例子.广告", 22)]
    public void ReversePath_yields_the_mailbox(string input, string mailbox, int consumed)
    {
        byte[] content = Content(input);
        Assert.Equal(mailbox, Scan(ReversePath.TryScan, content));
        int position = Start;
        Assert.True(ReversePath.TryScan(content, ref position, out _));
        Assert.Equal(Start + consumed, position);
    }

    [Theory]
    [InlineData("user@example.com")]
    [InlineData("<user@example.com")]
    [InlineData("<user@example.com >")]
    [InlineData("< user@example.com>")]
    [InlineData("<user>")]
    [InlineData("<Postmaster>")]
    [InlineData("<@relay.example user@example.com>")]
    [InlineData("<@relay.example,user@example.com>")]
    [InlineData("<@relay.example:>")]
    [InlineData("<@[192.0.2.1]:user@example.com>")]
    [InlineData("<@relay.example,:user@example.com>")]
    [InlineData("< >")]
    [InlineData("")]
    public void ReversePath_refuses_what_is_not_a_path(string input)
    {
        Assert.Null(Scan(ReversePath.TryScan, Content(input)));
    }

    [Theory]
    [InlineData("<user@example.com>", "user@example.com")]
    [InlineData("<@relay.example:user@example.com>", "user@example.com")]
    [InlineData("<Postmaster>", "Postmaster")]
    [InlineData("<postMASTER> NOTIFY=NEVER", "postMASTER")]
    [InlineData("<Postmaster@example.com>", "Postmaster@example.com")]
    public void ForwardPath_yields_the_mailbox_or_postmaster(string input, string value)
    {
        Assert.Equal(value, Scan(ForwardPath.TryScan, Content(input)));
    }

    [Theory]
    [InlineData("<>")]
    [InlineData("<Postmaster")]
    [InlineData("<Postmasters>")]
    [InlineData("<user>")]
    [InlineData("user@example.com")]
    [InlineData("")]
    public void ForwardPath_refuses_what_is_neither(string input)
    {
        Assert.Null(Scan(ForwardPath.TryScan, Content(input)));
    }

    [Theory]
    [InlineData("user@example.com", "<user@example.com>")]
    [InlineData("", "<>")]
    [InlineData("\"a b\"@[IPv6:::1]", "<\"a b\"@[IPv6:::1]>")]
    public void ReversePath_writes_brackets_and_round_trips(string mailbox, string written)
    {
        string output = Write(ReversePath.Write, mailbox);
        Assert.Equal(written, output);
        Assert.Equal(mailbox, Scan(ReversePath.TryScan, Content(output)));
    }

    [Theory]
    [InlineData("user@example.com", "<user@example.com>")]
    [InlineData("Postmaster", "<Postmaster>")]
    [InlineData("postmaster", "<postmaster>")]
    public void ForwardPath_writes_brackets_and_round_trips(string value, string written)
    {
        string output = Write(ForwardPath.Write, value);
        Assert.Equal(written, output);
        Assert.Equal(value, Scan(ForwardPath.TryScan, Content(output)));
    }

    [Theory]
    [InlineData("<user@example.com>")]
    [InlineData("user")]
    [InlineData("user@example.com>\r\nRCPT TO:<evil@example.com")]
    public void ReversePath_write_refuses_what_is_not_a_mailbox(string value)
    {
        Refuses(ReversePath.Write, value, nameof(ReversePath));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Postmasters")]
    [InlineData("user")]
    [InlineData("user@example.com>\r\nDATA")]
    public void ForwardPath_write_refuses_empty_and_what_is_not_a_mailbox(string value)
    {
        Refuses(ForwardPath.Write, value, nameof(ForwardPath));
    }
}
