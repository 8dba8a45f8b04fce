using SmtpGen.Captures;
using static SmtpGen.Tests.Captures.Scanning;

namespace SmtpGen.Tests.Captures;

/// <summary>The kinds of DSN's RCPT parameters (RFC 3461 §4.1, §4.2).</summary>
public class DsnKindsTests
{
    [Theory]
    [InlineData("NEVER", "NEVER")]
    [InlineData("never", "never")]
    [InlineData("SUCCESS,FAILURE,DELAY", "SUCCESS,FAILURE,DELAY")]
    [InlineData("delay,Success", "delay,Success")]
    [InlineData("NEVER,SUCCESS", null)]
    [InlineData("SUCCESS,SUCCESS", null)]
    [InlineData("SUCCESS,", null)]
    [InlineData("SOMETIMES", null)]
    [InlineData("", null)]
    public void Notify_is_never_or_a_list_of_distinct_conditions(string input, string? notify)
    {
        Assert.Equal(notify, Consumed(DsnNotify.TryScan, input));
    }

    [Theory]
    [InlineData("rfc822;bob@example.com", "rfc822;bob@example.com")]
    [InlineData("rfc822;a+2Bb@example.com more", "rfc822;a+2Bb@example.com")]
    [InlineData("utf-8;bob", "utf-8;bob")]
    [InlineData("rfc822;", null)]
    [InlineData(";bob@example.com", null)]
    [InlineData("bob@example.com", null)]
    public void Orcpt_is_an_address_type_and_xtext(string input, string? orcpt)
    {
        Assert.Equal(orcpt, Consumed(OriginalRecipient.TryScan, input));
    }
}
